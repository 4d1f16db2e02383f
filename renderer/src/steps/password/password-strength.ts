/**
 * The strength meter: zxcvbn (dictionaries, keyboard patterns, dates,
 * repeats), loaded on first use so the first paint of the kiosk does not
 * carry its dictionaries. Scores 0–4 as zxcvbn defines them. The password is
 * only ever passed to the function, never stored here.
 */
export type StrengthScore = 0 | 1 | 2 | 3 | 4;
export type StrengthMeter = (password: string) => StrengthScore;

let loading: Promise<StrengthMeter> | null = null;

export function loadStrengthMeter(): Promise<StrengthMeter> {
  loading ??= (async () => {
    const [{ ZxcvbnFactory }, common, english] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
    const zxcvbn = new ZxcvbnFactory({
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...english.dictionary },
    });
    return (password: string) => (password ? zxcvbn.check(password).score : 0) as StrengthScore;
  })();
  return loading;
}

/** Words for the meter (i18n keys under `password.strength`), never colour alone. */
export const STRENGTH_KEYS = ['veryWeak', 'weak', 'fair', 'strong', 'veryStrong'] as const;

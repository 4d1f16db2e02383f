/**
 * The crash points of a paid service run, derived from the journal writes of
 * one clean run: "after N" kills the kiosk right after write N is on disk;
 * "before N" kills it just before write N, when write N is an outcome (the
 * terminal or gateway has acted, the journal does not know yet).
 */
export interface JournalWrite {
  n: number;
  kind: 'intent' | 'outcome' | 'event';
  action?: string;
  result?: string;
  type?: string;
}

export interface CrashCase {
  service: string;
  when: 'after' | 'before';
  n: number;
  /** What the crash lands on, for the report. */
  write: string;
  /** Cut the terminal simulator's power at the moment the kiosk dies (restored before the restart). */
  powerCut: boolean;
  /** The terminal is still off at the first restart (recovery cannot ask it); power returns before a second restart. */
  powerStaysOff: boolean;
}

export function caseName(c: CrashCase): string {
  return `${c.service} ${c.when} write ${c.n} (${c.write})${c.powerCut ? (c.powerStaysOff ? ' + terminal power cut, still off at restart' : ' + terminal power cut') : ''}`;
}

/**
 * Every crash point of `writes` for the main service; for the others (and for
 * power cuts) only the points where money is in flight, to keep the harness
 * short: before the authorisation outcome, after the submit intent, before the
 * submit outcome.
 */
export function crashCases(service: string, writes: readonly JournalWrite[], options: { full: boolean }): CrashCase[] {
  const label = (w: JournalWrite): string => {
    if (w.kind === 'intent') return `${w.action} intent`;
    if (w.kind === 'event') return `${w.type} event`;
    const intent = [...writes].reverse().find((x) => x.kind === 'intent' && x.n < w.n);
    return `${intent?.action ?? '?'} outcome ${w.result}`;
  };
  const cases: CrashCase[] = [];
  const add = (when: CrashCase['when'], w: JournalWrite, powerCut = false, powerStaysOff = false) =>
    cases.push({ service, when, n: w.n, write: `${when === 'before' ? 'not yet written: ' : ''}${label(w)}`, powerCut, powerStaysOff });
  const outcomeOf = (action: string) => writes.find((w) => w.kind === 'outcome' && label(w).startsWith(`${action} outcome`));
  const intentOf = (action: string) => writes.find((w) => w.kind === 'intent' && w.action === action);
  if (options.full) {
    for (const w of writes) add('after', w);
    for (const w of writes) if (w.kind === 'outcome') add('before', w);
    const authOutcome = outcomeOf('authorise');
    if (authOutcome) {
      add('before', authOutcome, true);
      add('after', authOutcome, true);
      add('before', authOutcome, true, true);
    }
  } else {
    const authOutcome = outcomeOf('authorise');
    const submitIntent = intentOf('submit');
    const submitOutcome = outcomeOf('submit');
    if (authOutcome) add('before', authOutcome);
    if (submitIntent) add('after', submitIntent);
    if (submitOutcome) add('before', submitOutcome);
  }
  return cases;
}

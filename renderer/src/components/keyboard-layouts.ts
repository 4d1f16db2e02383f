/**
 * On-screen keyboard layouts. Each key is the character it inserts; its
 * label is the key itself (digits shown per locale).
 *
 * The letter rows keep the physical positions citizens know from their
 * phone and a desk keyboard — on the Arabic layout ض sits at the top-left
 * corner, as on every Arabic 101 keyboard — so they are laid out left to
 * right in both page directions. The keyboard's chrome (layout switch,
 * space, clear, backspace) follows the page direction and mirrors in Arabic.
 */
export type LayoutName = 'arabic' | 'english' | 'englishShift' | 'email' | 'numeric' | 'password' | 'passwordShift';
/** A field's keyboard kind from the core, plus `password` (the eKey password step: Latin letters, digits, symbols). */
export type KeyboardKind = 'text' | 'numeric' | 'email' | 'phone' | 'password';

/** The symbols a password policy counts, on their own row (no Arabic: the gateway's rules are about Latin case). */
const SYMBOLS = ['!', '@', '#', '$', '%', '&', '*', '?', '_', '+'];

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

const ENGLISH: readonly (readonly string[])[] = [
  DIGITS,
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', '-'],
  ['z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', "'"],
];

const PASSWORD: readonly (readonly string[])[] = [
  DIGITS,
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', '-'],
  ['z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '='],
  SYMBOLS,
];

/** The same keys with the letters in capitals (digits and symbols stay where they are). */
const shifted = (layout: readonly (readonly string[])[]) => layout.map((row) => row.map((key) => key.toUpperCase()));

export const LAYOUTS: Record<LayoutName, readonly (readonly string[])[]> = {
  // Arabic 101, without the Latin punctuation a name or address never needs.
  arabic: [
    DIGITS,
    ['ض', 'ص', 'ث', 'ق', 'ف', 'غ', 'ع', 'ه', 'خ', 'ح', 'ج', 'د'],
    ['ش', 'س', 'ي', 'ب', 'ل', 'ا', 'ت', 'ن', 'م', 'ك', 'ط', 'ذ'],
    ['ئ', 'ء', 'ؤ', 'ر', 'ى', 'ة', 'و', 'ز', 'ظ', 'أ', 'إ', 'آ'],
  ],
  english: ENGLISH,
  englishShift: shifted(ENGLISH),
  email: [
    DIGITS,
    ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
    ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', '@'],
    ['z', 'x', 'c', 'v', 'b', 'n', 'm', '.', '-', '_'],
  ],
  password: PASSWORD,
  passwordShift: shifted(PASSWORD),
  // A phone-style pad: 1-2-3 on top in every language. Clear and backspace sit beside 0.
  numeric: [
    ['1', '2', '3'],
    ['4', '5', '6'],
    ['7', '8', '9'],
    ['0'],
  ],
};

/** Which layout a field opens with, given its keyboard kind and the screen language. */
export function initialLayout(keyboard: KeyboardKind, language: 'ar' | 'en'): LayoutName {
  if (keyboard === 'numeric' || keyboard === 'phone') return 'numeric';
  if (keyboard === 'email') return 'email';
  if (keyboard === 'password') return 'password';
  return language === 'ar' ? 'arabic' : 'english';
}

/** Layouts a field may switch between (names and addresses occur in both scripts). */
export function switchableLayouts(keyboard: KeyboardKind): LayoutName[] {
  if (keyboard === 'text') return ['arabic', 'english'];
  if (keyboard === 'email') return ['email'];
  if (keyboard === 'password') return ['password'];
  return ['numeric'];
}

/** The layout the switch key goes to (shift is a state of English, not a layout of its own). */
export function nextLayout(current: LayoutName, keyboard: KeyboardKind): LayoutName {
  const choices = switchableLayouts(keyboard);
  const base = unshifted(current);
  const i = choices.indexOf(base);
  return choices[(i + 1) % choices.length] ?? base;
}

/** Shift toggles between lower and upper case English; other layouts have no case. */
export function toggleShift(current: LayoutName): LayoutName {
  if (current === 'english') return 'englishShift';
  if (current === 'englishShift') return 'english';
  if (current === 'password') return 'passwordShift';
  if (current === 'passwordShift') return 'password';
  return current;
}

export function isShifted(layout: LayoutName): boolean {
  return layout === 'englishShift' || layout === 'passwordShift';
}

/** The layout without shift (for styling and for the layout switch). */
export function unshifted(layout: LayoutName): LayoutName {
  return isShifted(layout) ? toggleShift(layout) : layout;
}

export function hasShift(layout: LayoutName): boolean {
  return layout === 'english' || layout === 'englishShift' || layout === 'password' || layout === 'passwordShift';
}

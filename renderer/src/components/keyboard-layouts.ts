/** On-screen keyboard layouts. Keys are the characters they insert; labels come from the key itself. */
export type LayoutName = 'arabic' | 'english' | 'englishShift' | 'email' | 'numeric';

export const LAYOUTS: Record<LayoutName, string[][]> = {
  // Standard Arabic (101) keyboard rows, without the Latin punctuation.
  arabic: [
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
    ['ض', 'ص', 'ث', 'ق', 'ف', 'غ', 'ع', 'ه', 'خ', 'ح', 'ج', 'د'],
    ['ش', 'س', 'ي', 'ب', 'ل', 'ا', 'ت', 'ن', 'م', 'ك', 'ط', 'ذ'],
    ['ئ', 'ء', 'ؤ', 'ر', 'ى', 'ة', 'و', 'ز', 'ظ', 'أ', 'إ', 'آ'],
  ],
  english: [
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
    ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
    ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', '-'],
    ['z', 'x', 'c', 'v', 'b', 'n', 'm', '.', "'"],
  ],
  englishShift: [
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
    ['Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P'],
    ['A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', '-'],
    ['Z', 'X', 'C', 'V', 'B', 'N', 'M', '.', "'"],
  ],
  email: [
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
    ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
    ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', '@'],
    ['z', 'x', 'c', 'v', 'b', 'n', 'm', '.', '-', '_'],
  ],
  numeric: [
    ['1', '2', '3'],
    ['4', '5', '6'],
    ['7', '8', '9'],
    ['0'],
  ],
};

/** Which layout a field opens with, given its keyboard kind and the screen language. */
export function initialLayout(keyboard: 'text' | 'numeric' | 'email' | 'phone', language: 'ar' | 'en'): LayoutName {
  if (keyboard === 'numeric' || keyboard === 'phone') return 'numeric';
  if (keyboard === 'email') return 'email';
  return language === 'ar' ? 'arabic' : 'english';
}

/** Layouts a text field may switch between (Arabic names and Latin names both occur). */
export function switchableLayouts(keyboard: 'text' | 'numeric' | 'email' | 'phone'): LayoutName[] {
  if (keyboard === 'text') return ['arabic', 'english'];
  if (keyboard === 'email') return ['email'];
  return ['numeric'];
}

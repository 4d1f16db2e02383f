/**
 * HID Keyboard/Keypad page (0x07) usage IDs and their characters on a US
 * layout, which is what keyboard-wedge scanners emit unless configured for
 * another country (source: USB HID Usage Tables 1.5, chapter 10 "Keyboard/
 * Keypad Page"; the boot keyboard report is in the HID 1.11 spec, appendix B.1).
 *
 * Only what a scanner or our keypad sends is mapped; anything else decodes to
 * `null`, which the callers treat as garbage rather than guessing.
 */

export const KEY = {
  A: 0x04,
  Z: 0x1d,
  DIGIT_1: 0x1e,
  DIGIT_0: 0x27,
  ENTER: 0x28,
  ESCAPE: 0x29,
  BACKSPACE: 0x2a,
  TAB: 0x2b,
  SPACE: 0x2c,
  NON_US_HASH: 0x32,
  F1: 0x3a,
  DELETE: 0x4c,
  RIGHT: 0x4f,
  LEFT: 0x50,
  DOWN: 0x51,
  UP: 0x52,
  KP_ASTERISK: 0x55,
  KP_ENTER: 0x58,
  KP_1: 0x59,
  KP_0: 0x62,
  HELP: 0x75,
  VOLUME_UP: 0x80,
  VOLUME_DOWN: 0x81,
  /** Reported in every key slot when more keys are down than the report can hold. */
  ERROR_ROLL_OVER: 0x01,
} as const;

/** Modifier byte bits (boot report byte 0). */
export const MODIFIER = {
  LEFT_CTRL: 0x01,
  LEFT_SHIFT: 0x02,
  LEFT_ALT: 0x04,
  LEFT_GUI: 0x08,
  RIGHT_CTRL: 0x10,
  RIGHT_SHIFT: 0x20,
  RIGHT_ALT: 0x40,
  RIGHT_GUI: 0x80,
} as const;

const SHIFT_MASK = MODIFIER.LEFT_SHIFT | MODIFIER.RIGHT_SHIFT;
/** Ctrl, Alt or GUI held: a wedge scanner never sends these with data, so it is garbage. */
const COMMAND_MASK = 0xff & ~SHIFT_MASK;

// Punctuation keys 0x2D..0x38 (0x32 "Non-US #" is absent on a US layout): [plain, shifted].
const PUNCTUATION: Readonly<Record<number, readonly [string, string]>> = {
  0x2c: [' ', ' '],
  0x2d: ['-', '_'],
  0x2e: ['=', '+'],
  0x2f: ['[', '{'],
  0x30: [']', '}'],
  0x31: ['\\', '|'],
  0x33: [';', ':'],
  0x34: ["'", '"'],
  0x35: ['`', '~'],
  0x36: [',', '<'],
  0x37: ['.', '>'],
  0x38: ['/', '?'],
};
const SHIFTED_DIGITS = '!@#$%^&*()';
const KEYPAD: Readonly<Record<number, string>> = { 0x54: '/', 0x55: '*', 0x56: '-', 0x57: '+', 0x63: '.' };

/** The printable character a key produces, or null (not printable, or a command modifier is held). */
export function usageToChar(usage: number, modifiers: number): string | null {
  if ((modifiers & COMMAND_MASK) !== 0) return null;
  const shifted = (modifiers & SHIFT_MASK) !== 0;
  if (usage >= KEY.A && usage <= KEY.Z) {
    const letter = String.fromCharCode(0x61 + usage - KEY.A);
    return shifted ? letter.toUpperCase() : letter;
  }
  if (usage >= KEY.DIGIT_1 && usage <= KEY.DIGIT_0) {
    const index = usage - KEY.DIGIT_1; // 0 → '1' … 9 → '0'
    return shifted ? SHIFTED_DIGITS.charAt(index) : String((index + 1) % 10);
  }
  if (usage >= KEY.KP_1 && usage <= KEY.KP_0) return String((usage - KEY.KP_1 + 1) % 10);
  const keypad = KEYPAD[usage];
  if (keypad !== undefined) return keypad;
  const punctuation = PUNCTUATION[usage];
  if (punctuation !== undefined) return punctuation[shifted ? 1 : 0];
  return null;
}

/** The key (and shift) that types `char` on a US layout; null when no key does (Arabic, controls). */
export function charToUsage(char: string): { usage: number; modifiers: number } | null {
  if (char.length !== 1) return null;
  const code = char.charCodeAt(0);
  if (code >= 0x61 && code <= 0x7a) return { usage: KEY.A + code - 0x61, modifiers: 0 };
  if (code >= 0x41 && code <= 0x5a) return { usage: KEY.A + code - 0x41, modifiers: MODIFIER.LEFT_SHIFT };
  if (code >= 0x31 && code <= 0x39) return { usage: KEY.DIGIT_1 + code - 0x31, modifiers: 0 };
  if (char === '0') return { usage: KEY.DIGIT_0, modifiers: 0 };
  const shiftedDigit = SHIFTED_DIGITS.indexOf(char);
  if (shiftedDigit >= 0) return { usage: KEY.DIGIT_1 + shiftedDigit, modifiers: MODIFIER.LEFT_SHIFT };
  for (const [usage, [plain, shifted]] of Object.entries(PUNCTUATION)) {
    if (char === plain) return { usage: Number(usage), modifiers: 0 };
    if (char === shifted) return { usage: Number(usage), modifiers: MODIFIER.LEFT_SHIFT };
  }
  return null;
}

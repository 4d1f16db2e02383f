/**
 * The tactile keypad's keys, the HID usages our keypad sends for them, and
 * what each key means to the kiosk.
 *
 * Modelled on audio-navigation keypads such as the Storm AudioNav (1400
 * series technical manual: a USB keyboard interface that sends boot keyboard
 * reports from a configurable code table, plus an audio jack). Our default
 * code table uses Keyboard/Keypad page usages (HID Usage Tables 1.5, ch. 10)
 * that mean the same thing on any desktop, so a technician testing the
 * keypad in a text field sees sensible keys.
 */
import { KEY } from '../hid/keyboard-usages.ts';

export const KEYPAD_KEYS = [
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#',
  'enter', 'cancel', 'clear', 'back', 'up', 'down', 'left', 'right', 'help', 'volumeUp', 'volumeDown',
] as const; // prettier-ignore
export type KeypadKey = (typeof KEYPAD_KEYS)[number];

export const DEFAULT_CODE_TABLE: Readonly<Record<KeypadKey, number>> = {
  '0': KEY.KP_0,
  '1': KEY.KP_1,
  '2': KEY.KP_1 + 1,
  '3': KEY.KP_1 + 2,
  '4': KEY.KP_1 + 3,
  '5': KEY.KP_1 + 4,
  '6': KEY.KP_1 + 5,
  '7': KEY.KP_1 + 6,
  '8': KEY.KP_1 + 7,
  '9': KEY.KP_1 + 8,
  '*': KEY.KP_ASTERISK,
  '#': KEY.NON_US_HASH,
  enter: KEY.KP_ENTER,
  cancel: KEY.ESCAPE,
  clear: KEY.DELETE,
  back: KEY.BACKSPACE,
  up: KEY.UP,
  down: KEY.DOWN,
  left: KEY.LEFT,
  right: KEY.RIGHT,
  help: KEY.HELP,
  volumeUp: KEY.VOLUME_UP,
  volumeDown: KEY.VOLUME_DOWN,
};

/** usage → key for a code table; a table that maps two keys to one usage is a configuration error. */
export function keysByUsage(table: Readonly<Record<KeypadKey, number>>): ReadonlyMap<number, KeypadKey> {
  const map = new Map<number, KeypadKey>();
  for (const key of KEYPAD_KEYS) {
    const usage = table[key];
    if (map.has(usage)) throw new RangeError(`code table maps both ${map.get(usage)} and ${key} to usage 0x${usage.toString(16)}`);
    map.set(usage, key);
  }
  return map;
}

/** What a key press means for navigation and PIN entry, independent of the code table. */
export type KeypadInput =
  | { readonly kind: 'digit'; readonly digit: string }
  | { readonly kind: 'symbol'; readonly symbol: '*' | '#' }
  | { readonly kind: 'confirm' | 'cancel' | 'clear' | 'backspace' | 'help' }
  | { readonly kind: 'navigate'; readonly direction: 'up' | 'down' | 'left' | 'right' }
  | { readonly kind: 'volume'; readonly change: 1 | -1 };

export function inputFor(key: KeypadKey): KeypadInput {
  switch (key) {
    case '*':
    case '#':
      return { kind: 'symbol', symbol: key };
    case 'enter':
      return { kind: 'confirm' };
    case 'cancel':
      return { kind: 'cancel' };
    case 'clear':
      return { kind: 'clear' };
    case 'back':
      return { kind: 'backspace' };
    case 'help':
      return { kind: 'help' };
    case 'up':
    case 'down':
    case 'left':
    case 'right':
      return { kind: 'navigate', direction: key };
    case 'volumeUp':
      return { kind: 'volume', change: 1 };
    case 'volumeDown':
      return { kind: 'volume', change: -1 };
    default:
      return { kind: 'digit', digit: key };
  }
}

export function isDigitKey(key: KeypadKey): boolean {
  return key.length === 1 && key >= '0' && key <= '9';
}

/**
 * The HID boot keyboard input report (HID 1.11, appendix B.1): 8 bytes,
 * `modifiers | reserved | key1 … key6`. A report is the keyboard's whole state
 * — the keys down now — not an event, so key-down and key-up come from
 * comparing each report with the one before (`diffKeys`).
 *
 * With more than six keys down the keyboard fills every slot with
 * ErrorRollOver (0x01); such a report says nothing about which keys are down,
 * so callers keep the previous state.
 */
import type { DecodeResult } from '../shared/result.ts';
import { fail, ok } from '../shared/result.ts';
import { KEY } from './keyboard-usages.ts';

export const BOOT_KEYBOARD_REPORT_SIZE = 8;
const KEY_SLOTS = 6;

export interface KeyboardState {
  readonly modifiers: number;
  /** Usage IDs of the keys down, in report order, without empty slots. */
  readonly keys: readonly number[];
}

export type BootKeyboardReport = { readonly kind: 'state'; readonly state: KeyboardState } | { readonly kind: 'rollOver'; readonly modifiers: number };

export const NO_KEYS: KeyboardState = { modifiers: 0, keys: [] };

export function encodeBootKeyboardReport(state: KeyboardState): Uint8Array {
  if (state.keys.length > KEY_SLOTS) throw new RangeError(`a boot keyboard report holds ${KEY_SLOTS} keys, got ${state.keys.length}`);
  const data = new Uint8Array(BOOT_KEYBOARD_REPORT_SIZE);
  data[0] = state.modifiers & 0xff;
  state.keys.forEach((usage, i) => {
    if (!Number.isInteger(usage) || usage < 0x04 || usage > 0xff) throw new RangeError(`not a key usage: ${usage}`);
    data[2 + i] = usage;
  });
  return data;
}

export function decodeBootKeyboardReport(data: Uint8Array): DecodeResult<BootKeyboardReport> {
  if (data.length < BOOT_KEYBOARD_REPORT_SIZE) return fail(`boot keyboard report is ${BOOT_KEYBOARD_REPORT_SIZE} bytes, got ${data.length}`);
  const modifiers = data[0]!;
  const slots = Array.from(data.subarray(2, 2 + KEY_SLOTS));
  if (slots.every((usage) => usage === KEY.ERROR_ROLL_OVER)) return ok({ kind: 'rollOver', modifiers });
  // 0x00 = empty slot; 0x02/0x03 (POSTFail/ErrorUndefined) are not keys either.
  const keys = slots.filter((usage) => usage >= 0x04);
  if (new Set(keys).size !== keys.length) return fail('the same key appears twice in one report');
  return ok({ kind: 'state', state: { modifiers, keys } });
}

/** Keys that went down and up between two states. */
export function diffKeys(before: KeyboardState, after: KeyboardState): { pressed: number[]; released: number[] } {
  return {
    pressed: after.keys.filter((usage) => !before.keys.includes(usage)),
    released: before.keys.filter((usage) => !after.keys.includes(usage)),
  };
}

/**
 * The keypad's own reports beside its keyboard reports:
 *
 *   jack status input report (report ID 3, 2 bytes): flags | reserved
 *     flags bit 0: headphones plugged in the 3.5 mm jack
 *   sent on every change and after GET_STATUS on the vendor channel, whose
 *   reply also carries the flags in data[0].
 *
 * And the key tracker: keyboard reports are states, so key down/up come from
 * comparing consecutive reports.
 */
import type { DecodeResult } from '../shared/result.ts';
import { fail, ok } from '../shared/result.ts';
import { decodeBootKeyboardReport, diffKeys, NO_KEYS, type KeyboardState } from '../hid/boot-keyboard-report.ts';
import type { KeypadKey } from './keypad-keys.ts';

export const JACK_REPORT_SIZE = 2;
const HEADPHONES = 0x01;

export function encodeJackReport(plugged: boolean): Uint8Array {
  return Uint8Array.of(plugged ? HEADPHONES : 0, 0);
}

export function decodeJackReport(data: Uint8Array): DecodeResult<{ plugged: boolean }> {
  if (data.length < JACK_REPORT_SIZE) return fail(`jack report is ${JACK_REPORT_SIZE} bytes, got ${data.length}`);
  if ((data[0]! & ~HEADPHONES) !== 0) return fail(`jack report with unknown flags 0x${data[0]!.toString(16)}`);
  return ok({ plugged: (data[0]! & HEADPHONES) !== 0 });
}

export type KeyChange = { readonly key: KeypadKey; readonly action: 'down' | 'up' };

/**
 * Turns keyboard reports into key changes. Usages outside the code table
 * (garbage, a keypad with another table) are counted, not guessed; a
 * roll-over report keeps the previous state.
 */
export class KeyTracker {
  readonly #table: ReadonlyMap<number, KeypadKey>;
  #state: KeyboardState = NO_KEYS;

  constructor(table: ReadonlyMap<number, KeypadKey>) {
    this.#table = table;
  }

  get down(): KeypadKey[] {
    return this.#state.keys.flatMap((usage) => this.#table.get(usage) ?? []);
  }

  push(data: Uint8Array): DecodeResult<{ changes: KeyChange[]; unknownUsages: number }> {
    const decoded = decodeBootKeyboardReport(data);
    if (!decoded.ok) return decoded;
    if (decoded.value.kind === 'rollOver') return ok({ changes: [], unknownUsages: 0 });
    const next = decoded.value.state;
    const { pressed, released } = diffKeys(this.#state, next);
    this.#state = next;
    let unknownUsages = 0;
    const changes: KeyChange[] = [];
    for (const usage of released) {
      const key = this.#table.get(usage);
      if (key) changes.push({ key, action: 'up' });
    }
    for (const usage of pressed) {
      const key = this.#table.get(usage);
      if (key) changes.push({ key, action: 'down' });
      else unknownUsages++;
    }
    return ok({ changes, unknownUsages });
  }

  /** All keys up (device gone): the changes a listener needs to not think a key is still held. */
  releaseAll(): KeyChange[] {
    const changes = this.down.map((key): KeyChange => ({ key, action: 'up' }));
    this.#state = NO_KEYS;
    return changes;
  }
}

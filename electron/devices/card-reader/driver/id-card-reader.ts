/**
 * The card reader and the ID card application together, in the words a service
 * flow uses: read the card, check the PIN, set a new PIN, write the address, give
 * the card back. Each answer is a small union (the shape of the core's CardPort
 * results, without importing the core), so the core's adapter only renames fields.
 *
 * What the kiosk learnt from the chip is kept only until the card is released.
 */
import type { Address } from '../../chip/id-card-layout.ts';
import { type IdCardData, IdCardApplication, type IdCardFailure } from '../../chip/id-card-application.ts';
import type { Completion } from '../../contract/completion.ts';
import { readStaffCard, type StaffCardData } from '../../chip/staff-card.ts';
import type { CardReaderDevice } from './card-reader-device.ts';

export type DeviceFault = { readonly kind: 'device-fault'; readonly completionCode: string; readonly errorCode?: string };
/** Why no card's chip could be read: nothing inserted in time, pulled out, cancelled, unreadable, or the reader failed. */
export type InsertionFailure =
  | { readonly kind: 'unreadable' }
  | { readonly kind: 'removed' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'canceled' }
  | DeviceFault;
export type CardReadOutcome = { readonly kind: 'read'; readonly card: IdCardData } | { readonly kind: 'foreign' } | InsertionFailure;
export type StaffCardOutcome = { readonly kind: 'staff'; readonly card: StaffCardData } | { readonly kind: 'not-staff' } | InsertionFailure;
export type PinOutcome = { readonly kind: 'ok' } | { readonly kind: 'wrong'; readonly triesLeft: number } | { readonly kind: 'blocked' } | { readonly kind: 'removed' } | { readonly kind: 'canceled' } | DeviceFault;
export type WriteOutcome = { readonly kind: 'ok' } | { readonly kind: 'removed' } | { readonly kind: 'canceled' } | DeviceFault;
export type ReleaseOutcome = { readonly kind: 'taken' } | { readonly kind: 'retained' } | { readonly kind: 'canceled' } | DeviceFault;

/** Chip-side completions that mean "this card cannot be read", not "the reader is broken". */
const UNREADABLE_ERRORS = new Set(['atrNotObtained', 'chipPowerFault', 'protocolNotSupported', 'chipNoResponse', 'chipCommunicationError', 'invalidMedia']);

function fromCompletion(c: Pick<Completion<unknown, string>, 'completionCode' | 'errorCode'>): { kind: 'removed' } | { kind: 'canceled' } | DeviceFault {
  if (c.completionCode === 'userError' && c.errorCode === 'mediaRemoved') return { kind: 'removed' };
  if (c.completionCode === 'canceled') return { kind: 'canceled' };
  return { kind: 'device-fault', completionCode: c.completionCode, ...(c.errorCode === undefined ? {} : { errorCode: c.errorCode }) };
}

function fromFailure(f: IdCardFailure): { kind: 'removed' } | { kind: 'canceled' } | DeviceFault | { kind: 'unreadable' } {
  if (f.kind === 'reader') {
    if (f.errorCode !== undefined && UNREADABLE_ERRORS.has(f.errorCode)) return { kind: 'unreadable' };
    return fromCompletion(f);
  }
  // A card that answers, but not as our application should: treat as unreadable.
  return { kind: 'unreadable' };
}

export class IdCardReader {
  readonly #driver: CardReaderDevice;
  #card: IdCardData | null = null;
  /**
   * One application object per card session: re-selecting the application would reset
   * the card's security state (a verified PIN), so it is selected once, at readCard.
   */
  #session: IdCardApplication | null = null;
  #signal: AbortSignal = new AbortController().signal;

  constructor(driver: CardReaderDevice) {
    this.#driver = driver;
  }

  #app(signal: AbortSignal): IdCardApplication {
    this.#signal = signal;
    this.#session ??= new IdCardApplication((command) => this.#driver.chipExchange(command, { signal: this.#signal }));
    return this.#session;
  }

  /** Open the slot, wait for a card, power the chip, read everything. */
  async readCard(signal: AbortSignal, insertionTimeoutMs?: number): Promise<CardReadOutcome> {
    const inserted = await this.#insertAndPower(signal, insertionTimeoutMs);
    if (inserted) return inserted;
    const read = await this.#app(signal).readAll();
    if (!read.ok) return read.failure.kind === 'notIdCard' ? { kind: 'foreign' } : fromFailure(read.failure);
    this.#card = read.value;
    return { kind: 'read', card: read.value };
  }

  /**
   * Technician mode: open the slot, wait for a card, and read it as a staff
   * card. Nothing of a citizen's card is read if one is inserted instead (its
   * chip has no staff application). Give it back with `release`.
   */
  async readStaffCard(signal: AbortSignal, insertionTimeoutMs?: number): Promise<StaffCardOutcome> {
    const inserted = await this.#insertAndPower(signal, insertionTimeoutMs);
    if (inserted) return inserted;
    let readerFailure: Completion<unknown, string> | null = null;
    const read = await readStaffCard(async (command) => {
      const c = await this.#driver.chipExchange(command, { signal });
      if (c.completionCode === 'success' && c.payload) return c.payload;
      readerFailure = c;
      return null;
    });
    if (read.kind === 'staff' || read.kind === 'not-staff') return read;
    const failure = readerFailure as Completion<unknown, string> | null;
    return failure ? fromCompletion(failure) : { kind: 'unreadable' };
  }

  /**
   * Forgets the last card, opens the slot, waits for a card and powers its
   * chip. null: the chip is ready for its application; otherwise why not.
   */
  async #insertAndPower(signal: AbortSignal, insertionTimeoutMs?: number): Promise<InsertionFailure | null> {
    this.#card = null;
    this.#session = null;
    const accepted = await this.#driver.acceptCard({ signal, ...(insertionTimeoutMs === undefined ? {} : { timeoutMs: insertionTimeoutMs }) });
    if (accepted.completionCode === 'timeOut' && accepted.errorCode === undefined) return { kind: 'timeout' };
    if (accepted.completionCode !== 'success') return fromCompletion(accepted);
    const powered = await this.#driver.chipPowerOn({ signal });
    if (powered.completionCode === 'success') return null;
    return powered.errorCode !== undefined && UNREADABLE_ERRORS.has(powered.errorCode) ? { kind: 'unreadable' } : fromCompletion(powered);
  }

  async verifyPin(pin: string, signal: AbortSignal): Promise<PinOutcome> {
    const result = await this.#app(signal).verifyPin(pin);
    if (result.ok) return { kind: 'ok' };
    const f = result.failure;
    if (f.kind === 'wrongPin') return { kind: 'wrong', triesLeft: f.triesLeft };
    if (f.kind === 'pinBlocked') return { kind: 'blocked' };
    const mapped = fromFailure(f);
    return mapped.kind === 'unreadable' ? { kind: 'device-fault', completionCode: 'commandErrorCode', errorCode: f.kind } : mapped;
  }

  /** The PIN-unblock service, after the fingerprint matched the card's reference. */
  async setNewPin(pin: string, signal: AbortSignal): Promise<WriteOutcome> {
    return this.#write(await this.#app(signal).unblockPin(pin, { provenBy: 'fingerprint' }));
  }

  /** The chip-update service; the PIN must have been verified in this card session. */
  async writeAddress(address: Address, signal: AbortSignal): Promise<WriteOutcome> {
    const result = await this.#app(signal).writeAddress(address);
    if (result.ok && this.#card) this.#card = { ...this.#card, address: result.value };
    return this.#write(result);
  }

  fingerprintReference(): Uint8Array | null {
    return this.#card?.fingerprint.reference ?? null;
  }

  hasCard(): boolean {
    return this.#driver.hasCard();
  }

  /** Give the card back: eject, wait `waitMs`, capture it if nobody took it. Forgets the card's data. */
  async release(waitMs: number, signal: AbortSignal): Promise<ReleaseOutcome> {
    this.#card = null;
    this.#session = null;
    if (!this.#driver.hasCard()) return { kind: 'taken' };
    const eject = await this.#driver.ejectCard({ signal, retainAfterMs: waitMs });
    if (eject.completionCode !== 'success') return this.#released(eject);
    // A little longer than the retain policy, so the policy (not this wait) decides.
    const taken = await this.#driver.waitForTaken({ signal, timeoutMs: waitMs + 30_000 });
    if (taken.completionCode === 'success') return { kind: 'taken' };
    if (taken.completionCode === 'userError' && taken.errorCode === 'mediaNotTaken') return { kind: 'retained' };
    return this.#released(taken);
  }

  /** A card pulled out while being given back has been taken, just early. */
  #released(c: Completion<unknown, string>): ReleaseOutcome {
    const mapped = fromCompletion(c);
    return mapped.kind === 'removed' ? { kind: 'taken' } : mapped;
  }

  #write(result: { ok: true } | { ok: false; failure: IdCardFailure }): WriteOutcome {
    if (result.ok) return { kind: 'ok' };
    const mapped = fromFailure(result.failure);
    return mapped.kind === 'unreadable' ? { kind: 'device-fault', completionCode: 'commandErrorCode', errorCode: result.failure.kind } : mapped;
  }
}

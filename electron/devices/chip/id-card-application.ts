/**
 * The national ID card's chip application, host side: what the kiosk does with the
 * card once its chip is powered. It speaks APDUs through an injected channel (the
 * card reader driver's chipExchange, or a simulated card in tests) and uses the chip
 * codec for everything on the wire (commands.ts, id-card-layout.ts, read-file.ts).
 *
 * Results are typed: `{ ok: true, value }` or `{ ok: false, failure }`, where a failure
 * says what the kiosk should do (wrong PIN with tries left, blocked, not our card,
 * the reader failed with its completion code). Nothing here logs, and no failure
 * carries a PIN, a PIN block or personal data; PIN blocks are zeroed after use.
 *
 * Reading the personal data, the address and the fingerprint reference needs no PIN
 * (as on most national eID cards, the "public" files are free to read); writing the
 * address needs the PIN verified in this card session.
 */
import type { CommandApdu, ResponseApdu } from './apdu.ts';
import { changeReferenceData, encodePinBlock, resetRetryCounter, selectByAid, selectEf, updateBinary, verify, verifyStatus } from './commands.ts';
import {
  type Address,
  decodeAddress,
  decodeFingerprintReference,
  decodePersonalData,
  encodeAddress,
  type FingerprintReference,
  ID_CARD_FILES,
  NATIONAL_ID_AID,
  type PersonalData,
  PIN_MAX_TRIES,
  PIN_REFERENCE,
} from './id-card-layout.ts';
import { readTransparentFile } from './read-file.ts';
import { describeStatusWord } from './status-words.ts';
import type { Completion, CompletionCode } from '../contract/completion.ts';
import { bytesEqual } from '../shared/bytes.ts';
import { fail, ok } from '../shared/result.ts';

/** Send one command APDU to the card (T=0 procedure already handled), get the response. */
export type ApduChannel = (command: CommandApdu) => Promise<Completion<ResponseApdu, string>>;

export type IdCardFailure =
  /** The card has no Khidma ID application (a foreign or other card): SELECT gave 6A82. */
  | { readonly kind: 'notIdCard' }
  | { readonly kind: 'wrongPin'; readonly triesLeft: number }
  | { readonly kind: 'pinBlocked' }
  | { readonly kind: 'wrongPuk'; readonly triesLeft: number }
  /** 6982: e.g. writing the address before the PIN was verified. */
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'cardError'; readonly sw: number; readonly description: string }
  | { readonly kind: 'malformedData'; readonly description: string }
  /** Our caller's input cannot be sent (a PIN that is not 4-8 digits, an address too long). */
  | { readonly kind: 'invalidInput'; readonly description: string }
  /** The reader failed (card pulled, link lost…): its completion, for the core to act on. */
  | { readonly kind: 'reader'; readonly completionCode: CompletionCode; readonly errorCode?: string; readonly description?: string };

export type IdCardResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: IdCardFailure };

export interface IdCardData {
  readonly personal: PersonalData;
  readonly address: Address;
  readonly fingerprint: FingerprintReference;
}

export interface PinStatus {
  /** Tries left before the PIN blocks; 0 = blocked. */
  readonly triesLeft: number;
  /** Already verified in this card session. */
  readonly verified: boolean;
}

/** Identity proven another way before a PIN reset; the kiosk's unblock service uses the fingerprint. */
export interface IdentityProof {
  readonly provenBy: 'fingerprint';
}

const success = <T>(value: T): IdCardResult<T> => ({ ok: true, value });
const failure = <T>(f: IdCardFailure): IdCardResult<T> => ({ ok: false, failure: f });
const swOf = (r: ResponseApdu): number => (r.sw1 << 8) | r.sw2;

/** Bytes written per UPDATE BINARY (well inside the reader's 261-byte T=0 limit). */
const UPDATE_CHUNK = 128;

export class IdCardApplication {
  readonly #channel: ApduChannel;
  #selected = false;

  constructor(channel: ApduChannel) {
    this.#channel = channel;
  }

  /** SELECT the application by AID. A card without it is `notIdCard`. */
  async select(): Promise<IdCardResult<void>> {
    const r = await this.#send(selectByAid(NATIONAL_ID_AID, true));
    if (!r.ok) return r;
    const sw = swOf(r.value);
    if (sw === 0x9000) {
      this.#selected = true;
      return success(undefined);
    }
    this.#selected = false;
    if (sw === 0x6a82) return failure({ kind: 'notIdCard' });
    return this.#cardError(r.value);
  }

  readPersonalData(): Promise<IdCardResult<PersonalData>> {
    return this.#readFile(ID_CARD_FILES.personalData, decodePersonalData);
  }

  readAddress(): Promise<IdCardResult<Address>> {
    return this.#readFile(ID_CARD_FILES.address, decodeAddress);
  }

  readFingerprintReference(): Promise<IdCardResult<FingerprintReference>> {
    return this.#readFile(ID_CARD_FILES.fingerprint, decodeFingerprintReference);
  }

  /** Everything the kiosk reads at card-in, in one go. */
  async readAll(): Promise<IdCardResult<IdCardData>> {
    const selected = await this.select();
    if (!selected.ok) return selected;
    const personal = await this.readPersonalData();
    if (!personal.ok) return personal;
    const address = await this.readAddress();
    if (!address.ok) return address;
    const fingerprint = await this.readFingerprintReference();
    if (!fingerprint.ok) return fingerprint;
    return success({ personal: personal.value, address: address.value, fingerprint: fingerprint.value });
  }

  /** VERIFY without data: tries left, without spending one. */
  async pinStatus(): Promise<IdCardResult<PinStatus>> {
    const ready = await this.#ensureSelected();
    if (!ready.ok) return ready;
    const r = await this.#send(verifyStatus(PIN_REFERENCE));
    if (!r.ok) return r;
    const { sw1, sw2 } = r.value;
    if (sw1 === 0x90 && sw2 === 0x00) return success({ triesLeft: PIN_MAX_TRIES, verified: true });
    if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) return success({ triesLeft: sw2 & 0x0f, verified: false });
    if (swOf(r.value) === 0x6983) return success({ triesLeft: 0, verified: false });
    return this.#cardError(r.value);
  }

  async verifyPin(pin: string): Promise<IdCardResult<void>> {
    return this.#withPinBlocks([pin], async ([block]) => this.#pinOutcome(await this.#send(verify(PIN_REFERENCE, block!))));
  }

  async changePin(oldPin: string, newPin: string): Promise<IdCardResult<void>> {
    return this.#withPinBlocks([oldPin, newPin], async ([oldBlock, newBlock]) =>
      this.#pinOutcome(await this.#send(changeReferenceData(PIN_REFERENCE, oldBlock!, newBlock!))),
    );
  }

  /**
   * Reset the PIN retry counter with a new PIN (RESET RETRY COUNTER, P1 02). The card
   * takes this without the PUK; the kiosk's PIN-unblock service must have proven the
   * citizen's identity first (fingerprint against the card's reference), which the
   * `proof` argument makes the caller state.
   */
  async unblockPin(newPin: string, proof: IdentityProof): Promise<IdCardResult<void>> {
    if (proof.provenBy !== 'fingerprint') return failure({ kind: 'invalidInput', description: 'identity not proven' });
    return this.#withPinBlocks([newPin], async ([block]) => {
      const r = await this.#send(resetRetryCounter(PIN_REFERENCE, undefined, block!));
      if (!r.ok) return r;
      return this.#plainOutcome(r.value);
    });
  }

  /** Reset with the PIN unblocking key (P1 00: PUK + new PIN), for the counter service. */
  async unblockPinWithPuk(puk: string, newPin: string): Promise<IdCardResult<void>> {
    return this.#withPinBlocks([puk, newPin], async ([pukBlock, newBlock]) => {
      const r = await this.#send(resetRetryCounter(PIN_REFERENCE, pukBlock!, newBlock!));
      if (!r.ok) return r;
      const { sw1, sw2 } = r.value;
      if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) return failure({ kind: 'wrongPuk', triesLeft: sw2 & 0x0f });
      return this.#plainOutcome(r.value);
    });
  }

  /**
   * Write a new address (the chip-update service) and read it back. Needs the PIN
   * verified in this session. The whole EF is rewritten, padded with 00, so no byte
   * of the old address survives after the new template.
   */
  async writeAddress(address: Address): Promise<IdCardResult<Address>> {
    let encoded: Uint8Array;
    try {
      encoded = encodeAddress(address);
    } catch (error) {
      return failure({ kind: 'invalidInput', description: error instanceof RangeError ? error.message : 'address cannot be encoded' });
    }
    const current = await this.#selectAndRead(ID_CARD_FILES.address);
    if (!current.ok) return current;
    const size = current.value.length;
    if (encoded.length > size) return failure({ kind: 'invalidInput', description: `address needs ${encoded.length} bytes, the file has ${size}` });
    const image = new Uint8Array(size);
    image.set(encoded, 0);
    for (let offset = 0; offset < size; offset += UPDATE_CHUNK) {
      const r = await this.#send(updateBinary(offset, image.subarray(offset, Math.min(size, offset + UPDATE_CHUNK))));
      if (!r.ok) return r;
      const written = this.#plainOutcome(r.value);
      if (!written.ok) return written;
    }
    const back = await this.#selectAndRead(ID_CARD_FILES.address);
    if (!back.ok) return back;
    if (!bytesEqual(back.value, image)) return failure({ kind: 'cardError', sw: 0x9000, description: 'address read back differs from what was written' });
    const decoded = decodeAddress(back.value);
    return decoded.ok ? success(decoded.value) : failure({ kind: 'malformedData', description: decoded.error });
  }

  // ------------------------------------------------------------------ internals

  async #send(command: CommandApdu): Promise<IdCardResult<ResponseApdu>> {
    const completion = await this.#channel(command);
    if (completion.completionCode === 'success' && completion.payload) return success(completion.payload);
    // A reader failure may mean a new card or a reset chip: select again next time.
    this.#selected = false;
    return failure({
      kind: 'reader',
      completionCode: completion.completionCode,
      ...(completion.errorCode === undefined ? {} : { errorCode: completion.errorCode }),
      ...(completion.description === undefined ? {} : { description: completion.description }),
    });
  }

  async #ensureSelected(): Promise<IdCardResult<void>> {
    return this.#selected ? success(undefined) : this.select();
  }

  async #selectAndRead(file: { fid: number; maxSize: number }): Promise<IdCardResult<Uint8Array>> {
    const ready = await this.#ensureSelected();
    if (!ready.ok) return ready;
    const selected = await this.#send(selectEf(file.fid));
    if (!selected.ok) return selected;
    if (swOf(selected.value) !== 0x9000) return this.#cardError(selected.value);
    // read-file.ts reports failures as text; keep what it cannot: the reader's completion, the last SW.
    let readerFailure: IdCardFailure | null = null;
    let lastResponse: ResponseApdu | null = null;
    const read = await readTransparentFile(async (command) => {
      const r = await this.#send(command);
      if (!r.ok) {
        readerFailure = r.failure;
        return fail('reader failure');
      }
      lastResponse = r.value;
      return ok(r.value);
    }, file.maxSize);
    if (read.ok) return success(read.value);
    if (readerFailure) return failure(readerFailure);
    const last = lastResponse as ResponseApdu | null;
    if (last && swOf(last) === 0x6982) return failure({ kind: 'notAuthorised' });
    return failure({ kind: 'cardError', sw: last ? swOf(last) : 0, description: read.error });
  }

  async #readFile<T>(file: { fid: number; maxSize: number }, decode: (bytes: Uint8Array) => { ok: true; value: T } | { ok: false; error: string }): Promise<IdCardResult<T>> {
    const bytes = await this.#selectAndRead(file);
    if (!bytes.ok) return bytes;
    const decoded = decode(bytes.value);
    return decoded.ok ? success(decoded.value) : failure({ kind: 'malformedData', description: decoded.error });
  }

  /** Encode PINs into blocks, run, and wipe the blocks whatever happens. */
  async #withPinBlocks(pins: readonly string[], run: (blocks: Uint8Array[]) => Promise<IdCardResult<void>>): Promise<IdCardResult<void>> {
    const blocks: Uint8Array[] = [];
    try {
      for (const pin of pins) {
        try {
          blocks.push(encodePinBlock(pin));
        } catch {
          // Never echo the PIN: say only what is wrong with its shape.
          return failure({ kind: 'invalidInput', description: 'a PIN must be 4 to 8 digits' });
        }
      }
      const ready = await this.#ensureSelected();
      if (!ready.ok) return ready;
      return await run(blocks);
    } finally {
      for (const block of blocks) block.fill(0);
    }
  }

  #pinOutcome(r: IdCardResult<ResponseApdu>): IdCardResult<void> {
    if (!r.ok) return r;
    const { sw1, sw2 } = r.value;
    if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) {
      const triesLeft = sw2 & 0x0f;
      // 63C0: the last try was just spent; the PIN is now blocked.
      return failure(triesLeft === 0 ? { kind: 'pinBlocked' } : { kind: 'wrongPin', triesLeft });
    }
    return this.#plainOutcome(r.value);
  }

  #plainOutcome(response: ResponseApdu): IdCardResult<void> {
    const sw = swOf(response);
    if (sw === 0x9000) return success(undefined);
    if (sw === 0x6983) return failure({ kind: 'pinBlocked' });
    if (sw === 0x6982) return failure({ kind: 'notAuthorised' });
    return this.#cardError(response);
  }

  #cardError<T>(response: ResponseApdu): IdCardResult<T> {
    return failure({ kind: 'cardError', sw: swOf(response), description: describeStatusWord(response.sw1, response.sw2) });
  }
}

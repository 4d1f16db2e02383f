/**
 * A simulated ID card chip: answers ISO/IEC 7816-4 APDUs for our national-ID
 * application layout (electron/devices/chip/id-card-layout.ts) the way a T=0 card
 * does, so the kiosk's host code meets the same status words it would on a real card:
 *
 *  - SELECT by AID (00 A4 04 ..): 9000, or with an FCI request 61xx (fetch it with
 *    GET RESPONSE, 00 C0); an unknown AID 6A82;
 *  - SELECT EF (00 A4 02 0C fid): 9000 / 6A82; before the application: 6A82;
 *  - READ BINARY (00 B0 off Le): data 9000; Le longer than what is left: 6Cxx with the
 *    exact length (T=0 case 2, ISO 7816-3 12.2.2); offset past the end: 6B00;
 *  - UPDATE BINARY (00 D6): the address EF only, after VERIFY: else 6982;
 *  - VERIFY (00 20 00 81): 9000 / 63Cx / 6983, and without data the tries left;
 *    the try counter is persistent (it survives power-off and re-insertion);
 *  - CHANGE REFERENCE DATA (00 24 00 81 old new), RESET RETRY COUNTER (00 2C P1 81):
 *    P1 00 PUK + new PIN, P1 01 PUK only, P1 02 new PIN only. A real card allows P1 02
 *    only after terminal authentication; our fictional layout has none, so the kiosk's
 *    fingerprint check is what stands in front of it.
 *
 * Session state (selection, PIN verified, pending GET RESPONSE data) is lost at
 * power-off; files and counters are not.
 */
import { decodeCommandApdu, encodeResponseApdu } from '../../electron/devices/chip/apdu.ts';
import { decodePinBlock, PIN_BLOCK_LENGTH } from '../../electron/devices/chip/commands.ts';
import { ID_CARD_FILES, PIN_MAX_TRIES, PIN_REFERENCE, PUK_MAX_TRIES } from '../../electron/devices/chip/id-card-layout.ts';
import { bytesEqual, concatBytes } from '../../electron/devices/shared/bytes.ts';

export interface ChipImage {
  /** null: the chip is damaged and gives no answer to reset. */
  readonly atr: Uint8Array | null;
  readonly aid: Uint8Array;
  /** Transparent EFs by file identifier; their length is the EF size. */
  readonly files: ReadonlyMap<number, Uint8Array>;
  readonly pin: string;
  readonly puk: string;
  readonly pinTriesLeft: number;
}

const SW = (sw: number): Uint8Array => Uint8Array.of(sw >> 8, sw & 0xff);
const respond = (data: Uint8Array, sw: number): Uint8Array => encodeResponseApdu({ data, sw1: sw >> 8, sw2: sw & 0xff });
const WRITABLE = new Set<number>([ID_CARD_FILES.address.fid]);

export class SimulatedIdCardChip {
  readonly #atr: Uint8Array | null;
  readonly #aid: Uint8Array;
  readonly #files: Map<number, Uint8Array>;
  #pin: string;
  readonly #puk: string;
  #pinTries: number;
  #pukTries = PUK_MAX_TRIES;
  // Session state: reset at every power-on.
  #powered = false;
  #appSelected = false;
  #currentEf: number | null = null;
  #pinVerified = false;
  #pending: Uint8Array | null = null;

  constructor(image: ChipImage) {
    this.#atr = image.atr;
    this.#aid = image.aid.slice();
    this.#files = new Map([...image.files].map(([fid, bytes]) => [fid, bytes.slice()]));
    this.#pin = image.pin;
    this.#puk = image.puk;
    this.#pinTries = Math.max(0, Math.min(PIN_MAX_TRIES, image.pinTriesLeft));
  }

  get powered(): boolean {
    return this.#powered;
  }

  /** For the control panel: never the PIN itself. */
  get pinTriesLeft(): number {
    return this.#pinTries;
  }

  /** Cold reset: the ATR, or null for a damaged chip (it stays unpowered). */
  powerOn(): Uint8Array | null {
    this.#resetSession();
    if (this.#atr === null) return null;
    this.#powered = true;
    return this.#atr.slice();
  }

  powerOff(): void {
    this.#resetSession();
  }

  /** One command APDU in, one response APDU (data + SW1 SW2) out. */
  respond(commandBytes: Uint8Array): Uint8Array {
    if (!this.#powered) return SW(0x6f00);
    const decoded = decodeCommandApdu(commandBytes);
    if (!decoded.ok) return SW(0x6700);
    const c = decoded.value;
    if ((c.cla & 0xfc) !== 0x00) return SW(0x6e00);
    const pending = this.#pending;
    this.#pending = null;
    switch (c.ins) {
      case 0xa4:
        return this.#select(c.p1, c.p2, c.data, c.le);
      case 0xc0:
        return this.#getResponse(pending, c.le ?? 256);
      case 0xb0:
        return this.#readBinary(((c.p1 & 0x7f) << 8) | c.p2, c.le ?? 256, (c.p1 & 0x80) !== 0);
      case 0xd6:
        return this.#updateBinary(((c.p1 & 0x7f) << 8) | c.p2, c.data, (c.p1 & 0x80) !== 0);
      case 0x20:
        return this.#verify(c.p1, c.p2, c.data);
      case 0x24:
        return this.#change(c.p1, c.p2, c.data);
      case 0x2c:
        return this.#reset(c.p1, c.p2, c.data);
      default:
        return SW(0x6d00);
    }
  }

  #resetSession(): void {
    this.#powered = false;
    this.#appSelected = false;
    this.#currentEf = null;
    this.#pinVerified = false;
    this.#pending = null;
  }

  #select(p1: number, p2: number, data: Uint8Array, le: number | undefined): Uint8Array {
    if (p1 === 0x04) {
      if (!bytesEqual(data, this.#aid)) {
        this.#appSelected = false;
        this.#currentEf = null;
        return SW(0x6a82);
      }
      this.#appSelected = true;
      this.#currentEf = null;
      this.#pinVerified = false;
      if (p2 === 0x0c) return SW(0x9000);
      if (p2 !== 0x00) return SW(0x6a86);
      // FCI: '6F' { '84' DF name }. T=0 cannot return data to a case 4 command: 61xx.
      const fci = concatBytes([0x6f, this.#aid.length + 2, 0x84, this.#aid.length], this.#aid);
      this.#pending = fci;
      return le === undefined ? SW(0x9000) : SW(0x6100 | fci.length);
    }
    if (p1 === 0x02) {
      if (!this.#appSelected) return SW(0x6a82);
      if (data.length !== 2) return SW(0x6700);
      const fid = ((data[0] ?? 0) << 8) | (data[1] ?? 0);
      if (!this.#files.has(fid)) return SW(0x6a82);
      this.#currentEf = fid;
      return SW(0x9000);
    }
    return SW(0x6a86);
  }

  #getResponse(pending: Uint8Array | null, le: number): Uint8Array {
    if (pending === null) return SW(0x6985);
    if (le < pending.length) {
      this.#pending = pending.slice(le);
      return respond(pending.slice(0, le), 0x6100 | Math.min(0xff, pending.length - le));
    }
    return respond(pending, 0x9000);
  }

  #readBinary(offset: number, le: number, shortEf: boolean): Uint8Array {
    if (shortEf) return SW(0x6a81);
    const file = this.#currentEf === null ? undefined : this.#files.get(this.#currentEf);
    if (!file) return SW(0x6986);
    if (offset >= file.length) return SW(0x6b00);
    const left = file.length - offset;
    if (le > left) return SW(0x6c00 | (left & 0xff));
    return respond(file.slice(offset, offset + le), 0x9000);
  }

  #updateBinary(offset: number, data: Uint8Array, shortEf: boolean): Uint8Array {
    if (shortEf) return SW(0x6a81);
    if (this.#currentEf === null) return SW(0x6986);
    const file = this.#files.get(this.#currentEf);
    if (!file) return SW(0x6986);
    if (!WRITABLE.has(this.#currentEf) || !this.#pinVerified) return SW(0x6982);
    if (offset >= file.length) return SW(0x6b00);
    if (offset + data.length > file.length) return SW(0x6700);
    file.set(data, offset);
    return SW(0x9000);
  }

  #checkPin(block: Uint8Array): Uint8Array {
    if (this.#pinTries === 0) return SW(0x6983);
    if (decodePinBlock(block) === this.#pin) {
      this.#pinTries = PIN_MAX_TRIES;
      this.#pinVerified = true;
      return SW(0x9000);
    }
    this.#pinTries--;
    this.#pinVerified = false;
    return SW(0x63c0 | this.#pinTries);
  }

  #verify(p1: number, p2: number, data: Uint8Array): Uint8Array {
    if (p1 !== 0x00 || p2 !== PIN_REFERENCE) return SW(0x6a88);
    if (!this.#appSelected) return SW(0x6985);
    if (data.length === 0) {
      if (this.#pinTries === 0) return SW(0x6983);
      return this.#pinVerified ? SW(0x9000) : SW(0x63c0 | this.#pinTries);
    }
    if (data.length !== PIN_BLOCK_LENGTH) return SW(0x6700);
    return this.#checkPin(data);
  }

  #change(p1: number, p2: number, data: Uint8Array): Uint8Array {
    if (p1 !== 0x00 || p2 !== PIN_REFERENCE) return SW(0x6a88);
    if (!this.#appSelected) return SW(0x6985);
    if (data.length !== 2 * PIN_BLOCK_LENGTH) return SW(0x6700);
    const fresh = decodePinBlock(data.subarray(PIN_BLOCK_LENGTH));
    if (fresh === undefined) return SW(0x6a80);
    const check = this.#checkPin(data.subarray(0, PIN_BLOCK_LENGTH));
    if (check[0] !== 0x90) return check;
    this.#pin = fresh;
    return SW(0x9000);
  }

  #reset(p1: number, p2: number, data: Uint8Array): Uint8Array {
    if (p2 !== PIN_REFERENCE) return SW(0x6a88);
    if (!this.#appSelected) return SW(0x6985);
    const needsPuk = p1 === 0x00 || p1 === 0x01;
    const hasNewPin = p1 === 0x00 || p1 === 0x02;
    if (p1 > 0x02) return SW(0x6a86);
    const expected = (needsPuk ? PIN_BLOCK_LENGTH : 0) + (hasNewPin ? PIN_BLOCK_LENGTH : 0);
    if (data.length !== expected) return SW(0x6700);
    const fresh = hasNewPin ? decodePinBlock(data.subarray(needsPuk ? PIN_BLOCK_LENGTH : 0)) : this.#pin;
    if (fresh === undefined) return SW(0x6a80);
    if (needsPuk) {
      if (this.#pukTries === 0) return SW(0x6983);
      if (decodePinBlock(data.subarray(0, PIN_BLOCK_LENGTH)) !== this.#puk) {
        this.#pukTries--;
        return SW(0x63c0 | this.#pukTries);
      }
      this.#pukTries = PUK_MAX_TRIES;
    }
    this.#pin = fresh;
    this.#pinTries = PIN_MAX_TRIES;
    this.#pinVerified = false;
    return SW(0x9000);
  }
}

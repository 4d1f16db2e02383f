/**
 * The simulated Sankyo reader's mechanics and chip contacts: where the card is,
 * what each command does to it, and which reply the reader gives. No timers and no
 * bytes here (the simulator schedules think times, sim-wire speaks the protocol).
 *
 * Slot: empty → atGate (inserted, or ejected) → inside (drawn in) → chip contacts
 * set / chip powered → atGate (eject) → empty (taken) or captured to the bin.
 *
 * Replies follow the ICT3Q8 spec as the codec implements it: a positive reply
 * carries the card position (00 none, 01 at gate, 02 inside); errors we play:
 *  B0 not initialised (after power returns), 02 impossible in this state, 10 jam,
 *  16 card pulled during the operation, 50 bin full, 61 no ATR, 65 ICC before ATR.
 */
import { type CardReaderCommand, type CardReaderReply, encodeChipStatus, ICC_PX } from '../../electron/devices/card-reader/codec.ts';
import { asciiBytes } from '../../electron/devices/shared/bytes.ts';
import type { SimulatedCard } from '../id-cards/card-profiles.ts';

export type Slot = 'empty' | 'atGate' | 'inside';

/** Faults the model itself plays (the rest are on the wire). */
export interface ModelFaults {
  readonly jam: boolean;
  readonly binFull: boolean;
  readonly pullCard: boolean;
}

/** Base think times in ms (the "slow" fault multiplies them). */
export const THINK_MS = {
  initialise: 600,
  initialiseWithCard: 900,
  status: 2,
  entry: 5,
  eject: 400,
  capture: 600,
  retrieve: 350,
  led: 2,
  contact: 60,
  activate: 40,
  deactivate: 10,
  chipStatus: 2,
  apdu: 12,
  counter: 2,
  drawIn: 300,
} as const;

export class ReaderModel {
  slot: Slot = 'empty';
  card: SimulatedCard | null = null;
  contact = false;
  entryEnabled = false;
  initialised = false;
  powered = true;
  jammed = false;
  binCount = 0;
  readonly binCapacity: number;
  /** Cards captured, newest last (a technician empties the bin). */
  readonly bin: SimulatedCard[] = [];
  /** A citizen yanked the card: it is no longer in the reader, and no longer in the slot. */
  pulledCards = 0;

  constructor(binCapacity: number) {
    this.binCapacity = binCapacity;
  }

  get chipPowered(): boolean {
    return this.card?.chip.powered ?? false;
  }

  thinkTime(command: CardReaderCommand): number {
    switch (command.kind) {
      case 'initialise':
        return this.slot === 'inside' ? THINK_MS.initialiseWithCard : THINK_MS.initialise;
      case 'status':
        return THINK_MS.status;
      case 'enableEntry':
      case 'disableEntry':
        return THINK_MS.entry;
      case 'eject':
        return THINK_MS.eject;
      case 'capture':
        return THINK_MS.capture;
      case 'retrieve':
        return THINK_MS.retrieve;
      case 'setLed':
        return THINK_MS.led;
      case 'chipContact':
        return THINK_MS.contact;
      case 'chipActivate':
      case 'chipWarmReset':
        return THINK_MS.activate;
      case 'chipDeactivate':
        return THINK_MS.deactivate;
      case 'chipStatus':
      case 'chipNextBlock':
        return THINK_MS.chipStatus;
      case 'chipApdu':
        return THINK_MS.apdu;
      case 'retainCounterRead':
        return THINK_MS.counter;
    }
  }

  /** Carry out `command` (its think time has passed) and say what the reader answers. */
  execute(command: CardReaderCommand, cm: number, pm: number, faults: ModelFaults): CardReaderReply {
    const ok = (data: Uint8Array = new Uint8Array(), replyPm = pm): CardReaderReply => ({ kind: 'positive', cm, pm: replyPm, status: this.#position(), data });
    const error = (code: string): CardReaderReply => ({ kind: 'negative', cm, pm, error: code, data: new Uint8Array() });
    if (command.kind === 'initialise') return this.#initialise(command, faults, ok, error);
    if (!this.initialised) return error('B0');
    if (this.jammed) return error('10');
    const moves = command.kind === 'eject' || command.kind === 'capture' || command.kind === 'retrieve';
    const touchesCard = moves || command.kind === 'chipActivate' || command.kind === 'chipApdu' || command.kind === 'chipWarmReset';
    if (touchesCard && faults.pullCard && this.slot === 'inside') {
      this.pull();
      return error('16');
    }
    if (moves && faults.jam && this.slot !== 'empty') {
      this.jammed = true;
      return error('10');
    }
    switch (command.kind) {
      case 'status':
      case 'setLed':
        return ok();
      case 'enableEntry':
        this.entryEnabled = true;
        return ok();
      case 'disableEntry':
        this.entryEnabled = false;
        return ok();
      case 'eject':
        if (this.slot !== 'inside') return error('02');
        this.#chipOff();
        this.slot = 'atGate';
        return ok();
      case 'retrieve':
        if (this.slot !== 'atGate') return error('02');
        this.slot = 'inside';
        return ok();
      case 'capture':
        if (this.slot !== 'inside') return error('02');
        if (faults.binFull || this.binCount >= this.binCapacity) return error('50');
        this.#chipOff();
        if (this.card) this.bin.push(this.card);
        this.card = null;
        this.slot = 'empty';
        this.binCount++;
        return ok();
      case 'chipContact':
        if (this.slot !== 'inside') return error('02');
        if (command.action === 'set') this.contact = true;
        else this.#chipOff();
        return ok();
      case 'chipActivate':
      case 'chipWarmReset': {
        if (this.slot !== 'inside' || !this.card) return error('02');
        this.contact = true;
        const atr = this.card.chip.powerOn();
        return atr === null ? error('61') : ok(atr);
      }
      case 'chipDeactivate':
        this.card?.chip.powerOff();
        return ok();
      case 'chipStatus':
        return ok(Uint8Array.of(encodeChipStatus({ powered: this.chipPowered, voltage: '5V', clock: this.chipPowered ? '3.58MHz' : 'none' })));
      case 'chipApdu':
        if (!this.card || !this.chipPowered) return error('65');
        return ok(this.card.chip.respond(command.apdu), command.protocol === 'T1' ? ICC_PX.completeT1 : ICC_PX.completeT0);
      case 'chipNextBlock':
        return error('02');
      case 'retainCounterRead':
        return ok(asciiBytes(String(this.binCount % 100).padStart(2, '0')));
    }
  }

  /** A card offered at the slot by a citizen. */
  insert(card: SimulatedCard): boolean {
    if (this.slot !== 'empty') return false;
    this.card = card;
    this.slot = 'atGate';
    return true;
  }

  /** Can the reader draw the card at the gate in now? */
  get canDrawIn(): boolean {
    return this.powered && this.initialised && this.entryEnabled && this.slot === 'atGate' && !this.jammed;
  }

  /** The motor pulls the card in (or jams on it) and closes the shutter behind it. */
  drawIn(jam: boolean): void {
    if (!this.canDrawIn) return;
    if (jam) {
      this.jammed = true;
      this.slot = 'inside';
      return;
    }
    this.slot = 'inside';
    this.entryEnabled = false;
  }

  /** The citizen takes the card from the gate. */
  take(): SimulatedCard | null {
    if (this.slot !== 'atGate') return null;
    const card = this.card;
    this.card = null;
    this.slot = 'empty';
    return card;
  }

  /** The citizen yanks the card out in the middle of something. */
  pull(): void {
    this.#chipOff();
    this.card = null;
    this.slot = 'empty';
    this.pulledCards++;
  }

  /** Power lost: the capacitor ejects a card to the gate (initialise Pd '0'), the chip drops. */
  powerCut(): void {
    this.powered = false;
    this.initialised = false;
    this.entryEnabled = false;
    this.#chipOff();
    if (this.slot === 'inside' && !this.jammed) this.slot = 'atGate';
  }

  powerRestore(): void {
    this.powered = true;
  }

  emptyBin(): void {
    this.bin.length = 0;
    this.binCount = 0;
  }

  #position(): string {
    return this.slot === 'empty' ? '00' : this.slot === 'atGate' ? '01' : '02';
  }

  #chipOff(): void {
    this.card?.chip.powerOff();
    this.contact = false;
  }

  #initialise(
    command: Extract<CardReaderCommand, { kind: 'initialise' }>,
    faults: ModelFaults,
    ok: () => CardReaderReply,
    error: (code: string) => CardReaderReply,
  ): CardReaderReply {
    this.#chipOff();
    this.entryEnabled = false;
    if (this.slot === 'inside' || this.jammed) {
      if (faults.jam) {
        this.jammed = true;
        return error('10');
      }
      this.jammed = false;
      if (command.cardAction === 'eject') this.slot = 'atGate';
      else if (command.cardAction === 'capture') {
        if (this.card) this.bin.push(this.card);
        this.card = null;
        this.slot = 'empty';
        this.binCount++;
      }
    }
    this.initialised = true;
    return ok();
  }
}

/**
 * The simulated motorised ID-card reader: a Sankyo ICT3K5-style reader that speaks
 * the real bytes (through the codec), with think times, a card slot, a capture bin,
 * simulated ID cards, and fault injection — behind the SimulatorControl interface
 * the control API and panel use.
 *
 * One simulator, two ways to attach: `attach(port)` takes any byte port, i.e. the
 * device end of an in-memory link (`sim` mode; see in-process.ts) or a pseudo-
 * terminal end (`wire` mode; see pty-attach.ts). Only one port at a time, like a
 * reader with one serial cable.
 */
import { z } from 'zod';
import type { DeviceClock } from '../../electron/devices/contract/clock.ts';
import { COMMON_FAULTS, defineAction, type SimulatorAction, type SimulatorControl } from '../control/simulator-control.ts';
import { CARD_PROFILES, type CardProfile, createSimulatedCard, type SimulatedCard } from '../id-cards/card-profiles.ts';
import { ReaderModel, THINK_MS } from './reader-model.ts';
import { type SimPort, SimWireEnd, type WireBehaviour } from './sim-wire.ts';

export const CARD_READER_FAULTS = [...COMMON_FAULTS, 'jam', 'card-pulled-mid-read', 'bin-full'] as const;
export type CardReaderFault = (typeof CARD_READER_FAULTS)[number];

export interface CardReaderSimulatorOptions {
  readonly clock: DeviceClock;
  /** Reported on the panel; the pacing itself is done by the link or by pty-attach. */
  readonly baud?: number;
  readonly binCapacity?: number;
  /** The day the fictional cards' dates are relative to. Default: the clock's today. */
  readonly today?: () => Date;
  /** Think-time multiplier of the "slow" fault (settable per fault with options.factor). */
  readonly slowFactor?: number;
  /** Scale every think time (real-time tests use 0.1 to stay short). Default 1. */
  readonly thinkScale?: number;
}

export interface AttachOptions {
  /** Called when the "unplugged" fault is set: the in-process link hangs up, like a USB-serial cable pulled. */
  readonly hangUp?: () => void;
}

export class CardReaderSimulator implements SimulatorControl {
  readonly id = 'card-reader';
  readonly label = 'ID card reader (Sankyo ICT3K5-style)';
  readonly faults: readonly string[] = CARD_READER_FAULTS;
  readonly actions: Record<string, SimulatorAction<unknown>>;
  readonly #clock: DeviceClock;
  readonly #baud: number;
  readonly #today: () => Date;
  readonly #model: ReaderModel;
  readonly #cards = new Map<CardProfile, SimulatedCard>();
  readonly #listeners = new Set<() => void>();
  #fault: CardReaderFault | null = null;
  #slowFactor: number;
  readonly #thinkScale: number;
  #pullOnce = false;
  #wire: SimWireEnd | null = null;
  #hangUp: (() => void) | null = null;
  #drawInTimer: unknown = null;
  #drawInMsTotal = 0;

  constructor(options: CardReaderSimulatorOptions) {
    this.#clock = options.clock;
    this.#baud = options.baud ?? 115_200;
    this.#today = options.today ?? (() => new Date(options.clock.now()));
    this.#model = new ReaderModel(options.binCapacity ?? 50);
    this.#slowFactor = options.slowFactor ?? 10;
    this.#thinkScale = options.thinkScale ?? 1;
    this.actions = {
      insertCard: defineAction({
        description: 'Offer a simulated ID card at the slot',
        args: z.object({ profile: z.enum(CARD_PROFILES), fresh: z.boolean().optional() }),
        run: ({ profile, fresh }) => this.insertCard(profile, { fresh: fresh ?? false }),
      }),
      takeCard: defineAction({ description: 'Take the card waiting at the gate', args: z.object({}), run: () => this.takeCard() }),
      pullCardMidRead: defineAction({
        description: 'Yank the card out during the next chip or transport command',
        args: z.object({}),
        run: () => this.pullCardMidRead(),
      }),
      refillBin: defineAction({ description: 'Empty the capture bin (technician)', args: z.object({}), run: () => this.refillBin() }),
      resetCards: defineAction({ description: 'Forget every card (PIN try counters back to issue state)', args: z.object({}), run: () => this.resetCards() }),
    };
  }

  // ------------------------------------------------------------------ attaching

  /** Connect to a byte port; returns detach. A second attach replaces the first (one cable). */
  attach(port: SimPort, options: AttachOptions = {}): () => void {
    this.#wire?.detach();
    const wire = new SimWireEnd(port, {
      clock: this.#clock,
      behaviour: () => this.#behaviour(),
      thinkTime: (command) => this.#model.thinkTime(command) * this.#thinkScale,
      execute: (command, cm, pm) => this.#execute(command, cm, pm),
      changed: () => this.#changed(),
    });
    this.#wire = wire;
    this.#hangUp = options.hangUp ?? null;
    return () => {
      wire.detach();
      if (this.#wire === wire) {
        this.#wire = null;
        this.#hangUp = null;
      }
    };
  }

  /** False while the "unplugged" fault is on: an in-process connector refuses new links. */
  get pluggedIn(): boolean {
    return this.#fault !== 'unplugged';
  }

  get baud(): number {
    return this.#baud;
  }

  /** Think time the reader has spent (commands and card intake), in ms: a benchmark baseline. */
  get thinkTimeMs(): number {
    return (this.#wire?.thinkMsTotal ?? 0) + this.#drawInMsTotal;
  }

  // ------------------------------------------------------------------ SimulatorControl

  state(): Record<string, unknown> {
    const m = this.#model;
    return {
      slot: m.slot,
      card: m.card ? { profile: m.card.profile, label: m.card.label, pinTriesLeft: m.card.chip.pinTriesLeft } : null,
      chipPowered: m.chipPowered,
      contact: m.contact,
      entryEnabled: m.entryEnabled,
      initialised: m.initialised,
      powered: m.powered,
      jammed: m.jammed,
      bin: { count: m.binCount, capacity: m.binCapacity },
      cardsPulled: m.pulledCards,
      fault: this.#fault,
      slowFactor: this.#slowFactor,
      baud: this.#baud,
      attached: this.#wire !== null,
      commandsSeen: this.#wire?.commandsSeen ?? 0,
    };
  }

  setFault(fault: string | null, options: Record<string, unknown> = {}): void {
    if (fault !== null && !(CARD_READER_FAULTS as readonly string[]).includes(fault)) throw new RangeError(`unknown card reader fault ${fault}`);
    const previous = this.#fault;
    this.#fault = fault as CardReaderFault | null;
    if (typeof options.factor === 'number' && options.factor >= 1) this.#slowFactor = options.factor;
    if (previous === 'power-cut' && fault !== 'power-cut') this.#model.powerRestore();
    if (fault === 'power-cut' && previous !== 'power-cut') {
      this.#wire?.abandon();
      this.#cancelDrawIn();
      this.#model.powerCut();
    }
    if (fault === 'unplugged' && previous !== 'unplugged') {
      this.#wire?.abandon();
      const hangUp = this.#hangUp;
      this.#hangUp = null;
      hangUp?.();
    }
    this.#changed();
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ------------------------------------------------------------------ actions

  insertCard(profile: CardProfile, options: { fresh?: boolean } = {}): { ok: boolean; reason?: string } {
    let card = options.fresh ? undefined : this.#cards.get(profile);
    if (!card) {
      card = createSimulatedCard(profile, this.#today());
      this.#cards.set(profile, card);
    }
    if (this.#model.card === card || this.#model.bin.includes(card)) {
      // The same physical card cannot be in two places: this profile's card is in the reader or bin.
      card = createSimulatedCard(profile, this.#today());
      this.#cards.set(profile, card);
    }
    if (!this.#model.insert(card)) return { ok: false, reason: 'the slot is not empty' };
    this.#scheduleDrawIn();
    this.#changed();
    return { ok: true };
  }

  takeCard(): { ok: boolean; reason?: string } {
    const card = this.#model.take();
    this.#changed();
    return card ? { ok: true } : { ok: false, reason: this.#model.slot === 'empty' ? 'no card' : 'the card is inside the reader' };
  }

  pullCardMidRead(): { ok: boolean } {
    this.#pullOnce = true;
    this.#changed();
    return { ok: true };
  }

  refillBin(): { ok: boolean } {
    this.#model.emptyBin();
    this.#changed();
    return { ok: true };
  }

  resetCards(): { ok: boolean } {
    this.#cards.clear();
    this.#changed();
    return { ok: true };
  }

  /** Stop timers (tests, shutdown). */
  dispose(): void {
    this.#cancelDrawIn();
    this.#wire?.detach();
    this.#wire = null;
    this.#listeners.clear();
  }

  // ------------------------------------------------------------------ internals

  #behaviour(): WireBehaviour {
    const f = this.#fault;
    return {
      silent: f === 'no-answer' || f === 'unplugged' || f === 'power-cut' || !this.#model.powered,
      garbage: f === 'garbage',
      badCrc: f === 'bad-crc',
      slowFactor: f === 'slow' ? this.#slowFactor : 1,
    };
  }

  #execute(command: Parameters<ReaderModel['execute']>[0], cm: number, pm: number) {
    const pullCard = this.#pullOnce || this.#fault === 'card-pulled-mid-read';
    const slotBefore = this.#model.slot;
    const reply = this.#model.execute(command, cm, pm, { jam: this.#fault === 'jam', binFull: this.#fault === 'bin-full', pullCard });
    if (this.#pullOnce && slotBefore === 'inside' && this.#model.slot === 'empty' && reply.kind === 'negative' && reply.error === '16') this.#pullOnce = false;
    if (command.kind === 'enableEntry') this.#scheduleDrawIn();
    return reply;
  }

  #scheduleDrawIn(): void {
    if (!this.#model.canDrawIn || this.#drawInTimer !== null) return;
    const factor = this.#fault === 'slow' ? this.#slowFactor : 1;
    this.#drawInMsTotal += THINK_MS.drawIn * factor * this.#thinkScale;
    this.#drawInTimer = this.#clock.setTimeout(() => {
      this.#drawInTimer = null;
      this.#model.drawIn(this.#fault === 'jam');
      this.#changed();
    }, THINK_MS.drawIn * factor * this.#thinkScale);
  }

  #cancelDrawIn(): void {
    if (this.#drawInTimer !== null) this.#clock.clearTimeout(this.#drawInTimer);
    this.#drawInTimer = null;
  }

  #changed(): void {
    for (const listener of this.#listeners) {
      try {
        listener();
      } catch {
        // A panel listener must not break the simulator.
      }
    }
  }
}

/**
 * The payment terminal simulator as the control API sees it (SimulatorControl):
 * one simulated ZVT terminal with its ledger, scripted customers and faults,
 * attachable to an in-memory link (`sim`), a pseudo-terminal end (`wire`) or an
 * accepted TCP connection (ZVT over TCP, see tcp-server.ts).
 */
import { z } from 'zod';
import type { DeviceClock } from '../../electron/devices/contract/clock.ts';
import { COMMON_FAULTS, defineAction, type SimulatorControl } from '../control/simulator-control.ts';
import { CustomerQueue, CustomerSchema } from './customer.ts';
import { Ledger } from './ledger.ts';
import { seededRandom, type SimPort } from './sim-port.ts';
import { SimWire, type WireFaultView } from './sim-wire.ts';
import { DEFAULT_THINK, TerminalLogic, type ThinkTimes } from './terminal-logic.ts';

export interface PaymentTerminalSimOptions {
  readonly clock: DeviceClock;
  /** 'serial' for `sim` and `wire` modes, 'tcp' for ZVT over TCP. */
  readonly linkKind: 'serial' | 'tcp';
  /** Pace the terminal's writes at this baud; leave 0 when the in-memory link already does. */
  readonly paceBaud?: number;
  readonly think?: Partial<ThinkTimes>;
  readonly currencyCode?: number;
  /** Seed for garbage bytes, so a failing test can be replayed. */
  readonly seed?: number;
  readonly id?: string;
  readonly label?: string;
}

export interface AttachHooks {
  /** Cut the connection itself (memory link unplug, socket destroy); called on 'unplugged' and 'power-cut'. */
  readonly unplug?: () => void;
}

export const PAYMENT_TERMINAL_FAULTS = [...COMMON_FAULTS] as const;

export class PaymentTerminalSimulator implements SimulatorControl {
  readonly id: string;
  readonly label: string;
  readonly faults: readonly string[] = PAYMENT_TERMINAL_FAULTS;
  readonly ledger = new Ledger();
  readonly customers = new CustomerQueue();
  readonly actions: SimulatorControl['actions'];
  readonly #wire: SimWire;
  readonly #logic: TerminalLogic;
  readonly #think: ThinkTimes;
  readonly #listeners = new Set<() => void>();
  readonly #faultView: WireFaultView & { deaf: boolean; garbage?: 'replace' | 'interleave' };
  #fault: string | null = null;
  #faultOptions: Record<string, unknown> = {};
  #slowFactor = 1;
  #hooks: AttachHooks = {};
  #attached = false;

  constructor(options: PaymentTerminalSimOptions) {
    this.id = options.id ?? 'payment-terminal';
    this.label = options.label ?? 'Payment terminal (ZVT)';
    this.#think = { ...DEFAULT_THINK, ...options.think };
    this.#faultView = { deaf: false, badCrcLeft: 0, random: seededRandom(options.seed ?? 20_26) };
    this.#wire = new SimWire({ kind: options.linkKind, clock: options.clock, paceBaud: options.paceBaud ?? 0, faults: this.#faultView });
    this.#logic = new TerminalLogic({
      wire: this.#wire,
      clock: options.clock,
      ledger: this.ledger,
      customers: this.customers,
      think: () => this.#scaledThink(),
      currencyCode: options.currencyCode ?? 48,
      onChange: () => this.#changed(),
    });
    this.actions = {
      customer: defineAction({
        description: 'Queue what the next citizen(s) do at the terminal',
        args: CustomerSchema.extend({ times: z.number().int().min(1).max(100).optional() }),
        run: ({ times, ...customer }) => {
          this.customers.enqueue(customer, times ?? 1);
          this.#changed();
        },
      }),
      defaultCustomer: defineAction({
        description: 'What citizens do when nothing is queued (default: approve)',
        args: CustomerSchema,
        run: (customer) => {
          this.customers.setDefault(customer);
          this.#changed();
        },
      }),
      approve: defineAction({
        description: 'Approve on the terminal (a waiting manual payment, or the next one)',
        args: z.object({}),
        run: () => {
          if (!this.#logic.decide(true)) this.customers.enqueue({ behaviour: 'approve' });
          this.#changed();
        },
      }),
      decline: defineAction({
        description: 'Decline on the terminal (a waiting manual payment, or the next one)',
        args: z.object({ resultCode: z.number().int().min(1).max(255).optional() }),
        run: ({ resultCode }) => {
          if (!this.#logic.decide(false)) this.customers.enqueue({ behaviour: 'decline', ...(resultCode === undefined ? {} : { resultCode }) });
          this.#changed();
        },
      }),
      clearCustomers: defineAction({
        description: 'Forget queued customers',
        args: z.object({}),
        run: () => {
          this.customers.clear();
          this.#changed();
        },
      }),
    };
  }

  /** Connect to a port; returns detach. One connection at a time: a new one replaces the old. */
  attach(port: SimPort, hooks: AttachHooks = {}): () => void {
    this.#wire.attach(port);
    this.#logic.linkChanged();
    this.#hooks = hooks;
    this.#attached = true;
    this.#changed();
    return () => {
      if (this.#hooks !== hooks) return;
      this.#wire.detach();
      this.#logic.linkChanged();
      this.#hooks = {};
      this.#attached = false;
      this.#changed();
    };
  }

  /** ECR commands the terminal took, by message type (authorisation, reversal…). */
  commandsReceived(): Readonly<Record<string, number>> {
    return { ...this.#logic.commandsReceived };
  }

  /** True while a fault keeps the terminal off the line (the TCP server refuses connections then). */
  get unreachable(): boolean {
    return this.#fault === 'unplugged' || this.#fault === 'power-cut';
  }

  state(): Record<string, unknown> {
    return {
      mode: this.#wire.kind,
      attached: this.#attached,
      fault: this.#fault,
      faultOptions: this.#faultOptions,
      ...this.#logic.state(),
      customers: this.customers.snapshot(),
      ledger: this.ledger.snapshot(),
      totals: this.ledger.totals(),
      counters: { ...this.#wire.counters },
    };
  }

  setFault(fault: string | null, options: Record<string, unknown> = {}): void {
    if (fault !== null && !this.faults.includes(fault)) throw new RangeError(`unknown fault ${fault}`);
    // Clear whatever was active first; faults do not stack.
    this.#faultView.deaf = false;
    this.#faultView.badCrcLeft = 0;
    delete this.#faultView.garbage;
    this.#slowFactor = 1;
    this.#fault = fault;
    this.#faultOptions = { ...options };
    switch (fault) {
      case 'unplugged':
        this.#faultView.deaf = true;
        this.#hooks.unplug?.();
        this.#logic.linkChanged();
        break;
      case 'power-cut':
        this.#faultView.deaf = true;
        this.#logic.powerCut();
        this.#hooks.unplug?.();
        break;
      case 'no-answer':
        this.#faultView.deaf = true;
        break;
      case 'garbage':
        this.#faultView.garbage = options['mode'] === 'interleave' ? 'interleave' : 'replace';
        break;
      case 'bad-crc':
        this.#faultView.badCrcLeft = typeof options['count'] === 'number' ? options['count'] : Number.POSITIVE_INFINITY;
        break;
      case 'slow':
        this.#slowFactor = typeof options['factor'] === 'number' && options['factor'] > 0 ? options['factor'] : 4;
        break;
      default:
        break;
    }
    this.#changed();
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #scaledThink(): ThinkTimes {
    const f = this.#slowFactor;
    const t = this.#think;
    return { answerMs: t.answerMs * f, insertCardMs: t.insertCardMs * f, pinMs: t.pinMs * f, hostMs: t.hostMs * f, removeCardMs: t.removeCardMs * f, manualTimeoutMs: t.manualTimeoutMs };
  }

  #changed(): void {
    for (const l of [...this.#listeners]) l();
  }
}

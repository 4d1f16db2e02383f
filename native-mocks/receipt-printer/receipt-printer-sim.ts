/**
 * The receipt printer simulator: an 80 mm ESC/POS thermal printer that reads the
 * byte stream with the codec's command splitter, prints raster images (GS v 0) on
 * a finite paper roll at a finite speed, cuts, answers DLE EOT n with the real
 * status bytes and sends Automatic Status Back (GS a) blocks when its condition
 * changes — and renders what came out to a PNG the control panel shows.
 *
 * Simplification (documented in docs/devices-payment-printer.md): commands are
 * processed strictly in arrival order, DLE EOT included, so a status request sent
 * after a band is answered once that band has printed. A real printer answers
 * DLE EOT immediately; that is why the driver also listens to ASB.
 */
import { z } from 'zod';
import type { DeviceClock } from '../../electron/devices/contract/clock.ts';
import { createEscPosSplitter, type EscPosCommand } from '../../electron/devices/receipt-printer/command-splitter.ts';
import { type AsbStatus, encodeAsb, encodeRealtimeStatus, type RealtimeStatusKind } from '../../electron/devices/receipt-printer/status.ts';
import { COMMON_FAULTS, defineAction, type SimulatorControl } from '../control/simulator-control.ts';
import { seededRandom, type SimPort } from '../payment-terminal/sim-port.ts';
import { BYTES_PER_ROW, DOTS_PER_MM, PaperRoll, type PrintedReceipt, rowsToImage } from './paper-roll.ts';
import { encodeMonoPng } from './png.ts';

export const PRINTER_FAULTS = [...COMMON_FAULTS.filter((f) => f !== 'bad-crc'), 'paper-out', 'paper-near-end', 'paper-out-mid-job', 'cover-open', 'jam', 'offline'] as const;

export interface ReceiptPrinterSimOptions {
  readonly clock: DeviceClock;
  /** Pace replies at this baud in `wire` mode; 0 when the in-memory link paces. */
  readonly paceBaud?: number;
  /** Print speed, dot rows per second (1200 ≈ 150 mm/s). */
  readonly rowsPerSecond?: number;
  /** A fresh roll: 80 m. */
  readonly rollDots?: number;
  /** The near-end sensor trips with this much left: 2 m. */
  readonly nearEndDots?: number;
  readonly seed?: number;
  readonly id?: string;
  readonly label?: string;
}

export interface AttachHooks {
  readonly unplug?: () => void;
}

/** ESC/POS default line spacing: 1/6 inch ≈ 30 dots at 180 dpi units; 30 dots here. */
const LINE_DOTS = 30;
const MAX_HISTORY = 5;

/** Unwinds the command worker when the power goes. */
class PowerCut extends Error {}

export class ReceiptPrinterSimulator implements SimulatorControl {
  readonly id: string;
  readonly label: string;
  readonly faults: readonly string[] = PRINTER_FAULTS;
  readonly actions: SimulatorControl['actions'];
  readonly paper: PaperRoll;
  readonly #clock: DeviceClock;
  readonly #o: ReceiptPrinterSimOptions;
  readonly #random: () => number;
  readonly #listeners = new Set<() => void>();
  #splitter = createEscPosSplitter();
  #queue: EscPosCommand[] = [];
  #working = false;
  #generation = 0;
  #port: SimPort | undefined;
  #offPort: (() => void) | undefined;
  #hooks: AttachHooks = {};
  #deaf = false;
  #garbage = false;
  #slow = 1;
  #coverOpen = false;
  #cutterJam = false;
  #jamOnNextCut = false;
  #offline = false;
  #asbFlags = 0;
  #lastAsb = '';
  #rxBusyUntil = 0;
  #fault: string | null = null;
  #history: PrintedReceipt[] = [];
  #counters = { bytesIn: 0, rasterRows: 0, rowsLost: 0, cuts: 0, statusReplies: 0, asbSent: 0, textBytesIgnored: 0 };

  constructor(options: ReceiptPrinterSimOptions) {
    this.#o = options;
    this.#clock = options.clock;
    this.id = options.id ?? 'receipt-printer';
    this.label = options.label ?? 'Receipt printer (ESC/POS 80 mm)';
    this.#random = seededRandom(options.seed ?? 80);
    this.paper = new PaperRoll(options.rollDots ?? 80_000 * DOTS_PER_MM, options.nearEndDots ?? 2000 * DOTS_PER_MM);
    this.actions = {
      refillPaper: defineAction({
        description: 'Put in a new paper roll',
        args: z.object({ metres: z.number().positive().max(200).optional() }),
        run: ({ metres }) => {
          this.paper.refill(Math.round((metres ?? 80) * 1000 * DOTS_PER_MM));
          this.#conditionChanged();
        },
      }),
      openCover: defineAction({ description: 'Open the printer cover', args: z.object({}), run: () => this.#setCover(true) }),
      closeCover: defineAction({ description: 'Close the printer cover', args: z.object({}), run: () => this.#setCover(false) }),
      clearJam: defineAction({
        description: 'Clear a cutter jam',
        args: z.object({}),
        run: () => {
          this.#cutterJam = false;
          this.#jamOnNextCut = false;
          this.#conditionChanged();
        },
      }),
      tearOff: defineAction({
        description: 'Tear off what hangs out without cutting (after paper-out)',
        args: z.object({}),
        run: () => {
          if (this.paper.pendingRows > 0) this.#keep({ ...this.paper.cut(this.#clock.now()), cut: false });
          this.#changed();
        },
      }),
    };
  }

  attach(port: SimPort, hooks: AttachHooks = {}): () => void {
    this.#offPort?.();
    this.#port = port;
    this.#hooks = hooks;
    this.#offPort = port.onData((chunk) => this.#receive(chunk));
    this.#changed();
    return () => {
      if (this.#port !== port) return;
      this.#offPort?.();
      this.#offPort = undefined;
      this.#port = undefined;
      this.#changed();
    };
  }

  // ---- SimulatorControl ----

  state(): Record<string, unknown> {
    const c = this.#condition();
    return {
      attached: this.#port !== undefined,
      fault: this.#fault,
      paperMillimetresLeft: Math.max(0, Math.round(this.paper.remaining / DOTS_PER_MM)),
      paper: c.paperEnd ? 'out' : c.paperNearEnd ? 'low' : 'full',
      cover: this.#coverOpen ? 'open' : 'closed',
      cutterJam: this.#cutterJam,
      offline: c.offline,
      automaticStatusBack: this.#asbFlags,
      printingRows: this.paper.pendingRows,
      receipts: this.#history.map((r) => ({ rows: r.rows.length, millimetres: Math.round(r.rows.length / DOTS_PER_MM), cut: r.cut, at: r.at })),
      counters: { ...this.#counters },
      artifacts: this.lastReceipt() ? ['last-receipt.png'] : [],
    };
  }

  artifact(name: string): { contentType: string; body: Uint8Array } | null {
    if (name !== 'last-receipt.png') return null;
    const receipt = this.lastReceipt();
    return receipt ? { contentType: 'image/png', body: encodeMonoPng(rowsToImage(receipt.rows)) } : null;
  }

  /** What is coming out now if anything, else the last receipt cut or torn off. */
  lastReceipt(): PrintedReceipt | undefined {
    // Blank paper fed after a cut is not a receipt; anything printed on it is.
    const current = this.paper.current(this.#clock.now());
    return current.rows.some((row) => row.some((b) => b !== 0)) ? current : this.#history.at(-1);
  }

  setFault(fault: string | null, options: Record<string, unknown> = {}): void {
    if (fault !== null && !this.faults.includes(fault)) throw new RangeError(`unknown fault ${fault}`);
    const previous = this.#fault;
    this.#fault = fault;
    this.#deaf = false;
    this.#garbage = false;
    this.#slow = 1;
    // Clearing a hardware fault means a person fixed it: roll refilled, cover shut, jam cleared.
    if (previous && previous !== fault) {
      if (previous.startsWith('paper')) this.paper.refill(this.#o.rollDots ?? 80_000 * DOTS_PER_MM);
      if (previous === 'cover-open') this.#coverOpen = false;
      if (previous === 'jam') {
        this.#cutterJam = false;
        this.#jamOnNextCut = false;
      }
      if (previous === 'offline') this.#offline = false;
    }
    const number = (key: string, fallback: number) => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
    switch (fault) {
      case 'unplugged':
        this.#deaf = true;
        this.#hooks.unplug?.();
        break;
      case 'power-cut':
        this.#powerCut();
        this.#hooks.unplug?.();
        break;
      case 'no-answer':
        this.#deaf = true;
        break;
      case 'garbage':
        this.#garbage = true;
        break;
      case 'slow':
        this.#slow = number('factor', 4);
        break;
      case 'paper-out':
        this.paper.refill(0);
        break;
      case 'paper-near-end':
        this.paper.refill(Math.min(this.paper.nearEndAt, number('dots', this.paper.nearEndAt)));
        break;
      case 'paper-out-mid-job':
        this.paper.refill(number('afterDots', 300));
        break;
      case 'cover-open':
        this.#coverOpen = true;
        break;
      case 'jam':
        if (options['onNextCut'] === true) this.#jamOnNextCut = true;
        else this.#cutterJam = true;
        break;
      case 'offline':
        this.#offline = true;
        break;
      default:
        break;
    }
    this.#conditionChanged();
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ---- bytes in ----

  #receive(chunk: Uint8Array): void {
    if (this.#deaf) return;
    const baud = this.#o.paceBaud ?? 0;
    if (baud > 0) {
      // A pseudo-terminal delivers at memory speed: hold each chunk for its time on the wire.
      const now = this.#clock.now();
      this.#rxBusyUntil = Math.max(now, this.#rxBusyUntil) + (chunk.length * 10 * 1000) / baud;
      const copy = chunk.slice();
      const generation = this.#generation;
      this.#clock.setTimeout(() => {
        if (generation === this.#generation) this.#arrived(copy);
      }, this.#rxBusyUntil - now);
      return;
    }
    this.#arrived(chunk);
  }

  #arrived(chunk: Uint8Array): void {
    if (this.#deaf) return;
    this.#counters.bytesIn += chunk.length;
    this.#queue.push(...this.#splitter.push(chunk));
    if (!this.#working) void this.#work(this.#generation);
  }

  async #work(generation: number): Promise<void> {
    this.#working = true;
    try {
      while (this.#queue.length > 0 && generation === this.#generation) {
        const command = this.#queue.shift();
        if (command) await this.#execute(command, generation);
      }
    } catch (error) {
      if (!(error instanceof PowerCut)) throw error;
    } finally {
      if (generation === this.#generation) this.#working = false;
    }
  }

  async #execute(command: EscPosCommand, generation: number): Promise<void> {
    switch (command.kind) {
      case 'initialize':
        this.#asbFlags = 0;
        return;
      case 'setAutomaticStatusBack':
        this.#asbFlags = command.flags;
        this.#lastAsb = '';
        this.#sendAsb();
        return;
      case 'realtimeStatusRequest':
        if (command.n >= 1 && command.n <= 4) this.#reply(Uint8Array.of(this.#realtime(command.n as RealtimeStatusKind)));
        this.#counters.statusReplies++;
        return;
      case 'rasterImage':
        await this.#printRaster(command.widthBytes, command.height, command.data, generation);
        return;
      case 'lineFeed':
        await this.#feed(LINE_DOTS, generation);
        return;
      case 'feedLines':
        await this.#feed(command.lines * LINE_DOTS, generation);
        return;
      case 'feedDots':
        await this.#feed(command.dots, generation);
        return;
      case 'cut':
        if (this.#canPrint()) this.#cut();
        return;
      case 'text':
        this.#counters.textBytesIgnored += command.bytes.length;
        return;
      default:
        return;
    }
  }

  #canPrint(): boolean {
    return !this.#coverOpen && !this.#cutterJam && !this.#offline && !this.paper.end;
  }

  async #printRaster(widthBytes: number, height: number, data: Uint8Array, generation: number): Promise<void> {
    let printed = 0;
    for (let y = 0; y < height; y++) {
      const row = new Uint8Array(BYTES_PER_ROW);
      row.set(data.subarray(y * widthBytes, y * widthBytes + Math.min(widthBytes, BYTES_PER_ROW)));
      const wasNearEnd = this.paper.nearEnd;
      if (!this.#canPrint() || !this.paper.printRow(row)) {
        // Paper end (or cover opened) mid-image: the printer stops and drops the rest.
        this.#counters.rowsLost += height - y;
        break;
      }
      printed++;
      if (this.paper.nearEnd !== wasNearEnd || this.paper.end) this.#conditionChanged();
    }
    this.#counters.rasterRows += printed;
    this.#changed();
    await this.#sleep(printed, generation);
  }

  async #feed(rows: number, generation: number): Promise<void> {
    if (!this.#canPrint()) return;
    const fed = this.paper.feed(rows);
    if (this.paper.end) this.#conditionChanged();
    await this.#sleep(fed, generation);
  }

  #cut(): void {
    if (this.#jamOnNextCut) {
      this.#jamOnNextCut = false;
      this.#cutterJam = true;
      this.#conditionChanged();
      return;
    }
    this.#counters.cuts++;
    this.#keep(this.paper.cut(this.#clock.now()));
    this.#changed();
  }

  #keep(receipt: PrintedReceipt): void {
    this.#history.push(receipt);
    if (this.#history.length > MAX_HISTORY) this.#history.shift();
  }

  async #sleep(rows: number, generation: number): Promise<void> {
    if (rows <= 0) return;
    const ms = (rows * 1000 * this.#slow) / (this.#o.rowsPerSecond ?? 1200);
    await new Promise<void>((resolve) => this.#clock.setTimeout(resolve, ms));
    if (generation !== this.#generation) throw new PowerCut();
  }

  #powerCut(): void {
    this.#generation++;
    this.#deaf = true;
    this.#queue = [];
    this.#splitter = createEscPosSplitter();
    this.#working = false;
    this.#asbFlags = 0;
    // What hung out of the printer stays on the paper; keep it visible.
    if (this.paper.pendingRows > 0) this.#keep({ ...this.paper.cut(this.#clock.now()), cut: false });
  }

  // ---- status out ----

  #condition(): AsbStatus {
    return {
      drawerPin3High: false,
      offline: this.#offline || this.#coverOpen || this.paper.end || this.#cutterJam,
      coverOpen: this.#coverOpen,
      feedButtonPressed: false,
      waitingForOnlineRecovery: this.#offline,
      mechanicalError: false,
      autocutterError: this.#cutterJam,
      unrecoverableError: false,
      autoRecoverableError: false,
      paperNearEnd: this.paper.nearEnd || this.paper.end,
      paperEnd: this.paper.end,
    };
  }

  #realtime(n: RealtimeStatusKind): number {
    const c = this.#condition();
    switch (n) {
      case 1:
        return encodeRealtimeStatus({ n, status: { drawerPin3High: false, offline: c.offline, waitingForOnlineRecovery: c.waitingForOnlineRecovery, feedButtonPressed: false } });
      case 2:
        return encodeRealtimeStatus({ n, status: { coverOpen: c.coverOpen, feedingByButton: false, paperEndStop: c.paperEnd, errorOccurred: c.autocutterError } });
      case 3:
        return encodeRealtimeStatus({ n, status: { recoverableError: false, autocutterError: c.autocutterError, unrecoverableError: false, autoRecoverableError: false } });
      case 4:
        return encodeRealtimeStatus({ n, status: { nearEnd: c.paperNearEnd, paperEnd: c.paperEnd } });
    }
  }

  #sendAsb(): void {
    if (this.#asbFlags === 0 || this.#deaf) return;
    const block = encodeAsb(this.#condition());
    const key = Array.from(block).join(',');
    if (key === this.#lastAsb) return;
    this.#lastAsb = key;
    this.#counters.asbSent++;
    this.#reply(block);
  }

  #conditionChanged(): void {
    this.#sendAsb();
    this.#changed();
  }

  #setCover(open: boolean): void {
    this.#coverOpen = open;
    this.#conditionChanged();
  }

  #reply(bytes: Uint8Array): void {
    const port = this.#port;
    if (!port || this.#deaf) return;
    // Garbage: line noise with the high bit set (a wrong baud rate looks like this); never a valid status byte.
    const out = this.#garbage ? Uint8Array.from(bytes, () => 0x80 | Math.floor(this.#random() * 128)) : bytes;
    const baud = this.#o.paceBaud ?? 0;
    const send = () => {
      if (this.#port === port) void Promise.resolve(port.write(out)).catch(() => {});
    };
    if (baud > 0) this.#clock.setTimeout(send, (out.length * 10 * 1000) / baud);
    else send();
  }

  #changed(): void {
    for (const l of [...this.#listeners]) l();
  }
}

/**
 * The receipt printer driver: ESC/POS over a ByteTransport (80 mm, 576 dots),
 * on the device contract. A receipt is a 1-bit bitmap (receipt-raster.ts) sent
 * as raster bands (GS v 0); the printer's real-time status (DLE EOT 1-4) is read
 * before the job, after every band and after the cut, and Automatic Status Back
 * (GS a) reports changes as they happen (paper near end, paper end, cover open,
 * cutter jam, offline) as unsolicited events.
 *
 * Paper-out mid-receipt: the job stops at the next band boundary and ends with
 * commandErrorCode 'paperOut', saying how much came out — between the rows of the
 * bands confirmed before and the rows sent up to the band that hit the end. (A
 * real printer answers DLE EOT at once, even while the band is still printing, so
 * on hardware the upper bound is the honest one; ASB narrows it when enabled.)
 */
import type { DeviceClock } from '../../contract/clock.ts';
import type { CommandOutcome, Completion } from '../../contract/completion.ts';
import type { UnsolicitedEvent } from '../../contract/events.ts';
import { createRequestIdFactory, runCommand, type CommandContext } from '../../contract/run-command.ts';
import type { DeviceCounters, DeviceStatus, SelfTestResult } from '../../contract/status.ts';
import type { ByteTransport } from '../../transport/byte-transport.ts';
import { wireTimeMs } from '../../transport/byte-transport.ts';
import { PAPER_WIDTH_DOTS } from '../print-job.ts';
import { type AsbStatus, automaticStatusBackCommand, createPrinterReplyDecoder, realtimeStatusRequest, type RealtimeStatus, type RealtimeStatusKind } from '../status.ts';
import type { MonoBitmap } from './mono-bitmap.ts';
import { applyRealtime, blockingProblem, conditionEvents, conditionStatus, type PrinterProblem, UNKNOWN_CONDITION } from './printer-condition.ts';
import { bandRasterJob } from './raster-bands.ts';

export type PrinterErrorCode = PrinterProblem | 'noReply' | 'linkError';

export interface PrintPayload {
  readonly totalRows: number;
  /** Rows certainly printed. */
  readonly printedRowsAtLeast: number;
  /** Rows possibly printed (everything sent before the job stopped). */
  readonly printedRowsAtMost: number;
  /** printedRowsAtLeast in millimetres at 8 dots/mm. */
  readonly printedMillimetres: number;
  readonly cut: boolean;
}

export type PrintCompletion = Completion<PrintPayload, PrinterErrorCode>;
export type StatusCompletion = Completion<DeviceStatus, PrinterErrorCode>;

export interface ReceiptPrinterOptions {
  readonly transport: ByteTransport;
  readonly clock: DeviceClock;
  readonly model?: string;
  /** Line speed, to know how long a band takes to reach the printer. */
  readonly baud?: number;
  /** Print speed in dot rows per second; 1200 ≈ 150 mm/s, a typical kiosk printer. */
  readonly rowsPerSecond?: number;
  /** How long a DLE EOT reply may take once the printer has the request. */
  readonly replyTimeoutMs?: number;
  readonly bandRows?: number;
}

const ESC_AT = Uint8Array.of(0x1b, 0x40); // ESC @ — the codec builds it only inside whole jobs
const ALL: RealtimeStatusKind[] = [1, 2, 3, 4];
const DOTS_PER_MM = 8;

type CountName = 'jobs' | 'jobsCompleted' | 'jobsFailed' | 'rowsPrinted' | 'cuts' | 'paperMillimetres' | 'statusPolls' | 'replyTimeouts' | 'asbBlocks' | 'unexpectedBytes';

interface Waiter {
  resolve(reply: RealtimeStatus | undefined): void;
}

type Failure = { completionCode: 'commandErrorCode' | 'hardwareError' | 'deviceNotReady' | 'timeOut'; errorCode: PrinterErrorCode };

/** A Failure as a contract outcome (commandErrorCode needs its own branch to type-check). */
function outcome<P>(f: Failure, payload: P | undefined, description: string): CommandOutcome<P, PrinterErrorCode> {
  const withPayload = payload === undefined ? {} : { payload };
  return f.completionCode === 'commandErrorCode'
    ? { completionCode: 'commandErrorCode', errorCode: f.errorCode, ...withPayload, description }
    : { completionCode: f.completionCode, errorCode: f.errorCode, ...withPayload, description };
}

function failureFor(problem: PrinterProblem): Failure {
  switch (problem) {
    case 'paperOut':
    case 'coverOpen':
      return { completionCode: 'commandErrorCode', errorCode: problem };
    case 'cutterJam':
    case 'mechanicalError':
      return { completionCode: 'hardwareError', errorCode: problem };
    case 'offline':
      return { completionCode: 'deviceNotReady', errorCode: 'offline' };
  }
}

export class ReceiptPrinter {
  readonly #transport: ByteTransport;
  readonly #clock: DeviceClock;
  readonly #o: ReceiptPrinterOptions;
  readonly #decoder = createPrinterReplyDecoder();
  readonly #waiters: Waiter[] = [];
  readonly #listeners = new Set<(event: UnsolicitedEvent) => void>();
  readonly #offs: Array<() => void>;
  readonly #nextId = createRequestIdFactory('printer');
  readonly #since: number;
  readonly #counts: Record<CountName, number> = { jobs: 0, jobsCompleted: 0, jobsFailed: 0, rowsPrinted: 0, cuts: 0, paperMillimetres: 0, statusPolls: 0, replyTimeouts: 0, asbBlocks: 0, unexpectedBytes: 0 };
  #condition: AsbStatus = UNKNOWN_CONDITION;
  #answering = true;
  #busy = false;
  #chain: Promise<unknown> = Promise.resolve();
  /** Set by an ASB block during a job: stop at the next band. */
  #problemDuringJob: PrinterProblem | undefined;

  constructor(options: ReceiptPrinterOptions) {
    this.#o = options;
    this.#transport = options.transport;
    this.#clock = options.clock;
    this.#since = options.clock.now();
    this.#offs = [
      this.#transport.onData((chunk) => this.#receive(chunk)),
      this.#transport.onClose(() => {
        this.#failWaiters();
        this.#emit({ type: 'statusChanged', deviceClass: 'printer', at: this.#clock.now(), status: this.status() });
      }),
    ];
  }

  capabilities() {
    return { deviceClass: 'printer' as const, model: this.#o.model ?? 'ESC/POS 80 mm', paperWidthDots: PAPER_WIDTH_DOTS, dotsPerMm: DOTS_PER_MM, cutter: 'full' as const, rasterImages: true, automaticStatusBack: true };
  }

  status(): DeviceStatus {
    const status = this.#observedStatus();
    return this.#busy && status.device === 'online' ? { ...status, device: 'deviceBusy' } : status;
  }

  /** The printer's own condition, leaving out whether we are busy with it. */
  #observedStatus(): DeviceStatus {
    if (!this.#transport.isOpen) return { device: 'noDevice', paper: 'unknown', cover: 'unknown' };
    if (!this.#answering) return { device: 'offline', paper: 'unknown', cover: 'unknown', detail: ['printer does not answer status requests'] };
    return conditionStatus(this.#condition);
  }

  counters(): DeviceCounters {
    return { deviceClass: 'printer', since: this.#since, counters: { ...this.#counts } };
  }

  onEvent(listener: (event: UnsolicitedEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dispose(): void {
    for (const off of this.#offs) off();
    this.#failWaiters();
    this.#listeners.clear();
  }

  /** ESC @, enable Automatic Status Back for online/errors/paper, then read the status. */
  initialise(options: { signal?: AbortSignal; requestId?: string } = {}): Promise<StatusCompletion> {
    return this.#command(options, 5000, async (ctx) => {
      if (!(await this.#write(ESC_AT)) || !(await this.#write(automaticStatusBackCommand({ online: true, errors: true, paper: true })))) return this.#linkDown();
      return this.#statusOutcome(await this.#poll(ALL, 0, ctx));
    });
  }

  queryStatus(options: { signal?: AbortSignal; requestId?: string } = {}): Promise<StatusCompletion> {
    return this.#command(options, 5000, async (ctx) => this.#statusOutcome(await this.#poll(ALL, 0, ctx)));
  }

  print(bitmap: MonoBitmap, options: { signal?: AbortSignal; requestId?: string } = {}): Promise<PrintCompletion> {
    const job = bandRasterJob(bitmap, { ...(this.#o.bandRows === undefined ? {} : { bandRows: this.#o.bandRows }) });
    const bytes = job.preamble.length + job.ending.length + job.bands.reduce((n, b) => n + b.bytes.length, 0);
    const timeoutMs = 10_000 + 2 * (this.#wireMs(bytes) + this.#printMs(job.totalRows));
    return this.#command(options, timeoutMs, async (ctx) => {
      this.#counts.jobs++;
      const outcome = await this.#runJob(job, ctx);
      if (outcome.completionCode === 'success') this.#counts.jobsCompleted++;
      else this.#counts.jobsFailed++;
      const printed = outcome.payload?.printedRowsAtLeast ?? 0;
      this.#counts.rowsPrinted += printed;
      this.#counts.paperMillimetres += Math.round(printed / DOTS_PER_MM);
      if (outcome.payload?.cut) this.#counts.cuts++;
      return outcome;
    });
  }

  async selfTest(): Promise<SelfTestResult> {
    const init = await this.initialise();
    const checks = [
      { name: 'statusReply', passed: init.errorCode !== 'noReply' && init.errorCode !== 'linkError', detail: (init.description ?? init.completionCode).slice(0, 200) },
      { name: 'readyToPrint', passed: init.completionCode === 'success', detail: init.errorCode ?? 'ready' },
    ];
    return { deviceClass: 'printer', at: this.#clock.now(), passed: checks.every((c) => c.passed), checks };
  }

  // ---- job ----

  async #runJob(job: ReturnType<typeof bandRasterJob>, ctx: CommandContext<never>): Promise<CommandOutcome<PrintPayload, PrinterErrorCode>> {
    const payload = (atLeast: number, atMost: number, cut: boolean): PrintPayload => ({
      totalRows: job.totalRows,
      printedRowsAtLeast: atLeast,
      printedRowsAtMost: atMost,
      printedMillimetres: Math.round(atLeast / DOTS_PER_MM),
      cut,
    });
    const fail = (f: Failure, atLeast: number, atMost: number, description: string) => outcome(f, payload(atLeast, atMost, false), description);

    const before = await this.#poll(ALL, 0, ctx);
    if (before === 'link') return fail({ completionCode: 'deviceNotReady', errorCode: 'linkError' }, 0, 0, 'printer link is down');
    if (before === 'noReply') return fail({ completionCode: 'deviceNotReady', errorCode: 'noReply' }, 0, 0, 'no status reply before the job');
    const problem = blockingProblem(before);
    if (problem) return fail(failureFor(problem), 0, 0, `not printed: ${problem}`);

    this.#problemDuringJob = undefined;
    if (!(await this.#write(job.preamble)) || !(await this.#write(automaticStatusBackCommand({ online: true, errors: true, paper: true })))) {
      return fail({ completionCode: 'hardwareError', errorCode: 'linkError' }, 0, 0, 'link lost before the job');
    }
    let confirmed = 0;
    for (const band of job.bands) {
      if (ctx.signal.aborted) return { completionCode: 'canceled', payload: payload(confirmed, confirmed, false), description: 'canceled between bands' };
      const sentUpTo = confirmed + band.rows;
      if (!(await this.#write(band.bytes))) return fail({ completionCode: 'hardwareError', errorCode: 'linkError' }, confirmed, sentUpTo, 'link lost mid-receipt');
      const after = await this.#poll([2, 4], this.#wireMs(band.bytes.length) + this.#printMs(band.rows), ctx);
      if (after === 'link') return fail({ completionCode: 'hardwareError', errorCode: 'linkError' }, confirmed, sentUpTo, 'link lost mid-receipt');
      if (after === 'noReply') return fail({ completionCode: 'timeOut', errorCode: 'noReply' }, confirmed, sentUpTo, 'printer stopped answering mid-receipt');
      const stop = this.#problemDuringJob ?? blockingProblem(after);
      if (stop) return fail(failureFor(stop), confirmed, sentUpTo, `stopped mid-receipt: ${stop}, printed ${confirmed}-${sentUpTo} of ${job.totalRows} dot rows`);
      confirmed = sentUpTo;
    }
    if (!(await this.#write(job.ending))) return fail({ completionCode: 'hardwareError', errorCode: 'linkError' }, confirmed, confirmed, 'link lost before the cut');
    // Feed (a few lines) and cut take well under a second on any 80 mm printer.
    const end = await this.#poll(ALL, this.#wireMs(job.ending.length) + 1000, ctx);
    if (end === 'link') return fail({ completionCode: 'hardwareError', errorCode: 'linkError' }, confirmed, confirmed, 'link lost at the cut');
    if (end === 'noReply') return fail({ completionCode: 'timeOut', errorCode: 'noReply' }, confirmed, confirmed, 'no status reply after the cut');
    const last = this.#problemDuringJob ?? blockingProblem(end);
    if (last) return fail(failureFor(last), confirmed, confirmed, `printed, but ${last} at the end (not cut)`);
    return { completionCode: 'success', payload: payload(job.totalRows, job.totalRows, true) };
  }

  // ---- status requests ----

  /**
   * Ask DLE EOT n for each n and wait for every reply; `extraMs` covers bytes still
   * on their way and rows still printing ahead of the request.
   */
  async #poll(ns: RealtimeStatusKind[], extraMs: number, ctx?: CommandContext<never>): Promise<AsbStatus | 'noReply' | 'link'> {
    if (!this.#transport.isOpen) return 'link';
    this.#counts.statusPolls++;
    const replies = ns.map(
      () =>
        new Promise<RealtimeStatus | undefined>((resolve) => {
          this.#waiters.push({ resolve });
        }),
    );
    for (const n of ns) this.#decoder.expectRealtimeStatus(n);
    const request = new Uint8Array(ns.length * 3);
    ns.forEach((n, i) => request.set(realtimeStatusRequest(n), i * 3));
    // Work ahead of the request (bytes on the wire, rows printing) gets 4x its nominal time:
    // a slow or cold printer must not be mistaken for a dead one.
    const timer = this.#clock.setTimeout(() => {
      this.#counts.replyTimeouts++;
      this.#failWaiters();
    }, (this.#o.replyTimeoutMs ?? 500) + this.#wireMs(request.length) + 4 * extraMs);
    const onAbort = () => this.#failWaiters();
    ctx?.signal.addEventListener('abort', onAbort, { once: true });
    const written = await this.#write(request);
    const results = await Promise.all(replies);
    this.#clock.clearTimeout(timer);
    ctx?.signal.removeEventListener('abort', onAbort);
    if (!written || !this.#transport.isOpen) return 'link';
    if (results.some((r) => r === undefined)) {
      this.#answering = false;
      return 'noReply';
    }
    this.#answering = true;
    this.#update(applyRealtime(this.#condition, results as RealtimeStatus[]));
    return this.#condition;
  }

  #failWaiters(): void {
    this.#decoder.reset();
    for (const w of this.#waiters.splice(0)) w.resolve(undefined);
  }

  #receive(chunk: Uint8Array): void {
    for (const event of this.#decoder.push(chunk)) {
      if (event.kind === 'realtimeStatus') {
        this.#waiters.shift()?.resolve(event.reply);
      } else if (event.kind === 'automaticStatusBack') {
        this.#counts.asbBlocks++;
        this.#answering = true;
        this.#update(event.status);
        const problem = blockingProblem(event.status);
        if (problem && this.#busy) this.#problemDuringJob = problem;
      } else {
        this.#counts.unexpectedBytes++;
      }
    }
  }

  #update(next: AsbStatus): void {
    const events = conditionEvents(this.#condition, next, this.#clock.now());
    this.#condition = next;
    for (const e of events) this.#emit(e);
  }

  #statusOutcome(result: AsbStatus | 'noReply' | 'link'): CommandOutcome<DeviceStatus, PrinterErrorCode> {
    if (result === 'link') return this.#linkDown();
    if (result === 'noReply') return outcome({ completionCode: 'deviceNotReady', errorCode: 'noReply' }, this.#observedStatus(), 'no status reply');
    const problem = blockingProblem(result);
    if (problem) return outcome(failureFor(problem), this.#observedStatus(), problem);
    return { completionCode: 'success', payload: this.#observedStatus() };
  }

  #linkDown<P>(): CommandOutcome<P, PrinterErrorCode> {
    return outcome<P>({ completionCode: 'deviceNotReady', errorCode: 'linkError' }, undefined, 'printer link is down');
  }

  // ---- plumbing ----

  #command<P>(options: { signal?: AbortSignal; requestId?: string }, timeoutMs: number, execute: (ctx: CommandContext<never>) => Promise<CommandOutcome<P, PrinterErrorCode>>): Promise<Completion<P, PrinterErrorCode>> {
    const requestId = options.requestId ?? this.#nextId();
    const run = () =>
      runCommand<P, PrinterErrorCode>({
        requestId,
        timeoutMs,
        clock: this.#clock,
        ...(options.signal ? { signal: options.signal } : {}),
        execute: async (ctx) => {
          this.#busy = true;
          try {
            return await execute(ctx);
          } finally {
            this.#busy = false;
          }
        },
      });
    const turn = this.#chain.then(run, run);
    this.#chain = turn.catch(() => undefined);
    return turn;
  }

  async #write(bytes: Uint8Array): Promise<boolean> {
    if (bytes.length === 0) return true;
    if (!this.#transport.isOpen) return false;
    try {
      await this.#transport.write(bytes);
      return true;
    } catch {
      return false;
    }
  }

  #wireMs(bytes: number): number {
    return wireTimeMs(bytes, this.#o.baud ?? 115_200);
  }

  #printMs(rows: number): number {
    return (rows * 1000) / (this.#o.rowsPerSecond ?? 1200);
  }

  #emit(event: UnsolicitedEvent): void {
    for (const l of [...this.#listeners]) l(event);
  }
}

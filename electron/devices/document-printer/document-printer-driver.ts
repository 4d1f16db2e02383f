/**
 * A4 document printer driver over a PrintSpooler (CUPS or the PDF-sink
 * simulator): print a PDF as one runCommand that follows the job until it
 * completes, with a timeout and cancel; printer status with paper/cover
 * events; counters and a self-test for technician mode.
 *
 * Privacy rule behind most of the flow: a citizen's document must never
 * print later for someone else. So the driver refuses to submit to a printer
 * that cannot print now, and cancels the job — on timeout, on cancel, and
 * when the printer stops mid-job (paper out, jam, offline) — instead of
 * leaving it queued. The job title is a neutral id, never personal data.
 */
import type { DeviceClock } from '../contract/clock.ts';
import type { CommandOutcome, Completion, FailureOutcome } from '../contract/completion.ts';
import type { IntermediateEvent, UnsolicitedEvent } from '../contract/events.ts';
import { createRequestIdFactory, runCommand, type CommandContext } from '../contract/run-command.ts';
import type { DeviceCapabilities, DeviceCounters, DeviceStatus, SelfTestResult } from '../contract/status.ts';
import { DeviceCounterSet } from '../hid/device-counters.ts';
import { SILENT_LOG, type DeviceLog } from '../hid/device-log.ts';
import { DeviceStatusTracker } from '../hid/device-status-tracker.ts';
import { ListenerSet } from '../hid/listener-set.ts';
import { isAborted, sleep, untilAborted, type Aborted } from './abortable.ts';
import { checkPdf, DEFAULT_MAX_PDF_BYTES } from './pdf-document.ts';
import { SpoolerError, type PrinterStatus, type PrintSpooler } from './print-spooler.ts';
import { blockingReason, deviceStatusOf, type DocumentPrinterErrorCode } from './printer-state-reasons.ts';

export { DOCUMENT_PRINTER_ERROR_CODES, type DocumentPrinterErrorCode } from './printer-state-reasons.ts';

export interface PrintResult {
  readonly jobId: string;
  /** Pages in the document we sent. */
  readonly pages: number;
  /** Pages the print system says it printed, when it says. */
  readonly pagesPrinted?: number;
}

export type PrintEvent = { readonly type: 'jobQueued'; readonly jobId: string } | { readonly type: 'jobProcessing'; readonly jobId: string };

export interface CommandOptions<TEvent = never> {
  timeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: IntermediateEvent<TEvent>) => void;
}

export interface DocumentPrinterDriverOptions {
  spooler: PrintSpooler;
  clock: DeviceClock;
  /** How often a running job is checked. */
  pollIntervalMs?: number;
  printTimeoutMs?: number;
  statusTimeoutMs?: number;
  maxPdfBytes?: number;
  /** Polls in a row that cannot find the job before it counts as lost. */
  maxUnknownPolls?: number;
  model?: string;
  log?: DeviceLog;
}

const COUNTERS = ['jobsSubmitted', 'jobsCompleted', 'jobsFailed', 'jobsCanceledByKiosk', 'pagesSubmitted', 'pagesPrinted', 'paperOutEvents', 'timeouts', 'cancels', 'spoolerErrors'] as const;

type Outcome<T> = CommandOutcome<T, DocumentPrinterErrorCode>;

export class DocumentPrinterDriver {
  readonly #options: DocumentPrinterDriverOptions;
  readonly #spooler: PrintSpooler;
  readonly #clock: DeviceClock;
  readonly #log: DeviceLog;
  readonly #unsolicited = new ListenerSet<UnsolicitedEvent>();
  readonly #status: DeviceStatusTracker;
  readonly #counters: DeviceCounterSet<(typeof COUNTERS)[number]>;
  readonly #nextRequestId = createRequestIdFactory('documentPrinter');
  #busy = false;
  #watchTimer: unknown = null;
  /** Bumped on every stop, so a refresh in flight does not restart a stopped watch. */
  #watchGeneration = 0;
  #closed = false;

  constructor(options: DocumentPrinterDriverOptions) {
    this.#options = options;
    this.#spooler = options.spooler;
    this.#clock = options.clock;
    this.#log = options.log ?? SILENT_LOG;
    this.#counters = new DeviceCounterSet('documentPrinter', COUNTERS, options.clock.now());
    this.#status = new DeviceStatusTracker({ deviceClass: 'documentPrinter', clock: options.clock, initial: { device: 'offline', paper: 'unknown' }, emit: (e) => this.#unsolicited.emit(e) });
  }

  printPdf(pdf: Uint8Array, options: CommandOptions<PrintEvent> = {}): Promise<Completion<PrintResult, DocumentPrinterErrorCode>> {
    return this.#run<PrintResult, PrintEvent>(options, this.#options.printTimeoutMs ?? 120_000, async (ctx) => {
      const document = checkPdf(pdf, this.#options.maxPdfBytes ?? DEFAULT_MAX_PDF_BYTES);
      if (!document.ok) return { completionCode: 'commandErrorCode', errorCode: 'invalidDocument', description: document.reason };

      const before = await this.#printerStatus(ctx.signal);
      if (isAborted(before)) return aborted();
      if ('completionCode' in before) return before;
      const blocked = blockingReason(before);
      if (blocked) return blocked;

      const submitted = await this.#spoolerCall(() => this.#spooler.submit(pdf, { title: `khidma-${ctx.requestId}` }, ctx.signal), ctx.signal);
      if (isAborted(submitted)) return aborted();
      if ('completionCode' in submitted) return submitted;
      const { jobId } = submitted;
      this.#counters.increment('jobsSubmitted');
      this.#counters.increment('pagesSubmitted', document.pages);
      this.#log.info({ requestId: ctx.requestId, jobId, pages: document.pages }, 'document queued');
      ctx.emit({ type: 'jobQueued', jobId });

      const outcome = await this.#followJob(jobId, document.pages, ctx);
      if (outcome === null) {
        // Timed out or cancelled: the completion has gone; make sure the document never prints later.
        await this.#cancelJob(jobId);
        return aborted();
      }
      if (outcome.completionCode === 'success') this.#counters.increment('jobsCompleted');
      else this.#counters.increment('jobsFailed');
      return outcome;
    });
  }

  /** Read the printer's state now (and emit paper/cover events on changes). */
  refreshStatus(options: CommandOptions = {}): Promise<Completion<DeviceStatus, DocumentPrinterErrorCode>> {
    return this.#run<DeviceStatus, never>(options, this.#options.statusTimeoutMs ?? 10_000, async (ctx) => {
      const status = await this.#printerStatus(ctx.signal);
      if (isAborted(status)) return aborted();
      if ('completionCode' in status) return status;
      return { completionCode: 'success', payload: this.#status.current };
    });
  }

  /** Technician self-test: the print system answers, the queue exists and can print now. Prints nothing. */
  async selfTest(options: CommandOptions = {}): Promise<SelfTestResult> {
    const completion = await this.refreshStatus(options);
    const status = this.#status.current;
    const answered = completion.completionCode === 'success';
    const check = (name: string, passed: boolean, detail?: string) => ({ name, passed, ...(detail && !passed ? { detail: detail.slice(0, 200) } : {}) });
    const checks = [
      check('spooler', answered || completion.errorCode === 'noQueue', completion.description),
      check('queue', answered, completion.description),
      check('paper', answered && status.paper !== 'out' && status.paper !== 'jammed', status.paper),
      check('ready', answered && status.device === 'online', status.detail?.join(', ')),
    ];
    return { deviceClass: 'documentPrinter', at: Math.floor(this.#clock.now()), passed: checks.every((c) => c.passed), checks };
  }

  /** Poll the printer's status while idle, so paper-out shows before a citizen needs the printer. */
  watchStatus(intervalMs: number): () => void {
    this.#stopWatching();
    const generation = this.#watchGeneration;
    const tick = () => {
      this.#watchTimer = this.#clock.setTimeout(() => {
        this.#watchTimer = null;
        const refresh = this.#busy ? Promise.resolve() : this.refreshStatus().then(() => undefined);
        void refresh.then(() => {
          if (!this.#closed && generation === this.#watchGeneration) tick();
        });
      }, intervalMs);
    };
    tick();
    return () => {
      if (generation === this.#watchGeneration) this.#stopWatching();
    };
  }

  status(): DeviceStatus {
    return this.#status.current;
  }

  capabilities(): DeviceCapabilities {
    return { deviceClass: 'documentPrinter', model: this.#options.model ?? this.#spooler.description };
  }

  counters(): DeviceCounters {
    return this.#counters.snapshot();
  }

  onUnsolicited(listener: (event: UnsolicitedEvent) => void): () => void {
    return this.#unsolicited.add(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stopWatching();
    this.#unsolicited.clear();
  }

  #run<T, TEvent>(options: CommandOptions<TEvent>, defaultTimeoutMs: number, body: (ctx: CommandContext<TEvent>) => Promise<Outcome<T>>): Promise<Completion<T, DocumentPrinterErrorCode>> {
    const requestId = this.#nextRequestId();
    const completion = runCommand<T, DocumentPrinterErrorCode, TEvent>({
      requestId,
      timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
      clock: this.#clock,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      execute: async (ctx) => {
        if (this.#busy) return { completionCode: 'sequenceError', description: 'another document printer command is running' };
        this.#busy = true;
        try {
          return await body(ctx);
        } finally {
          this.#busy = false;
          if (ctx.signal.aborted) this.#counters.increment(ctx.signal.reason === 'timeOut' ? 'timeouts' : 'cancels');
        }
      },
    });
    void completion.then((c) => this.#log.info({ requestId, completionCode: c.completionCode, errorCode: c.errorCode }, 'document printer command completed'));
    return completion;
  }

  /** Poll until the job ends; null when the command was aborted first. */
  async #followJob(jobId: string, pages: number, ctx: CommandContext<PrintEvent>): Promise<Outcome<PrintResult> | null> {
    const maxUnknown = this.#options.maxUnknownPolls ?? 3;
    let unknown = 0;
    let processing = false;
    for (;;) {
      if (isAborted(await sleep(this.#clock, this.#options.pollIntervalMs ?? 1000, ctx.signal))) return null;
      const job = await this.#spoolerCall(() => this.#spooler.jobStatus(jobId, ctx.signal), ctx.signal);
      if (isAborted(job)) return null;
      const state = 'completionCode' in job ? 'unknown' : job.state;
      if (state === 'completed') {
        const printed = 'completionCode' in job ? undefined : job.pagesPrinted;
        this.#counters.increment('pagesPrinted', printed ?? pages);
        return { completionCode: 'success', payload: { jobId, pages, ...(printed !== undefined ? { pagesPrinted: printed } : {}) } };
      }
      if (state === 'aborted') return { completionCode: 'hardwareError', errorCode: 'jobAborted', description: `print system aborted ${jobId}` };
      if (state === 'canceled') return { completionCode: 'commandErrorCode', errorCode: 'jobCanceled', description: `${jobId} was canceled outside the kiosk` };
      if (state === 'unknown') {
        if (++unknown >= maxUnknown) {
          await this.#cancelJob(jobId);
          return { completionCode: 'hardwareError', errorCode: 'jobLost', description: `print system lost track of ${jobId}` };
        }
        continue;
      }
      unknown = 0;
      if (state === 'processing' && !processing) {
        processing = true;
        ctx.emit({ type: 'jobProcessing', jobId });
      }
      const printer = await this.#printerStatus(ctx.signal);
      if (isAborted(printer)) return null;
      if ('completionCode' in printer) continue;
      const blocked = blockingReason(printer);
      // A queue that stopped accepting new jobs still prints the ones it has.
      if (blocked && blocked.errorCode !== 'notAccepting') {
        await this.#cancelJob(jobId);
        return { ...blocked, description: `${blocked.description}; ${jobId} canceled so it cannot print later` };
      }
    }
  }

  /** The printer's status, applied to the device status; a failure outcome when the print system cannot say. */
  async #printerStatus(signal: AbortSignal): Promise<PrinterStatus | FailureOutcome<DocumentPrinterErrorCode> | Aborted> {
    const status = await this.#spoolerCall(() => this.#spooler.printerStatus(signal), signal);
    if (isAborted(status)) return status;
    if ('completionCode' in status) {
      const device: DeviceStatus['device'] = status.errorCode === 'noQueue' ? 'noDevice' : 'offline';
      this.#status.update({ device, paper: 'unknown', detail: [status.description ?? 'print system error'] });
      return status;
    }
    this.#applyPrinterStatus(status);
    return status;
  }

  async #spoolerCall<T>(call: () => Promise<T>, signal: AbortSignal): Promise<T | FailureOutcome<DocumentPrinterErrorCode> | Aborted> {
    try {
      const result = await untilAborted(call(), signal);
      if (isAborted(result) && signal.reason === 'timeOut') {
        // The command's time ran out inside a print-system call: the print system is not answering.
        this.#status.update({ device: 'offline', detail: ['print system did not answer'] });
      }
      return result;
    } catch (error) {
      this.#counters.increment('spoolerErrors');
      const message = error instanceof Error ? error.message : String(error);
      this.#log.warn({ error: message }, 'print system call failed');
      const failure = error instanceof SpoolerError ? error.failure : 'failed';
      switch (failure) {
        case 'schedulerDown':
          return { completionCode: 'deviceNotReady', errorCode: 'spoolerUnavailable', description: message };
        case 'noQueue':
          return { completionCode: 'deviceNotReady', errorCode: 'noQueue', description: message };
        case 'notAccepting':
          return { completionCode: 'deviceNotReady', errorCode: 'notAccepting', description: message };
        default:
          return { completionCode: 'hardwareError', errorCode: 'spoolerError', description: message };
      }
    }
  }

  /** Best-effort cancel with its own deadline, so a hung print system cannot hold the driver. */
  async #cancelJob(jobId: string): Promise<void> {
    const controller = new AbortController();
    const timer = this.#clock.setTimeout(() => controller.abort('timeOut'), this.#options.statusTimeoutMs ?? 10_000);
    try {
      await untilAborted(this.#spooler.cancel(jobId, controller.signal), controller.signal);
      this.#counters.increment('jobsCanceledByKiosk');
      this.#log.info({ jobId }, 'document job canceled by the kiosk');
    } catch (error) {
      this.#log.warn({ jobId, error: error instanceof Error ? error.message : String(error) }, 'could not cancel document job');
    } finally {
      this.#clock.clearTimeout(timer);
    }
  }

  #applyPrinterStatus(printer: PrinterStatus): void {
    const previous = this.#status.current;
    const next = deviceStatusOf(printer);
    const at = Math.floor(this.#clock.now());
    const event = (type: UnsolicitedEvent['type']) => this.#unsolicited.emit({ type, deviceClass: 'documentPrinter', at });
    if (next.paper !== previous.paper) {
      if (next.paper === 'out') {
        this.#counters.increment('paperOutEvents');
        event('paperOut');
      } else if (next.paper === 'low') event('paperLow');
      else if (next.paper === 'full' && (previous.paper === 'out' || previous.paper === 'low')) event('paperReplenished');
    }
    if (next.cover !== previous.cover && previous.cover !== undefined) event(next.cover === 'open' ? 'coverOpened' : 'coverClosed');
    this.#status.update({ ...next, detail: next.detail });
  }

  #stopWatching(): void {
    this.#watchGeneration++;
    if (this.#watchTimer !== null) this.#clock.clearTimeout(this.#watchTimer);
    this.#watchTimer = null;
  }
}

/** For outcomes after runCommand has already completed (timeout/cancel): ignored by runCommand. */
function aborted(): Outcome<never> {
  return { completionCode: 'canceled', description: 'aborted' };
}

/**
 * The A4 printer in `sim` mode (the default): a print system with one queue
 * that accepts PDFs, keeps the last one as an artifact (`last.pdf`, shown in
 * the control panel) and moves jobs through IPP's states on the injected
 * clock — pending, processing (a page every `perPageMs`), completed — using
 * sheets from a paper tray.
 *
 * Faults: out-of-paper (tray empty; a job stalls mid-way with
 * media-empty-error, as a real one runs out mid-document), offline, jam,
 * slow, and the common unplugged (like offline), power-cut (the printing job
 * is aborted), no-answer (the print system never answers) and garbage (its
 * answers cannot be read). Clearing out-of-paper means the tray was refilled.
 */
import { z } from 'zod';
import type { DeviceClock } from '../../electron/devices/contract/clock.ts';
import { checkPdf } from '../../electron/devices/document-printer/pdf-document.ts';
import type { JobState, JobStatus, PrinterStatus, PrintSpooler, SubmitOptions } from '../../electron/devices/document-printer/print-spooler.ts';
import { FINAL_JOB_STATES } from '../../electron/devices/document-printer/print-spooler.ts';
import { ListenerSet } from '../../electron/devices/hid/listener-set.ts';
import { COMMON_FAULTS, defineAction, type SimulatorControl } from '../control/simulator-control.ts';

export const DOCUMENT_PRINTER_FAULTS = [...COMMON_FAULTS.filter((f) => f !== 'bad-crc'), 'out-of-paper', 'offline', 'jam'] as const;

export interface PdfSinkOptions {
  clock: DeviceClock;
  queue?: string;
  trayCapacity?: number;
  /** Fewer sheets than this: media-low. */
  lowSheets?: number;
  timing?: Partial<typeof DEFAULT_TIMING>;
}

const DEFAULT_TIMING = { startMs: 300, perPageMs: 1500 };
const KEPT_JOBS = 20;

interface SimJob {
  readonly id: string;
  state: JobState;
  readonly pages: number;
  pagesPrinted: number;
}

export class PdfSinkSimulator implements PrintSpooler, SimulatorControl {
  readonly id = 'document-printer';
  readonly label = 'A4 printer (PDF sink)';
  readonly faults: readonly string[] = DOCUMENT_PRINTER_FAULTS;
  readonly actions;
  readonly description: string;
  readonly #clock: DeviceClock;
  readonly #queue: string;
  readonly #capacity: number;
  readonly #lowSheets: number;
  readonly #timing: typeof DEFAULT_TIMING;
  readonly #changes = new ListenerSet<void>();
  readonly #jobs: SimJob[] = [];
  #sheets: number;
  #nextJob = 1;
  #fault: string | null = null;
  #faultOptions: Record<string, unknown> = {};
  #timer: unknown = null;
  #lastPdf: Uint8Array | null = null;
  #pagesPrinted = 0;

  constructor(options: PdfSinkOptions) {
    this.#clock = options.clock;
    this.#queue = options.queue ?? 'KhidmaSim';
    this.description = `pdf sink ${this.#queue} (sim)`;
    this.#capacity = options.trayCapacity ?? 500;
    this.#lowSheets = options.lowSheets ?? 50;
    this.#sheets = this.#capacity;
    this.#timing = { ...DEFAULT_TIMING, ...options.timing };
    this.actions = {
      refillPaper: defineAction({
        description: 'Put paper in the tray: {sheets?} (default: full)',
        args: z.object({ sheets: z.number().int().min(0).max(10_000).optional() }).strict(),
        run: ({ sheets }) => this.refillPaper(sheets),
      }),
    };
  }

  // -- SimulatorControl ------------------------------------------------------

  state(): Record<string, unknown> {
    return {
      fault: this.#fault,
      paperSheets: this.#sheets,
      jobs: this.#jobs.slice(-10).map((j) => ({ ...j })),
      pagesPrinted: this.#pagesPrinted,
      lastDocumentBytes: this.#lastPdf?.length ?? 0,
      artifacts: this.#lastPdf ? ['last.pdf'] : [],
    };
  }

  setFault(fault: string | null, options: Record<string, unknown> = {}): void {
    if (fault !== null && !this.faults.includes(fault)) throw new Error(`unknown fault ${fault}`);
    const previous = this.#fault;
    this.#fault = fault;
    this.#faultOptions = options;
    if (fault === 'out-of-paper') this.#sheets = 0;
    if (previous === 'out-of-paper' && fault !== 'out-of-paper') this.#sheets = this.#capacity;
    if (fault === 'power-cut') {
      // The printer lost power mid-page: the print system gives the job up.
      for (const job of this.#jobs) if (job.state === 'processing') job.state = 'aborted';
    }
    this.#reschedule();
    this.#changed();
  }

  onChange(listener: () => void): () => void {
    return this.#changes.add(listener);
  }

  artifact(name: string): { contentType: string; body: Uint8Array } | null {
    return name === 'last.pdf' && this.#lastPdf ? { contentType: 'application/pdf', body: this.#lastPdf } : null;
  }

  refillPaper(sheets?: number): { paperSheets: number } {
    this.#sheets = Math.min(this.#capacity, sheets ?? this.#capacity);
    if (this.#fault === 'out-of-paper' && this.#sheets > 0) this.#fault = null;
    this.#reschedule();
    this.#changed();
    return { paperSheets: this.#sheets };
  }

  /** Timers held (leak tests): 0 when no job can progress. */
  get pendingTimers(): number {
    return this.#timer === null ? 0 : 1;
  }

  // -- PrintSpooler ----------------------------------------------------------

  async submit(pdf: Uint8Array, _options: SubmitOptions, signal: AbortSignal): Promise<{ jobId: string }> {
    await this.#answer(signal);
    // Like CUPS, the queue takes any bytes; the driver checks PDFs before sending.
    this.#lastPdf = pdf.slice();
    const pages = checkPdf(pdf);
    const job: SimJob = { id: `${this.#queue}-${this.#nextJob++}`, state: 'pending', pages: pages.ok ? pages.pages : 1, pagesPrinted: 0 };
    this.#jobs.push(job);
    if (this.#jobs.length > KEPT_JOBS) this.#jobs.splice(0, this.#jobs.length - KEPT_JOBS);
    this.#reschedule();
    this.#changed();
    return { jobId: job.id };
  }

  async jobStatus(jobId: string, signal: AbortSignal): Promise<JobStatus> {
    await this.#answer(signal);
    const job = this.#jobs.find((j) => j.id === jobId);
    if (!job || this.#fault === 'garbage') return { jobId, state: 'unknown', exact: true };
    return { jobId, state: job.state, pagesPrinted: job.pagesPrinted, exact: true };
  }

  async printerStatus(signal: AbortSignal): Promise<PrinterStatus> {
    await this.#answer(signal);
    if (this.#fault === 'garbage') return { state: 'unknown', reasons: [], acceptingJobs: true };
    const reasons: string[] = [];
    if (this.#sheets === 0) reasons.push('media-empty-error');
    else if (this.#sheets < this.#lowSheets) reasons.push('media-low-report');
    if (this.#fault === 'jam') reasons.push('media-jam-error');
    if (this.#fault === 'offline' || this.#fault === 'unplugged' || this.#fault === 'power-cut') reasons.push('offline-report');
    const blocked = this.#blocked();
    const state = blocked ? 'stopped' : this.#jobs.some((j) => j.state === 'processing') ? 'processing' : 'idle';
    return { state, reasons, acceptingJobs: true };
  }

  async cancel(jobId: string, signal: AbortSignal): Promise<void> {
    await this.#answer(signal);
    const job = this.#jobs.find((j) => j.id === jobId);
    if (job && !FINAL_JOB_STATES.has(job.state)) job.state = 'canceled';
    this.#reschedule();
    this.#changed();
  }

  // -- the print engine ------------------------------------------------------

  /** no-answer: the call never returns; only the caller's abort ends it. */
  #answer(signal: AbortSignal): Promise<void> {
    if (this.#fault !== 'no-answer') return Promise.resolve();
    return new Promise<void>((_resolve, reject) => {
      const onAbort = () => reject(new Error('print system did not answer'));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #blocked(): boolean {
    return this.#sheets === 0 || ['jam', 'offline', 'unplugged', 'power-cut'].includes(this.#fault ?? '');
  }

  #reschedule(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    const job = this.#jobs.find((j) => j.state === 'pending' || j.state === 'processing');
    if (!job || this.#blocked()) return;
    const factor = this.#fault === 'slow' ? Number(this.#faultOptions.factor ?? 10) || 10 : 1;
    const delay = (job.state === 'pending' ? this.#timing.startMs : this.#timing.perPageMs) * factor;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.#step(job);
      this.#reschedule();
      this.#changed();
    }, delay);
  }

  #step(job: SimJob): void {
    if (job.state === 'pending') {
      job.state = 'processing';
      return;
    }
    if (job.state !== 'processing' || this.#sheets === 0) return;
    this.#sheets--;
    job.pagesPrinted++;
    this.#pagesPrinted++;
    if (job.pagesPrinted >= job.pages) job.state = 'completed';
  }

  #changed(): void {
    this.#changes.emit();
  }
}

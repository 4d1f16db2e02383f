/**
 * What the A4 document printer driver needs from a print system: submit a
 * PDF, follow the job, read the printer's state, cancel. Two implementations:
 * CUPS through its command-line clients (cups-spooler-adapter.ts, `real` and
 * `wire` modes) and the PDF-sink simulator (native-mocks/document-printer,
 * `sim` mode, the default).
 *
 * States and reasons use IPP's vocabulary (RFC 8011 §5.3.7 job-state,
 * §5.4.11 printer-state, §5.4.12 printer-state-reasons), which is what CUPS
 * reports, so the simulator and CUPS speak the same words.
 */

/** RFC 8011 job-state keywords, plus `unknown` (job not found, or an answer we cannot read). */
export const JOB_STATES = ['pending', 'held', 'processing', 'stopped', 'canceled', 'aborted', 'completed', 'unknown'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const FINAL_JOB_STATES: ReadonlySet<JobState> = new Set(['canceled', 'aborted', 'completed']);

export interface JobStatus {
  readonly jobId: string;
  readonly state: JobState;
  /** Pages (impressions) printed so far, when the print system says. */
  readonly pagesPrinted?: number;
  /**
   * False when the final state is inferred rather than reported (lpstat
   * alone cannot tell completed from canceled or aborted; see the adapter).
   */
  readonly exact: boolean;
}

export interface PrinterStatus {
  /** RFC 8011 printer-state: idle (3), processing (4), stopped (5). */
  readonly state: 'idle' | 'processing' | 'stopped' | 'unknown';
  /** printer-state-reasons keywords, e.g. media-empty-error, paused, offline-report; `none` is dropped. */
  readonly reasons: readonly string[];
  readonly acceptingJobs: boolean;
}

export interface SubmitOptions {
  /** Job title: CUPS logs it and cups-pdf names the file after it, so never personal data. */
  readonly title: string;
  readonly copies?: number;
}

/** Why a print-system call failed, in terms the driver maps to completions. */
export type SpoolerFailure = 'schedulerDown' | 'noQueue' | 'notAccepting' | 'failed';

export class SpoolerError extends Error {
  override readonly name = 'SpoolerError';
  readonly failure: SpoolerFailure;

  constructor(failure: SpoolerFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.failure = failure;
  }
}

export interface PrintSpooler {
  /** For logs and the technician screen: "cups queue KhidmaA4", "pdf sink (sim)". */
  readonly description: string;
  /** Queue a PDF; resolves with the print system's job id. Rejects with SpoolerError. */
  submit(pdf: Uint8Array, options: SubmitOptions, signal: AbortSignal): Promise<{ jobId: string }>;
  jobStatus(jobId: string, signal: AbortSignal): Promise<JobStatus>;
  printerStatus(signal: AbortSignal): Promise<PrinterStatus>;
  /** Best effort; a job that already ended is not an error. */
  cancel(jobId: string, signal: AbortSignal): Promise<void>;
}

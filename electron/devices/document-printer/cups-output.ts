/**
 * Parsers for what the CUPS command-line clients print (CUPS 2.4, run with
 * LC_ALL=C so the text is the untranslated English; samples in the tests were
 * captured from lp, lpstat, lpoptions and ipptool on Debian 12's cups 2.4.2).
 * Pure: the adapter runs the programs, these read their output, and anything
 * unexpected parses to "unknown", never to an exception.
 */
import type { JobState, PrinterStatus } from './print-spooler.ts';

/** `lp`: "request id is KhidmaA4-17 (0 file(s))" → "KhidmaA4-17". */
export function parseLpRequestId(stdout: string): string | null {
  const match = /request id is (\S+-\d+) \(\d+ file\(s\)\)/.exec(stdout);
  return match ? match[1]! : null;
}

/** How `lp`/`lpstat`/`lpoptions` say a queue or the scheduler is missing. */
export function classifyCupsError(stderr: string): 'notAccepting' | 'noQueue' | 'schedulerDown' | 'failed' {
  if (/not accepting (jobs|requests)/i.test(stderr)) return 'notAccepting';
  if (/does not exist|Invalid destination name|Unknown printer or class|not found/i.test(stderr)) return 'noQueue';
  if (/scheduler is not running|Unable to connect|Connection refused|No such file or directory.*cups\.sock/i.test(stderr)) return 'schedulerDown';
  return 'failed';
}

export interface LpstatSnapshot {
  /** Job ids still not completed (pending, held, processing), in lpstat's order. */
  readonly activeJobs: readonly string[];
  /** The job the printer line says it is printing now. */
  readonly printing: string | null;
  /** "disabled" when the queue is stopped (cupsdisable). */
  readonly queue: 'idle' | 'printing' | 'disabled' | 'unknown';
}

/**
 * `lpstat -p QUEUE -W not-completed -o QUEUE`:
 *   printer KhidmaA4 now printing KhidmaA4-3.  enabled since …
 *   printer KhidmaA4 is idle.  enabled since …
 *   printer KhidmaA4 disabled since … -
 *   KhidmaA4-4         root              1024   Mon Nov 23 21:56:59 2026
 */
export function parseLpstat(stdout: string, queue: string): LpstatSnapshot {
  const activeJobs: string[] = [];
  let printing: string | null = null;
  let state: LpstatSnapshot['queue'] = 'unknown';
  const prefix = `${queue}-`;
  for (const line of stdout.split('\n')) {
    const printer = new RegExp(`^printer ${escapeRegExp(queue)} (?:now printing (\\S+?)\\.|(is idle)|(disabled))`).exec(line);
    if (printer) {
      if (printer[1]) {
        printing = printer[1];
        state = 'printing';
      } else state = printer[2] ? 'idle' : 'disabled';
      continue;
    }
    const job = /^(\S+)\s/.exec(line);
    if (job && job[1]!.startsWith(prefix) && /^\d+$/.test(job[1]!.slice(prefix.length))) activeJobs.push(job[1]!);
  }
  return { activeJobs, printing, queue: state };
}

/**
 * `lpoptions -p QUEUE`: space-separated name=value pairs; values with spaces
 * are quoted with ' or ", and a backslash escapes the next character.
 */
export function parseLpoptions(stdout: string): Map<string, string> {
  const options = new Map<string, string>();
  let i = 0;
  const text = stdout.trim();
  while (i < text.length) {
    while (text[i] === ' ') i++;
    let name = '';
    while (i < text.length && text[i] !== '=' && text[i] !== ' ') name += text[i++];
    let value = '';
    if (text[i] === '=') {
      i++;
      let quote: string | null = null;
      while (i < text.length) {
        const c = text[i]!;
        if (c === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        if (quote) {
          if (c === quote) quote = null;
          else value += c;
        } else if (c === "'" || c === '"') quote = c;
        else if (c === ' ') break;
        else value += c;
        i++;
      }
    }
    if (name) options.set(name, value);
  }
  return options;
}

const PRINTER_STATES: Readonly<Record<string, PrinterStatus['state']>> = { '3': 'idle', '4': 'processing', '5': 'stopped' };

/** The printer part of `lpoptions -p QUEUE`; null when the answer names no printer (unknown queue or no scheduler). */
export function printerStatusFromLpoptions(options: ReadonlyMap<string, string>): PrinterStatus | null {
  const state = options.get('printer-state');
  if (state === undefined) return null;
  const reasons = (options.get('printer-state-reasons') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '' && r !== 'none');
  return { state: PRINTER_STATES[state] ?? 'unknown', reasons, acceptingJobs: options.get('printer-is-accepting-jobs') === 'true' };
}

const IPP_JOB_STATES: ReadonlySet<string> = new Set(['pending', 'pending-held', 'processing', 'processing-stopped', 'canceled', 'aborted', 'completed']);

/**
 * `ipptool -c` with DISPLAY job-state, job-impressions-completed:
 *   job-state,job-state-reasons,job-impressions-completed
 *   completed,processing-to-stop-point,1
 * No data line means the server does not know the job.
 */
export function parseIpptoolJob(stdout: string): { state: JobState; pagesPrinted?: number } {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]?.split(',') ?? [];
  const values = lines[1]?.split(',');
  if (!values) return { state: 'unknown' };
  const field = (name: string) => values[header.indexOf(name)];
  const raw = field('job-state') ?? '';
  const state: JobState = !IPP_JOB_STATES.has(raw) ? 'unknown' : raw === 'pending-held' ? 'held' : raw === 'processing-stopped' ? 'stopped' : (raw as JobState);
  const pages = Number(field('job-impressions-completed'));
  return Number.isInteger(pages) && pages >= 0 ? { state, pagesPrinted: pages } : { state };
}

/** `lpstat -r`: "scheduler is running" / "scheduler is not running". */
export function schedulerRunning(stdout: string): boolean {
  return /^scheduler is running/m.test(stdout);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

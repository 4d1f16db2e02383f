/**
 * The real print system: CUPS through its command-line clients, so the kiosk
 * needs no IPP library and a technician can reproduce every call in a shell.
 *
 *   submit        lp -d QUEUE -t TITLE -n COPIES            (the PDF on stdin)
 *   job status    lpstat -p QUEUE -W not-completed -o QUEUE  (pending / processing)
 *                 ipptool Get-Job-Attributes                 (final state, once the job left the list)
 *   printer       lpoptions -p QUEUE                         (printer-state, -state-reasons, accepting)
 *   cancel        cancel JOB-ID
 *
 * Why ipptool too: lpstat lists a finished job under "completed" whether it
 * completed, was cancelled or was aborted, and its job-state-reasons are not
 * reliable either (cups 2.4.2 shows processing-to-stop-point for all three).
 * ipptool (package cups-ipp-utils, a dependency of Debian's cups) reads the
 * job's real job-state. Without ipptool the final state is reported as
 * completed with `exact: false`.
 *
 * Every program runs with LC_ALL=C (the parsers read English), a deadline,
 * and the command's abort signal, which kills it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { JobStatus, PrinterStatus, PrintSpooler, SubmitOptions } from './print-spooler.ts';
import { SpoolerError } from './print-spooler.ts';
import { classifyCupsError, parseIpptoolJob, parseLpoptions, parseLpRequestId, parseLpstat, printerStatusFromLpoptions, schedulerRunning } from './cups-output.ts';

export interface CupsSpoolerOptions {
  queue: string;
  /** CUPS server (host:port or socket path); default: the local scheduler. */
  server?: string;
  /** Per-program deadline. */
  commandTimeoutMs?: number;
  /** Set false to skip ipptool (final states then reported as completed, exact: false). */
  useIpptool?: boolean;
}

interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const MAX_OUTPUT = 1024 * 1024;

/** The ipptool request: job-state first, reasons last (they may contain commas). */
const GET_JOB_TEST = `{
  OPERATION Get-Job-Attributes
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR language attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR integer job-id $job_id
  ATTR name requesting-user-name $user
  ATTR keyword requested-attributes job-state,job-impressions-completed,job-state-reasons
  DISPLAY job-state
  DISPLAY job-impressions-completed
  DISPLAY job-state-reasons
}
`;

/**
 * ipptool reads its request from a file. Not /dev/stdin: Node gives a child
 * a socket, not a pipe, for stdin, and ipptool then silently reads nothing.
 */
let requestFile: Promise<string> | null = null;
function getJobRequestFile(): Promise<string> {
  requestFile ??= mkdtemp(join(tmpdir(), 'khidma-ipptool-')).then(async (dir) => {
    const path = join(dir, 'get-job-state.test');
    await writeFile(path, GET_JOB_TEST, { mode: 0o600 });
    return path;
  });
  return requestFile;
}

export function createCupsSpooler(options: CupsSpoolerOptions): PrintSpooler {
  const { queue } = options;
  const timeoutMs = options.commandTimeoutMs ?? 15_000;
  const serverArgs = options.server ? ['-h', options.server] : [];

  function run(program: string, args: readonly string[], signal: AbortSignal, input?: Uint8Array): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(program, args, {
        env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
        stdio: ['pipe', 'pipe', 'pipe'],
        signal,
        timeout: timeoutMs,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        if (stdout.length < MAX_OUTPUT) stdout += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        if (stderr.length < MAX_OUTPUT) stderr += chunk;
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') reject(new SpoolerError('schedulerDown', `${program} not found — are the CUPS client tools installed?`, { cause: error }));
        else reject(new SpoolerError('failed', `${program}: ${error.message}`, { cause: error }));
      });
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      // EPIPE when the program exits before reading stdin; its exit code tells what happened.
      child.stdin.on('error', () => {});
      child.stdin.end(input ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : undefined);
    });
  }

  async function failure(result: RunResult, what: string, signal: AbortSignal): Promise<SpoolerError> {
    let kind = classifyCupsError(result.stderr);
    if (kind === 'failed' || kind === 'noQueue') {
      // lpstat and lpoptions say "invalid destination" also when they cannot reach the scheduler.
      const scheduler = await run('lpstat', [...serverArgs, '-r'], signal).catch(() => null);
      if (scheduler && !schedulerRunning(scheduler.stdout)) kind = 'schedulerDown';
    }
    const detail = result.stderr.trim().split('\n')[0] ?? '';
    return new SpoolerError(kind, `${what} (queue ${queue}): ${detail || `exit ${result.code}`}`);
  }

  async function finalState(jobId: string, signal: AbortSignal): Promise<JobStatus> {
    if (options.useIpptool === false) return { jobId, state: 'completed', exact: false };
    const id = jobId.slice(queue.length + 1);
    const server = options.server && !options.server.startsWith('/') ? options.server : 'localhost';
    const uri = `ipp://${server}/printers/${encodeURIComponent(queue)}`;
    const request = await getJobRequestFile().catch(() => null);
    if (!request) return { jobId, state: 'completed', exact: false };
    const result = await run('ipptool', ['-c', '-d', `job_id=${id}`, '-d', `user=${userInfo().username}`, uri, request], signal).catch(() => null);
    if (!result || result.code !== 0) return { jobId, state: 'completed', exact: false };
    const parsed = parseIpptoolJob(result.stdout);
    return { jobId, ...parsed, exact: parsed.state !== 'unknown' };
  }

  return {
    description: `cups queue ${queue}`,

    async submit(pdf: Uint8Array, submit: SubmitOptions, signal: AbortSignal) {
      const copies = Math.max(1, Math.min(9, Math.floor(submit.copies ?? 1)));
      const title = submit.title.replace(/[^\w.-]/g, '_').slice(0, 64);
      const result = await run('lp', [...serverArgs, '-d', queue, '-t', title, '-n', String(copies)], signal, pdf);
      const jobId = parseLpRequestId(result.stdout);
      if (result.code !== 0 || !jobId) throw await failure(result, 'lp refused the document', signal);
      return { jobId };
    },

    async jobStatus(jobId: string, signal: AbortSignal): Promise<JobStatus> {
      const result = await run('lpstat', [...serverArgs, '-p', queue, '-W', 'not-completed', '-o', queue], signal);
      if (result.code !== 0) throw await failure(result, 'lpstat failed', signal);
      const snapshot = parseLpstat(result.stdout, queue);
      if (snapshot.activeJobs.includes(jobId)) return { jobId, state: snapshot.printing === jobId ? 'processing' : 'pending', exact: true };
      return finalState(jobId, signal);
    },

    async printerStatus(signal: AbortSignal): Promise<PrinterStatus> {
      const result = await run('lpoptions', [...serverArgs, '-p', queue], signal);
      const status = result.code === 0 ? printerStatusFromLpoptions(parseLpoptions(result.stdout)) : null;
      if (status) return status;
      // lpoptions prints nothing (and exits 0) for an unknown queue or an unreachable scheduler.
      const failed = await failure({ ...result, stderr: result.stderr || `lpoptions: Unknown printer or class "${queue}"` }, 'no printer status', signal);
      throw failed;
    },

    async cancel(jobId: string, signal: AbortSignal): Promise<void> {
      const result = await run('cancel', [...serverArgs, jobId], signal);
      // "job-id N is already canceled/completed" is fine: the job will not print.
      if (result.code !== 0 && !/already|not found|does not exist/i.test(result.stderr)) throw await failure(result, 'cancel failed', signal);
    },
  };
}

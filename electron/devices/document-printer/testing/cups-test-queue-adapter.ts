/**
 * Test helper: make a fresh CI machine (root, packages from scripts/setup.sh:
 * cups + printer-driver-cups-pdf) able to print through real CUPS.
 *
 *  1. start cupsd if `lpstat -r` says the scheduler is not running
 *     (DESIGN.md §7: nothing starts it for us), and wait until it answers;
 *  2. create the queue with the CUPS-PDF driver if it does not exist —
 *     the model name is looked up with `lpinfo -m` rather than hard-coded;
 *  3. enable it and make it accept jobs (an earlier test may have left it
 *     disabled), and apply per-queue options (e.g. hold every job).
 *
 * Returns where cups-pdf writes its files for this user, so a test can check
 * that the document really came out of the print pipeline.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };

export interface CupsTestQueue {
  readonly queue: string;
  /** cups-pdf's output directory for jobs submitted by this user. */
  readonly outputDir: string;
}

async function run(program: string, args: string[]): Promise<{ stdout: string; stderr: string; ok: boolean }> {
  try {
    const { stdout, stderr } = await exec(program, args, { env, timeout: 20_000 });
    return { stdout, stderr, ok: true };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? e.message, ok: false };
  }
}

async function schedulerUp(): Promise<boolean> {
  return /^scheduler is running/m.test((await run('lpstat', ['-r'])).stdout);
}

export async function startCupsIfNeeded(): Promise<void> {
  if (await schedulerUp()) return;
  // cupsd forks into the background by itself; -l would keep it in the foreground.
  const started = await run('cupsd', []);
  if (!started.ok) throw new Error(`cannot start cupsd (are you root? is the cups package installed?): ${started.stderr.trim()}`);
  for (let i = 0; i < 100; i++) {
    if (await schedulerUp()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('cupsd started but does not answer lpstat -r within 10 s');
}

async function cupsPdfModel(): Promise<string> {
  const models = await run('lpinfo', ['-m']);
  const line = models.stdout.split('\n').find((l) => /CUPS-PDF_opt\.ppd/.test(l)) ?? models.stdout.split('\n').find((l) => /CUPS-PDF/.test(l));
  if (!line) throw new Error('no CUPS-PDF model in `lpinfo -m` — is printer-driver-cups-pdf installed?');
  return line.split(' ')[0]!;
}

/** cups-pdf.conf "Out" (default ${HOME}/PDF), resolved for the current user. */
function cupsPdfOutputDir(): string {
  let out = '${HOME}/PDF';
  try {
    const line = readFileSync('/etc/cups/cups-pdf.conf', 'utf8')
      .split('\n')
      .find((l) => /^Out\s+/.test(l));
    if (line) out = line.replace(/^Out\s+/, '').trim();
  } catch {
    // Not readable: the package default applies.
  }
  return out.replace('${HOME}', homedir()).replace('${USER}', userInfo().username);
}

export async function ensureCupsTestQueue(options: { queue: string; holdJobs?: boolean }): Promise<CupsTestQueue> {
  await startCupsIfNeeded();
  const exists = (await run('lpstat', ['-p', options.queue])).ok;
  if (!exists) {
    const created = await run('lpadmin', ['-p', options.queue, '-v', 'cups-pdf:/', '-E', '-m', await cupsPdfModel()]);
    if (!created.ok) throw new Error(`lpadmin could not create ${options.queue}: ${created.stderr.trim()}`);
  }
  const hold = options.holdJobs ? 'indefinite' : 'no-hold';
  for (const [program, args] of [
    ['lpadmin', ['-p', options.queue, '-o', `job-hold-until-default=${hold}`]],
    ['cupsenable', [options.queue]],
    ['cupsaccept', [options.queue]],
  ] as const) {
    const result = await run(program, [...args]);
    if (!result.ok) throw new Error(`${program} ${args.join(' ')} failed: ${result.stderr.trim()}`);
  }
  return { queue: options.queue, outputDir: join(cupsPdfOutputDir()) };
}

/** For tests of stopped and rejecting queues. */
export async function setQueueState(queue: string, state: { enabled?: boolean; accepting?: boolean }): Promise<void> {
  if (state.enabled !== undefined) await run(state.enabled ? 'cupsenable' : 'cupsdisable', [queue]);
  if (state.accepting !== undefined) await run(state.accepting ? 'cupsaccept' : 'cupsreject', [queue]);
}

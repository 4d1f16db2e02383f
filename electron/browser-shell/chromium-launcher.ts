import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../core/log/logger.ts';
import { chromiumArgs, type ChromiumWindowMode } from './chromium-flags.ts';
import { createRelaunchPolicy, relaunchDelayMs } from './relaunch-policy.ts';

export interface LauncherOptions {
  executable: string;
  url: string;
  mode: ChromiumWindowMode;
  maxRelaunches: number;
  relaunchWindowMs: number;
  logger: Logger;
  /** Called once when Chromium keeps dying: the kiosk goes out of service. */
  onGiveUp(): void;
}

export interface ChromiumLauncher {
  pid(): number | undefined;
  stop(): Promise<void>;
}

/**
 * Keeps one Chromium window showing the kiosk. Each launch gets a fresh,
 * throwaway profile, deleted when it exits, so nothing a citizen did
 * survives in the browser's storage.
 */
export function launchChromium(options: LauncherOptions): ChromiumLauncher {
  const policy = createRelaunchPolicy(options.maxRelaunches, options.relaunchWindowMs);
  let child: ChildProcess | null = null;
  let stopping = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const start = () => {
    const profile = mkdtempSync(join(tmpdir(), 'khidma-chromium-'));
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (asRoot) options.logger.warn({}, 'running as root: Chromium is started without its sandbox (never do this on a kiosk)');
    const proc = spawn(options.executable, chromiumArgs(options.mode, options.url, profile, asRoot), { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    // Chromium is chatty on stderr; keep only the last lines for the crash log.
    let tail = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-2000);
    });
    proc.on('error', (error) => options.logger.error({ err: error.message }, 'chromium could not be started'));
    proc.on('exit', (code, signal) => {
      rmSync(profile, { recursive: true, force: true });
      if (stopping) return;
      const now = Date.now();
      const again = policy.shouldRelaunch(now);
      options.logger.error({ code, signal, stderrTail: tail.split('\n').slice(-5).join('\n'), relaunch: again }, 'chromium exited');
      if (!again) {
        options.onGiveUp();
        return;
      }
      retryTimer = setTimeout(start, relaunchDelayMs(policy.recentCrashes(now)));
    });
    options.logger.info({ pid: proc.pid, mode: options.mode }, 'chromium started');
  };

  start();
  return {
    pid: () => child?.pid,
    stop: async () => {
      stopping = true;
      if (retryTimer) clearTimeout(retryTimer);
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => proc.kill('SIGKILL'), 3000);
        proc.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        proc.kill('SIGTERM');
      });
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');

export interface KioskProcess {
  url: string;
  origin: string;
  token: string;
  simulators: { panelUrl: string; controlUrl: string; controlToken: string } | null;
  /** The kiosk's data directory (journal, audit log), which tests may inspect or tamper with. */
  dataDir: string;
  process: ChildProcess;
  logs(): string;
  /** POST/GET a /__test hook with the launch token. */
  hook<T = unknown>(path: string, body?: unknown): Promise<T>;
  advanceClock(ms: number): Promise<void>;
  stop(): Promise<void>;
}

export interface KioskStartOptions {
  /** Local override merged over the defaults. */
  config?: Record<string, unknown>;
}

/**
 * Starts the real browser shell (`electron/browser-shell/main.ts`) as its own
 * process, with the test hooks and the manual clock on, and waits until it
 * has written its address.
 */
export async function startKiosk(options: KioskStartOptions = {}): Promise<KioskProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'khidma-e2e-'));
  const readyFile = join(dir, 'ready.json');
  const configFile = join(dir, 'local.json');
  const config = {
    server: { port: 0 },
    simulators: { controlPort: 0 },
    testing: { hooks: true, manualClock: true },
    ...options.config,
    paths: { services: 'e2e/fixtures/services', dataDir: join(dir, 'data'), ...(options.config?.paths as object | undefined) },
  };
  writeFileSync(configFile, JSON.stringify(config));
  const child = spawn(NODE, ['electron/browser-shell/main.ts', '--no-browser', '--config', configFile], {
    cwd: ROOT,
    env: { ...process.env, KIOSK_READY_FILE: readyFile, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  for (let i = 0; i < 300 && !existsSync(readyFile); i++) {
    if (child.exitCode !== null) throw new Error(`kiosk exited with ${child.exitCode}:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!existsSync(readyFile)) throw new Error(`kiosk did not start:\n${output}`);
  const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as { url: string; origin: string; token: string; simulators: KioskProcess['simulators'] };
  const hook = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${ready.origin}/__test/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'x-kiosk-token': ready.token, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`hook ${path} answered ${res.status}`);
    return (await res.json()) as T;
  };
  return {
    ...ready,
    dataDir: join(dir, 'data'),
    process: child,
    logs: () => output,
    hook,
    advanceClock: async (ms) => {
      await hook('clock/advance', { ms });
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

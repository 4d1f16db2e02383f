/**
 * The processes of one crash-harness case: the gateway simulator and the
 * payment terminal simulator each in their own process (their ledgers
 * outlive the kiosk), and the kiosk (browser shell, no browser) that the
 * harness kills and restarts on the same data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { LedgerFile } from '../../native-mocks/payment-terminal/ledger.ts';
import type { GatewayLedger } from '../../native-mocks/gateway/ledger.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const NODE = existsSync(join(ROOT, 'node_modules/.bin/node')) ? join(ROOT, 'node_modules/.bin/node') : process.execPath;

function spawnNode(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => string } {
  const child = spawn(NODE, args, { cwd: ROOT, env: { ...process.env, NODE_NO_WARNINGS: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

/** Waits for the first stdout line matching `pattern`, or fails when the process exits first. */
function firstLine(child: ChildProcess, pattern: RegExp, output: () => string, timeoutMs = 15_000): Promise<RegExpMatchArray> {
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`no line like ${pattern} within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const onExit = (code: number | null) => reject(new Error(`process exited (${code}) before printing ${pattern}:\n${output()}`));
    child.once('exit', onExit);
    lines.on('line', (line) => {
      const match = line.match(pattern);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolvePromise(match);
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export interface GatewaySim {
  apiUrl: string;
  ledger(): Promise<GatewayLedger>;
  stop(): Promise<void>;
}

/** `native-mocks/gateway/main.ts`: its state lives in memory only, so it must outlive every kiosk restart of a case. */
export async function startGatewaySim(): Promise<GatewaySim> {
  const { child, output } = spawnNode(['native-mocks/gateway/main.ts', '--port', '0', '--latency-min', '5', '--latency-max', '30']);
  const api = firstLine(child, /gateway simulator: API (\S+)/, output);
  const control = firstLine(child, /gateway simulator: control (\S+)\/__control \(header X-Control-Token: ([^)]+)\)/, output);
  const [apiMatch, controlMatch] = await Promise.all([api, control]);
  const controlUrl = controlMatch[1]!;
  const token = controlMatch[2]!;
  return {
    apiUrl: apiMatch[1]!,
    async ledger() {
      const res = await fetch(`${controlUrl}/__control/ledger`, { headers: { 'x-control-token': token } });
      if (!res.ok) throw new Error(`gateway ledger: ${res.status}`);
      return (await res.json()) as GatewayLedger;
    },
    stop: () => stopChild(child),
  };
}

export interface TerminalSim {
  zvtPort: number;
  ledgerFile: string;
  /** The terminal's ledger as its flash keeps it (the file), readable whatever the process is doing. */
  ledger(): LedgerFile;
  fault(fault: string | null): Promise<void>;
  stop(): Promise<void>;
}

/** `native-mocks/payment-terminal/serve.ts` with its crash-safe ledger file. */
export async function startTerminalSim(dir: string): Promise<TerminalSim> {
  const ledgerFile = join(dir, 'terminal-ledger.json');
  const { child, output } = spawnNode(['scripts/crash-harness/terminal-serve.ts', '--ledger', ledgerFile]);
  const match = await firstLine(child, /^\{.*"zvtPort".*\}$/, output);
  const ready = JSON.parse(match[0]) as { zvtPort: number; controlUrl: string; token: string };
  return {
    zvtPort: ready.zvtPort,
    ledgerFile,
    ledger: () => (existsSync(ledgerFile) ? (JSON.parse(readFileSync(ledgerFile, 'utf8')) as LedgerFile) : { version: 1, trace: 0, receipt: 0, batch: 1, entries: [] }),
    async fault(fault) {
      const res = await fetch(`${ready.controlUrl}/api/simulators/payment-terminal/fault`, {
        method: 'POST',
        headers: { 'x-control-token': ready.token, 'content-type': 'application/json' },
        body: JSON.stringify({ fault, options: {} }),
      });
      if (!res.ok) throw new Error(`terminal fault ${String(fault)}: ${res.status} ${await res.text()}`);
    },
    stop: () => stopChild(child),
  };
}

export interface KioskRun {
  url: string;
  simulators: { controlUrl: string; controlToken: string };
  child: ChildProcess;
  logs(): string;
  /** Resolves with the signal (e.g. SIGKILL) or exit code when the process ends. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

export interface KioskRunOptions {
  dir: string;
  terminal: TerminalSim;
  gateway: GatewaySim;
  /** Extra environment: the crash point. */
  env?: NodeJS.ProcessEnv;
  /** The flow needs the in-process card reader's control API; a restart with the terminal off may start none. Default true. */
  needSimulators?: boolean;
}

/**
 * The browser shell as its own process: card reader and printers simulated
 * in-process (they die with it), the terminal over ZVT/TCP and the gateway
 * over HTTP in their own processes. The data directory is the case's, so a
 * restart opens the same journal.
 */
export async function startKioskRun(options: KioskRunOptions): Promise<KioskRun> {
  const readyFile = join(options.dir, 'ready.json');
  rmSync(readyFile, { force: true });
  const configFile = join(options.dir, 'local.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      server: { port: 0 },
      simulators: { controlPort: 0 },
      devices: { paymentTerminal: { mode: 'real', port: null, baud: 9600, tcp: { host: '127.0.0.1', port: options.terminal.zvtPort }, password: '000000' } },
      gateway: { mode: 'real', client: { baseUrl: options.gateway.apiUrl, timeoutMs: 8000, retries: 2, circuitBreaker: { failureThreshold: 5, resetAfterMs: 30000 }, tls: null } },
      paths: { services: 'resources/services', dataDir: join(options.dir, 'data') },
      log: { level: 'info' },
    }),
  );
  const { child, output } = spawnNode(['electron/browser-shell/main.ts', '--no-browser', '--config', configFile], { KIOSK_READY_FILE: readyFile, ...options.env });
  const exited = new Promise<string>((r) => child.once('exit', (code, signal) => r(signal ?? `exit ${String(code)}`)));
  for (let i = 0; i < 600 && !existsSync(readyFile); i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`kiosk ended (${await exited}) before it was ready:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!existsSync(readyFile)) throw new Error(`kiosk did not start:\n${output()}`);
  const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as { url: string; simulators: { controlUrl: string; controlToken: string } | null };
  if (!ready.simulators && options.needSimulators !== false) throw new Error(`the kiosk runs no simulators (card reader, printer):\n${output()}`);
  return { url: ready.url, simulators: ready.simulators ?? { controlUrl: '', controlToken: '' }, child, logs: output, exited, stop: () => stopChild(child) };
}

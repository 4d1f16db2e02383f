import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../core/config/config-error.ts';
import { startKioskCore, StartupError } from '../core/start-core.ts';
import type { ChromiumWindowMode } from './chromium-flags.ts';
import { findChromium, hasDisplay } from './find-chromium.ts';
import { launchChromium, type ChromiumLauncher } from './chromium-launcher.ts';
import { startSimulatorHost } from '../../native-mocks/simulator-host.ts';

/**
 * The browser shell: the kiosk core in this Node process, shown by the
 * system Chromium. Used for development, CI and as a fallback where the
 * Electron binary is not available.
 */
export async function runBrowserShell(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      window: { type: 'string' },
      'no-browser': { type: 'boolean', default: false },
      root: { type: 'string' },
    },
    strict: true,
  });
  const root = resolve(values.root ?? process.cwd());
  const overrideFile = values.config ?? process.env.KIOSK_CONFIG ?? resolve(root, 'kiosk.local.json');
  const running = await startKioskCore({ root, overrideConfigFile: overrideFile, serve: true, simulatorHost: startSimulatorHost });
  const { config, logger, core } = running;
  const url = running.url!;
  const mode = (values.window ?? config.shell.chromium.window) as ChromiumWindowMode;
  if (!['kiosk', 'app', 'headless'].includes(mode)) throw new StartupError(`--window must be kiosk, app or headless (got "${mode}")`);

  // Tests and benchmarks learn the address from this file instead of scraping the console.
  if (process.env.KIOSK_READY_FILE) {
    // Written whole, then renamed: a watcher never reads a half-written file.
    const readyFile = process.env.KIOSK_READY_FILE;
    writeFileSync(`${readyFile}.tmp`, JSON.stringify({ url, origin: running.origin, token: running.token, pid: process.pid, simulators: running.simulators }));
    renameSync(`${readyFile}.tmp`, readyFile);
  }

  if (running.simulators) console.log(`Simulated hardware control panel: ${running.simulators.panelUrl}`);

  let launcher: ChromiumLauncher | null = null;
  const chromium = findChromium(config.shell.chromium.path);
  const announce = (why: string) => {
    console.log(`\nKhidma Kiosk is serving (${why}). Open this address in Chromium on this machine:\n\n  ${url}\n`);
  };
  if (values['no-browser']) announce('no browser requested');
  else if (!chromium) announce('no Chromium is installed — install the "chromium" package');
  else if (mode !== 'headless' && !hasDisplay()) announce('no display to open a window on');
  else {
    console.log(`Khidma Kiosk: browser shell, showing the kiosk in ${chromium} (${mode}).`);
    launcher = launchChromium({
      executable: chromium,
      url,
      mode,
      maxRelaunches: config.shell.chromium.maxRelaunches,
      relaunchWindowMs: config.shell.chromium.relaunchWindowSeconds * 1000,
      logger,
      onGiveUp: () => {
        core.setOutOfService('renderer-failures');
        announce('Chromium keeps crashing; the kiosk is out of service until a technician restarts it');
      },
    });
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await launcher?.stop();
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** One line for the console, never a stack trace, then a non-zero exit. */
export function reportStartupFailure(error: unknown): never {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(`Khidma Kiosk cannot start. ${error.message}`);
    process.exit(2);
  }
  console.error(`Khidma Kiosk cannot start: ${(error as Error)?.message ?? String(error)}`);
  process.exit(1);
}

if (import.meta.main) {
  runBrowserShell(process.argv.slice(2)).catch(reportStartupFailure);
}

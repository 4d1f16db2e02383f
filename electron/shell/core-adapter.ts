import type { DestinationStream } from 'pino';
import type { KioskCoreApi } from '../core/kiosk-core-api.ts';
import type { ShellLog } from './shell-log.ts';
import type { WatchdogPolicy } from './watchdog.ts';

/**
 * The one place the Electron shell meets the core's start-up code. The shell
 * itself depends only on KioskCoreApi and this ShellCore; if
 * `startKioskCore`'s options or result change, this adapter is what to fix.
 * The import is dynamic so a core that fails to load (or a bad config) is a
 * rejected promise main.ts can turn into the out-of-service screen, not a
 * crash before the app is ready.
 */
export interface ShellCore {
  core: KioskCoreApi;
  /** The watchdog policy from the kiosk configuration (shell.watchdog). */
  watchdog: WatchdogPolicy;
  /** The core's logger, so the shell's lines land in the same log. */
  log: ShellLog;
  close(): Promise<void>;
}

export type CreateShellCore = () => Promise<ShellCore>;

export interface ShellCoreOptions {
  /** Folder holding resources/ (config, services, locales). */
  root: string;
  /** The machine's override file; a missing file means "defaults only". */
  overrideConfigFile: string | null;
  /** Tests send the core's log lines somewhere quiet. */
  logDestination?: DestinationStream;
}

export async function startShellCore(options: ShellCoreOptions): Promise<ShellCore> {
  const { startKioskCore } = await import('../core/start-core.ts');
  const running = await startKioskCore({
    root: options.root,
    overrideConfigFile: options.overrideConfigFile,
    // The Electron shell talks to the core over IPC: no HTTP server, no WebSocket bridge.
    serve: false,
    // Simulated devices (development, QA) are loaded only when the configuration asks for them,
    // so a packaged kiosk with real devices never needs the simulators on disk.
    simulatorHost: async (hostOptions) => (await import('../../native-mocks/simulator-host.ts')).startSimulatorHost(hostOptions),
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
  });
  const watchdog = running.config.shell.watchdog;
  return {
    core: running.core,
    watchdog: {
      maxFailures: watchdog.maxFailures,
      windowMs: watchdog.windowSeconds * 1000,
      unresponsiveGraceMs: watchdog.unresponsiveGraceSeconds * 1000,
    },
    log: running.logger,
    close: () => running.close(),
  };
}

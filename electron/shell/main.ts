/**
 * Electron main process: the composition root of the Electron shell. Every
 * decision lives in a small module with its own tests; this file only
 * connects them to Electron's objects, in the order Electron needs.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, Menu, protocol, session } from 'electron';
import { createSystemClock } from '../core/clock/clock.ts';
import { APP_ENTRY_URL } from './app-origin.ts';
import { APP_SCHEME_PRIVILEGES } from './app-protocol.ts';
import { applyKioskSwitches, forbiddenSwitchesPresent } from './command-line-switches.ts';
import { startShellCore, type CreateShellCore, type ShellCore } from './core-adapter.ts';
import { hardenSession } from './harden-session.ts';
import { hardenWebContents } from './harden-web-contents.ts';
import { createKioskWindowController } from './kiosk-window.ts';
import { resolveLaunchOptions } from './launch-options.ts';
import { createConsoleLog, describeError, type ShellLog } from './shell-log.ts';
import { OUT_OF_SERVICE_URL } from './shell-pages.ts';
import { resolveShellPaths } from './shell-paths.ts';
import { clearStorageOnNewSession } from './storage-wipe.ts';
import { KIOSK_PARTITION, kioskWindowOptions } from './window-options.ts';

// Until the core's logger exists, lines go to stderr; afterwards to the core's log.
let activeLog: ShellLog = createConsoleLog();
const log: ShellLog = {
  info: (fields, message) => activeLog.info(fields, message),
  warn: (fields, message) => activeLog.warn(fields, message),
  error: (fields, message) => activeLog.error(fields, message),
};

// A kiosk never shows Electron's crash dialog: log, and leave restarting to the OS supervisor.
process.on('uncaughtException', (error) => {
  log.error({ error: describeError(error) }, 'uncaught exception in the main process; exiting');
  app.exit(1);
});
process.on('unhandledRejection', (reason) => log.error({ error: describeError(reason) }, 'unhandled promise rejection in the main process'));

const launch = resolveLaunchOptions({
  argv: process.argv,
  env: process.env,
  isPackaged: app.isPackaged,
  userDataDir: app.getPath('userData'),
  appPath: app.getAppPath(),
});
const { devMode } = launch;

// Everything below must happen before the app is ready to take effect.
app.enableSandbox();
applyKioskSwitches(app.commandLine);
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
Menu.setApplicationMenu(null);
// Every page the app ever creates gets the guards, not just the windows we know of.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { devMode, log }));

const forbidden = forbiddenSwitchesPresent(app.commandLine);
if (launch.devModeRefused) log.warn({}, 'development mode requested in a packaged build; refused');
if (forbidden.length > 0 && !devMode) {
  log.error({ switches: forbidden }, 'refusing to run with remote debugging switches');
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  log.info({}, 'another kiosk instance is already running; exiting');
  app.exit(0);
} else {
  const paths = resolveShellPaths({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    shellDir: import.meta.dirname,
  });
  // The adapter is the one place that knows how the core is started.
  const createCore: CreateShellCore = () => startShellCore({ root: paths.coreRoot, overrideConfigFile: launch.overrideConfigFile });
  startShell(createCore, paths).catch((error: unknown) => {
    log.error({ error: describeError(error) }, 'the Electron shell failed to start');
    app.exit(1);
  });
}

async function startShell(createCore: CreateShellCore, paths: ReturnType<typeof resolveShellPaths>): Promise<void> {
  await app.whenReady();
  log.info({ devMode, packaged: app.isPackaged, rendererDir: paths.rendererDir }, 'Electron shell starting');
  const kioskSession = session.fromPartition(KIOSK_PARTITION);
  hardenSession(kioskSession, { devMode, log, rendererDir: paths.rendererDir, readFile: (file) => readFile(file) });
  const createWindow = () => new BrowserWindow(kioskWindowOptions({ preloadPath: paths.preloadPath, devMode }));
  app.on('window-all-closed', () => app.quit());
  process.on('SIGTERM', () => app.quit());
  process.on('SIGINT', () => app.quit());

  let shellCore: ShellCore;
  try {
    shellCore = await createCore();
  } catch (error) {
    log.error({ error: describeError(error) }, 'the kiosk core did not start');
    if (devMode) {
      app.exit(2);
      return;
    }
    // Production: citizens see "out of service", never a desktop or an error dialog.
    const window = createWindow();
    window.once('ready-to-show', () => window.show());
    await window.loadURL(OUT_OF_SERVICE_URL);
    return;
  }
  activeLog = shellCore.log;
  const { core } = shellCore;

  const controller = createKioskWindowController({ createWindow, core, log, policy: shellCore.watchdog, clock: createSystemClock(), devMode });
  clearStorageOnNewSession({
    subscribe: (listener) => core.subscribe(listener),
    initialView: core.view(),
    clear: async () => {
      await kioskSession.clearStorageData();
      await kioskSession.clearCache();
    },
    log,
  });

  const rendererPresent = existsSync(join(paths.rendererDir, 'index.html'));
  if (!rendererPresent) {
    log.error({ rendererDir: paths.rendererDir }, 'the renderer build is missing (run `npm run build:renderer`); out of service');
    core.setOutOfService('renderer-failures');
  }
  controller.open(rendererPresent ? APP_ENTRY_URL : OUT_OF_SERVICE_URL);
  app.on('second-instance', () => controller.focus());

  let coreClosed = false;
  app.on('before-quit', () => controller.shutdown());
  app.on('will-quit', (event) => {
    if (coreClosed) return;
    // Let the core wipe the session and close cleanly before the process goes.
    event.preventDefault();
    coreClosed = true;
    shellCore
      .close()
      .catch((error: unknown) => log.error({ error: describeError(error) }, 'the core did not close cleanly'))
      .finally(() => app.quit());
  });
}

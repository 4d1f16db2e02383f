import type { BrowserWindow, WebContents } from 'electron';
import type { Clock } from '../core/clock/clock.ts';
import type { KioskCoreApi } from '../core/kiosk-core-api.ts';
import { APP_ENTRY_URL } from './app-origin.ts';
import { registerKioskIpc, type KioskIpcContents } from './kiosk-ipc.ts';
import type { ShellLog } from './shell-log.ts';
import { describeError } from './shell-log.ts';
import { OUT_OF_SERVICE_URL } from './shell-pages.ts';
import { createRendererWatchdog, type RendererWatchdog, type WatchdogPolicy } from './watchdog.ts';

/**
 * Owns the kiosk window: creates it, connects it to the core over IPC and
 * carries out the watchdog's steps (reload, recreate, out of service).
 * Electron objects come in through `createWindow`, so the whole life cycle
 * is unit-tested with fakes.
 */
export type KioskWindowContents = KioskIpcContents &
  Pick<WebContents, 'on' | 'removeListener' | 'reload' | 'forcefullyCrashRenderer'>;

export type KioskBrowserWindow = Pick<BrowserWindow, 'loadURL' | 'show' | 'focus' | 'destroy' | 'isDestroyed' | 'isMinimized' | 'restore' | 'once' | 'on' | 'removeListener'> & {
  readonly webContents: KioskWindowContents;
};

export interface KioskWindowController {
  /** Create the window and load `url` (the app, or the out-of-service page when the renderer is missing). */
  open(url?: string): void;
  /** Bring the window to the front (a second instance was started). */
  focus(): void;
  /** Quitting: stop the watchdog, let the window close. */
  shutdown(): void;
  readonly watchdog: RendererWatchdog;
}

export function createKioskWindowController(deps: {
  createWindow(): KioskBrowserWindow;
  core: KioskCoreApi;
  log: ShellLog;
  policy: WatchdogPolicy;
  clock: Clock;
  devMode: boolean;
}): KioskWindowController {
  const { core, log } = deps;
  let current: { window: KioskBrowserWindow; detach(): void } | null = null;
  let quitting = false;

  const requireWindow = (): KioskBrowserWindow => {
    if (!current || current.window.isDestroyed()) throw new Error('the kiosk window is gone');
    return current.window;
  };

  const load = (window: KioskBrowserWindow, url: string) => {
    window.loadURL(url).catch((error: unknown) => log.error({ url, error: describeError(error) }, 'the kiosk page did not load'));
  };

  const watchdog = createRendererWatchdog({
    policy: deps.policy,
    clock: deps.clock,
    log,
    actions: {
      reload: () => requireWindow().webContents.reload(),
      recreate: () => {
        const old = current;
        // A new window means a new page: the citizen's session cannot continue safely.
        core.wipeSession('renderer-window-recreated');
        // The new window exists before the old one goes, so the app never has zero windows (which quits it).
        open(APP_ENTRY_URL);
        if (old) {
          old.detach();
          if (!old.window.isDestroyed()) old.window.destroy();
        }
      },
      outOfService: () => {
        core.setOutOfService('renderer-failures');
        load(requireWindow(), OUT_OF_SERVICE_URL);
      },
      terminateHungRenderer: () => requireWindow().webContents.forcefullyCrashRenderer(),
    },
  });

  function open(url: string = APP_ENTRY_URL): void {
    const window = deps.createWindow();
    const contents = window.webContents;
    const unregisterIpc = registerKioskIpc(contents, { core, log });
    const onGone = (_event: unknown, details: { reason: string; exitCode: number }) => watchdog.renderProcessGone(details);
    const onUnresponsive = () => watchdog.unresponsive();
    const onResponsive = () => watchdog.responsive();
    contents.on('render-process-gone', onGone);
    contents.on('unresponsive', onUnresponsive);
    contents.on('responsive', onResponsive);
    const onClose = (event: { preventDefault(): void }) => {
      if (quitting || deps.devMode) return;
      // Production: only the shell closes the kiosk window (Alt+F4 from the window manager lands here).
      event.preventDefault();
      log.warn({}, 'window close refused');
    };
    window.on('close', onClose);
    window.once('ready-to-show', () => {
      window.show();
      window.focus();
    });
    current = {
      window,
      detach: () => {
        unregisterIpc();
        contents.removeListener('render-process-gone', onGone);
        contents.removeListener('unresponsive', onUnresponsive);
        contents.removeListener('responsive', onResponsive);
        window.removeListener('close', onClose);
      },
    };
    log.info({ url }, 'kiosk window opened');
    load(window, url);
  }

  return {
    open,
    focus() {
      if (!current || current.window.isDestroyed()) return;
      if (current.window.isMinimized()) current.window.restore();
      current.window.focus();
    },
    shutdown() {
      quitting = true;
      watchdog.stop();
      current?.detach();
    },
    watchdog,
  };
}

import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../contract/index.ts';
import { createManualClock } from '../core/clock/clock.ts';
import { APP_ENTRY_URL } from './app-origin.ts';
import { createKioskWindowController, type KioskBrowserWindow } from './kiosk-window.ts';
import { OUT_OF_SERVICE_URL } from './shell-pages.ts';
import { FakeBrowserWindow, FakeEvent, memoryLog } from './testing/fake-electron.ts';
import { FakeCore } from './testing/fake-core.ts';

const crash = { reason: 'crashed', exitCode: 139 };

function controller(devMode = false) {
  const windows: FakeBrowserWindow[] = [];
  const core = new FakeCore();
  const clock = createManualClock();
  const log = memoryLog();
  const kiosk = createKioskWindowController({
    createWindow: () => {
      const window = new FakeBrowserWindow();
      windows.push(window);
      return window as unknown as KioskBrowserWindow;
    },
    core,
    log,
    policy: { maxFailures: 3, windowMs: 600_000, unresponsiveGraceMs: 10_000 },
    clock,
    devMode,
  });
  return { kiosk, windows, core, clock, log };
}

describe('kiosk window controller', () => {
  it('opens the app page, shows the window when ready and wires IPC', () => {
    const { kiosk, windows } = controller();
    kiosk.open();
    const [window] = windows;
    expect(window!.loadedUrls).toEqual([APP_ENTRY_URL]);
    expect(window!.shown).toBe(false);
    window!.emit('ready-to-show');
    expect(window!.shown).toBe(true);
    expect(window!.webContents.ipc.handlers.has(IPC_CHANNELS.intent)).toBe(true);
  });

  it('recovers from repeated crashes: reload, then a new window, then out of service', () => {
    const { kiosk, windows, core } = controller();
    kiosk.open();
    const first = windows[0]!;

    first.webContents.emit('render-process-gone', new FakeEvent(), crash);
    expect(first.webContents.reloads).toBe(1);
    expect(windows).toHaveLength(1);

    first.webContents.emit('render-process-gone', new FakeEvent(), crash);
    expect(windows).toHaveLength(2);
    expect(first.destroyed).toBe(true);
    expect(core.wipes).toEqual(['renderer-window-recreated']);
    const second = windows[1]!;
    expect(second.loadedUrls).toEqual([APP_ENTRY_URL]);
    // The old window's IPC is unwired; the new one's is live.
    expect(first.webContents.ipc.handlers.size).toBe(0);
    expect(second.webContents.ipc.handlers.has(IPC_CHANNELS.intent)).toBe(true);

    second.webContents.emit('render-process-gone', new FakeEvent(), crash);
    expect(core.outOfService).toEqual(['renderer-failures']);
    expect(second.loadedUrls.at(-1)).toBe(OUT_OF_SERVICE_URL);
  });

  it('a crash event from a replaced window is ignored', () => {
    const { kiosk, windows } = controller();
    kiosk.open();
    const first = windows[0]!;
    first.webContents.emit('render-process-gone', new FakeEvent(), crash);
    first.webContents.emit('render-process-gone', new FakeEvent(), crash);
    first.webContents.emit('render-process-gone', new FakeEvent(), crash);
    expect(kiosk.watchdog.status().failuresInWindow).toBe(2);
  });

  it('kills a renderer that stays hung past the grace period, and reloads it', () => {
    const { kiosk, windows, clock } = controller();
    kiosk.open();
    const contents = windows[0]!.webContents;
    contents.emit('unresponsive');
    clock.advance(10_000);
    expect(contents.crashes).toBe(1);
    contents.emit('render-process-gone', new FakeEvent(), { reason: 'killed', exitCode: 9 });
    expect(contents.reloads).toBe(1);
  });

  it('leaves a page alone that recovers within the grace period', () => {
    const { kiosk, windows, clock } = controller();
    kiosk.open();
    const contents = windows[0]!.webContents;
    contents.emit('unresponsive');
    clock.advance(3_000);
    contents.emit('responsive');
    clock.advance(30_000);
    expect(contents.crashes).toBe(0);
    expect(contents.reloads).toBe(0);
  });

  it('refuses to close the window in production until the shell shuts down', () => {
    const { kiosk, windows, log } = controller();
    kiosk.open();
    const close = new FakeEvent();
    windows[0]!.emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(log.messages()).toContain('window close refused');
    kiosk.shutdown();
    const closeOnQuit = new FakeEvent();
    windows[0]!.emit('close', closeOnQuit);
    expect(closeOnQuit.defaultPrevented).toBe(false);
  });

  it('lets a developer close the window', () => {
    const { kiosk, windows } = controller(true);
    kiosk.open();
    const close = new FakeEvent();
    windows[0]!.emit('close', close);
    expect(close.defaultPrevented).toBe(false);
  });

  it('stops recovering once shut down', () => {
    const { kiosk, windows } = controller();
    kiosk.open();
    kiosk.shutdown();
    windows[0]!.webContents.emit('render-process-gone', new FakeEvent(), crash);
    expect(windows[0]!.webContents.reloads).toBe(0);
  });

  it('can start on the out-of-service page (renderer build missing)', () => {
    const { kiosk, windows } = controller();
    kiosk.open(OUT_OF_SERVICE_URL);
    expect(windows[0]!.loadedUrls).toEqual([OUT_OF_SERVICE_URL]);
  });
});

import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../contract/index.ts';
import { APP_ENTRY_URL } from './app-origin.ts';
import { OUT_OF_SERVICE_URL } from './shell-pages.ts';
import { FakeEvent, type FakeBrowserWindow, type FakeSession } from './testing/fake-electron.ts';

/**
 * main.ts is only wiring, and this checks the wiring: the real main.ts
 * runs against a stand-in 'electron' module and the real core, and the
 * test looks at what it did to Electron's objects.
 */
const ROOT = resolve(import.meta.dirname, '../..');

const fake = vi.hoisted(() => {
  const calls: Record<string, unknown[][]> = {};
  const record =
    (name: string, result?: unknown) =>
    (...args: unknown[]) => {
      (calls[name] ??= []).push(args);
      return result;
    };
  return { calls, record, windows: [] as unknown[], sessions: new Map<string, unknown>(), app: null as unknown, root: '' };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { FakeBrowserWindow: Window, FakeSession: Session } = await import('./testing/fake-electron.ts');
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    commandLine: { appendSwitch: fake.record('appendSwitch'), hasSwitch: () => false },
    enableSandbox: fake.record('enableSandbox'),
    getPath: () => tmpdir(),
    getAppPath: () => fake.root,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    exit: fake.record('exit'),
    quit: fake.record('quit'),
  });
  fake.app = app;
  class BrowserWindow extends Window {
    readonly options: unknown;
    constructor(options: unknown) {
      super();
      this.options = options;
      fake.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
  }
  return {
    app,
    BrowserWindow,
    Menu: { setApplicationMenu: fake.record('setApplicationMenu') },
    protocol: { registerSchemesAsPrivileged: fake.record('registerSchemesAsPrivileged') },
    session: {
      fromPartition: (name: string) => {
        if (!fake.sessions.has(name)) fake.sessions.set(name, new Session());
        return fake.sessions.get(name);
      },
    },
  };
});

let configDir: string;
const savedArgv = process.argv;

beforeAll(async () => {
  fake.root = ROOT;
  configDir = mkdtempSync(join(tmpdir(), 'kiosk-main-'));
  const override = join(configDir, 'kiosk.local.json');
  writeFileSync(override, JSON.stringify({ log: { level: 'silent' } }));
  process.argv = [process.argv[0]!, ROOT, '--config', override];
  await import('./main.ts');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 });
});

afterAll(async () => {
  process.argv = savedArgv;
  const app = fake.app as EventEmitter;
  app.emit('before-quit');
  app.emit('will-quit', new FakeEvent());
  await vi.waitFor(() => expect(fake.calls.quit?.length ?? 0).toBeGreaterThan(0));
  rmSync(configDir, { recursive: true, force: true });
});

const window = () => fake.windows[0] as FakeBrowserWindow & { options: { webPreferences: Record<string, unknown>; kiosk?: boolean } };

describe('main.ts wiring', () => {
  it('sets up Electron before ready: sandbox, kiosk switches, app:// privileges, no menu', () => {
    expect(fake.calls.enableSandbox).toHaveLength(1);
    expect(fake.calls.appendSwitch).toContainEqual(['disable-pinch']);
    expect(fake.calls.registerSchemesAsPrivileged?.[0]?.[0]).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(fake.calls.setApplicationMenu).toEqual([[null]]);
  });

  it('opens one production kiosk window with the secure settings and the built preload', () => {
    expect(window().options).toMatchObject({ kiosk: true, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, partition: 'kiosk' } });
    expect(window().options.webPreferences.preload).toBe(join(import.meta.dirname, 'preload.cjs'));
  });

  it('loads the app, or the out-of-service page when the renderer has not been built', () => {
    const built = existsSync(join(ROOT, 'dist/renderer/index.html'));
    expect(window().loadedUrls).toEqual([built ? APP_ENTRY_URL : OUT_OF_SERVICE_URL]);
  });

  it('locks down the kiosk session and serves app:// on it', async () => {
    const ses = fake.sessions.get('kiosk') as FakeSession;
    expect(ses.permissionRequest).not.toBeNull();
    expect(ses.spellChecker).toBe(false);
    const response = await ses.protocolHandlers.get('app')!(new Request(OUT_OF_SERVICE_URL));
    expect(response.status).toBe(200);
  });

  it('hardens the window it creates (navigation guard installed via web-contents-created)', () => {
    const event = new FakeEvent();
    window().webContents.emit('will-navigate', event, 'https://evil.example/');
    expect(event.defaultPrevented).toBe(true);
  });

  it('connects the page to the real core over IPC, refusing untrusted senders', () => {
    const contents = window().webContents;
    expect(contents.ipc.invoke(IPC_CHANNELS.intent, contents.ipcEvent(), { type: 'touch' })).toEqual({ ok: true });
    const foreign = { sender: new EventEmitter(), senderFrame: contents.mainFrame };
    expect(contents.ipc.invoke(IPC_CHANNELS.intent, foreign, { type: 'touch' })).toMatchObject({ ok: false, code: 'refused' });
  });

  it('reloads a crashed renderer', () => {
    window().webContents.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 139 });
    expect(window().webContents.reloads).toBe(1);
  });
});

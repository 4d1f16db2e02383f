import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, MAX_CLIENT_MESSAGE_BYTES, type ViewModel } from '../contract/index.ts';
import { registerKioskIpc, type KioskIpcContents } from './kiosk-ipc.ts';
import { FakeFrame, FakeWebContents, memoryLog } from './testing/fake-electron.ts';
import { FakeCore } from './testing/fake-core.ts';

function wired() {
  const contents = new FakeWebContents();
  contents.url = 'app://kiosk/index.html';
  contents.mainFrame = new FakeFrame(contents.url);
  const core = new FakeCore();
  const log = memoryLog();
  const unregister = registerKioskIpc(contents as unknown as KioskIpcContents, { core, log });
  return { contents, core, log, unregister };
}

const menuView: ViewModel = { screen: 'menu', language: 'en', sessionEpoch: 1, idle: { phase: 'active' }, helpOpen: false, services: [] };

describe('registerKioskIpc', () => {
  it('hands a valid intent from the kiosk page to the core and returns its answer', () => {
    const { contents, core } = wired();
    const result = contents.ipc.invoke(IPC_CHANNELS.intent, contents.ipcEvent(), { type: 'start' });
    expect(result).toEqual({ ok: true });
    expect(core.handled).toEqual([{ type: 'start' }]);
  });

  it('refuses an IPC from another origin without calling the core', () => {
    const { contents, core, log } = wired();
    const result = contents.ipc.invoke(IPC_CHANNELS.intent, contents.ipcEvent(new FakeFrame('https://evil.example/')), { type: 'start' });
    expect(result).toMatchObject({ ok: false, code: 'refused' });
    expect(core.handled).toEqual([]);
    expect(log.lines.at(-1)).toMatchObject({ level: 'warn', message: 'IPC refused: untrusted sender', fields: { reason: 'not the app origin' } });
  });

  it('refuses an IPC from an iframe of the kiosk page', () => {
    const { contents, core } = wired();
    const iframe = new FakeFrame('app://kiosk/index.html', contents.mainFrame);
    expect(contents.ipc.invoke(IPC_CHANNELS.intent, contents.ipcEvent(iframe), { type: 'start' })).toMatchObject({ ok: false, code: 'refused' });
    expect(core.handled).toEqual([]);
  });

  it('logs and refuses an invalid or oversized intent', () => {
    const { contents, core, log } = wired();
    expect(contents.ipc.invoke(IPC_CHANNELS.intent, contents.ipcEvent(), { type: 'payNothing' })).toMatchObject({ ok: false, code: 'invalid' });
    const huge = { type: 'submitStep', stepId: 'a', values: { a: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES) } };
    expect(contents.ipc.invoke(IPC_CHANNELS.intent, contents.ipcEvent(), huge)).toMatchObject({ ok: false, code: 'invalid' });
    expect(core.handled).toEqual([]);
    expect(log.lines.map((line) => line.message)).toEqual(['IPC refused: invalid intent', 'IPC refused: invalid intent']);
  });

  it('answers "unavailable" if the core throws, instead of rejecting the page\'s promise', () => {
    const { contents, core } = wired();
    core.answer = () => {
      throw new Error('bug');
    };
    expect(contents.ipc.invoke(IPC_CHANNELS.intent, contents.ipcEvent(), { type: 'touch' })).toMatchObject({ ok: false, code: 'unavailable' });
  });

  it('pushes every new view model to the kiosk page', () => {
    const { contents, core } = wired();
    core.publish(menuView);
    expect(contents.sent).toEqual([[IPC_CHANNELS.view, menuView]]);
  });

  it('does not send view models to a page that is not ours or a destroyed window', () => {
    const { contents, core } = wired();
    contents.url = 'https://evil.example/';
    core.publish(menuView);
    contents.url = 'app://kiosk/index.html';
    contents.destroyed = true;
    core.publish(menuView);
    expect(contents.sent).toEqual([]);
  });

  it('passes keypad keys to the kiosk page only (digits can be a PIN)', () => {
    const { contents, core } = wired();
    core.pressKey({ kind: 'digit', digit: '4' });
    contents.url = 'https://evil.example/';
    core.pressKey({ kind: 'digit', digit: '5' });
    expect(contents.sent).toEqual([[IPC_CHANNELS.keypad, { kind: 'digit', digit: '4' }]]);
  });

  it('answers sync with the current view, for trusted senders only', () => {
    const { contents, core } = wired();
    core.current = menuView;
    contents.ipc.emit(IPC_CHANNELS.sync, contents.ipcEvent(new FakeFrame('https://evil.example/')));
    expect(contents.sent).toEqual([]);
    contents.ipc.emit(IPC_CHANNELS.sync, contents.ipcEvent());
    expect(contents.sent).toEqual([[IPC_CHANNELS.view, menuView]]);
  });

  it('unwires everything', () => {
    const { contents, core, unregister } = wired();
    unregister();
    expect(contents.ipc.handlers.size).toBe(0);
    expect(contents.ipc.listenerCount(IPC_CHANNELS.sync)).toBe(0);
    expect(core.listeners.size).toBe(0);
    expect(core.keypadListeners.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { hardenWebContents, type HardenableContents } from './harden-web-contents.ts';
import type { KeyInput } from './input-guard.ts';
import { FakeEvent, FakeWebContents, memoryLog } from './testing/fake-electron.ts';

function hardened(devMode = false) {
  const contents = new FakeWebContents();
  const log = memoryLog();
  hardenWebContents(contents as unknown as HardenableContents, { devMode, log });
  return { contents, log };
}

const keyDown = (overrides: Partial<KeyInput>): KeyInput => ({ type: 'keyDown', key: '', code: '', control: false, meta: false, alt: false, shift: false, ...overrides });

describe('hardenWebContents', () => {
  it('prevents a navigation to https://evil.example and logs it without the query', () => {
    const { contents, log } = hardened();
    const event = new FakeEvent();
    contents.emit('will-navigate', event, 'https://evil.example/x?pin=1234');
    expect(event.defaultPrevented).toBe(true);
    expect(log.lines.at(-1)).toMatchObject({ level: 'warn', fields: { kind: 'will-navigate', url: 'https://evil.example/x' } });
  });

  it('lets the page navigate within the app origin', () => {
    const { contents } = hardened();
    const event = new FakeEvent();
    contents.emit('will-navigate', event, 'app://kiosk/index.html');
    expect(event.defaultPrevented).toBe(false);
  });

  it('prevents redirects and frame navigations off the app origin', () => {
    const { contents } = hardened();
    const redirect = new FakeEvent();
    contents.emit('will-redirect', redirect, 'https://evil.example/');
    expect(redirect.defaultPrevented).toBe(true);
    const frame = Object.assign(new FakeEvent(), { url: 'file:///etc/passwd' });
    contents.emit('will-frame-navigate', frame);
    expect(frame.defaultPrevented).toBe(true);
  });

  it('denies window.open', () => {
    const { contents } = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('prevents <webview> attachment', () => {
    const { contents } = hardened();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('prevents Ctrl+R but not a plain "a"', () => {
    const { contents } = hardened();
    const reload = new FakeEvent();
    contents.emit('before-input-event', reload, keyDown({ key: 'r', code: 'KeyR', control: true }));
    expect(reload.defaultPrevented).toBe(true);
    expect(contents.reloads).toBe(0);
    const letter = new FakeEvent();
    contents.emit('before-input-event', letter, keyDown({ key: 'a', code: 'KeyA' }));
    expect(letter.defaultPrevented).toBe(false);
  });

  it('in development mode performs reload and devtools itself (there is no menu to do it)', () => {
    const { contents } = hardened(true);
    const reload = new FakeEvent();
    contents.emit('before-input-event', reload, keyDown({ key: 'F5', code: 'F5' }));
    contents.emit('before-input-event', new FakeEvent(), keyDown({ type: 'keyUp', key: 'F5', code: 'F5' }));
    contents.emit('before-input-event', new FakeEvent(), keyDown({ key: 'F12', code: 'F12' }));
    expect(reload.defaultPrevented).toBe(true);
    expect(contents.reloads).toBe(1);
    expect(contents.devToolsToggles).toBe(1);
  });

  it('locks zoom: pinch limited to 1..1 after each load, Ctrl+wheel zoom undone', () => {
    const { contents } = hardened();
    expect(contents.visualZoomLimits).toEqual([1, 1]);
    contents.visualZoomLimits = null;
    contents.emit('did-finish-load');
    expect(contents.visualZoomLimits).toEqual([1, 1]);
    contents.zoomLevel = 3;
    contents.emit('zoom-changed', new FakeEvent(), 'in');
    expect(contents.zoomLevel).toBe(0);
  });

  it('never lets beforeunload hold up a reload with a dialog', () => {
    const { contents } = hardened();
    const event = new FakeEvent();
    contents.emit('will-prevent-unload', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('cancels the Bluetooth chooser and HTTP auth prompts', () => {
    const { contents } = hardened();
    const picked: string[] = [];
    const bluetooth = new FakeEvent();
    contents.emit('select-bluetooth-device', bluetooth, [{ deviceId: 'x' }], (id: string) => picked.push(id));
    expect(bluetooth.defaultPrevented).toBe(true);
    expect(picked).toEqual(['']);
    let answered = false;
    const login = new FakeEvent();
    contents.emit('login', login, {}, {}, () => (answered = true));
    expect(login.defaultPrevented).toBe(true);
    expect(answered).toBe(true);
  });

  it('closes developer tools that open outside development mode', () => {
    const { contents } = hardened();
    contents.emit('devtools-opened');
    expect(contents.devToolsClosed).toBe(1);
    const dev = hardened(true);
    dev.contents.emit('devtools-opened');
    expect(dev.contents.devToolsClosed).toBe(0);
  });
});

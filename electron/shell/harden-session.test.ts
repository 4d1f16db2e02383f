import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy.ts';
import { hardenSession, type HardenableSession } from './harden-session.ts';
import { FakeEvent, FakeSession, memoryLog } from './testing/fake-electron.ts';

function hardened(devMode = false) {
  const ses = new FakeSession();
  const log = memoryLog();
  const reads: string[] = [];
  hardenSession(ses as unknown as HardenableSession, {
    devMode,
    log,
    rendererDir: '/opt/kiosk/renderer',
    readFile: (file) => {
      reads.push(file);
      return Promise.resolve(new TextEncoder().encode('<!doctype html>'));
    },
  });
  return { ses, log, reads };
}

describe('hardenSession', () => {
  it('serves app:// from the renderer directory with the CSP', async () => {
    const { ses, reads } = hardened();
    const response = await ses.protocolHandlers.get('app')!(new Request('app://kiosk/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(reads).toEqual(['/opt/kiosk/renderer/index.html']);
  });

  it('denies every permission request, check and device', () => {
    const { ses } = hardened();
    const answers: boolean[] = [];
    const request = ses.permissionRequest as unknown as (wc: null, permission: string, callback: (granted: boolean) => void) => void;
    request(null, 'media', (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
    expect((ses.permissionCheck as unknown as () => boolean)()).toBe(false);
    expect((ses.devicePermission as unknown as (d: object) => boolean)({ deviceType: 'hid', origin: 'app://kiosk' })).toBe(false);
  });

  it('cancels the HID, USB and serial choosers instead of picking the first device', () => {
    const { ses } = hardened();
    const answers: unknown[][] = [];
    const hid = new FakeEvent();
    ses.emit('select-hid-device', hid, { deviceList: [{ deviceId: 'reader' }] }, (...args: unknown[]) => answers.push(args));
    const usb = new FakeEvent();
    ses.emit('select-usb-device', usb, { deviceList: [] }, (...args: unknown[]) => answers.push(args));
    const serial = new FakeEvent();
    ses.emit('select-serial-port', serial, [{ portId: 'ttyS0' }], null, (...args: unknown[]) => answers.push(args));
    expect([hid, usb, serial].every((event) => event.defaultPrevented)).toBe(true);
    expect(answers).toEqual([[], [], ['']]);
  });

  it('cancels downloads and turns the spell checker off', () => {
    const { ses } = hardened();
    const download = new FakeEvent();
    ses.emit('will-download', download, { getURL: () => 'https://evil.example/x.exe' });
    expect(download.defaultPrevented).toBe(true);
    expect(ses.spellChecker).toBe(false);
  });

  it('cancels requests to the network and lets app:// through', () => {
    const { ses } = hardened();
    expect(ses.beforeRequest?.filter.urls).toEqual(['<all_urls>']);
    const decide = (url: string) => {
      let answer: { cancel?: boolean } = {};
      (ses.beforeRequest!.listener as unknown as (d: object, cb: (r: { cancel?: boolean }) => void) => void)({ url, resourceType: 'xhr' }, (r) => (answer = r));
      return answer;
    };
    expect(decide('https://evil.example/beacon')).toEqual({ cancel: true });
    expect(decide('app://kiosk/locales/ar.json')).toEqual({ cancel: false });
  });

  it('adds the CSP to every response it sees', () => {
    const { ses } = hardened();
    let headers: Record<string, string[]> = {};
    (ses.headersReceived as unknown as (d: object, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)(
      { responseHeaders: { 'content-type': ['text/html'] } },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
  });
});

import { describe, expect, it } from 'vitest';
import { checkIpcSender } from './ipc-sender.ts';
import { FakeFrame, FakeWebContents } from './testing/fake-electron.ts';

describe('checkIpcSender', () => {
  const kiosk = new FakeWebContents();
  const mainFrame = new FakeFrame('app://kiosk/index.html');

  it('trusts the main frame of the kiosk window on the app origin', () => {
    expect(checkIpcSender({ sender: kiosk, senderFrame: mainFrame }, kiosk)).toEqual({ trusted: true });
  });

  it('refuses a page from another origin in the kiosk window', () => {
    expect(checkIpcSender({ sender: kiosk, senderFrame: new FakeFrame('https://evil.example/') }, kiosk)).toEqual({ trusted: false, reason: 'not the app origin' });
  });

  it('refuses a file:// page', () => {
    expect(checkIpcSender({ sender: kiosk, senderFrame: new FakeFrame('file:///tmp/x.html') }, kiosk).trusted).toBe(false);
  });

  it('refuses an iframe, even one on the app origin', () => {
    const iframe = new FakeFrame('app://kiosk/index.html', mainFrame);
    expect(checkIpcSender({ sender: kiosk, senderFrame: iframe }, kiosk)).toEqual({ trusted: false, reason: 'not the main frame' });
  });

  it('refuses another window', () => {
    expect(checkIpcSender({ sender: new FakeWebContents(), senderFrame: mainFrame }, kiosk)).toEqual({ trusted: false, reason: 'not the kiosk window' });
  });

  it('refuses a frame that has gone away', () => {
    expect(checkIpcSender({ sender: kiosk, senderFrame: null }, kiosk)).toEqual({ trusted: false, reason: 'sender frame is gone' });
  });
});

import { describe, expect, it } from 'vitest';
import { isRequestAllowed } from './network-guard.ts';

describe('isRequestAllowed', () => {
  it('allows the app origin, data: and our own blob: URLs', () => {
    expect(isRequestAllowed('app://kiosk/assets/app.js', false)).toBe(true);
    expect(isRequestAllowed('data:image/png;base64,iVBORw0KGgo=', false)).toBe(true);
    expect(isRequestAllowed('blob:app://kiosk/6f1c0e9e-1234', false)).toBe(true);
  });

  it.each([
    'https://evil.example/collect',
    'http://127.0.0.1:8790/',
    'ws://127.0.0.1:8790/bridge',
    'wss://evil.example/',
    'file:///etc/passwd',
    'ftp://evil.example/',
    'blob:https://evil.example/123',
  ])('cancels %s', (url) => {
    expect(isRequestAllowed(url, false)).toBe(false);
  });

  it("allows developer tools' own requests only in development mode", () => {
    expect(isRequestAllowed('devtools://devtools/bundled/inspector.js', false)).toBe(false);
    expect(isRequestAllowed('devtools://devtools/bundled/inspector.js', true)).toBe(true);
    expect(isRequestAllowed('https://evil.example/', true)).toBe(false);
  });
});

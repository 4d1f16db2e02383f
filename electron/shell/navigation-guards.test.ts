import { describe, expect, it } from 'vitest';
import { denyWindowOpen, isNavigationAllowed, urlForLog } from './navigation-guards.ts';

describe('navigation guards', () => {
  it('lets the page move within the app origin', () => {
    expect(isNavigationAllowed('app://kiosk/index.html', false)).toBe(true);
  });

  it.each(['https://evil.example/', 'http://127.0.0.1:8790/', 'file:///etc/passwd', 'about:blank', 'chrome://gpu', 'devtools://devtools/bundled/inspector.html'])(
    'stops a production page going to %s',
    (url) => {
      expect(isNavigationAllowed(url, false)).toBe(false);
    },
  );

  it("allows developer tools' pages only in development mode", () => {
    expect(isNavigationAllowed('devtools://devtools/bundled/inspector.html', true)).toBe(true);
    expect(isNavigationAllowed('https://evil.example/', true)).toBe(false);
  });

  it('denies every window.open', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });

  it('logs a URL without its query or fragment', () => {
    expect(urlForLog('https://evil.example/steal?cpr=123456789#pin=1234')).toBe('https://evil.example/steal');
    expect(urlForLog('::')).toBe('<unparsable>');
  });
});

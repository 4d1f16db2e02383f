import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl } from './app-origin.ts';

describe('isAppUrl', () => {
  it('accepts pages and assets on app://kiosk', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl(`${APP_ORIGIN}/assets/index-abc123.js?v=1#x`)).toBe(true);
    expect(isAppUrl(`${APP_ORIGIN}/`)).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'http://kiosk/index.html',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://kiosk:8080/index.html',
    'app://user:pass@kiosk/index.html',
    'app://kiosk.evil.example/',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

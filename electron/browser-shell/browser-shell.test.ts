import { describe, expect, it } from 'vitest';
import { chromiumArgs } from './chromium-flags.ts';
import { createRelaunchPolicy, relaunchDelayMs } from './relaunch-policy.ts';
import { findChromium, hasDisplay } from './find-chromium.ts';

describe('chromium flags', () => {
  it('kiosk mode is fullscreen kiosk with a throwaway profile and no bubbles', () => {
    const args = chromiumArgs('kiosk', 'http://127.0.0.1:1/#token=t', '/tmp/p');
    expect(args).toContain('--kiosk');
    expect(args).toContain('--user-data-dir=/tmp/p');
    expect(args).toContain('--no-first-run');
    expect(args).toContain('--disable-sync');
    expect(args).toContain('--disable-pinch');
    expect(args).toContain('--disable-session-crashed-bubble');
    expect(args.some((a) => a.startsWith('--disable-features=') && a.includes('Translate'))).toBe(true);
    expect(args.at(-1)).toBe('http://127.0.0.1:1/#token=t');
  });
  it('keeps the sandbox unless running as root', () => {
    expect(chromiumArgs('kiosk', 'u', '/p')).not.toContain('--no-sandbox');
    expect(chromiumArgs('kiosk', 'u', '/p', true)).toContain('--no-sandbox');
  });
  it('app mode opens an app window; headless has no window', () => {
    expect(chromiumArgs('app', 'u', '/p')).toContain('--app=u');
    expect(chromiumArgs('headless', 'u', '/p')).toContain('--headless');
    expect(chromiumArgs('headless', 'u', '/p')).not.toContain('--kiosk');
  });
});

describe('relaunch policy', () => {
  it('allows N relaunches within the window, then gives up', () => {
    const policy = createRelaunchPolicy(3, 60_000);
    expect([0, 1000, 2000].map((t) => policy.shouldRelaunch(t))).toEqual([true, true, true]);
    expect(policy.shouldRelaunch(3000)).toBe(false);
  });
  it('forgets crashes older than the window', () => {
    const policy = createRelaunchPolicy(2, 60_000);
    policy.shouldRelaunch(0);
    policy.shouldRelaunch(1);
    expect(policy.shouldRelaunch(61_000)).toBe(true);
  });
  it('backs off more after each crash, capped', () => {
    expect(relaunchDelayMs(1)).toBeLessThan(relaunchDelayMs(3));
    expect(relaunchDelayMs(50)).toBe(30_000);
  });
});

describe('finding chromium', () => {
  it('returns null when nothing is installed where configured', () => {
    expect(findChromium('/nonexistent/chromium')).toBeNull();
    expect(findChromium(null, ['/nonexistent/a', '/nonexistent/b'])).toBeNull();
  });
  it('finds an executable', () => {
    expect(findChromium(null, ['/nonexistent/a', '/bin/sh'])).toBe('/bin/sh');
  });
  it('knows when there is no display', () => {
    expect(hasDisplay({})).toBe(false);
    expect(hasDisplay({ DISPLAY: ':99' })).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { appResponseSecurityHeaders, contentSecurityPolicy, withContentSecurityPolicy } from './content-security-policy.ts';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values.join(' ')];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  const policy = directives(contentSecurityPolicy());

  it('denies by default and allows scripts and styles only from the app itself', () => {
    expect(policy.get('default-src')).toBe("'none'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('style-src')).toBe("'self'");
  });

  it('has no inline or eval escape hatch anywhere', () => {
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*/);
  });

  it('names no network scheme, so the page can reach nothing but app://kiosk', () => {
    expect(contentSecurityPolicy()).not.toMatch(/https?:|wss?:|file:|blob:/);
  });

  it('forbids plugins, frames, workers, forms and <base>', () => {
    for (const name of ['object-src', 'frame-src', 'child-src', 'worker-src', 'form-action', 'base-uri', 'frame-ancestors']) {
      expect(policy.get(name), name).toBe("'none'");
    }
  });
});

describe('withContentSecurityPolicy', () => {
  it('adds our policy to a response that has none', () => {
    const headers = withContentSecurityPolicy({ 'content-type': ['text/html'] });
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
    expect(headers['content-type']).toEqual(['text/html']);
  });

  it('keeps an existing policy next to ours (both are enforced), whatever its spelling', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["script-src 'none'"] });
    expect(headers['content-security-policy']).toEqual(["script-src 'none'", contentSecurityPolicy()]);
    expect(Object.keys(headers)).toHaveLength(1);
  });

  it('copes with no headers at all', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy()] });
  });
});

describe('appResponseSecurityHeaders', () => {
  it('carries the CSP, nosniff and isolation headers', () => {
    const headers = appResponseSecurityHeaders();
    expect(headers['Content-Security-Policy']).toBe(contentSecurityPolicy());
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
  });
});

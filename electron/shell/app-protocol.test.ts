import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, contentTypeFor, handleAppRequest, resolveAppPath, type AppProtocolDeps } from './app-protocol.ts';
import { contentSecurityPolicy } from './content-security-policy.ts';
import { OUT_OF_SERVICE_URL } from './shell-pages.ts';

let base: string;
let rendererDir: string;
const refusals: Array<{ url: string; status: number; reason: string }> = [];

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'kiosk-app-protocol-'));
  rendererDir = join(base, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'assets', 'a b.css'), 'body{}');
  // A secret next to the renderer directory that no URL may reach.
  writeFileSync(join(base, 'secret.txt'), 'not for the page');
  writeFileSync(join(base, 'renderer-evil.txt'), 'sibling with a shared prefix');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const deps = (): AppProtocolDeps => ({ rendererDir, readFile: (file) => readFile(file), onRefused: (fields) => refusals.push(fields) });
const get = (url: string, method = 'GET') => handleAppRequest(new Request(url, { method }), deps());

describe('APP_SCHEME_PRIVILEGES', () => {
  it('makes app:// a standard secure scheme without CSP bypass or service workers', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.corsEnabled).toBeFalsy();
  });
});

describe('resolveAppPath', () => {
  it('maps / to index.html and assets to their files', () => {
    expect(resolveAppPath(rendererDir, 'app://kiosk/')).toEqual({ kind: 'file', file: join(rendererDir, 'index.html') });
    expect(resolveAppPath(rendererDir, 'app://kiosk/assets/app.js?v=2#top')).toEqual({ kind: 'file', file: join(rendererDir, 'assets', 'app.js') });
    expect(resolveAppPath(rendererDir, 'app://kiosk/assets/a%20b.css')).toEqual({ kind: 'file', file: join(rendererDir, 'assets', 'a b.css') });
  });

  it.each([
    ['app://kiosk/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 403],
    ['app://kiosk/..%2fsecret.txt', 403],
    ['app://kiosk/..%2frenderer-evil.txt', 403],
    ['app://kiosk/..%5csecret.txt', 400],
    ['app://kiosk/index.html%00.js', 400],
    ['app://kiosk/%E0%A4%A', 400],
    ['app://other/index.html', 404],
    ['file:///etc/passwd', 404],
    ['app://kiosk/__shell/nothing.html', 404],
  ] as const)('refuses %s with %i', (url, status) => {
    const resolved = resolveAppPath(rendererDir, url);
    expect(resolved.kind).toBe('refused');
    if (resolved.kind === 'refused') expect(resolved.status).toBe(status);
  });
});

describe('handleAppRequest', () => {
  it('serves the page with the CSP and the right content type', async () => {
    const response = await get('app://kiosk/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>kiosk</title>');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await get('app://kiosk/assets/app.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('never serves a file outside the renderer directory, even by an encoded path', async () => {
    for (const url of ['app://kiosk/..%2fsecret.txt', 'app://kiosk/%2e%2e/secret.txt', 'app://kiosk/..%2frenderer-evil.txt']) {
      const response = await get(url);
      expect([403, 404], url).toContain(response.status);
      expect(await response.text(), url).toBe('');
    }
    expect(refusals.some((refusal) => refusal.status === 403)).toBe(true);
  });

  it('answers 404 for a missing file or a directory, with the CSP still on', async () => {
    for (const url of ['app://kiosk/missing.js', 'app://kiosk/assets']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://kiosk/index.html', 'POST')).status).toBe(405);
    const head = await get('app://kiosk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves the out-of-service page from memory, even with no renderer on disk', async () => {
    const response = await handleAppRequest(new Request(OUT_OF_SERVICE_URL), { ...deps(), rendererDir: join(base, 'nowhere') });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Out of service');
    expect(html).toContain('خارج الخدمة');
    // It must work when nothing else does: no script at all.
    expect(html).not.toMatch(/<script/i);
  });

  it('answers 500 (and logs) when the file cannot be read for another reason', async () => {
    const failing: AppProtocolDeps = { ...deps(), readFile: () => Promise.reject(Object.assign(new Error('io'), { code: 'EIO' })) };
    const response = await handleAppRequest(new Request('app://kiosk/index.html'), failing);
    expect(response.status).toBe(500);
    expect(refusals.at(-1)?.reason).toContain('EIO');
  });
});

describe('contentTypeFor', () => {
  it('knows the renderer build and falls back to octet-stream', () => {
    expect(contentTypeFor('x/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x/STYLE.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('x/unknown.bin')).toBe('application/octet-stream');
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronBinaryAvailable } from './electron-availability.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-electron-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function electronPackage(options: { pathTxt?: string; binary?: string }): string {
  const pkg = join(dir, 'node_modules', 'electron');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  if (options.pathTxt !== undefined) writeFileSync(join(pkg, 'path.txt'), options.pathTxt);
  if (options.binary) writeFileSync(join(pkg, 'dist', options.binary), '');
  return pkg;
}

describe('electronBinaryAvailable', () => {
  it('is available when path.txt names a binary that exists in dist/', () => {
    const result = electronBinaryAvailable({ packageDir: electronPackage({ pathTxt: 'electron', binary: 'electron' }), env: {} });
    expect(result.available).toBe(true);
    expect(result.reason).toContain(join('dist', 'electron'));
  });

  it('is not available when the package never downloaded its binary (no path.txt)', () => {
    const result = electronBinaryAvailable({ packageDir: electronPackage({}), env: {} });
    expect(result).toMatchObject({ available: false });
    expect(result.reason).toContain('no binary');
  });

  it('is not available when path.txt names a binary that is missing', () => {
    expect(electronBinaryAvailable({ packageDir: electronPackage({ pathTxt: 'electron' }), env: {} }).available).toBe(false);
  });

  it('is not available without the package', () => {
    expect(electronBinaryAvailable({ packageDir: null, env: {} })).toEqual({ available: false, reason: 'the electron package is not installed' });
  });

  it('follows ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const override = join(dir, 'unpacked');
    mkdirSync(override);
    const pkg = electronPackage({});
    expect(electronBinaryAvailable({ packageDir: pkg, env: { ELECTRON_OVERRIDE_DIST_PATH: override } }).available).toBe(false);
    writeFileSync(join(override, 'electron'), '');
    const result = electronBinaryAvailable({ packageDir: pkg, env: { ELECTRON_OVERRIDE_DIST_PATH: override } });
    expect(result.available).toBe(true);
    expect(result.reason).toContain('ELECTRON_OVERRIDE_DIST_PATH');
  });

  it('answers for the real installed package without loading it', () => {
    const result = electronBinaryAvailable({ env: {} });
    expect(typeof result.available).toBe('boolean');
    expect(result.reason.length).toBeGreaterThan(0);
  });

  it("never imports 'electron' (which would try to download the binary)", () => {
    const source = readFileSync(new URL('./electron-availability.ts', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\*|\/\*|\/\/)/.test(line))
      .join('\n');
    expect(source).toContain("from 'node:fs'");
    expect(source).not.toMatch(/from ['"]electron['"]|require\(['"]electron['"]\)|import\(['"]electron['"]\)/);
  });
});

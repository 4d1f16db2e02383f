import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * electron-builder.yml is checked against electron-builder's own schema, so
 * a typo is found here and not on the build machine after a long download.
 */
const ROOT = new URL('../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('node_modules/app-builder-lib/scheme.json', ROOT), 'utf8')) as object;
const config = load(readFileSync(new URL('electron-builder.yml', ROOT), 'utf8')) as Record<string, unknown>;

let validate: ValidateFunction;
beforeAll(() => {
  validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
});

const errorsOf = (candidate: unknown) => (validate(candidate) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`));

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema", () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('a bogus key fails validation (so the check above can fail)', () => {
    expect(errorsOf({ ...config, asarr: true }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...config, nsis: { ...(config.nsis as object), oneClik: false } }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...config, asar: 'yes' }).length).toBeGreaterThan(0);
  });

  it('names the product and packs the app into an asar with the fuse hook', () => {
    expect(config).toMatchObject({ productName: 'Khidma Kiosk', asar: true, afterPack: 'build/afterPack.cjs' });
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });

  it('builds AppImage and deb for Linux and an assisted per-machine NSIS installer for Windows', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: expect.any(String), maintainer: expect.any(String) });
    expect(config.win).toMatchObject({ target: ['nsis'] });
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
  });

  it('ships the compiled app and package.json, not sources or tests', () => {
    const files = config.files as string[];
    expect(files).toContain('package.json');
    expect(files).toContain('dist/**/*');
    expect(files).toContain('!dist/**/*.test.js');
    expect(files.some((pattern) => /^(electron|renderer|native-mocks|scripts|e2e)\//.test(pattern))).toBe(false);
  });

  it('puts resources/ (services, locales, config, fonts) next to app.asar', () => {
    expect(config.extraResources).toEqual([expect.objectContaining({ from: 'resources', to: 'resources' })]);
  });

  it('has an icon electron-builder can turn into every size (a PNG of at least 512×512)', () => {
    const png = readFileSync(new URL('build/icon.png', ROOT));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('points main at the compiled shell that tsc emits', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/shell/main.js');
  });
});

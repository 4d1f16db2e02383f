import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName?: string; appInfo: { productFilename: string } };
}
const require = createRequire(import.meta.url);
const hook = require('./afterPack.cjs') as {
  afterPack(context: PackContext, flip: (binary: string, config: Record<string | number, unknown>) => Promise<number>): Promise<void>;
  electronBinaryPath(context: PackContext): string;
};

const context = (electronPlatformName: string): PackContext => ({
  appOutDir: '/out/linux-unpacked',
  electronPlatformName,
  packager: { executableName: 'khidma-kiosk', appInfo: { productFilename: 'Khidma Kiosk' } },
});

describe('afterPack hook', () => {
  it('finds the packed Electron binary per platform', () => {
    expect(hook.electronBinaryPath(context('linux'))).toBe(join('/out/linux-unpacked', 'khidma-kiosk'));
    expect(hook.electronBinaryPath(context('win32'))).toBe(join('/out/linux-unpacked', 'Khidma Kiosk.exe'));
    expect(hook.electronBinaryPath(context('darwin'))).toBe(join('/out/linux-unpacked', 'Khidma Kiosk.app'));
    expect(() => hook.electronBinaryPath(context('plan9'))).toThrow(/plan9/);
  });

  it('flips the kiosk fuses on that binary', async () => {
    const calls: Array<[string, Record<string | number, unknown>]> = [];
    await hook.afterPack(context('linux'), async (binary, config) => {
      calls.push([binary, config]);
      return 0;
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe(join('/out/linux-unpacked', 'khidma-kiosk'));
    expect(calls[0]![1][FuseV1Options.RunAsNode]).toBe(false);
    expect(calls[0]![1][FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
  });

  it('is what electron-builder will load: the named afterPack export is a function', () => {
    expect(typeof hook.afterPack).toBe('function');
  });
});

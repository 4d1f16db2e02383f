import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveShellPaths } from './shell-paths.ts';

describe('resolveShellPaths', () => {
  it('from a checkout: everything under the project root', () => {
    expect(resolveShellPaths({ isPackaged: false, appPath: '/src/kiosk', resourcesPath: '/src/kiosk/node_modules/electron/dist/resources', shellDir: '/src/kiosk/dist/electron/shell' })).toEqual({
      coreRoot: '/src/kiosk',
      rendererDir: join('/src/kiosk', 'dist', 'renderer'),
      preloadPath: join('/src/kiosk/dist/electron/shell', 'preload.cjs'),
    });
  });

  it('packaged: renderer inside app.asar, resources/ beside it', () => {
    const paths = resolveShellPaths({ isPackaged: true, appPath: '/opt/Khidma Kiosk/resources/app.asar', resourcesPath: '/opt/Khidma Kiosk/resources', shellDir: '/opt/Khidma Kiosk/resources/app.asar/dist/electron/shell' });
    expect(paths.coreRoot).toBe('/opt/Khidma Kiosk/resources');
    expect(paths.rendererDir).toBe(join('/opt/Khidma Kiosk/resources/app.asar', 'dist', 'renderer'));
  });
});

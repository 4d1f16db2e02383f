import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLaunchOptions } from './launch-options.ts';

const base = { argv: ['/usr/bin/electron', '.'], env: {}, isPackaged: false, userDataDir: '/home/kiosk/.config/Khidma Kiosk', appPath: '/src/kiosk' };

describe('resolveLaunchOptions', () => {
  it('is production by default, with the override next to the project', () => {
    expect(resolveLaunchOptions(base)).toEqual({ devMode: false, devModeRefused: false, overrideConfigFile: join('/src/kiosk', 'kiosk.local.json') });
  });

  it('turns development mode on with --dev or KIOSK_DEV=1', () => {
    expect(resolveLaunchOptions({ ...base, argv: [...base.argv, '--dev'] }).devMode).toBe(true);
    expect(resolveLaunchOptions({ ...base, env: { KIOSK_DEV: '1' } }).devMode).toBe(true);
    expect(resolveLaunchOptions({ ...base, env: { KIOSK_DEV: '0' } }).devMode).toBe(false);
  });

  it('refuses development mode in a packaged build', () => {
    const options = resolveLaunchOptions({ ...base, isPackaged: true, argv: ['/opt/kiosk/khidma-kiosk', '--dev'], env: { KIOSK_DEV: '1' } });
    expect(options).toMatchObject({ devMode: false, devModeRefused: true });
  });

  it('takes the override file from --config, then KIOSK_CONFIG, then userData when packaged', () => {
    expect(resolveLaunchOptions({ ...base, argv: [...base.argv, '--config', '/etc/kiosk.json'] }).overrideConfigFile).toBe('/etc/kiosk.json');
    expect(resolveLaunchOptions({ ...base, argv: [...base.argv, '--config=/etc/k2.json'] }).overrideConfigFile).toBe('/etc/k2.json');
    expect(resolveLaunchOptions({ ...base, env: { KIOSK_CONFIG: '/etc/k3.json' } }).overrideConfigFile).toBe('/etc/k3.json');
    expect(resolveLaunchOptions({ ...base, isPackaged: true }).overrideConfigFile).toBe(join(base.userDataDir, 'kiosk.local.json'));
  });
});

import { createRequire } from 'node:module';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { KIOSK_FUSES, kioskFuseConfig } = require('./fuses.cjs') as {
  KIOSK_FUSES: Readonly<Record<string, boolean>>;
  kioskFuseConfig(): Record<string | number, unknown>;
};

describe('kiosk Electron fuses', () => {
  const config = kioskFuseConfig();

  it.each([
    ['RunAsNode', false],
    ['EnableCookieEncryption', true],
    ['EnableNodeOptionsEnvironmentVariable', false],
    ['EnableNodeCliInspectArguments', false],
    ['EnableEmbeddedAsarIntegrityValidation', true],
    ['OnlyLoadAppFromAsar', true],
    ['GrantFileProtocolExtraPrivileges', false],
  ] as const)('%s is %s', (name, value) => {
    expect(KIOSK_FUSES[name]).toBe(value);
    expect(config[FuseV1Options[name]]).toBe(value);
  });

  it('decides every fuse @electron/fuses knows, and insists on it', () => {
    const known = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    expect(Object.keys(KIOSK_FUSES).sort()).toEqual(known.sort());
    expect(config).toMatchObject({ version: FuseVersion.V1, strictlyRequireAllFuses: true });
  });
});

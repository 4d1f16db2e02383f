import { Writable } from 'node:stream';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ViewModelSchema } from '../contract/index.ts';
import { startShellCore } from './core-adapter.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

describe('startShellCore (the adapter to the core)', () => {
  it('starts the real core without a server and exposes KioskCoreApi and the watchdog policy from the config', async () => {
    const shellCore = await startShellCore({ root: ROOT, overrideConfigFile: null, logDestination: quiet });
    try {
      expect(ViewModelSchema.safeParse(shellCore.core.view()).success).toBe(true);
      expect(shellCore.core.handle({ type: 'touch' })).toMatchObject({ ok: expect.any(Boolean) });
      expect(shellCore.watchdog).toEqual({ maxFailures: 3, windowMs: 600_000, unresponsiveGraceMs: 10_000 });
      shellCore.core.setOutOfService('renderer-failures');
      expect(shellCore.core.view().screen).toBe('out-of-service');
    } finally {
      await shellCore.close();
    }
  });

  it('rejects (for main.ts to show out of service) when the configuration is broken', async () => {
    await expect(startShellCore({ root: ROOT, overrideConfigFile: resolve(ROOT, 'package.json'), logDestination: quiet })).rejects.toThrow();
  });
});

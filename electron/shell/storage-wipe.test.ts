import { describe, expect, it } from 'vitest';
import type { ViewModel } from '../contract/index.ts';
import { clearStorageOnNewSession } from './storage-wipe.ts';
import { FakeCore } from './testing/fake-core.ts';
import { memoryLog } from './testing/fake-electron.ts';

const view = (sessionEpoch: number, screen: 'attract' | 'language' = 'attract'): ViewModel => ({ screen, language: 'ar', sessionEpoch, idle: { phase: 'active' }, helpOpen: false });

function setup(clear: () => Promise<void>) {
  const core = new FakeCore();
  const log = memoryLog();
  const stop = clearStorageOnNewSession({ subscribe: (listener) => core.subscribe(listener), initialView: core.view(), clear, log });
  return { core, log, stop };
}

describe('clearStorageOnNewSession', () => {
  it('clears page storage when a new session starts, not on every view', async () => {
    let clears = 0;
    const { core, log } = setup(async () => {
      clears++;
    });
    core.publish(view(0, 'language'));
    expect(clears).toBe(0);
    core.publish(view(1));
    core.publish(view(1, 'language'));
    core.publish(view(2));
    expect(clears).toBe(2);
    await Promise.resolve();
    expect(log.messages()).toContain('page storage cleared for the new session');
  });

  it('logs a failed clear instead of throwing into the core', async () => {
    const { core, log } = setup(() => Promise.reject(new Error('busy')));
    core.publish(view(1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.lines.at(-1)).toMatchObject({ level: 'error', message: 'could not clear page storage' });
  });

  it('stops when unsubscribed', () => {
    let clears = 0;
    const { core, stop } = setup(async () => {
      clears++;
    });
    stop();
    core.publish(view(5));
    expect(clears).toBe(0);
  });
});

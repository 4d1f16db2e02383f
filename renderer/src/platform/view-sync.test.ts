import { describe, expect, it } from 'vitest';
import type { ViewModel } from '../../../electron/contract/index.ts';
import { createViewSync } from './view-sync.ts';

const view = (sessionEpoch: number, language: 'ar' | 'en'): ViewModel => ({ screen: 'attract', language, sessionEpoch, idle: { phase: 'active' }, helpOpen: false });

describe('view sync (session hygiene and language)', () => {
  it('wipes before the first view and whenever the session epoch changes, never within a session', () => {
    const calls: string[] = [];
    const sync = createViewSync({ wipe: () => calls.push('wipe'), applyLanguage: (l) => calls.push(`lang:${l}`), setView: (v) => calls.push(`view:${v.sessionEpoch}`) });
    sync(view(1, 'ar'));
    sync(view(1, 'ar'));
    sync(view(1, 'en'));
    sync(view(2, 'en'));
    expect(calls).toEqual(['wipe', 'lang:ar', 'view:1', 'view:1', 'lang:en', 'view:1', 'wipe', 'view:2']);
  });
});

import type { Intent, IntentResult, KioskApi } from '../../../electron/contract/index.ts';
import type { PendingIntent } from './kiosk-store.ts';

/** The part of the store the sender needs (so it is tested without zustand or React). */
export interface PendingSink {
  pending(): readonly PendingIntent[];
  add(entry: PendingIntent): void;
  remove(id: number): void;
}

/**
 * Intents that are always passed on, even while the same one is in flight:
 * `touch` is throttled elsewhere, and a citizen who wants out or more time
 * must never be ignored.
 */
const ALWAYS = new Set<Intent['type']>(['touch', 'cancel', 'needMoreTime']);

const DROPPED: IntentResult = { ok: false, code: 'refused', message: 'already sent' };

/**
 * Wraps `window.kiosk.send`: records each intent as pending until the core
 * answers, and drops a second identical intent while the first is still in
 * flight (a double tap on "Continue" must not submit twice). The core stays
 * the judge of what an intent does; this only keeps the page from stuttering.
 */
export function createIntentSender(api: Pick<KioskApi, 'send'>, sink: PendingSink): (intent: Intent) => Promise<IntentResult> {
  let nextId = 1;
  return async (intent) => {
    const key = JSON.stringify(intent);
    if (!ALWAYS.has(intent.type) && sink.pending().some((p) => p.key === key)) return DROPPED;
    if (intent.type === 'touch') return api.send(intent);
    const id = nextId++;
    sink.add({ id, type: intent.type, key });
    try {
      return await api.send(intent);
    } catch {
      return { ok: false, code: 'unavailable', message: 'send failed' };
    } finally {
      sink.remove(id);
    }
  };
}

import { describe, expect, it } from 'vitest';
import type { Intent, IntentResult } from '../../../electron/contract/index.ts';
import { createIntentSender } from './intent-sender.ts';
import type { PendingIntent } from './kiosk-store.ts';

function setup() {
  const sent: Intent[] = [];
  const answers: ((r: IntentResult) => void)[] = [];
  let pending: PendingIntent[] = [];
  const send = createIntentSender(
    {
      send: (intent) => {
        sent.push(intent);
        return new Promise<IntentResult>((resolve) => answers.push(resolve));
      },
    },
    { pending: () => pending, add: (e) => (pending = [...pending, e]), remove: (id) => (pending = pending.filter((p) => p.id !== id)) },
  );
  return { send, sent, answers, pending: () => pending };
}

describe('intent sender (pending-intent state)', () => {
  it('keeps an intent pending until the core answers', async () => {
    const { send, answers, pending } = setup();
    const result = send({ type: 'back' });
    expect(pending().map((p) => p.type)).toEqual(['back']);
    answers[0]!({ ok: true });
    expect(await result).toEqual({ ok: true });
    expect(pending()).toEqual([]);
  });

  it('drops a double tap of the same intent while the first is in flight', async () => {
    const { send, sent, answers } = setup();
    const submit: Intent = { type: 'submitStep', stepId: 'details', values: { name: 'x' } };
    const first = send(submit);
    const second = await send(submit);
    expect(second).toMatchObject({ ok: false, code: 'refused' });
    expect(sent).toHaveLength(1);
    // A different intent still goes through.
    void send({ type: 'help' });
    expect(sent).toHaveLength(2);
    answers[0]!({ ok: true });
    await first;
    void send(submit);
    expect(sent).toHaveLength(3);
  });

  it('never holds back cancel, more time or touch', () => {
    const { send, sent } = setup();
    for (let i = 0; i < 2; i++) {
      void send({ type: 'cancel' });
      void send({ type: 'needMoreTime' });
      void send({ type: 'touch' });
    }
    expect(sent.map((i) => i.type)).toEqual(['cancel', 'needMoreTime', 'touch', 'cancel', 'needMoreTime', 'touch']);
  });

  it('touch is not tracked as pending (it is not something the citizen waits for)', () => {
    const { send, pending } = setup();
    void send({ type: 'touch' });
    expect(pending()).toEqual([]);
  });
});

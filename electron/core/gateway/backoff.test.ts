import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/clock.ts';
import { backoffDelay, sleepOnClock } from './backoff.ts';

describe('backoff', () => {
  const policy = { initialMs: 250, maxMs: 4000 };

  it('doubles per retry up to the ceiling, with jitter between half and all of it', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, () => 1))).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    expect([1, 2, 3].map((n) => backoffDelay(n, policy, () => 0))).toEqual([125, 250, 500]);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(375);
  });

  it('sleeps on the injected clock and wakes early when aborted', async () => {
    const clock = createManualClock();
    const sleep = sleepOnClock(clock);
    let woke = false;
    const done = sleep(1000).then(() => (woke = true));
    clock.advance(999);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advance(1);
    await done;
    expect(woke).toBe(true);

    const controller = new AbortController();
    const aborted = sleep(60_000, controller.signal);
    controller.abort();
    await aborted;
    expect(clock.pendingTimers()).toBe(0);
  });
});

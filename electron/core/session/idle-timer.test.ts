import { describe, expect, it } from 'vitest';
import type { IdleState } from '../../contract/index.ts';
import { createManualClock } from '../clock/clock.ts';
import { createIdleTimer } from './idle-timer.ts';

function setup() {
  const clock = createManualClock();
  const states: IdleState[] = [];
  let expired = 0;
  const timer = createIdleTimer({
    clock,
    warningAfterMs: 60_000,
    answerWithinSeconds: 20,
    onChange: (s) => states.push(s),
    onExpire: () => (expired += 1),
  });
  return { clock, states, timer, expired: () => expired };
}

describe('idle timer', () => {
  it('shows the warning after the inactivity period and counts down each second', () => {
    const { clock, states, timer } = setup();
    clock.advance(59_999);
    expect(timer.state()).toEqual({ phase: 'active' });
    clock.advance(1);
    expect(timer.state()).toEqual({ phase: 'warning', secondsLeft: 20, totalSeconds: 20 });
    clock.advance(5_000);
    expect(timer.state()).toMatchObject({ secondsLeft: 15 });
    expect(states.length).toBe(6);
  });

  it('expires after the answer window and then stays quiet', () => {
    const { clock, timer, expired } = setup();
    clock.advance(60_000 + 20_000);
    expect(expired()).toBe(1);
    clock.advance(600_000);
    expect(expired()).toBe(1);
    expect(clock.pendingTimers()).toBe(0);
    timer.activity();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('activity during the warning hides it and restarts the full period', () => {
    const { clock, timer, expired, states } = setup();
    clock.advance(70_000);
    expect(timer.state().phase).toBe('warning');
    timer.activity();
    expect(states.at(-1)).toEqual({ phase: 'active' });
    clock.advance(59_000);
    expect(timer.state().phase).toBe('active');
    clock.advance(80_000);
    expect(expired()).toBe(1);
  });

  it('stop cancels every timer', () => {
    const { clock, timer, expired } = setup();
    timer.stop();
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(1_000_000);
    expect(expired()).toBe(0);
  });
});

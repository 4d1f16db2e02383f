import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/clock.ts';
import { createCircuitBreaker, type CircuitState } from './circuit-breaker.ts';

function setup(failureThreshold = 3, resetAfterMs = 10_000) {
  const clock = createManualClock();
  const transitions: string[] = [];
  const breaker = createCircuitBreaker({ failureThreshold, resetAfterMs, clock, onStateChange: (from: CircuitState, to: CircuitState) => transitions.push(`${from}->${to}`) });
  const fail = (n: number) => {
    for (let i = 0; i < n; i++) breaker.tryAcquire()!.failed();
  };
  return { clock, breaker, transitions, fail };
}

describe('circuit breaker', () => {
  it('opens after N consecutive failures and refuses while open', () => {
    const { breaker, fail, transitions } = setup(3);
    fail(2);
    expect(breaker.state()).toBe('closed');
    fail(1);
    expect(breaker.state()).toBe('open');
    expect(breaker.tryAcquire()).toBeNull();
    expect(transitions).toEqual(['closed->open']);
  });

  it('counts consecutive failures only: a success in between starts the count again', () => {
    const { breaker, fail } = setup(3);
    fail(2);
    breaker.tryAcquire()!.succeeded();
    fail(2);
    expect(breaker.state()).toBe('closed');
    fail(1);
    expect(breaker.state()).toBe('open');
  });

  it('half-opens after the delay on the injected clock, not before', () => {
    const { breaker, clock, fail } = setup(1, 10_000);
    fail(1);
    clock.advance(9_999);
    expect(breaker.state()).toBe('open');
    expect(breaker.tryAcquire()).toBeNull();
    clock.advance(1);
    expect(breaker.state()).toBe('half-open');
  });

  it('lets exactly one trial through when half-open; its success closes the circuit', () => {
    const { breaker, clock, fail, transitions } = setup(1, 1000);
    fail(1);
    clock.advance(1000);
    const trial = breaker.tryAcquire();
    expect(trial).not.toBeNull();
    expect(breaker.tryAcquire()).toBeNull();
    trial!.succeeded();
    expect(breaker.state()).toBe('closed');
    expect(breaker.tryAcquire()).not.toBeNull();
    expect(transitions).toEqual(['closed->open', 'open->half-open', 'half-open->closed']);
  });

  it('a failed trial opens the circuit for another full period', () => {
    const { breaker, clock, fail } = setup(1, 1000);
    fail(1);
    clock.advance(1000);
    breaker.tryAcquire()!.failed();
    expect(breaker.state()).toBe('open');
    clock.advance(999);
    expect(breaker.state()).toBe('open');
    clock.advance(1);
    expect(breaker.state()).toBe('half-open');
  });

  it('a trial released without a verdict (caller aborted) leaves it half-open for the next trial', () => {
    const { breaker, clock, fail } = setup(1, 1000);
    fail(1);
    clock.advance(1000);
    breaker.tryAcquire()!.released();
    expect(breaker.state()).toBe('half-open');
    expect(breaker.tryAcquire()).not.toBeNull();
  });

  it('reports each permit once: a second verdict on the same permit changes nothing', () => {
    const { breaker } = setup(2);
    const permit = breaker.tryAcquire()!;
    permit.failed();
    permit.failed();
    expect(breaker.state()).toBe('closed');
  });

  it('late outcomes of attempts let through while closed do not close an open circuit', () => {
    const { breaker, fail } = setup(2);
    const slow = breaker.tryAcquire()!;
    fail(2);
    expect(breaker.state()).toBe('open');
    slow.succeeded();
    expect(breaker.state()).toBe('open');
  });
});

import type { IdleState } from '../../contract/index.ts';
import type { Clock, TimerHandle } from '../clock/clock.ts';

export interface IdleTimerOptions {
  clock: Clock;
  warningAfterMs: number;
  answerWithinSeconds: number;
  /** Called whenever the visible state changes (warning shown, each second of the countdown). */
  onChange(state: IdleState): void;
  /** The citizen did not answer: wipe the session. */
  onExpire(): void;
}

export interface IdleTimer {
  /** Activity from the citizen: hide any warning and start counting again. */
  activity(): void;
  stop(): void;
  state(): IdleState;
}

/**
 * Inactivity → visible countdown → expiry. The countdown ticks in the core
 * (on the injected clock), so the renderer runs no timer and tests can move
 * time without waiting.
 */
export function createIdleTimer(options: IdleTimerOptions): IdleTimer {
  const { clock } = options;
  let timer: TimerHandle | undefined;
  let state: IdleState = { phase: 'active' };
  let stopped = false;

  const schedule = (fn: () => void, ms: number) => {
    clock.clearTimeout(timer);
    timer = clock.setTimeout(fn, ms);
  };

  const tick = (secondsLeft: number) => {
    if (stopped) return;
    if (secondsLeft <= 0) {
      stopped = true;
      clock.clearTimeout(timer);
      options.onExpire();
      return;
    }
    state = { phase: 'warning', secondsLeft, totalSeconds: options.answerWithinSeconds };
    options.onChange(state);
    schedule(() => tick(secondsLeft - 1), 1000);
  };

  const restart = () => {
    schedule(() => tick(options.answerWithinSeconds), options.warningAfterMs);
  };

  restart();
  return {
    activity() {
      if (stopped) return;
      const wasWarning = state.phase === 'warning';
      state = { phase: 'active' };
      restart();
      if (wasWarning) options.onChange(state);
    },
    stop() {
      stopped = true;
      clock.clearTimeout(timer);
      timer = undefined;
    },
    state: () => state,
  };
}

import type { Clock, TimerHandle } from '../core/clock/clock.ts';
import type { ShellLog } from './shell-log.ts';
import { describeError } from './shell-log.ts';

/**
 * The renderer watchdog. A crashed renderer (`render-process-gone`) or one
 * still hung after a grace period (`unresponsive` without `responsive`) is
 * a failure. Failures within a sliding window escalate:
 *   1st            → reload the page (the session survives; the page syncs)
 *   2nd … (max-1)th → destroy the window and create a new one (session wiped)
 *   max-th         → out-of-service screen, and the core is told, so no
 *                    citizen starts a transaction on a kiosk that keeps failing.
 * A window that passes without failures forgets them. Time comes from an
 * injected clock, so all of this is unit-tested without waiting.
 */
export interface WatchdogPolicy {
  /** Failures within `windowMs` that put the kiosk out of service (config: shell.watchdog.maxFailures). */
  maxFailures: number;
  windowMs: number;
  /** How long an unresponsive page may stay so before it counts as hung. */
  unresponsiveGraceMs: number;
}

export type RecoveryStep = 'reload' | 'recreate' | 'out-of-service';

/** Which step answers the nth failure within the window. */
export function recoveryStepFor(failuresInWindow: number, maxFailures: number): RecoveryStep {
  if (failuresInWindow >= maxFailures) return 'out-of-service';
  if (failuresInWindow <= 1) return 'reload';
  return 'recreate';
}

export interface WatchdogActions {
  reload(): void;
  recreate(): void;
  outOfService(): void;
  /**
   * Crash a hung renderer on purpose. Its `render-process-gone` then arrives
   * as an ordinary failure, so hangs and crashes share one escalation path.
   */
  terminateHungRenderer(): void;
}

export interface RendererWatchdog {
  renderProcessGone(details: { reason: string; exitCode: number }): void;
  unresponsive(): void;
  responsive(): void;
  /** Stop reacting (the shell is quitting, or the window is being replaced on purpose). */
  stop(): void;
  status(): { failuresInWindow: number; outOfService: boolean; hangPending: boolean };
}

const FALLBACK: Record<RecoveryStep, RecoveryStep | null> = { reload: 'recreate', recreate: 'out-of-service', 'out-of-service': null };

export function createRendererWatchdog(options: { policy: WatchdogPolicy; clock: Clock; actions: WatchdogActions; log: ShellLog }): RendererWatchdog {
  const { policy, clock, actions, log } = options;
  const failures: number[] = [];
  let hangTimer: TimerHandle | undefined;
  let outOfService = false;
  let stopped = false;

  const prune = (now: number) => {
    while (failures.length > 0 && now - failures[0]! >= policy.windowMs) failures.shift();
  };

  const cancelHang = () => {
    clock.clearTimeout(hangTimer);
    hangTimer = undefined;
  };

  const perform = (step: RecoveryStep): void => {
    if (step === 'out-of-service') outOfService = true;
    try {
      actions[step === 'out-of-service' ? 'outOfService' : step]();
    } catch (error) {
      // A step that cannot be carried out (e.g. the window is already gone) escalates at once.
      const next = FALLBACK[step];
      log.error({ step, next, error: describeError(error) }, 'watchdog: recovery step failed');
      if (next) perform(next);
    }
  };

  const recordFailure = (fields: object) => {
    const now = clock.now();
    prune(now);
    failures.push(now);
    const step = outOfService ? 'out-of-service' : recoveryStepFor(failures.length, policy.maxFailures);
    log.warn(
      { ...fields, failuresInWindow: failures.length, maxFailures: policy.maxFailures, windowSeconds: policy.windowMs / 1000, step },
      `watchdog: renderer failed; recovery step: ${step}`,
    );
    perform(step);
  };

  return {
    renderProcessGone(details) {
      if (stopped) return;
      cancelHang();
      recordFailure({ cause: 'render-process-gone', reason: details.reason, exitCode: details.exitCode });
    },
    unresponsive() {
      if (stopped || hangTimer !== undefined) return;
      log.warn({ graceSeconds: policy.unresponsiveGraceMs / 1000 }, 'watchdog: renderer unresponsive; waiting before acting');
      hangTimer = clock.setTimeout(() => {
        hangTimer = undefined;
        log.warn({ graceSeconds: policy.unresponsiveGraceMs / 1000 }, 'watchdog: renderer still unresponsive; terminating it');
        try {
          actions.terminateHungRenderer();
        } catch (error) {
          // No crash event will follow, so count the hang itself.
          log.error({ error: describeError(error) }, 'watchdog: could not terminate the hung renderer');
          recordFailure({ cause: 'unresponsive' });
        }
      }, policy.unresponsiveGraceMs);
    },
    responsive() {
      if (hangTimer === undefined) return;
      cancelHang();
      log.info({}, 'watchdog: renderer responsive again; nothing to do');
    },
    stop() {
      stopped = true;
      cancelHang();
    },
    status() {
      prune(clock.now());
      return { failuresInWindow: failures.length, outOfService, hangPending: hangTimer !== undefined };
    },
  };
}

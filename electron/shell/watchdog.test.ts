import { describe, expect, it } from 'vitest';
import { createManualClock } from '../core/clock/clock.ts';
import { memoryLog } from './testing/fake-electron.ts';
import { createRendererWatchdog, recoveryStepFor, type WatchdogActions, type WatchdogPolicy } from './watchdog.ts';

const MINUTE = 60_000;
const policy: WatchdogPolicy = { maxFailures: 3, windowMs: 10 * MINUTE, unresponsiveGraceMs: 10_000 };
const crash = { reason: 'crashed', exitCode: 139 };

function setup(overrides: Partial<WatchdogActions> = {}) {
  const clock = createManualClock();
  const log = memoryLog();
  const steps: string[] = [];
  const actions: WatchdogActions = {
    reload: () => steps.push('reload'),
    recreate: () => steps.push('recreate'),
    outOfService: () => steps.push('out-of-service'),
    terminateHungRenderer: () => steps.push('terminate'),
    ...overrides,
  };
  const watchdog = createRendererWatchdog({ policy, clock, actions, log });
  return { clock, log, steps, watchdog };
}

describe('recoveryStepFor', () => {
  it('reloads first, recreates next, and gives up at the limit', () => {
    expect([1, 2, 3, 4].map((n) => recoveryStepFor(n, 3))).toEqual(['reload', 'recreate', 'out-of-service', 'out-of-service']);
    expect([1, 2, 3, 4, 5].map((n) => recoveryStepFor(n, 5))).toEqual(['reload', 'recreate', 'recreate', 'recreate', 'out-of-service']);
    expect(recoveryStepFor(1, 1)).toBe('out-of-service');
  });
});

describe('renderer watchdog', () => {
  it('escalates reload → recreate → out of service for crashes within the window, logging each step', () => {
    const { clock, log, steps, watchdog } = setup();
    watchdog.renderProcessGone(crash);
    clock.advance(2 * MINUTE);
    watchdog.renderProcessGone(crash);
    clock.advance(2 * MINUTE);
    watchdog.renderProcessGone({ reason: 'oom', exitCode: 0 });
    expect(steps).toEqual(['reload', 'recreate', 'out-of-service']);
    expect(watchdog.status()).toMatchObject({ failuresInWindow: 3, outOfService: true });
    expect(log.lines.filter((line) => line.message.startsWith('watchdog: renderer failed')).map((line) => line.fields)).toEqual([
      expect.objectContaining({ step: 'reload', reason: 'crashed', failuresInWindow: 1 }),
      expect.objectContaining({ step: 'recreate', failuresInWindow: 2 }),
      expect.objectContaining({ step: 'out-of-service', reason: 'oom', failuresInWindow: 3 }),
    ]);
  });

  it('forgets failures once the window has passed', () => {
    const { clock, steps, watchdog } = setup();
    watchdog.renderProcessGone(crash);
    clock.advance(6 * MINUTE);
    watchdog.renderProcessGone(crash);
    clock.advance(4 * MINUTE); // the first failure is now 10 minutes old
    expect(watchdog.status().failuresInWindow).toBe(1);
    watchdog.renderProcessGone(crash);
    expect(steps).toEqual(['reload', 'recreate', 'recreate']);
    clock.advance(11 * MINUTE);
    watchdog.renderProcessGone(crash);
    expect(steps.at(-1)).toBe('reload');
    expect(watchdog.status().outOfService).toBe(false);
  });

  it('stays out of service once there: a crash of the out-of-service page shows it again', () => {
    const { clock, steps, watchdog } = setup();
    for (let i = 0; i < 3; i++) watchdog.renderProcessGone(crash);
    clock.advance(60 * MINUTE);
    watchdog.renderProcessGone(crash);
    expect(steps).toEqual(['reload', 'recreate', 'out-of-service', 'out-of-service']);
  });

  it('terminates a page still hung after the grace period; its crash then escalates as usual', () => {
    const { clock, steps, watchdog } = setup();
    watchdog.unresponsive();
    clock.advance(9_999);
    expect(steps).toEqual([]);
    expect(watchdog.status().hangPending).toBe(true);
    clock.advance(1);
    expect(steps).toEqual(['terminate']);
    watchdog.renderProcessGone({ reason: 'killed', exitCode: 9 });
    expect(steps).toEqual(['terminate', 'reload']);
  });

  it('does nothing when the page becomes responsive within the grace period', () => {
    const { clock, log, steps, watchdog } = setup();
    watchdog.unresponsive();
    clock.advance(5_000);
    watchdog.responsive();
    clock.advance(60_000);
    expect(steps).toEqual([]);
    expect(watchdog.status()).toMatchObject({ failuresInWindow: 0, hangPending: false });
    expect(log.messages()).toContain('watchdog: renderer responsive again; nothing to do');
  });

  it('starts one grace period for repeated unresponsive events', () => {
    const { clock, steps, watchdog } = setup();
    watchdog.unresponsive();
    clock.advance(5_000);
    watchdog.unresponsive();
    clock.advance(5_000);
    expect(steps).toEqual(['terminate']);
  });

  it('a crash during the grace period cancels the pending termination', () => {
    const { clock, steps, watchdog } = setup();
    watchdog.unresponsive();
    watchdog.renderProcessGone(crash);
    clock.advance(60_000);
    expect(steps).toEqual(['reload']);
  });

  it('escalates at once when a step cannot be carried out', () => {
    const { log, steps, watchdog } = setup({
      reload: () => {
        throw new Error('webContents destroyed');
      },
    });
    watchdog.renderProcessGone(crash);
    expect(steps).toEqual(['recreate']);
    expect(log.messages()).toContain('watchdog: recovery step failed');
  });

  it('counts a hang it could not terminate as a failure', () => {
    const { clock, steps, watchdog } = setup({
      terminateHungRenderer: () => {
        throw new Error('no renderer');
      },
    });
    watchdog.unresponsive();
    clock.advance(10_000);
    expect(steps).toEqual(['reload']);
    expect(watchdog.status().failuresInWindow).toBe(1);
  });

  it('ignores everything after stop() (the shell is quitting)', () => {
    const { clock, steps, watchdog } = setup();
    watchdog.unresponsive();
    watchdog.stop();
    watchdog.renderProcessGone(crash);
    watchdog.unresponsive();
    clock.advance(60_000);
    expect(steps).toEqual([]);
  });
});

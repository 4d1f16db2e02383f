/**
 * Decides whether a dead Chromium is started again: up to `maxRelaunches`
 * within a sliding window, then give up (the kiosk goes out of service and a
 * technician is needed). Pure, with time passed in, so it is unit-tested.
 */
export interface RelaunchPolicy {
  /** Record a crash at `now`; true when another launch is allowed. */
  shouldRelaunch(now: number): boolean;
  recentCrashes(now: number): number;
}

export function createRelaunchPolicy(maxRelaunches: number, windowMs: number): RelaunchPolicy {
  const crashes: number[] = [];
  const prune = (now: number) => {
    while (crashes.length > 0 && now - crashes[0]! > windowMs) crashes.shift();
  };
  return {
    shouldRelaunch(now) {
      prune(now);
      crashes.push(now);
      return crashes.length <= maxRelaunches;
    },
    recentCrashes(now) {
      prune(now);
      return crashes.length;
    },
  };
}

/** Back off a little more after each crash so a crash loop does not spin the CPU. */
export function relaunchDelayMs(recentCrashes: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, recentCrashes - 1));
}

/**
 * The only time source device code may use. It is injected, so tests drive
 * timeouts with a fake clock and nothing waits for real time. The core's Clock
 * (electron/core/clock) satisfies this interface structurally.
 */
export interface DeviceClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Wall time and Node timers, for simulators, benchmarks and device tests that
 * talk to a real port (hardware does not wait for a test's clock). The core
 * has its own createSystemClock with numbered handles for its session timers.
 */
export function systemDeviceClock(): DeviceClock {
  return {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

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

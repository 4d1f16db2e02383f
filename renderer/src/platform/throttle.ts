/** Calls `fn` at most once per `intervalMs` (leading edge); used for the idle "touch" signal. */
export function throttle(fn: () => void, intervalMs: number, now: () => number = () => Date.now()): () => void {
  let last = -Infinity;
  return () => {
    const t = now();
    if (t - last < intervalMs) return;
    last = t;
    fn();
  };
}

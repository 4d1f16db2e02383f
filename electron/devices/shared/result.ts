/**
 * Decoders read bytes from the wire (or from a simulated card), which can be
 * anything. They return a result instead of throwing, so one bad message can
 * never take an adapter's read loop down. Encoders, which only see our own
 * values, throw RangeError on values the protocol cannot carry.
 */
export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function ok<T>(value: T): DecodeResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: string): DecodeResult<T> {
  return { ok: false, error };
}

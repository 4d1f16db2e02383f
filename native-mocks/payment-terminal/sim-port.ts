/**
 * The simulator's end of whatever connects it to the kiosk: the device end of an
 * in-memory link (`sim`), the device side of a socat pseudo-terminal pair
 * (`wire`), or an accepted TCP socket (ZVT over TCP). Structural on purpose, so
 * simulators never import the transports they imitate.
 */
export interface SimPort {
  write(bytes: Uint8Array): void | Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
}

/** A tiny seeded PRNG (mulberry32) for reproducible garbage bytes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

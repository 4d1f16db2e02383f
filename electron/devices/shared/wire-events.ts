/**
 * The event list a byte-stream decoder fills during one `push`. Bytes that
 * belong to no frame are counted, not dropped silently: a run of them is
 * reported as one `garbage` error just before the next real event (or at the
 * end of the chunk), so the driver can log line noise and the decoder
 * resynchronises on the next frame start. Shared by the Sankyo and ZVT decoders.
 */
export interface WireEventSink<E> {
  /** One byte that is not part of any frame. */
  garbage(): void;
  emit(event: E): void;
  /** Report pending garbage now (a frame starts). */
  flushGarbage(): void;
  /** The events of this push, garbage reported; the sink starts empty again. */
  take(): E[];
  /** Forget pending garbage (decoder reset). */
  reset(): void;
}

export function wireEventSink<E>(garbageEvent: (bytes: number) => E): WireEventSink<E> {
  let out: E[] = [];
  let garbage = 0;
  const flushGarbage = () => {
    if (garbage > 0) {
      out.push(garbageEvent(garbage));
      garbage = 0;
    }
  };
  return {
    garbage: () => {
      garbage++;
    },
    emit(event) {
      flushGarbage();
      out.push(event);
    },
    flushGarbage,
    take() {
      flushGarbage();
      const events = out;
      out = [];
      return events;
    },
    reset: () => {
      garbage = 0;
    },
  };
}

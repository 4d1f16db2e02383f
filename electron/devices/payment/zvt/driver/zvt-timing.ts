/**
 * ZVT timeouts, in one place, with where each comes from.
 *
 * PA00P016_04 chapter 3 (serial transport) defines the transport timers and the
 * repeat rule; PA00P015_13.08 chapter 1 defines the application timers:
 *
 *  - T1, 200 ms: the longest gap between two bytes of one message. The receiver
 *    drops a half-received message after it and answers NAK.
 *  - T2, 5 s:  how long the sender of a message waits for ACK/NAK. On NAK (and, by
 *    the spec, on silence) the message is sent again; three transmissions in all
 *    (the first and two repeats), then the sender gives up.
 *  - T3, 5 s:  how long the ECR waits for the PT's APDU-level answer to a command
 *    (80 00 00, or 84 xx 00 to refuse it).
 *  - T4: how long the ECR waits while the PT is master (card, PIN, host). The PT
 *    sends intermediate status (04 FF) while it works, and every message from the
 *    PT restarts T4; an intermediate status may also announce a longer timeout.
 *    ecrterm and Portalum.Zvt use 180 s; a citizen entering a PIN slowly and a host
 *    that takes its time fit in that.
 *
 * Money rule layered on top (ours, not the spec's): a frame that carries money
 * (authorisation 06 01, reversal 06 30) is repeated only after an explicit NAK,
 * which proves the PT did not take it; never after silence, because the PT may
 * have taken it and only the ACK was lost. See zvt-link.ts.
 */
export interface ZvtTiming {
  readonly t1InterByteMs: number;
  readonly t2AckMs: number;
  /** Transmissions of one frame in all, the first included. */
  readonly maxTransmissions: number;
  readonly t3AnswerMs: number;
  readonly t4SilenceMs: number;
  /** Longest T4 an intermediate status may ask for; a hostile value cannot park the kiosk. */
  readonly t4MaxMs: number;
  /**
   * Backstop for a whole command, above T4: runCommand's timeout. Normally never
   * reached, because T4 ends a silent command first.
   */
  readonly commandBackstopMs: number;
}

export const DEFAULT_ZVT_TIMING: ZvtTiming = {
  t1InterByteMs: 200,
  t2AckMs: 5000,
  maxTransmissions: 3,
  t3AnswerMs: 5000,
  t4SilenceMs: 180_000,
  t4MaxMs: 600_000,
  commandBackstopMs: 15 * 60_000,
};

export function zvtTiming(overrides: Partial<ZvtTiming> = {}): ZvtTiming {
  const timing = { ...DEFAULT_ZVT_TIMING, ...overrides };
  for (const [name, value] of Object.entries(timing)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`ZVT timing ${name} must be positive, got ${value}`);
  }
  if (!Number.isInteger(timing.maxTransmissions)) throw new RangeError('maxTransmissions must be an integer');
  return timing;
}

/**
 * The card reader driver's settings and vocabulary: timeouts, policies, error codes,
 * capture reasons and intermediate events. Defaults follow the Sankyo specification's
 * timings (ACK 300 ms, 250 ms between characters, 20 s for a reply) and what a kiosk
 * needs (a citizen gets 30 s to insert or take a card).
 */
import type { DeviceClock } from '../../contract/clock.ts';
import type { ByteTransport } from '../../transport/byte-transport.ts';
import type { CardReaderErrorCode } from '../errors.ts';

export interface CardReaderTimeouts {
  readonly initialise: number;
  readonly status: number;
  readonly entry: number;
  readonly eject: number;
  readonly capture: number;
  readonly chipPowerOn: number;
  /** One APDU exchange, including T=0 GET RESPONSE / re-issue steps. */
  readonly apdu: number;
  readonly chipPowerOff: number;
  /** How long acceptCard waits for a citizen to insert a card. */
  readonly insertion: number;
  /** How long waitForTaken waits (the retain policy may end it earlier). */
  readonly taken: number;
  readonly selfTest: number;
}

export const DEFAULT_TIMEOUTS: CardReaderTimeouts = {
  initialise: 20_000,
  status: 3_000,
  entry: 3_000,
  eject: 10_000,
  capture: 10_000,
  chipPowerOn: 5_000,
  apdu: 5_000,
  chipPowerOff: 3_000,
  insertion: 30_000,
  taken: 60_000,
  selfTest: 40_000,
};

export interface CardReaderDriverOptions {
  /**
   * Opens the byte link to the reader. Called at the first command and again after
   * the link was lost (USB-serial unplugged, simulator powered off), so a replugged
   * reader comes back with the next initialise.
   */
  readonly connect: () => Promise<ByteTransport>;
  readonly clock: DeviceClock;
  /** Line speed (for the wire-time allowance on ACK waits); Sankyo ICT3K5 default 115200. */
  readonly baud?: number;
  readonly timeouts?: Partial<CardReaderTimeouts>;
  /** Status poll interval while waiting for a card to come in or be taken. */
  readonly pollIntervalMs?: number;
  /** Card left at the gate this long after an eject is captured. null = never. Default 30 s. */
  readonly retainAfterMs?: number | null;
  readonly binCapacity?: number;
  /** Bin reported "high" from this many cards. Default 80 % of capacity. */
  readonly binHighThreshold?: number;
  readonly model?: string;
  readonly link?: Partial<{ ackTimeoutMs: number; charTimeoutMs: number; commandRetries: number; replyRetries: number; drainTimeoutMs: number }>;
  /** Technician log lines. Never personal data, never APDU contents. */
  readonly log?: (line: CardReaderLogLine) => void;
}

export interface CardReaderLogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly requestId?: string;
}

/**
 * The codec's Sankyo error vocabulary plus what only the driver can tell:
 * `noAnswer` (the reader is silent), `protocolError` (it answers, but nothing we can
 * read: garbage, bad CRCs, endless NAKs).
 */
export type CardReaderDriverErrorCode = CardReaderErrorCode | 'noAnswer' | 'protocolError';

/** Why a card was captured; each reason has its own counter. */
export const CAPTURE_REASONS = ['notTaken', 'pinBlocked', 'expiredCard', 'fraudSuspected', 'serviceRequest', 'technician'] as const;
export type CaptureReason = (typeof CAPTURE_REASONS)[number];

/** Intermediate events of running commands (XFS4IoT style), for the citizen's screen. */
export type CardReaderIntermediateEvent = 'insertCard' | 'cardAtGate' | 'takeCard';

export function resolveTimeouts(overrides: Partial<CardReaderTimeouts> | undefined): CardReaderTimeouts {
  return { ...DEFAULT_TIMEOUTS, ...overrides };
}

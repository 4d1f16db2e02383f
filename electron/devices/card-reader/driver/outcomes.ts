/**
 * How link failures and Sankyo error replies end a command: the completion code and
 * errorCode the core sees. The codec's table (errors.ts) maps the reader's own error
 * codes; this file adds the link's failures and the driver's one deliberate override.
 */
import type { FailureOutcome } from '../../contract/completion.ts';
import { mapCardReaderError } from '../errors.ts';
import type { CardReaderDriverErrorCode } from './options.ts';
import type { LinkFailure } from './sankyo-link.ts';

export type DriverFailure = FailureOutcome<CardReaderDriverErrorCode>;

export function linkFailureOutcome(failure: LinkFailure): DriverFailure {
  switch (failure.kind) {
    case 'noAnswer':
      return { completionCode: 'timeOut', errorCode: 'noAnswer', description: 'reader did not acknowledge the command (all retries)' };
    case 'garbled':
      return { completionCode: 'hardwareError', errorCode: 'protocolError', description: failure.detail };
    case 'closed':
      return { completionCode: 'deviceNotReady', errorCode: 'linkDown', description: `link lost: ${failure.reason}` };
    case 'aborted':
      return { completionCode: 'canceled', description: failure.confirmed ? 'canceled; reader confirmed DLE EOT' : 'canceled; reader did not confirm' };
    case 'canceledByReader':
      return { completionCode: 'hardwareError', errorCode: 'unknownError', description: 'reader sent DLE EOT instead of a reply' };
  }
}

/** Sankyo error codes that mean the card is stuck in the transport. */
export const JAM_CODES: ReadonlySet<string> = new Set(['10', '17']);
/** Sankyo error codes that mean the citizen pulled the card while we worked on it. */
export const CARD_REMOVED_CODES: ReadonlySet<string> = new Set(['16', '40', '45']);

export function negativeReplyOutcome(code: string): DriverFailure {
  const mapped = mapCardReaderError(code);
  // The codec follows XFS4IoT (a jam is commandErrorCode/mediaJam). The kiosk treats a
  // jam as a hardware error: the card cannot be given back, a technician must come,
  // and the core takes the reader out of service on hardwareError.
  if (JAM_CODES.has(code)) return { completionCode: 'hardwareError', errorCode: 'mediaJam', description: mapped.description };
  return mapped;
}

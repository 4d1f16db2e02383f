/**
 * Fingerprint reader replies mapped onto the device contract, in the spirit
 * of XFS4IoT's Biometric interface: a finished comparison is a success whether
 * or not the finger matched (the match decision is data, like Biometric.Match
 * returning no candidates); only a failure to compare is an error.
 */
import type { MappedDeviceError } from '../contract/completion.ts';
import type { ReplyStatus } from './fingerprint-messages.ts';

export const FINGERPRINT_ERROR_CODES = [
  'noFinger',
  'poorQuality',
  'fingerRemoved',
  'invalidReference',
  'sensorFault',
  'protocolError',
  'linkDown',
  'noDevice',
  'deviceBusy',
  'commandRejected',
  'selfTestFailed',
] as const;
export type FingerprintErrorCode = (typeof FINGERPRINT_ERROR_CODES)[number];

type Failure = MappedDeviceError<FingerprintErrorCode>;

const TABLE: Readonly<Record<Exclude<ReplyStatus, 'ok' | 'noMatch'>, Failure>> = {
  // The reader's own capture timeout: the citizen never put a finger down.
  noFinger: { completionCode: 'timeOut', errorCode: 'noFinger', description: 'no finger placed before the reader gave up' },
  poorQuality: { completionCode: 'commandErrorCode', errorCode: 'poorQuality', description: 'image quality below the minimum' },
  fingerRemoved: { completionCode: 'userError', errorCode: 'fingerRemoved', description: 'finger lifted during capture' },
  badTemplate: { completionCode: 'commandErrorCode', errorCode: 'invalidReference', description: 'reader cannot use the reference template' },
  noCapture: { completionCode: 'sequenceError', description: 'match requested without a captured image' },
  canceled: { completionCode: 'canceled', description: 'reader reports the command cancelled' },
  busy: { completionCode: 'sequenceError', errorCode: 'deviceBusy', description: 'reader busy with another command' },
  badCommand: { completionCode: 'commandErrorCode', errorCode: 'commandRejected', description: 'reader rejected the command' },
  badChecksum: { completionCode: 'hardwareError', errorCode: 'protocolError', description: 'reader received a corrupted command' },
  sensorFault: { completionCode: 'hardwareError', errorCode: 'sensorFault', description: 'sensor fault' },
};

export function mapReplyStatus(status: Exclude<ReplyStatus, 'ok' | 'noMatch'>): Failure {
  return TABLE[status];
}

/**
 * The payment terminal's class-specific error codes: the codec's result-code
 * mapping (PaymentErrorCode, from PA00P015 chapter 10) plus the codes only the
 * driver can know, because they are about the conversation, not one message.
 */
import type { PaymentErrorCode } from '../result-codes.ts';

export const DRIVER_ERROR_CODES = [
  /** The PT may have charged the card and we do not know the outcome: ask it (status enquiry, repeat receipt), never authorise again. */
  'inDoubt',
  /** The PT reported a transaction for a different amount than we asked for. */
  'amountMismatch',
  /** The PT reported a transaction in another currency than the configured one. */
  'currencyMismatch',
  /** A second, different status information or a completion we already had. */
  'duplicateCompletion',
  /** An approval arrived after we asked the PT to abort. */
  'lateApproval',
  /** The PT refused our frame (NAK on every transmission): not executed. */
  'linkError',
  /** The PT answered our command with 84 xx: refused before it started. */
  'commandRejected',
] as const;
export type DriverErrorCode = (typeof DRIVER_ERROR_CODES)[number];

export type ZvtErrorCode = PaymentErrorCode | DriverErrorCode;

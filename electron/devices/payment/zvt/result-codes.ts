/**
 * ZVT result codes (BMP 27, Abort 06 1E, negative acknowledgement 84 xx) and
 * intermediate-status codes (04 FF), with their meaning for the device contract.
 *
 * Follows PA00P015_13.08 chapter 10 "Error-Messages" (wording kept) and chapter 3.7
 * table 17 "Definition of <intermediate-status>". Result codes 01-63 (hex) are
 * "errorcodes from network-operator system/authorisation-system" — that is where a
 * card-issuer decline such as 05 "do not honour" arrives; ZVT passes the host's code
 * through and does not define its meaning, so we report it as `declined` with the
 * host code kept.
 */
import type { MappedDeviceError } from '../../contract/completion.ts';

export const PAYMENT_ERROR_CODES = [
  'declined',
  'cardNotReadable',
  'cardExpired',
  'cardNotYetValid',
  'cardUnknown',
  'cardBlocked',
  'insufficientFunds',
  'wrongCurrency',
  'amountNotAllowed',
  'pinFailed',
  'abortedAtTerminal',
  'alreadyReversed',
  'reversalNotPossible',
  'notRegistered',
  'terminalNotReady',
  'hostUnreachable',
  'printerNotReady',
  'protocolError',
  'terminalFault',
  'systemError',
  'otherError',
] as const;
export type PaymentErrorCode = (typeof PAYMENT_ERROR_CODES)[number];

export const RESULT_CODE_TEXT: Readonly<Record<number, string>> = {
  0x00: 'no error',
  0x64: 'card not readable (LRC-/parity-error)',
  0x65: 'card-data not present (neither track-data nor chip found)',
  0x66: 'processing-error (also for problems with card-reader mechanism)',
  0x67: 'function not permitted for ec- and Maestro-cards',
  0x68: 'function not permitted for credit- and tank-cards',
  0x6a: 'turnover-file full',
  0x6b: 'function deactivated (PT not registered)',
  0x6c: 'abort via timeout or abort-key',
  0x6e: 'card in blocked-list (response to command 06 E4)',
  0x6f: 'wrong currency',
  0x71: 'credit not sufficient (chip-card)',
  0x72: 'chip error',
  0x73: 'card-data incorrect (e.g. country-key check, checksum-error)',
  0x74: 'DUKPT engine exhausted',
  0x75: 'text not authentic',
  0x76: 'PAN not in white list',
  0x77: 'end-of-day batch not possible',
  0x78: 'card expired',
  0x79: 'card not yet valid',
  0x7a: 'card unknown',
  0x7b: 'fallback to magnetic stripe for girocard not possible',
  0x7c: 'fallback to magnetic stripe not possible (used for non girocard cards)',
  0x7d: 'communication error (communication module does not answer or is not present)',
  0x7e: 'fallback to magnetic stripe not possible, debit advice possible (used only for girocard)',
  0x83: 'function not possible',
  0x85: 'key missing',
  0x89: 'PIN-pad defective',
  0x9a: 'ZVT protocol error. e. g. parsing error, mandatory message element missing',
  0x9b: 'error from dial-up/communication fault',
  0x9c: 'please wait',
  0xa0: 'receiver not ready',
  0xa1: 'remote station does not respond',
  0xa3: 'no connection',
  0xa4: 'submission of Geldkarte not possible',
  0xa5: 'function not allowed due to PCI-DSS/P2PE rules',
  0xb1: 'memory full',
  0xb2: 'merchant-journal full',
  0xb4: 'already reversed',
  0xb5: 'reversal not possible',
  0xb7: 'pre-authorisation incorrect (amount too high) or amount wrong',
  0xb8: 'error pre-authorisation',
  0xbf: 'voltage supply to low (external power supply)',
  0xc0: 'card locking mechanism defective',
  0xc1: 'merchant-card locked',
  0xc2: 'diagnosis required',
  0xc3: 'maximum amount exceeded',
  0xc4: 'card-profile invalid. New card-profiles must be loaded.',
  0xc5: 'payment method not supported',
  0xc6: 'currency not applicable',
  0xc8: 'amount too small',
  0xc9: 'max. transaction-amount too small',
  0xcb: 'function only allowed in EURO',
  0xcc: 'printer not ready',
  0xcd: 'Cashback not possible',
  0xd2: 'function not permitted for service-cards/bank-customer-cards',
  0xdc: 'card inserted',
  0xdd: 'error during card-eject (for motor-insertion reader)',
  0xde: 'error during card-insertion (for motor-insertion reader)',
  0xe0: 'remote-maintenance activated',
  0xe2: 'card-reader does not answer / card-reader defective',
  0xe3: 'shutter closed',
  0xe4: 'Terminal activation required',
  0xe7: 'min. one goods-group not found',
  0xe8: 'no goods-groups-table loaded',
  0xe9: 'restriction-code not permitted',
  0xea: 'card-code not permitted (e.g. card not activated via Diagnosis)',
  0xeb: 'function not executable (PIN-algorithm unknown)',
  0xec: 'PIN-processing not possible',
  0xed: 'PIN-pad defective',
  0xf0: 'open end-of-day batch present',
  0xf1: 'ec-cash/Maestro offline error',
  0xf5: 'OPT-error',
  0xf6: 'OPT-data not available (= OPT personalisation required)',
  0xfa: 'error transmitting offline-transactions (clearing error)',
  0xfb: 'turnover data-set defective',
  0xfc: 'necessary device not present or defective',
  0xfd: 'baudrate not supported',
  0xfe: 'register unknown',
  0xff: 'system error (= other/unknown error), See TLV tags 1F16 and 1F17',
};

export function describeResultCode(code: number): string {
  if (code >= 0x01 && code <= 0x63) return `errorcode ${code} from network-operator system/authorisation-system`;
  return RESULT_CODE_TEXT[code] ?? `unknown result code ${code.toString(16).padStart(2, '0')}`;
}

type Mapped = MappedDeviceError<PaymentErrorCode>;

const MAPPING: Readonly<Record<number, [Mapped['completionCode'], PaymentErrorCode]>> = {
  0x64: ['commandErrorCode', 'cardNotReadable'],
  0x65: ['commandErrorCode', 'cardNotReadable'],
  0x72: ['commandErrorCode', 'cardNotReadable'],
  0x73: ['commandErrorCode', 'cardNotReadable'],
  0x66: ['hardwareError', 'terminalFault'],
  0x67: ['commandErrorCode', 'declined'],
  0x68: ['commandErrorCode', 'declined'],
  0x6b: ['deviceNotReady', 'notRegistered'],
  0x6c: ['userError', 'abortedAtTerminal'],
  0x6e: ['fraudAttempt', 'cardBlocked'],
  0x6f: ['commandErrorCode', 'wrongCurrency'],
  0xc6: ['commandErrorCode', 'wrongCurrency'],
  0x71: ['commandErrorCode', 'insufficientFunds'],
  0x78: ['commandErrorCode', 'cardExpired'],
  0x79: ['commandErrorCode', 'cardNotYetValid'],
  0x7a: ['commandErrorCode', 'cardUnknown'],
  0x76: ['commandErrorCode', 'cardUnknown'],
  0xc5: ['commandErrorCode', 'cardUnknown'],
  0x7d: ['hardwareError', 'hostUnreachable'],
  0x9b: ['hardwareError', 'hostUnreachable'],
  0xa0: ['hardwareError', 'hostUnreachable'],
  0xa1: ['hardwareError', 'hostUnreachable'],
  0xa3: ['hardwareError', 'hostUnreachable'],
  0x89: ['hardwareError', 'terminalFault'],
  0xed: ['hardwareError', 'terminalFault'],
  0xe2: ['hardwareError', 'terminalFault'],
  0xc0: ['hardwareError', 'terminalFault'],
  0xfc: ['hardwareError', 'terminalFault'],
  0xbf: ['hardwareError', 'terminalFault'],
  0xec: ['commandErrorCode', 'pinFailed'],
  0xeb: ['commandErrorCode', 'pinFailed'],
  0x9a: ['hardwareError', 'protocolError'],
  0x9c: ['deviceNotReady', 'terminalNotReady'],
  0xc2: ['deviceNotReady', 'terminalNotReady'],
  0xe4: ['deviceNotReady', 'terminalNotReady'],
  0x77: ['deviceNotReady', 'terminalNotReady'],
  0xf0: ['deviceNotReady', 'terminalNotReady'],
  0xb1: ['deviceNotReady', 'terminalNotReady'],
  0xb2: ['deviceNotReady', 'terminalNotReady'],
  0xcc: ['deviceNotReady', 'printerNotReady'],
  0xb4: ['commandErrorCode', 'alreadyReversed'],
  0xb5: ['commandErrorCode', 'reversalNotPossible'],
  0xc3: ['commandErrorCode', 'amountNotAllowed'],
  0xc8: ['commandErrorCode', 'amountNotAllowed'],
  0xc9: ['commandErrorCode', 'amountNotAllowed'],
  0xb7: ['commandErrorCode', 'amountNotAllowed'],
  0xff: ['hardwareError', 'systemError'],
};

/** undefined for 00 (success); otherwise what the core should make of it. */
export function mapResultCode(code: number): Mapped | undefined {
  if (code === 0x00) return undefined;
  const description = describeResultCode(code);
  if (code >= 0x01 && code <= 0x63) return { completionCode: 'commandErrorCode', errorCode: 'declined', description };
  const mapped = MAPPING[code];
  if (!mapped) return { completionCode: 'commandErrorCode', errorCode: 'otherError', description };
  const [completionCode, errorCode] = mapped;
  // Narrow by hand: commandErrorCode outcomes must carry their errorCode.
  return completionCode === 'commandErrorCode' ? { completionCode, errorCode, description } : { completionCode, errorCode, description };
}

/** PA00P015 table 17 (English column). Codes 41-5D are the same texts plus "Please remove card!". */
const INTERMEDIATE: Readonly<Record<number, string>> = {
  0x00: 'PT is waiting for amount-confirmation',
  0x01: 'Please watch PIN-Pad',
  0x02: 'Please watch PIN-Pad',
  0x03: 'Not accepted',
  0x04: 'PT is waiting for response from FEP',
  0x05: 'PT is sending auto-reversal',
  0x06: 'PT is sending post-bookings',
  0x07: 'Card not admitted',
  0x08: 'Card unknown / undefined',
  0x09: 'Expired card',
  0x0a: 'Insert card',
  0x0b: 'Please remove card!',
  0x0c: 'Card not readable',
  0x0d: 'Processing error',
  0x0e: 'Please wait...',
  0x0f: 'PT is commencing an automatic end-of-day batch',
  0x10: 'Invalid card',
  0x11: 'Balance display',
  0x12: 'System malfunction',
  0x13: 'Payment not possible',
  0x14: 'Credit not sufficient',
  0x15: 'Incorrect PIN',
  0x16: 'Limit not sufficient',
  0x17: 'Please wait...',
  0x18: 'PIN try limit exceeded',
  0x19: 'Card-data incorrect',
  0x1a: 'Service-mode',
  0x1b: 'Approved. Please fill-up',
  0x1c: 'Approved. Please take goods',
  0x1d: 'Declined',
  0x26: 'PT is waiting for input of the mobile-number',
  0x27: 'PT is waiting for repeat of mobile number',
  0x28: 'Currency selection, please wait...',
  0x29: 'Language selection, please wait...',
  0x2a: 'For loading please insert card',
  0x2b: 'Emergency transaction, please wait',
  0x2c: 'Application selection, please wait',
};

export function describeIntermediateStatus(code: number): string {
  const own = INTERMEDIATE[code];
  if (own !== undefined) return own;
  if (code >= 0x41 && code <= 0x5d) {
    const base = INTERMEDIATE[code - 0x40];
    if (base !== undefined) return code === 0x4b ? base : `${base} / Please remove card!`;
  }
  return `intermediate status ${code.toString(16).padStart(2, '0')}`;
}

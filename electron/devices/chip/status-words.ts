/**
 * ISO/IEC 7816-4 status words (SW1 SW2) and what they mean to us.
 *
 * Follows ISO/IEC 7816-4:2013 5.1.3, tables 5 ("General functional structure of
 * SW1-SW2") and 6 ("Specific interindustry warning and error conditions"). The
 * `kind` names are ours; the table keeps the standard's wording.
 */

export type StatusWordInfo =
  | { readonly kind: 'ok' }
  /** 61XX: XX more bytes (00 = 256 or more) to fetch with GET RESPONSE (T=0). */
  | { readonly kind: 'bytesAvailable'; readonly available: number }
  /** 6CXX: wrong Le; XX is the exact length to ask for. */
  | { readonly kind: 'wrongLe'; readonly exactLength: number }
  /** 63CX: verification failed, X tries left (also counters in general). */
  | { readonly kind: 'verifyFailed'; readonly triesLeft: number }
  | { readonly kind: 'authenticationBlocked' }
  | { readonly kind: 'securityStatusNotSatisfied' }
  | { readonly kind: 'fileNotFound' }
  | { readonly kind: 'recordNotFound' }
  | { readonly kind: 'referencedDataNotFound' }
  | { readonly kind: 'wrongLength' }
  | { readonly kind: 'wrongParameters' }
  | { readonly kind: 'wrongData' }
  | { readonly kind: 'functionNotSupported' }
  | { readonly kind: 'conditionsNotSatisfied' }
  | { readonly kind: 'commandNotAllowed' }
  | { readonly kind: 'insNotSupported' }
  | { readonly kind: 'claNotSupported' }
  | { readonly kind: 'endOfFile' }
  | { readonly kind: 'memoryFailure' }
  | { readonly kind: 'noPreciseDiagnosis' }
  | { readonly kind: 'warning'; readonly sw: number }
  | { readonly kind: 'error'; readonly sw: number };

const EXACT: Readonly<Record<number, [StatusWordInfo['kind'], string]>> = {
  0x9000: ['ok', 'normal processing, no further qualification'],
  0x6282: ['endOfFile', 'end of file or record reached before reading Ne bytes'],
  0x6581: ['memoryFailure', 'memory failure'],
  0x6700: ['wrongLength', 'wrong length; no further indication'],
  0x6982: ['securityStatusNotSatisfied', 'security status not satisfied'],
  0x6983: ['authenticationBlocked', 'authentication method blocked'],
  0x6985: ['conditionsNotSatisfied', 'conditions of use not satisfied'],
  0x6986: ['commandNotAllowed', 'command not allowed (no current EF)'],
  0x6900: ['commandNotAllowed', 'command not allowed, no information given'],
  0x6a80: ['wrongData', 'incorrect parameters in the command data field'],
  0x6a81: ['functionNotSupported', 'function not supported'],
  0x6a82: ['fileNotFound', 'file or application not found'],
  0x6a83: ['recordNotFound', 'record not found'],
  0x6a86: ['wrongParameters', 'incorrect parameters P1-P2'],
  0x6a88: ['referencedDataNotFound', 'referenced data or reference data not found'],
  0x6b00: ['wrongParameters', 'wrong parameters P1-P2 (offset outside the EF)'],
  0x6d00: ['insNotSupported', 'instruction code not supported or invalid'],
  0x6e00: ['claNotSupported', 'class not supported'],
  0x6f00: ['noPreciseDiagnosis', 'no precise diagnosis'],
};

export function interpretStatusWord(sw1: number, sw2: number): StatusWordInfo {
  const sw = (sw1 << 8) | sw2;
  const exact = EXACT[sw];
  if (exact) return { kind: exact[0] } as StatusWordInfo;
  if (sw1 === 0x61) return { kind: 'bytesAvailable', available: sw2 === 0 ? 256 : sw2 };
  if (sw1 === 0x6c) return { kind: 'wrongLe', exactLength: sw2 === 0 ? 256 : sw2 };
  if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) return { kind: 'verifyFailed', triesLeft: sw2 & 0x0f };
  if (sw1 === 0x62 || sw1 === 0x63) return { kind: 'warning', sw };
  return { kind: 'error', sw };
}

/** Standard wording for logs and the technician screen. */
export function describeStatusWord(sw1: number, sw2: number): string {
  const sw = (sw1 << 8) | sw2;
  const hex = sw.toString(16).toUpperCase().padStart(4, '0');
  const exact = EXACT[sw];
  if (exact) return `${hex}: ${exact[1]}`;
  const info = interpretStatusWord(sw1, sw2);
  switch (info.kind) {
    case 'bytesAvailable':
      return `${hex}: ${info.available} response bytes still available`;
    case 'wrongLe':
      return `${hex}: wrong Le, exact length is ${info.exactLength}`;
    case 'verifyFailed':
      return `${hex}: verification failed, ${info.triesLeft} tries left`;
    case 'warning':
      return `${hex}: warning`;
    default:
      return `${hex}: error`;
  }
}

export function isSuccess(sw1: number, sw2: number): boolean {
  return sw1 === 0x90 && sw2 === 0x00;
}

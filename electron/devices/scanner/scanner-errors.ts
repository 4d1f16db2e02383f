/**
 * Scanner errorCodes: why a read gave up (the last rejection reason, after
 * `maxRejects` bad scans in a row) plus device-level failures.
 */
import { SCAN_REJECT_REASONS } from './scan-validation.ts';

export const SCANNER_ERROR_CODES = [...SCAN_REJECT_REASONS, 'noDevice', 'linkDown', 'protocolError', 'selfTestFailed'] as const;
export type ScannerErrorCode = (typeof SCANNER_ERROR_CODES)[number];

/**
 * What the kiosk accepts from a scan, whichever HID mode delivered it, and
 * the reasons it refuses the rest. Each reason is also the errorCode of a
 * read that gave up after repeated refusals.
 */
import { parseApplicationReference, type ApplicationReference } from './application-reference.ts';

export const SCAN_REJECT_REASONS = [
  /** The scan never finished: no terminator (wedge) or no last report (HID-POS) in time. */
  'partialScan',
  /** Control characters, keys with Ctrl/Alt, bytes outside printable ASCII. */
  'nonPrintable',
  /** Printable, but not an application reference (or prefix/suffix missing). */
  'wrongFormat',
  'tooLong',
  /** HID-POS: a barcode type we do not read references from. */
  'unsupportedSymbology',
  /** HID-POS: a report that breaks the layout (length beyond the report, broken symbology id). */
  'malformedReport',
] as const;
export type ScanRejectReason = (typeof SCAN_REJECT_REASONS)[number];

export const DEFAULT_MAX_SCAN_LENGTH = 64;

export type ScanCheck = { readonly ok: true; readonly value: ApplicationReference } | { readonly ok: false; readonly reason: ScanRejectReason };

export function checkScanText(text: string, maxLength = DEFAULT_MAX_SCAN_LENGTH): ScanCheck {
  if (!/^[\x20-\x7e]*$/.test(text)) return { ok: false, reason: 'nonPrintable' };
  if (text.length > maxLength) return { ok: false, reason: 'tooLong' };
  const reference = parseApplicationReference(text);
  return reference ? { ok: true, value: reference } : { ok: false, reason: 'wrongFormat' };
}

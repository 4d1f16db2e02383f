/**
 * A byte stream carried in fixed-size HID reports, for vendor protocols whose
 * messages are longer than one report (a fingerprint template is hundreds of
 * bytes, a report 64).
 *
 * Each report's data is `count | count bytes | zero padding`, the way HID-to-
 * UART bridges such as Silicon Labs' CP2110 (AN434) carry serial data: the
 * receiver concatenates the counted bytes of consecutive reports and a framing
 * layer on top finds message boundaries. Report boundaries mean nothing.
 */
import type { DecodeResult } from '../shared/result.ts';
import { fail, ok } from '../shared/result.ts';
import type { HidReport } from './hid-report.ts';

export interface StreamReportFormat {
  readonly reportId: number;
  /** Report data size from the descriptor, count byte included. */
  readonly reportSize: number;
}

export function streamCapacity(format: StreamReportFormat): number {
  return format.reportSize - 1;
}

/** Split bytes into as few reports as they need (at least one, so an empty write still sends). */
export function encodeStreamReports(bytes: Uint8Array, format: StreamReportFormat): HidReport[] {
  const capacity = streamCapacity(format);
  if (capacity < 1 || capacity > 0xff) throw new RangeError(`stream report size must be 2..256, got ${format.reportSize}`);
  const reports: HidReport[] = [];
  let offset = 0;
  do {
    const piece = bytes.subarray(offset, offset + capacity);
    const data = new Uint8Array(format.reportSize);
    data[0] = piece.length;
    data.set(piece, 1);
    reports.push({ reportId: format.reportId, data });
    offset += piece.length;
  } while (offset < bytes.length);
  return reports;
}

/** The counted bytes of one report; a wrong ID or a count beyond the report is an error, never a throw. */
export function decodeStreamReport(report: HidReport, format: StreamReportFormat): DecodeResult<Uint8Array> {
  if (report.reportId !== format.reportId) return fail(`unexpected report ID ${report.reportId} (stream uses ${format.reportId})`);
  const count = report.data[0];
  if (count === undefined) return fail('empty report');
  if (count > report.data.length - 1 || count > streamCapacity(format)) {
    return fail(`report claims ${count} bytes but holds ${Math.min(report.data.length - 1, streamCapacity(format))}`);
  }
  return ok(report.data.slice(1, 1 + count));
}

/**
 * HID-POS scanned-data reports (USB HID Point of Sale Usage Tables 1.02,
 * usage page 0x8C "Bar Code Scanner", Scanned Data Report), in the layout
 * Honeywell scanners use in "USB HID POS" mode (byte map observed and
 * published at github.com/HenkVanAsselt/python_hon_usbhid): report 0x02 with
 * 63 data bytes
 *
 *   0      length of decoded data in this report (0–56)
 *   1–3    AIM symbology identifier (ISO/IEC 15424), e.g. "]Q1" QR Code, "]C0" Code 128
 *   4–59   decoded data, zero padded
 *   60     vendor symbology code
 *   61     reserved
 *   62     bit 0: more data follows in the next report ("decode data continued")
 *
 * Codes longer than 56 bytes span several reports; the assembler below
 * joins them and gives up (partialScan) when the last one never comes.
 */
import type { DecodeResult } from '../shared/result.ts';
import { fail, ok } from '../shared/result.ts';
import { latin1String } from '../shared/bytes.ts';
import type { ScanRejectReason } from './scan-validation.ts';

export const POS_REPORT_SIZE = 63;
export const POS_DATA_PER_REPORT = 56;
const AIM_OFFSET = 1;
const DATA_OFFSET = 4;
const VENDOR_CODE_OFFSET = 60;
const FLAGS_OFFSET = 62;
const MORE_DATA = 0x01;

export interface PosChunk {
  /** "]Q1"… */
  readonly symbology: string;
  readonly data: Uint8Array;
  readonly more: boolean;
}

/** Symbologies that carry application references: QR Code, Code 128, Data Matrix. */
export const DEFAULT_SYMBOLOGIES: readonly string[] = [']Q', ']C', ']d'];

const AIM = /^\][\x21-\x7e][\x21-\x7e]$/;

export function encodePosReports(data: Uint8Array, symbology: string, vendorCode = 0): Uint8Array[] {
  if (!AIM.test(symbology)) throw new RangeError(`not an AIM symbology identifier: "${symbology}"`);
  const reports: Uint8Array[] = [];
  let offset = 0;
  do {
    const piece = data.subarray(offset, offset + POS_DATA_PER_REPORT);
    offset += piece.length;
    const report = new Uint8Array(POS_REPORT_SIZE);
    report[0] = piece.length;
    for (let i = 0; i < 3; i++) report[AIM_OFFSET + i] = symbology.charCodeAt(i);
    report.set(piece, DATA_OFFSET);
    report[VENDOR_CODE_OFFSET] = vendorCode & 0xff;
    report[FLAGS_OFFSET] = offset < data.length ? MORE_DATA : 0;
    reports.push(report);
  } while (offset < data.length);
  return reports;
}

export function decodePosReport(report: Uint8Array): DecodeResult<PosChunk> {
  if (report.length < POS_REPORT_SIZE) return fail(`HID-POS report is ${POS_REPORT_SIZE} bytes, got ${report.length}`);
  const length = report[0]!;
  if (length > POS_DATA_PER_REPORT) return fail(`HID-POS report claims ${length} data bytes, holds ${POS_DATA_PER_REPORT}`);
  const symbology = latin1String(report.subarray(AIM_OFFSET, AIM_OFFSET + 3));
  if (!AIM.test(symbology)) return fail('HID-POS report without an AIM symbology identifier');
  return ok({ symbology, data: report.slice(DATA_OFFSET, DATA_OFFSET + length), more: (report[FLAGS_OFFSET]! & MORE_DATA) !== 0 });
}

export type PosResult =
  | { readonly kind: 'data'; readonly symbology: string; readonly data: Uint8Array }
  | { readonly kind: 'rejected'; readonly reason: ScanRejectReason };

/** Joins continued reports into one code; bounded by maxLength. */
export class PosAssembler {
  readonly #maxLength: number;
  #symbology: string | null = null;
  #parts: Uint8Array[] = [];
  #length = 0;
  #overflow = false;

  constructor(maxLength: number) {
    this.#maxLength = maxLength;
  }

  get active(): boolean {
    return this.#symbology !== null;
  }

  get buffered(): number {
    return this.#length;
  }

  push(report: Uint8Array): PosResult | null {
    const chunk = decodePosReport(report);
    if (!chunk.ok) {
      this.#reset();
      return { kind: 'rejected', reason: 'malformedReport' };
    }
    const { symbology, data, more } = chunk.value;
    if (this.#symbology !== null && this.#symbology !== symbology) {
      // A new code started before the old one finished: the old one was partial.
      this.#reset();
      return { kind: 'rejected', reason: 'partialScan' };
    }
    this.#symbology = symbology;
    if (this.#length + data.length <= this.#maxLength) {
      this.#parts.push(data);
      this.#length += data.length;
    } else {
      this.#overflow = true;
    }
    if (more) return null;
    const result: PosResult = this.#overflow ? { kind: 'rejected', reason: 'tooLong' } : { kind: 'data', symbology, data: join(this.#parts, this.#length) };
    this.#reset();
    return result;
  }

  expire(): PosResult | null {
    if (!this.active) return null;
    this.#reset();
    return { kind: 'rejected', reason: 'partialScan' };
  }

  #reset(): void {
    this.#symbology = null;
    this.#parts = [];
    this.#length = 0;
    this.#overflow = false;
  }
}

function join(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

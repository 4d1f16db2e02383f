/**
 * One HID report, as the USB HID class defines it: a report ID (0 when the
 * device's report descriptor declares none) and the report's data bytes.
 *
 * hidapi (and so node-hid) puts the report ID in front of the data on write
 * and, for devices with numbered reports, on read. We keep the two apart in
 * memory so codecs never have to guess whether byte 0 is an ID or data; the
 * node-hid adapter is the only place that adds or strips it.
 */
export interface HidReport {
  readonly reportId: number;
  readonly data: Uint8Array;
}

/** What the host sends: output reports (interrupt OUT / SET_REPORT Output) or feature reports. */
export type HostReportKind = 'output' | 'feature';

export function hidReport(reportId: number, data: Uint8Array): HidReport {
  if (!Number.isInteger(reportId) || reportId < 0 || reportId > 0xff) {
    throw new RangeError(`HID report ID must be 0..255, got ${reportId}`);
  }
  return { reportId, data };
}

/** A fixed-size report body: HID reports have the size their descriptor declares, padded with zeros. */
export function padReport(data: Uint8Array | readonly number[], size: number): Uint8Array {
  if (data.length > size) throw new RangeError(`report data is ${data.length} bytes, the report holds ${size}`);
  const out = new Uint8Array(size);
  out.set(data);
  return out;
}

/** hidapi's write convention: the report ID first (0 for unnumbered reports), then the data. */
export function toHidapiBytes(report: HidReport): Uint8Array {
  const out = new Uint8Array(report.data.length + 1);
  out[0] = report.reportId;
  out.set(report.data, 1);
  return out;
}

/**
 * hidapi's read convention: a device with numbered reports puts the ID in byte 0;
 * one without sends bare data, which we file under report ID 0.
 */
export function fromHidapiBytes(bytes: Uint8Array, usesReportIds: boolean): HidReport | null {
  if (!usesReportIds) return { reportId: 0, data: bytes };
  const reportId = bytes[0];
  if (reportId === undefined) return null;
  return { reportId, data: bytes.subarray(1) };
}

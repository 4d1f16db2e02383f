/**
 * IPP printer-state-reasons (RFC 8011 §5.4.12, PWG 5100.9) → the device
 * contract. Keywords may carry a severity suffix (-report, -warning, -error);
 * CUPS adds its own (paused, offline-report, connecting-to-device, cups-*).
 *
 * A kiosk must not leave a citizen's document in a queue that cannot print
 * it now — it would come out later, for the next person — so any reason that
 * stops printing is a refusal before submitting and a cancel during a job.
 */
import type { FailureOutcome } from '../contract/completion.ts';
import type { DeviceStatus } from '../contract/status.ts';
import type { PrinterStatus } from './print-spooler.ts';

export const DOCUMENT_PRINTER_ERROR_CODES = [
  'paperOut',
  'mediaJam',
  'coverOpen',
  'tonerOut',
  'offline',
  'queuePaused',
  'notAccepting',
  'noQueue',
  'spoolerUnavailable',
  'spoolerError',
  'jobAborted',
  'jobCanceled',
  'jobLost',
  'invalidDocument',
] as const;
export type DocumentPrinterErrorCode = (typeof DOCUMENT_PRINTER_ERROR_CODES)[number];

/** "media-empty-error" → "media-empty". */
export function reasonKeyword(reason: string): string {
  return reason.replace(/-(report|warning|error)$/, '');
}

const has = (status: PrinterStatus, ...keywords: string[]) => status.reasons.some((r) => keywords.includes(reasonKeyword(r)));

/** Why this printer cannot print now, or null when it can. */
export function blockingReason(status: PrinterStatus): FailureOutcome<DocumentPrinterErrorCode> | null {
  if (has(status, 'media-jam')) return { completionCode: 'hardwareError', errorCode: 'mediaJam', description: 'paper jam' };
  if (has(status, 'media-empty', 'media-needed')) return { completionCode: 'commandErrorCode', errorCode: 'paperOut', description: 'out of paper' };
  if (has(status, 'door-open', 'cover-open', 'interlock-open')) return { completionCode: 'commandErrorCode', errorCode: 'coverOpen', description: 'cover open' };
  if (has(status, 'toner-empty', 'marker-supply-empty')) return { completionCode: 'hardwareError', errorCode: 'tonerOut', description: 'toner empty' };
  if (has(status, 'offline', 'shutdown', 'timed-out', 'connecting-to-device')) return { completionCode: 'deviceNotReady', errorCode: 'offline', description: 'printer offline' };
  if (!status.acceptingJobs) return { completionCode: 'deviceNotReady', errorCode: 'notAccepting', description: 'queue is not accepting jobs' };
  if (status.state === 'stopped' || has(status, 'paused')) return { completionCode: 'deviceNotReady', errorCode: 'queuePaused', description: 'queue is stopped' };
  return null;
}

/** The contract status for the technician screen and the core's readiness checks. */
export function deviceStatusOf(status: PrinterStatus): DeviceStatus {
  const paper: DeviceStatus['paper'] = has(status, 'media-jam') ? 'jammed' : has(status, 'media-empty', 'media-needed') ? 'out' : has(status, 'media-low') ? 'low' : status.state === 'unknown' ? 'unknown' : 'full';
  const cover: DeviceStatus['cover'] = has(status, 'door-open', 'cover-open', 'interlock-open') ? 'open' : 'closed';
  const blocked = blockingReason(status);
  const device: DeviceStatus['device'] =
    status.state === 'unknown' ? 'hardwareError' : blocked?.completionCode === 'hardwareError' ? 'hardwareError' : blocked?.completionCode === 'deviceNotReady' ? 'offline' : 'online';
  const detail = status.reasons.slice(0, 16).map((r) => r.slice(0, 120));
  return { device, paper, cover, ...(detail.length > 0 ? { detail } : {}) };
}

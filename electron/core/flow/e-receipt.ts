import type { FlowData } from './flow-data.ts';
import { citizenCpr } from './flow-data.ts';
import type { SmsRecipient } from './flow-ports.ts';

/**
 * The e-receipt every service ends with, so a citizen can leave with no
 * paper: a reference, a link (shown as a QR code), and an SMS on request.
 */
export function eReceiptUrl(reference: string): string {
  return `https://e.khidma.invalid/r/${encodeURIComponent(reference)}`;
}

/** The application a status check looked up (its answer names the reference and a status), if this run did one. */
export function lookedUpApplication(data: FlowData): string | null {
  const lookup = data.lookup;
  return lookup?.reference && lookup.status ? lookup.reference : null;
}

/**
 * The run's reference: the gateway's application reference when the run
 * submitted one, the application a status check looked up, else a kiosk
 * reference derived from the run's key (stable for the run, nothing
 * personal in it).
 */
export function runReference(data: FlowData, now: number): string {
  if (data.application?.reference) return data.application.reference;
  const lookedUp = lookedUpApplication(data);
  if (lookedUp) return lookedUp;
  const run = data.idempotencyKey.split(':')[2] ?? data.idempotencyKey;
  return `KSK-${new Date(now).getUTCFullYear()}-${run.replace(/[^A-Za-z0-9]/g, '').slice(0, 8).toUpperCase()}`;
}

/** The mobile number the citizen typed in this service, if any. */
export function typedMobile(data: FlowData): string | null {
  for (const values of Object.values(data.values)) if (values.mobile) return values.mobile;
  return null;
}

/**
 * Where an SMS e-receipt can go: the typed number, else the number
 * registered for the CPR, else (a status check, no card) the number
 * registered for the looked-up application's applicant; null when none is known.
 */
export function smsRecipient(data: FlowData): SmsRecipient | null {
  const mobile = typedMobile(data);
  if (mobile) return { mobile };
  const cpr = citizenCpr(data);
  if (/^\d{9}$/.test(cpr)) return { cpr };
  const applicationReference = lookedUpApplication(data);
  return applicationReference ? { applicationReference } : null;
}

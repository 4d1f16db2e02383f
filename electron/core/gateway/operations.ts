import type { z } from 'zod';
import {
  AddressLookupSchema,
  AuditAnchorListSchema,
  AuditAnchorSchema,
  ApplicationSchema,
  ApplicationStatusSchema,
  CitizenSchema,
  EkeyAccountSchema,
  EligibilitySchema,
  FeeScheduleSchema,
  OtpSentSchema,
  OtpVerificationSchema,
  PasswordPolicySchema,
  QrPaymentSchema,
  RatingSchema,
  SmsReceiptSchema,
  SubmissionSchema,
} from './response-schemas.ts';

/**
 * Every gateway operation the kiosk calls: method, path template (relative to
 * the configured base URL, as in the OpenAPI document), the statuses that
 * carry the answer, the answer's schema, and whether it carries an
 * idempotency key. This table is the one place the client's idea of the
 * contract lives; openapi-contract.test.ts holds it against the document.
 *
 * Retries follow from it: a GET is safe to repeat, a POST only when it carries
 * an idempotency key (the gateway then answers a repeat with the original
 * result). sendOtp and verifyOtp are deliberately neither: a repeat would send
 * a second SMS or use up an attempt.
 */
export interface OperationSpec<TSchema extends z.ZodType = z.ZodType> {
  readonly operationId: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly successStatuses: readonly number[];
  readonly response: TSchema;
  readonly idempotencyKey: boolean;
}

function op<TSchema extends z.ZodType>(spec: OperationSpec<TSchema>): OperationSpec<TSchema> {
  return spec;
}

const created = [201, 200] as const;

export const OPERATIONS = {
  getCitizen: op({ operationId: 'getCitizen', method: 'GET', path: '/citizens/{cpr}', successStatuses: [200], response: CitizenSchema, idempotencyKey: false }),
  checkEligibility: op({ operationId: 'checkEligibility', method: 'GET', path: '/citizens/{cpr}/eligibility/{serviceId}', successStatuses: [200], response: EligibilitySchema, idempotencyKey: false }),
  getFeeSchedule: op({ operationId: 'getFeeSchedule', method: 'GET', path: '/fees', successStatuses: [200], response: FeeScheduleSchema, idempotencyKey: false }),
  submitApplication: op({ operationId: 'submitApplication', method: 'POST', path: '/applications', successStatuses: created, response: ApplicationSchema, idempotencyKey: true }),
  getApplicationStatus: op({ operationId: 'getApplicationStatus', method: 'GET', path: '/applications/{reference}', successStatuses: [200], response: ApplicationStatusSchema, idempotencyKey: false }),
  getSubmission: op({ operationId: 'getSubmission', method: 'GET', path: '/submissions/{idempotencyKey}', successStatuses: [200], response: SubmissionSchema, idempotencyKey: false }),
  lookupAddress: op({ operationId: 'lookupAddress', method: 'GET', path: '/addresses', successStatuses: [200], response: AddressLookupSchema, idempotencyKey: false }),
  sendOtp: op({ operationId: 'sendOtp', method: 'POST', path: '/otp', successStatuses: [201], response: OtpSentSchema, idempotencyKey: false }),
  verifyOtp: op({ operationId: 'verifyOtp', method: 'POST', path: '/otp/{otpId}/verify', successStatuses: [200], response: OtpVerificationSchema, idempotencyKey: false }),
  sendSmsReceipt: op({ operationId: 'sendSmsReceipt', method: 'POST', path: '/sms-receipts', successStatuses: created, response: SmsReceiptSchema, idempotencyKey: true }),
  createQrPayment: op({ operationId: 'createQrPayment', method: 'POST', path: '/payments/qr', successStatuses: created, response: QrPaymentSchema, idempotencyKey: true }),
  getQrPayment: op({ operationId: 'getQrPayment', method: 'GET', path: '/payments/qr/{paymentId}', successStatuses: [200], response: QrPaymentSchema, idempotencyKey: false }),
  cancelQrPayment: op({ operationId: 'cancelQrPayment', method: 'POST', path: '/payments/qr/{paymentId}/cancel', successStatuses: [200], response: QrPaymentSchema, idempotencyKey: true }),
  getQrPaymentByIdempotencyKey: op({ operationId: 'getQrPaymentByIdempotencyKey', method: 'GET', path: '/qr-payment-requests/{idempotencyKey}', successStatuses: [200], response: QrPaymentSchema, idempotencyKey: false }),
  submitRating: op({ operationId: 'submitRating', method: 'POST', path: '/ratings', successStatuses: created, response: RatingSchema, idempotencyKey: true }),
  getEkeyPasswordPolicy: op({ operationId: 'getEkeyPasswordPolicy', method: 'GET', path: '/ekey/password-policy', successStatuses: [200], response: PasswordPolicySchema, idempotencyKey: false }),
  registerEkey: op({ operationId: 'registerEkey', method: 'POST', path: '/ekey/accounts', successStatuses: created, response: EkeyAccountSchema, idempotencyKey: true }),
  getEkeyAccount: op({ operationId: 'getEkeyAccount', method: 'GET', path: '/ekey/accounts/{cpr}', successStatuses: [200], response: EkeyAccountSchema, idempotencyKey: false }),
  upgradeEkey: op({ operationId: 'upgradeEkey', method: 'POST', path: '/ekey/accounts/{cpr}/upgrade', successStatuses: [200], response: EkeyAccountSchema, idempotencyKey: true }),
  resetEkeyPassword: op({ operationId: 'resetEkeyPassword', method: 'POST', path: '/ekey/accounts/{cpr}/password-reset', successStatuses: [200], response: EkeyAccountSchema, idempotencyKey: true }),
  recordAuditAnchor: op({ operationId: 'recordAuditAnchor', method: 'POST', path: '/audit-anchors', successStatuses: created, response: AuditAnchorSchema, idempotencyKey: true }),
  listAuditAnchors: op({ operationId: 'listAuditAnchors', method: 'GET', path: '/audit-anchors', successStatuses: [200], response: AuditAnchorListSchema, idempotencyKey: false }),
  unlockEkey: op({ operationId: 'unlockEkey', method: 'POST', path: '/ekey/accounts/{cpr}/unlock', successStatuses: [200], response: EkeyAccountSchema, idempotencyKey: true }),
} as const;

export type OperationName = keyof typeof OPERATIONS;

/** May this operation be sent again after a timeout or a 5xx? */
export function isIdempotent(spec: OperationSpec): boolean {
  return spec.method === 'GET' || spec.idempotencyKey;
}

/** Fills `{name}` placeholders, each value URL-encoded; a missing value is a programming error. */
export function expandPath(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') throw new Error(`path parameter ${name} missing for ${template}`);
    return encodeURIComponent(value);
  });
}

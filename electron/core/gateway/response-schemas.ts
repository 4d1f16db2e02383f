import { z } from 'zod';

/**
 * zod schemas for every answer the kiosk reads from the gateway, written by
 * hand to match components.schemas in resources/gateway/openapi.yaml
 * (openapi-contract.test.ts checks they agree). Unknown extra fields are
 * dropped, not refused: the gateway may add fields in a compatible release
 * (a tolerant reader), but a missing or mistyped field is an invalid answer.
 */

const Cpr = z.string().regex(/^\d{9}$/);
const ServiceId = z.string().regex(/^[a-z][a-z0-9-]{1,63}$/);
const IdempotencyKey = z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/);
const ApplicationReference = z.string().regex(/^[A-Z0-9-]{6,20}$/);
const OpaqueId = z.string().regex(/^[A-Za-z0-9-]{6,64}$/);
const MaskedMobile = z.string().regex(/^\*{4}\d{4}$/);
const IsoDate = z.iso.date();
const IsoDateTime = z.iso.datetime({ offset: true });
const Fils = z.number().int().min(0).max(100_000_000);
const LocalizedText = z.object({ ar: z.string().min(1).max(500), en: z.string().min(1).max(500) });
const ProblemCode = z.string().regex(/^[a-z][a-z0-9-]{1,63}$/);

const Block = z.string().regex(/^\d{3,4}$/);
const Road = z.string().regex(/^\d{1,4}$/);
const Building = z.string().regex(/^\d{1,4}[A-Z]?$/);
const Flat = z.string().regex(/^\d{1,4}[A-Z]?$/);

export const AddressSchema = z.object({ block: Block, road: Road, building: Building, flat: Flat.nullable() });

export const CitizenSchema = z.object({
  cpr: Cpr,
  nameAr: z.string().min(1).max(160),
  nameEn: z.string().min(1).max(120),
  dateOfBirth: IsoDate,
  nationality: z.string().regex(/^[A-Z]{3}$/),
  maskedMobile: MaskedMobile.nullable(),
  address: AddressSchema,
});

export const EligibilitySchema = z.object({
  serviceId: ServiceId,
  eligible: z.boolean(),
  reasons: z.array(z.object({ code: ProblemCode, text: LocalizedText })).max(10),
});

export const FeeScheduleSchema = z.object({
  currency: z.literal('BHD'),
  effectiveFrom: IsoDate,
  fees: z.array(z.object({ serviceId: ServiceId, feeFils: Fils })).max(1000),
});

export const ApplicationStateSchema = z.enum(['received', 'in-review', 'approved', 'ready-for-collection', 'completed', 'rejected']);

export const ApplicationSchema = z.object({
  reference: ApplicationReference,
  serviceId: ServiceId,
  applicationType: z.string().regex(/^[A-Z][A-Z0-9_]{2,40}$/),
  status: ApplicationStateSchema,
  createdAt: IsoDateTime,
});

export const ApplicationStatusSchema = z.object({
  reference: ApplicationReference,
  serviceId: ServiceId,
  status: ApplicationStateSchema,
  updatedAt: IsoDateTime,
});

export const SubmissionSchema = z.object({ idempotencyKey: IdempotencyKey, application: ApplicationSchema });

export const AddressMatchSchema = z.object({ block: Block, road: Road, building: Building, flat: Flat.nullable(), area: LocalizedText });
export const AddressLookupSchema = z.object({ matches: z.array(AddressMatchSchema).max(50) });

export const OtpSentSchema = z.object({
  otpId: OpaqueId,
  expiresInSeconds: z.number().int().min(1),
  maskedMobile: MaskedMobile,
  sendsLeft: z.number().int().min(0),
});

export const OtpVerificationSchema = z.object({ verified: z.boolean(), attemptsLeft: z.number().int().min(0), expired: z.boolean() });

export const SmsReceiptSchema = z.object({ messageId: OpaqueId, status: z.literal('queued') });

export const QrPaymentStateSchema = z.enum(['pending', 'paid', 'expired', 'cancelled']);

export const QrPaymentSchema = z.object({
  paymentId: OpaqueId,
  status: QrPaymentStateSchema,
  amountFils: z.number().int().min(1).max(100_000_000),
  qrPayload: z.string().min(20).max(512),
  expiresAt: IsoDateTime,
  paidAt: IsoDateTime.nullable(),
  transactionRef: z
    .string()
    .regex(/^[A-Za-z0-9-]{4,64}$/)
    .nullable(),
});

export const RatingSchema = z.object({ ratingId: OpaqueId, receivedAt: IsoDateTime });

export const AuditAnchorSchema = z.object({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/), at: IsoDateTime, receivedAt: IsoDateTime });
export const AuditAnchorListSchema = z.object({ anchors: z.array(AuditAnchorSchema).max(1000) });

export const EkeyAccountSchema = z.object({
  status: z.enum(['not-registered', 'active', 'locked']),
  level: z.enum(['basic', 'advanced']).nullable(),
  maskedMobile: MaskedMobile.nullable(),
});

export const PasswordPolicySchema = z.object({
  minLength: z.number().int().min(1),
  maxLength: z.number().int().min(1),
  requireUpper: z.boolean(),
  requireLower: z.boolean(),
  requireDigit: z.boolean(),
  requireSymbol: z.boolean(),
  forbidPersonalData: z.boolean(),
  historySize: z.number().int().min(0),
});

export type Citizen = z.infer<typeof CitizenSchema>;
export type Eligibility = z.infer<typeof EligibilitySchema>;
export type FeeSchedule = z.infer<typeof FeeScheduleSchema>;
export type Application = z.infer<typeof ApplicationSchema>;
export type ApplicationState = z.infer<typeof ApplicationStateSchema>;
export type ApplicationStatus = z.infer<typeof ApplicationStatusSchema>;
export type Submission = z.infer<typeof SubmissionSchema>;
export type AddressMatch = z.infer<typeof AddressMatchSchema>;
export type AddressLookup = z.infer<typeof AddressLookupSchema>;
export type OtpSent = z.infer<typeof OtpSentSchema>;
export type OtpVerification = z.infer<typeof OtpVerificationSchema>;
export type SmsReceipt = z.infer<typeof SmsReceiptSchema>;
export type QrPayment = z.infer<typeof QrPaymentSchema>;
export type QrPaymentState = z.infer<typeof QrPaymentStateSchema>;
export type Rating = z.infer<typeof RatingSchema>;
export type AuditAnchor = z.infer<typeof AuditAnchorSchema>;
export type AuditAnchorList = z.infer<typeof AuditAnchorListSchema>;
export type EkeyAccount = z.infer<typeof EkeyAccountSchema>;
export type PasswordPolicy = z.infer<typeof PasswordPolicySchema>;

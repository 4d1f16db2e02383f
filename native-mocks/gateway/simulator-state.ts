import { fictionalPeople, type FictionalPerson } from '../people/fictional-people.ts';
import { createAddressRegister, type AddressRegister } from './address-register.ts';
import { createEkeyAccounts, type EkeyAccounts } from './ekey-accounts.ts';
import { createIdempotencyStore, type IdempotencyStore } from './idempotency-store.ts';
import { createOtpService, type OtpService } from './otp-service.ts';

/**
 * Everything the simulated back end holds, in memory: the fictional people
 * and their eKey accounts, the address register, OTPs, and the ledgers of
 * what kiosks did (applications, QR payments, SMS receipts, ratings).
 * One object, so a reset is "make a new one".
 */
export type ApplicationState = 'received' | 'in-review' | 'approved' | 'ready-for-collection' | 'completed' | 'rejected';

export interface ApplicationRecord {
  reference: string;
  /** null for applications seeded as already existing. */
  idempotencyKey: string | null;
  serviceId: string;
  applicationType: string;
  cpr: string;
  data: Record<string, string>;
  payment: { method: 'card' | 'qr'; amountFils: number; transactionRef: string } | null;
  status: ApplicationState;
  createdAt: number;
  updatedAt: number;
  kioskId: string | null;
  sessionId: string | null;
  /** How many submits carried this application's key (1 + duplicates). */
  submitCount: number;
}

export type QrState = 'pending' | 'paid' | 'expired' | 'cancelled';

export interface QrPaymentRecord {
  paymentId: string;
  idempotencyKey: string;
  serviceId: string;
  amountFils: number;
  description: string;
  status: QrState;
  qrPayload: string;
  createdAt: number;
  expiresAt: number;
  paidAt: number | null;
  transactionRef: string | null;
  kioskId: string;
  sessionId: string;
}

export interface SmsRecord {
  messageId: string;
  idempotencyKey: string;
  mobile: string;
  language: 'ar' | 'en';
  reference: string;
  text: string;
  sentAt: number;
  kioskId: string;
}

export interface RatingRecord {
  ratingId: string;
  idempotencyKey: string;
  serviceId: string;
  score: number;
  reason: string | null;
  applicationReference: string | null;
  receivedAt: number;
  kioskId: string;
  sessionId: string;
}

/** The head of a kiosk's technician audit chain, as the kiosk sent it. */
export interface AuditAnchorRecord {
  kioskId: string;
  seq: number;
  hash: string;
  at: string;
  receivedAt: number;
}

export interface ReplayRecord {
  operationId: string;
  idempotencyKey: string;
  at: number;
}

export interface SimulatorState {
  readonly createdAt: number;
  readonly people: ReadonlyMap<string, FictionalPerson>;
  readonly addresses: AddressRegister;
  readonly otp: OtpService;
  readonly ekey: EkeyAccounts;
  readonly idempotency: IdempotencyStore;
  readonly applications: Map<string, ApplicationRecord>;
  readonly qrPayments: Map<string, QrPaymentRecord>;
  readonly smsReceipts: SmsRecord[];
  readonly ratings: RatingRecord[];
  readonly auditAnchors: AuditAnchorRecord[];
  readonly replays: ReplayRecord[];
  readonly requests: Record<string, number>;
  readonly faultsInjected: { operationId: string; mode: string; phase: string }[];
  readonly contractViolations: string[];
  /** A simulated citizen pays a pending QR this long after it was created; null = only through the control API. */
  qrAutoPayAfterMs: number | null;
  /** Next number for a kind of id (applications, payments…). */
  next(kind: string): number;
}

const DAY_MS = 86_400_000;

/** Applications that exist before any kiosk submits, for the "application status" service. */
function seededApplications(people: readonly FictionalPerson[], now: number): ApplicationRecord[] {
  const owner = people[0]!;
  const seed = (reference: string, serviceId: string, applicationType: string, status: ApplicationState, daysAgo: number): ApplicationRecord => ({
    reference,
    idempotencyKey: null,
    serviceId,
    applicationType,
    cpr: owner.cpr,
    data: {},
    payment: null,
    status,
    createdAt: now - daysAgo * DAY_MS,
    updatedAt: now - Math.max(0, daysAgo - 2) * DAY_MS,
    kioskId: null,
    sessionId: null,
    submitCount: 1,
  });
  return [
    seed('KH25-000042', 'renew-id-card', 'ID_RENEWAL', 'ready-for-collection', 10),
    seed('KH25-000043', 'update-address', 'ADDRESS_CHANGE', 'in-review', 3),
    seed('KH25-000044', 'replace-id-card', 'ID_REPLACEMENT', 'rejected', 20),
  ];
}

export function createSimulatorState(now: number, options: { qrAutoPayAfterMs?: number | null } = {}): SimulatorState {
  const people = fictionalPeople(new Date(now));
  const counters = new Map<string, number>();
  return {
    createdAt: now,
    people: new Map(people.map((p) => [p.cpr, p])),
    addresses: createAddressRegister(people),
    otp: createOtpService(),
    ekey: createEkeyAccounts(people),
    idempotency: createIdempotencyStore(),
    applications: new Map(seededApplications(people, now).map((a) => [a.reference, a])),
    qrPayments: new Map(),
    smsReceipts: [],
    ratings: [],
    auditAnchors: [],
    replays: [],
    requests: {},
    faultsInjected: [],
    contractViolations: [],
    qrAutoPayAfterMs: options.qrAutoPayAfterMs ?? null,
    next(kind) {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      return n;
    },
  };
}

import type { FaultState } from './fault-plan.ts';
import { qrView, settleQr } from './handlers/payment-handlers.ts';
import { iso } from './sim-clock.ts';
import type { SimulatorState } from './simulator-state.ts';

/**
 * The simulator's books, as GET /__control/ledger returns them: for tests,
 * the e2e suite (which reads OTP codes here) and the crash harness (which
 * checks that every approved payment has exactly one application). It holds
 * fictional personal data only, and is served only with the control token.
 */
export interface GatewayLedger {
  now: string;
  applications: {
    reference: string;
    idempotencyKey: string | null;
    serviceId: string;
    applicationType: string;
    cpr: string;
    data: Record<string, string>;
    payment: { method: 'card' | 'qr'; amountFils: number; transactionRef: string } | null;
    status: string;
    createdAt: string;
    kioskId: string | null;
    sessionId: string | null;
    submitCount: number;
  }[];
  /** Submits answered with an existing application because their key was already used. */
  duplicateSubmits: number;
  qrPayments: (ReturnType<typeof qrView> & { idempotencyKey: string; serviceId: string; createdAt: string; kioskId: string; sessionId: string })[];
  smsReceipts: { messageId: string; idempotencyKey: string; mobile: string; language: 'ar' | 'en'; reference: string; text: string; sentAt: string; kioskId: string }[];
  ratings: { ratingId: string; idempotencyKey: string; serviceId: string; score: number; reason: string | null; applicationReference: string | null; receivedAt: string }[];
  auditAnchors: { kioskId: string; seq: number; hash: string; at: string; receivedAt: string }[];
  otps: { otpId: string; cpr: string; mobile: string; purpose: string; code: string; createdAt: string; expiresAt: string; attemptsLeft: number; verified: boolean; consumed: boolean }[];
  ekeyAccounts: { cpr: string; level: 'basic' | 'advanced'; status: 'active' | 'locked'; failedLogins: number; passwordChanges: number }[];
  replays: { operationId: string; idempotencyKey: string; at: string }[];
  requests: Record<string, number>;
  faults: FaultState;
  faultsInjected: { operationId: string; mode: string; phase: string }[];
  contractViolations: string[];
}

export function ledgerSnapshot(state: SimulatorState, now: number, faults: FaultState): GatewayLedger {
  return {
    now: iso(now),
    applications: [...state.applications.values()].map((a) => ({
      reference: a.reference,
      idempotencyKey: a.idempotencyKey,
      serviceId: a.serviceId,
      applicationType: a.applicationType,
      cpr: a.cpr,
      data: { ...a.data },
      payment: a.payment ? { ...a.payment } : null,
      status: a.status,
      createdAt: iso(a.createdAt),
      kioskId: a.kioskId,
      sessionId: a.sessionId,
      submitCount: a.submitCount,
    })),
    duplicateSubmits: state.replays.filter((r) => r.operationId === 'submitApplication').length,
    qrPayments: [...state.qrPayments.values()].map((r) => ({
      ...qrView(settleQr(state, r, now)),
      idempotencyKey: r.idempotencyKey,
      serviceId: r.serviceId,
      createdAt: iso(r.createdAt),
      kioskId: r.kioskId,
      sessionId: r.sessionId,
    })),
    smsReceipts: state.smsReceipts.map((s) => ({ ...s, sentAt: iso(s.sentAt) })),
    ratings: state.ratings.map((r) => ({
      ratingId: r.ratingId,
      idempotencyKey: r.idempotencyKey,
      serviceId: r.serviceId,
      score: r.score,
      reason: r.reason,
      applicationReference: r.applicationReference,
      receivedAt: iso(r.receivedAt),
    })),
    auditAnchors: state.auditAnchors.map((a) => ({ ...a, receivedAt: iso(a.receivedAt) })),
    otps: state.otp.records().map((o) => ({
      otpId: o.otpId,
      cpr: o.cpr,
      mobile: o.mobile,
      purpose: o.purpose,
      code: o.code,
      createdAt: iso(o.createdAt),
      expiresAt: iso(o.expiresAt),
      attemptsLeft: o.attemptsLeft,
      verified: o.verified,
      consumed: o.consumed,
    })),
    ekeyAccounts: state.ekey.all().map((a) => ({ cpr: a.cpr, level: a.level, status: a.status, failedLogins: a.failedLogins, passwordChanges: a.passwordChanges })),
    replays: state.replays.map((r) => ({ ...r, at: iso(r.at) })),
    requests: { ...state.requests },
    faults,
    faultsInjected: state.faultsInjected.map((f) => ({ ...f })),
    contractViolations: [...state.contractViolations],
  };
}

import { emvQrPayload } from '../emv-qr.ts';
import { iso } from '../sim-clock.ts';
import { ok, problem } from '../problems.ts';
import type { QrPaymentRecord, SimulatorState } from '../simulator-state.ts';
import type { Handler } from './handler-types.ts';

/**
 * BenefitPay-style QR payments: create (idempotent by key) → pending; the
 * citizen's wallet pays (through the control API, or automatically after
 * `qrAutoPayAfterMs`) → paid; 5 minutes unpaid → expired; the kiosk may
 * cancel while pending. States are settled lazily against the clock.
 */
export const QR_TTL_MS = 5 * 60_000;

/** Brings a payment up to date with the clock (auto-pay, expiry). */
export function settleQr(state: SimulatorState, record: QrPaymentRecord, now: number): QrPaymentRecord {
  if (record.status !== 'pending') return record;
  const payAt = state.qrAutoPayAfterMs === null ? null : record.createdAt + state.qrAutoPayAfterMs;
  if (payAt !== null && payAt < record.expiresAt && now >= payAt) markPaid(state, record, payAt);
  else if (now >= record.expiresAt) record.status = 'expired';
  return record;
}

export function markPaid(state: SimulatorState, record: QrPaymentRecord, at: number): void {
  record.status = 'paid';
  record.paidAt = at;
  record.transactionRef = `BP-TEST-${String(state.next('qr-transaction')).padStart(8, '0')}`;
}

export const qrView = (r: QrPaymentRecord) => ({
  paymentId: r.paymentId,
  status: r.status,
  amountFils: r.amountFils,
  qrPayload: r.qrPayload,
  expiresAt: iso(r.expiresAt),
  paidAt: r.paidAt === null ? null : iso(r.paidAt),
  transactionRef: r.transactionRef,
});

export function qrByKey(state: SimulatorState, key: string): QrPaymentRecord | undefined {
  for (const r of state.qrPayments.values()) if (r.idempotencyKey === key) return r;
  return undefined;
}

export const paymentHandlers: Record<string, Handler> = {
  createQrPayment: (ctx) => {
    const { state, now } = ctx;
    const input = ctx.body as { serviceId: string; amountFils: number; description: string };
    const paymentId = `qr-${String(state.next('qr')).padStart(6, '0')}`;
    const record: QrPaymentRecord = {
      paymentId,
      idempotencyKey: ctx.idempotencyKey!,
      serviceId: input.serviceId,
      amountFils: input.amountFils,
      description: input.description,
      status: 'pending',
      qrPayload: emvQrPayload({ amountFils: input.amountFils, paymentId }),
      createdAt: now,
      expiresAt: now + QR_TTL_MS,
      paidAt: null,
      transactionRef: null,
      kioskId: ctx.kioskId,
      sessionId: ctx.sessionId,
    };
    state.qrPayments.set(paymentId, record);
    // A replay shows the payment as it is then, not as it was created.
    return { ...ok(qrView(record), 201), current: () => qrView(record) };
  },

  getQrPayment: ({ state, pathParams, now }) => {
    const record = state.qrPayments.get(pathParams.paymentId!);
    return record ? ok(qrView(settleQr(state, record, now))) : problem(404, 'not-found');
  },

  cancelQrPayment: ({ state, pathParams, now }) => {
    const record = state.qrPayments.get(pathParams.paymentId!);
    if (!record) return problem(404, 'not-found');
    settleQr(state, record, now);
    if (record.status === 'paid') return problem(409, 'payment-not-pending');
    if (record.status === 'pending') record.status = 'cancelled';
    return { ...ok(qrView(record)), current: () => qrView(record) };
  },

  getQrPaymentByIdempotencyKey: ({ state, pathParams, now }) => {
    const record = qrByKey(state, pathParams.idempotencyKey!);
    return record ? ok(qrView(settleQr(state, record, now))) : problem(404, 'not-found');
  },
};

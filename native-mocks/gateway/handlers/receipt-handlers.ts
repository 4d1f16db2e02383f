import { iso } from '../sim-clock.ts';
import { ok } from '../problems.ts';
import type { Handler } from './handler-types.ts';

/** SMS e-receipts and satisfaction ratings: recorded in the ledger, nothing is really sent. */
export const receiptHandlers: Record<string, Handler> = {
  sendSmsReceipt: ({ state, body, now, kioskId, idempotencyKey }) => {
    const input = body as { mobile: string; language: 'ar' | 'en'; reference: string; text: string };
    const messageId = `sms-${String(state.next('sms')).padStart(6, '0')}`;
    state.smsReceipts.push({ messageId, idempotencyKey: idempotencyKey!, ...input, sentAt: now, kioskId });
    return ok({ messageId, status: 'queued' }, 201);
  },

  submitRating: ({ state, body, now, kioskId, sessionId, idempotencyKey }) => {
    const input = body as { serviceId: string; score: number; reason: string | null; applicationReference: string | null };
    const ratingId = `rating-${String(state.next('rating')).padStart(6, '0')}`;
    state.ratings.push({ ratingId, idempotencyKey: idempotencyKey!, ...input, receivedAt: now, kioskId, sessionId });
    return ok({ ratingId, receivedAt: iso(now) }, 201);
  },
};

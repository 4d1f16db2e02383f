import { iso } from '../sim-clock.ts';
import { ok, problem } from '../problems.ts';
import type { Handler } from './handler-types.ts';

function registeredMobile(state: Parameters<Handler>[0]['state'], cpr: string): string | null {
  return state.ekey.get(cpr)?.mobile ?? state.people.get(cpr)?.mobile ?? null;
}

/** SMS e-receipts and satisfaction ratings: recorded in the ledger, nothing is really sent. */
export const receiptHandlers: Record<string, Handler> = {
  sendSmsReceipt: ({ state, body, now, kioskId, idempotencyKey }) => {
    const input = body as { mobile?: string; cpr?: string; applicationReference?: string; language: 'ar' | 'en'; reference: string; text: string };
    // By CPR or by application (its applicant's CPR): the registered mobile (the eKey's, else the population register's).
    if (input.applicationReference !== undefined && !state.applications.has(input.applicationReference)) return problem(404, 'not-found');
    const cpr = input.cpr ?? (input.applicationReference !== undefined ? state.applications.get(input.applicationReference)!.cpr : '');
    const mobile = input.mobile ?? registeredMobile(state, cpr);
    // Nobody registered: nothing to send to.
    if (!mobile) return problem(422, 'no-registered-mobile');
    const messageId = `sms-${String(state.next('sms')).padStart(6, '0')}`;
    state.smsReceipts.push({ messageId, idempotencyKey: idempotencyKey!, mobile, language: input.language, reference: input.reference, text: input.text, sentAt: now, kioskId });
    return ok({ messageId, status: 'queued' }, 201);
  },

  submitRating: ({ state, body, now, kioskId, sessionId, idempotencyKey }) => {
    const input = body as { serviceId: string; score: number; reason: string | null; applicationReference: string | null };
    const ratingId = `rating-${String(state.next('rating')).padStart(6, '0')}`;
    state.ratings.push({ ratingId, idempotencyKey: idempotencyKey!, ...input, receivedAt: now, kioskId, sessionId });
    return ok({ ratingId, receivedAt: iso(now) }, 201);
  },
};

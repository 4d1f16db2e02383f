import { iso } from '../sim-clock.ts';
import { ok, problem } from '../problems.ts';
import { FEES_FILS, ineligibilityReasons } from '../service-rules.ts';
import type { ApplicationRecord, SimulatorState } from '../simulator-state.ts';
import { ekeyFacts, isPerson, personOr404 } from './citizen-handlers.ts';
import type { Handler } from './handler-types.ts';

/**
 * Applications: submit (idempotent by key, handled by the dispatcher before
 * this runs), status by reference, and "what became of this key".
 */
interface ApplicationBody {
  serviceId: string;
  applicationType: string;
  cpr: string;
  data: Record<string, string>;
  payment: { method: 'card' | 'qr'; amountFils: number; transactionRef: string } | null;
}

export const applicationView = (a: ApplicationRecord) => ({
  reference: a.reference,
  serviceId: a.serviceId,
  applicationType: a.applicationType,
  status: a.status,
  createdAt: iso(a.createdAt),
});

function newReference(state: SimulatorState, now: number): string {
  const year = String(new Date(now).getUTCFullYear()).slice(-2);
  return `KH${year}-${String(state.next('application')).padStart(6, '0')}`;
}

export function applicationByKey(state: SimulatorState, key: string): ApplicationRecord | undefined {
  for (const a of state.applications.values()) if (a.idempotencyKey === key) return a;
  return undefined;
}

export const applicationHandlers: Record<string, Handler> = {
  submitApplication: ({ state, body, now, kioskId, sessionId, idempotencyKey }) => {
    const input = body as ApplicationBody;
    const person = personOr404(state, input.cpr);
    if (!isPerson(person)) return person;
    if (ineligibilityReasons(input.serviceId, person, ekeyFacts(state, person.cpr), now).length > 0) return problem(422, 'not-eligible');
    // Pay before submit: a fee-bearing service needs proof of exactly the fee.
    const fee = FEES_FILS[input.serviceId] ?? 0;
    if (fee > 0 && (input.payment === null || input.payment.amountFils !== fee)) return problem(422, 'payment-required');
    let reference = newReference(state, now);
    while (state.applications.has(reference)) reference = newReference(state, now);
    const record: ApplicationRecord = {
      reference,
      idempotencyKey,
      serviceId: input.serviceId,
      applicationType: input.applicationType,
      cpr: input.cpr,
      data: { ...input.data },
      payment: input.payment,
      status: 'received',
      createdAt: now,
      updatedAt: now,
      kioskId,
      sessionId,
      submitCount: 1,
    };
    state.applications.set(reference, record);
    return ok(applicationView(record), 201);
  },

  getApplicationStatus: ({ state, pathParams }) => {
    const a = state.applications.get(pathParams.reference!);
    if (!a) return problem(404, 'not-found');
    return ok({ reference: a.reference, serviceId: a.serviceId, status: a.status, updatedAt: iso(a.updatedAt) });
  },

  getSubmission: ({ state, pathParams }) => {
    const a = applicationByKey(state, pathParams.idempotencyKey!);
    if (!a) return problem(404, 'not-found');
    return ok({ idempotencyKey: a.idempotencyKey, application: applicationView(a) });
  },
};

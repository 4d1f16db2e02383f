import type { FictionalPerson } from '../../people/fictional-people.ts';
import { FEE_SCHEDULE_EFFECTIVE_FROM, FEES_FILS, ineligibilityReasons, type EkeyFacts } from '../service-rules.ts';
import { maskMobile, ok, problem } from '../problems.ts';
import type { SimulatorState } from '../simulator-state.ts';
import type { Handler } from './handler-types.ts';

/** Citizens, eligibility, fees and the address register. */
export function ekeyFacts(state: SimulatorState, cpr: string): EkeyFacts {
  const account = state.ekey.get(cpr);
  return account ? { status: account.status, level: account.level } : { status: 'not-registered', level: null };
}

export function personOr404(state: SimulatorState, cpr: string): FictionalPerson | ReturnType<typeof problem> {
  return state.people.get(cpr) ?? problem(404, 'not-found');
}

export const isPerson = (value: FictionalPerson | ReturnType<typeof problem>): value is FictionalPerson => 'cpr' in value;

export const citizenHandlers: Record<string, Handler> = {
  getCitizen: ({ state, pathParams }) => {
    const person = personOr404(state, pathParams.cpr!);
    if (!isPerson(person)) return person;
    return ok({
      cpr: person.cpr,
      nameAr: person.nameAr,
      nameEn: person.nameEn,
      dateOfBirth: person.dateOfBirth,
      nationality: person.nationality,
      maskedMobile: maskMobile(person.mobile),
      address: { ...person.address },
    });
  },

  checkEligibility: ({ state, pathParams, now }) => {
    const person = personOr404(state, pathParams.cpr!);
    if (!isPerson(person)) return person;
    const serviceId = pathParams.serviceId!;
    const reasons = ineligibilityReasons(serviceId, person, ekeyFacts(state, person.cpr), now);
    return ok({ serviceId, eligible: reasons.length === 0, reasons });
  },

  getFeeSchedule: ({ query }) => {
    const only = query.get('serviceId');
    const fees = Object.entries(FEES_FILS)
      .filter(([serviceId]) => only === null || serviceId === only)
      .map(([serviceId, feeFils]) => ({ serviceId, feeFils }));
    return ok({ currency: 'BHD', effectiveFrom: FEE_SCHEDULE_EFFECTIVE_FROM, fees });
  },

  lookupAddress: ({ state, query }) =>
    ok({ matches: state.addresses.find({ block: query.get('block')!, road: query.get('road')!, building: query.get('building')!, flat: query.get('flat') }) }),
};

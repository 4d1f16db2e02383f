import type { ServiceDefinition, StepKind } from '../catalogue/service-schema.ts';

/** What a service needs to be offered: devices and the government gateway. */
export type Capability = 'cardReader' | 'fingerprint' | 'gateway' | 'receiptPrinter' | 'payment' | 'documentPrinter';

const NEEDS: Partial<Record<StepKind, Capability[]>> = {
  'card-in': ['cardReader'],
  pin: ['cardReader'],
  'chip-write': ['cardReader'],
  'card-out': ['cardReader'],
  // The fingerprint step always has an alternative, so a missing reader does not hide the service.
  otp: ['gateway'],
  submit: ['gateway'],
  lookup: ['gateway'],
  pay: ['payment'],
  password: ['gateway'],
  ekey: ['gateway'],
  // A receipt that cannot be printed goes by SMS / e-receipt; an A4 document needs its printer (checked per document below).
};

export function serviceNeeds(service: ServiceDefinition): Set<Capability> {
  return new Set(service.steps.flatMap((s) => (s.kind === 'print' && s.document === 'statement' ? ['documentPrinter' as const] : (NEEDS[s.kind] ?? []))));
}

/** Offered only when everything it needs is up (issue: a service needing a down device is hidden). */
export function serviceOffered(service: ServiceDefinition, up: ReadonlySet<Capability>): boolean {
  for (const need of serviceNeeds(service)) if (!up.has(need)) return false;
  return true;
}

import { describe, expect, it } from 'vitest';
import { checkServiceDefinition } from './service-checks.ts';
import { ServiceDefinitionSchema, type ServiceDefinition } from './service-schema.ts';

const t = (en: string) => ({ ar: `نص ${en}`, en });

function service(steps: unknown[], feeFils = 0): ServiceDefinition {
  return ServiceDefinitionSchema.parse({
    id: 'test-service',
    version: 1,
    title: t('Test'),
    description: t('Test'),
    help: t('Help'),
    category: 'id-card',
    icon: 'card',
    feeFils,
    order: 1,
    steps,
  });
}

const done = { id: 'done', kind: 'done', title: t('Done'), body: t('Done') };
const cardIn = { id: 'card', kind: 'card-in', title: t('Insert'), eligibility: [] };
const cardOut = { id: 'out', kind: 'card-out', title: t('Take'), waitSeconds: 30 };
const pay = { id: 'pay', kind: 'pay', title: t('Pay') };
const submit = { id: 'submit', kind: 'submit', title: t('Submit'), applicationType: 'ID_RENEWAL', include: ['card.cpr'] };

describe('service definition checks', () => {
  it('accepts a well-formed paid service', () => {
    expect(checkServiceDefinition(service([cardIn, pay, submit, cardOut, done], 2000))).toEqual([]);
  });

  it('finds an unreachable step and a jump to nowhere', () => {
    const problems = checkServiceDefinition(
      service([{ ...cardIn, next: 'out' }, { id: 'lost', kind: 'info', title: t('Lost'), body: t('x') }, { ...cardOut, next: 'nowhere' }, done]),
    );
    expect(problems).toContain('step "lost" can never be reached');
    expect(problems).toContain('step "out" goes to "nowhere", which does not exist');
  });

  it('a fee needs a pay step, and pay must come before submit', () => {
    expect(checkServiceDefinition(service([cardIn, submit, cardOut, done], 1000))).toContain('the service costs 1000 fils but has no "pay" step');
    expect(checkServiceDefinition(service([cardIn, submit, pay, cardOut, done], 1000))).toContain('"pay" must come before the irreversible "submit"');
  });

  it('a card taken in must be given back', () => {
    expect(checkServiceDefinition(service([cardIn, done]))).toContain('the card is taken in ("card-in") but never given back ("card-out")');
  });

  it('form values are referenced only after the form', () => {
    const review = { id: 'review', kind: 'review', title: t('Review'), rows: [{ label: t('Mobile'), value: 'values.contact.mobile' }] };
    const form = { id: 'contact', kind: 'form', title: t('Contact'), fields: [{ id: 'mobile', label: t('Mobile'), type: 'mobile', required: true, maxLength: 12 }] };
    expect(checkServiceDefinition(service([review, form, done]))).toContain('step "review" refers to values.contact.mobile before the citizen has entered it');
    expect(checkServiceDefinition(service([form, review, done]))).toEqual([]);
  });

  it('a flow must end in done and a PIN step needs the card first', () => {
    const pin = { id: 'pin', kind: 'pin', title: t('PIN'), mode: 'verify' };
    const problems = checkServiceDefinition(service([pin, cardIn, cardOut]));
    expect(problems).toContain('the service never reaches a "done" step');
    expect(problems).toContain('step "pin" needs the card, but no "card-in" comes before it');
  });

  it('the fingerprint alternative must exist', () => {
    const fp = { id: 'finger', kind: 'fingerprint', title: t('Finger'), maxAttempts: 3, alternative: 'counter' };
    expect(checkServiceDefinition(service([cardIn, fp, cardOut, done]))).toContain('step "finger" goes to "counter", which does not exist');
  });
});

import type { ServiceDefinition, StepDefinition } from './service-schema.ts';

/**
 * The checks a schema cannot express, run at load like an ATM state table:
 * unique step ids, every jump lands on a step, every step reachable from the
 * first, the flow ends in `done`, fees are paid before the irreversible
 * submit, a card taken in is given back, form values are referenced only
 * after the form that asks for them.
 * Returns the problems in words for the technician; empty means fine.
 */
export function checkServiceDefinition(service: ServiceDefinition): string[] {
  const problems: string[] = [];
  const steps = service.steps;
  const index = new Map<string, number>();
  steps.forEach((step, i) => {
    if (index.has(step.id)) problems.push(`step id "${step.id}" is used twice`);
    index.set(step.id, i);
  });

  const targets = (step: StepDefinition, i: number): string[] => {
    const out: string[] = [];
    if (step.kind === 'done') return out;
    if (step.kind === 'choose') {
      for (const option of step.options) out.push(option.next ?? step.next ?? steps[i + 1]?.id ?? '');
    } else {
      out.push(step.next ?? steps[i + 1]?.id ?? '');
    }
    if (step.kind === 'fingerprint') out.push(step.alternative);
    return out;
  };

  steps.forEach((step, i) => {
    for (const target of targets(step, i)) {
      if (target === '') problems.push(`step "${step.id}" has no step after it (the last step must be "done")`);
      else if (!index.has(target)) problems.push(`step "${step.id}" goes to "${target}", which does not exist`);
    }
  });

  // Reachability from the first step.
  const seen = new Set<number>();
  const queue = [0];
  while (queue.length > 0) {
    const i = queue.shift()!;
    if (seen.has(i) || !steps[i]) continue;
    seen.add(i);
    for (const target of targets(steps[i]!, i)) {
      const j = index.get(target);
      if (j !== undefined) queue.push(j);
    }
  }
  steps.forEach((step, i) => {
    if (!seen.has(i)) problems.push(`step "${step.id}" can never be reached`);
  });
  if (!steps.some((s) => s.kind === 'done')) problems.push('the service never reaches a "done" step');

  const firstOf = (kind: StepDefinition['kind']) => steps.findIndex((s) => s.kind === kind);
  const pay = firstOf('pay');
  const submit = firstOf('submit');
  if (service.feeFils > 0 && pay === -1) problems.push(`the service costs ${service.feeFils} fils but has no "pay" step`);
  if (service.feeFils === 0 && pay !== -1) problems.push('the service has a "pay" step but no fee');
  if (pay !== -1 && submit !== -1 && pay > submit) problems.push('"pay" must come before the irreversible "submit"');
  if (pay !== -1 && submit === -1) problems.push('a paid service must submit an application after payment');
  const cardIn = firstOf('card-in');
  const cardOut = firstOf('card-out');
  if (cardIn !== -1 && cardOut === -1) problems.push('the card is taken in ("card-in") but never given back ("card-out")');
  if (cardOut !== -1 && cardIn !== -1 && cardOut < cardIn) problems.push('"card-out" comes before "card-in"');
  const needsCard = steps.findIndex((s) => s.kind === 'pin' || s.kind === 'fingerprint' || s.kind === 'chip-write');
  if (needsCard !== -1 && (cardIn === -1 || cardIn > needsCard)) problems.push(`step "${steps[needsCard]!.id}" needs the card, but no "card-in" comes before it`);

  // values.<step>.<field> must name a field of a form that comes earlier.
  const refs = (step: StepDefinition): string[] => {
    switch (step.kind) {
      case 'review':
        return step.rows.map((r) => r.value);
      case 'submit':
        return step.include;
      case 'otp':
        return step.mobile ? [step.mobile] : [];
      case 'ekey':
        return step.mobile ? [step.mobile] : [];
      case 'lookup': {
        const { call: _call, ...refsOf } = step.query;
        return Object.values(refsOf);
      }
      case 'chip-write':
        return Object.values(step.address);
      default:
        return [];
    }
  };
  steps.forEach((step, i) => {
    for (const ref of refs(step)) {
      const m = /^values\.([a-z0-9-]+)\.([a-z0-9-]+)$/.exec(ref);
      if (m) {
        const form = steps.findIndex((s) => s.id === m[1]);
        const source = steps[form];
        if (!source || source.kind !== 'form' || !source.fields.some((f) => f.id === m[2])) problems.push(`step "${step.id}" refers to ${ref}, which no form asks for`);
        else if (form >= i) problems.push(`step "${step.id}" refers to ${ref} before the citizen has entered it`);
      }
      if (ref.startsWith('card.') && (cardIn === -1 || cardIn > i)) problems.push(`step "${step.id}" refers to ${ref} before the card is read`);
      if (ref.startsWith('application.') && (submit === -1 || submit > i)) problems.push(`step "${step.id}" refers to ${ref} before the application is submitted`);
      if (ref.startsWith('lookup.') && !steps.slice(0, i).some((s) => s.kind === 'lookup')) problems.push(`step "${step.id}" refers to ${ref} before any lookup`);
      if (ref.startsWith('ekey.') && !steps.slice(0, i).some((s) => s.kind === 'ekey')) problems.push(`step "${step.id}" refers to ${ref} before any eKey step`);
    }
  });

  // An eKey change needs what the citizen proved before it: a code, a password, a fingerprint.
  steps.forEach((step, i) => {
    if (step.kind !== 'ekey') return;
    const before = steps.slice(0, i);
    const needs: Partial<Record<typeof step.action, StepDefinition['kind'][]>> = {
      register: ['otp', 'password'],
      'reset-password': ['otp', 'password'],
      unlock: ['otp'],
      upgrade: ['fingerprint'],
    };
    for (const kind of needs[step.action] ?? []) {
      if (!before.some((s) => s.kind === kind)) problems.push(`eKey step "${step.id}" (${step.action}) needs a "${kind}" step before it`);
    }
    if (step.action === 'register' && !step.mobile) problems.push(`eKey step "${step.id}" registers without a mobile number`);
    if (step.passwordStep && steps.find((s) => s.id === step.passwordStep)?.kind !== 'password') problems.push(`eKey step "${step.id}" goes back to "${step.passwordStep}", which is not a password step`);
    if (cardIn === -1 || cardIn > i) problems.push(`eKey step "${step.id}" needs the card read before it`);
  });
  return problems;
}

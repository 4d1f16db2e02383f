import type { Field, LocalizedText } from '../../../contract/index.ts';
import type { StepDefinition } from '../../catalogue/service-schema.ts';
import { checkField } from '../../session/field-validation.ts';
import { ok, type StepFactory } from '../step-context.ts';

type FormStep = Extract<StepDefinition, { kind: 'form' }>;

const KEYBOARD: Record<FormStep['fields'][number]['type'], Field['keyboard']> = {
  text: 'text',
  digits: 'numeric',
  email: 'email',
  mobile: 'phone',
  reference: 'text',
  block: 'numeric',
  road: 'numeric',
  building: 'text',
  flat: 'text',
};

/** Typed fields; values are checked in the core and errors shown next to each field. */
export const formStep: StepFactory<FormStep> = (ctx) => {
  let draft: Record<string, string> = {};
  let errors: Record<string, LocalizedText> = {};
  return {
    view: () => ({
      kind: 'form',
      stepId: ctx.step.id,
      fields: ctx.step.fields.map((field) => ({
        id: field.id,
        label: field.label,
        keyboard: KEYBOARD[field.type],
        maxLength: field.maxLength,
        value: draft[field.id] ?? ctx.data.values[ctx.step.id]?.[field.id] ?? '',
        ...(errors[field.id] ? { error: errors[field.id] } : {}),
        ...(field.hint ? { hint: field.hint } : {}),
      })),
    }),
    submit: (values) => {
      const cleaned: Record<string, string> = {};
      const nextErrors: Record<string, LocalizedText> = {};
      const nextDraft: Record<string, string> = {};
      for (const field of ctx.step.fields) {
        const input = values[field.id];
        nextDraft[field.id] = typeof input === 'string' ? input.slice(0, field.maxLength) : '';
        const check = checkField(field, input);
        if (check.ok) cleaned[field.id] = check.value;
        else nextErrors[field.id] = check.error;
      }
      if (Object.keys(nextErrors).length > 0) {
        draft = nextDraft;
        errors = nextErrors;
        return ok;
      }
      ctx.data.values[ctx.step.id] = cleaned;
      ctx.advance();
      return ok;
    },
  };
};

import { z } from 'zod';
import { LocalizedTextSchema } from '../../contract/index.ts';

/**
 * A service is data: `resources/services/<id>.json`. This is the first,
 * minimal format (foundation): texts, fee and an ordered list of steps. Step
 * kinds the runtime cannot run yet are accepted by the schema but make the
 * service unavailable, with the reason logged for the technician.
 */
const StepId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and dashes');

export const FIELD_TYPES = ['text', 'digits', 'email', 'mobile', 'reference'] as const;

export const FieldDefinitionSchema = z
  .object({
    id: StepId,
    label: LocalizedTextSchema,
    type: z.enum(FIELD_TYPES),
    required: z.boolean(),
    maxLength: z.number().int().min(1).max(500),
    hint: LocalizedTextSchema.optional(),
  })
  .strict();
export type FieldDefinition = z.infer<typeof FieldDefinitionSchema>;

/** Every step kind a service may use, including those later issues implement. */
const FUTURE_STEP_KINDS = ['card-in', 'pin', 'fingerprint', 'otp', 'choose', 'review', 'pay', 'submit', 'print', 'card-out', 'rating'] as const;
export const STEP_KINDS = ['info', 'form', 'done', ...FUTURE_STEP_KINDS] as const;
export type StepKind = (typeof STEP_KINDS)[number];

const StepBase = { id: StepId, title: LocalizedTextSchema };

export const StepDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({ ...StepBase, kind: z.literal('info'), body: LocalizedTextSchema }).strict(),
  z.object({ ...StepBase, kind: z.literal('form'), fields: z.array(FieldDefinitionSchema).min(1).max(16) }).strict(),
  z.object({ ...StepBase, kind: z.literal('done'), body: LocalizedTextSchema }).strict(),
  z
    .object({ ...StepBase, kind: z.enum(FUTURE_STEP_KINDS) })
    .passthrough(),
]);
export type StepDefinition = z.infer<typeof StepDefinitionSchema>;

export const ServiceDefinitionSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    version: z.literal(1),
    title: LocalizedTextSchema,
    description: LocalizedTextSchema,
    help: LocalizedTextSchema,
    category: z.enum(['id-card', 'ekey', 'status', 'other']),
    icon: z.string().min(1).max(32),
    /** Fee in fils (1 BHD = 1000 fils). */
    feeFils: z.number().int().min(0).max(1_000_000),
    /** Menu order; lower first. */
    order: z.number().int().min(0).max(10_000),
    steps: z.array(StepDefinitionSchema).min(1).max(40),
  })
  .strict()
  .superRefine((service, ctx) => {
    const seen = new Set<string>();
    service.steps.forEach((step, index) => {
      if (seen.has(step.id)) ctx.addIssue({ code: 'custom', path: ['steps', index, 'id'], message: `step id "${step.id}" is used twice` });
      seen.add(step.id);
    });
  });
export type ServiceDefinition = z.infer<typeof ServiceDefinitionSchema>;

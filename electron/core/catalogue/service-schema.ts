import { z } from 'zod';
import { LocalizedTextSchema } from '../../contract/index.ts';

/**
 * A service is data: `resources/services/<id>.json`, checked by this schema
 * and then by `service-checks.ts` like an ATM state table (reachability,
 * timeouts, pay-before-submit, references). `resources/service.schema.json`
 * is generated from this file for editors and external tools.
 */
const StepId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and dashes');

export const FIELD_TYPES = ['text', 'digits', 'email', 'mobile', 'reference', 'block', 'road', 'building', 'flat'] as const;

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

/**
 * A reference to a value known during the flow: `card.nameEn`,
 * `values.<step>.<field>`, `application.reference`, `lookup.status`…
 */
export const ValueRefSchema = z.string().regex(/^(card\.(cpr|nameAr|nameEn|dateOfBirth|nationality|expiry|cardSerial|address)|values\.[a-z0-9-]+\.[a-z0-9-]+|application\.(reference|status)|lookup\.(reference|status|updatedAt|block|road|building|flat)|ekey\.(status|level|maskedMobile)|service\.fee)$/, 'not a known value reference');

/** Facts eligibility rules can test. */
export const FACTS = ['citizen.age', 'card.daysToExpiry', 'card.expired', 'card.nationality'] as const;

export const EligibilityRuleSchema = z
  .object({
    fact: z.enum(FACTS),
    op: z.enum(['eq', 'ne', 'lt', 'lte', 'gt', 'gte']),
    /** A literal, or a named setting from the kiosk configuration (`{"setting": "renewalWindowDays"}`). */
    value: z.union([z.number(), z.string().max(20), z.boolean(), z.object({ setting: z.enum(['renewalWindowDays', 'minimumAgeAdvancedEkey']) }).strict()]),
    /** What the citizen is told when the rule does not hold. */
    message: LocalizedTextSchema,
  })
  .strict();
export type EligibilityRule = z.infer<typeof EligibilityRuleSchema>;

const Base = {
  id: StepId,
  title: LocalizedTextSchema,
  /** Overrides the kind's default step timeout. */
  timeoutSeconds: z.number().int().min(10).max(600).optional(),
  /** Go to this step next instead of the following one. */
  next: StepId.optional(),
};

export const StepDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({ ...Base, kind: z.literal('info'), body: LocalizedTextSchema }).strict(),
  z.object({ ...Base, kind: z.literal('form'), fields: z.array(FieldDefinitionSchema).min(1).max(16) }).strict(),
  z.object({ ...Base, kind: z.literal('done'), body: LocalizedTextSchema }).strict(),
  z.object({ ...Base, kind: z.literal('card-in'), eligibility: z.array(EligibilityRuleSchema).max(10) }).strict(),
  z.object({ ...Base, kind: z.literal('pin'), mode: z.enum(['verify', 'new']) }).strict(),
  z.object({ ...Base, kind: z.literal('fingerprint'), maxAttempts: z.number().int().min(1).max(5), alternative: StepId }).strict(),
  z
    .object({
      ...Base,
      kind: z.literal('otp'),
      /** The number typed in this service; omitted: the number on record for the citizen (eKey reset, unlock). */
      mobile: ValueRefSchema.optional(),
      /** What the code is for: the gateway checks it is used for nothing else. */
      purpose: z.enum(['identity-check', 'contact-update', 'ekey-register', 'ekey-reset', 'ekey-unlock']).optional(),
    })
    .strict(),
  /** Choose a password against the gateway's published policy (masked; kept only until the next eKey step uses it). */
  z.object({ ...Base, kind: z.literal('password') }).strict(),
  /**
   * eKey at the gateway. `check` reads the account and goes on only when it is
   * in the `require`d state (else the citizen is told why, in words); the
   * other actions change it, using the code of the last `otp` step and the
   * password of the last `password` step (`passwordStep`: where to go back
   * when the gateway refuses the password, e.g. a recent one).
   */
  z
    .object({
      ...Base,
      kind: z.literal('ekey'),
      action: z.enum(['check', 'register', 'upgrade', 'reset-password', 'unlock']),
      require: z.enum(['any', 'not-registered', 'registered', 'locked', 'active-basic']).optional(),
      mobile: ValueRefSchema.optional(),
      passwordStep: StepId.optional(),
    })
    .strict(),
  z
    .object({
      ...Base,
      kind: z.literal('choose'),
      options: z.array(z.object({ id: StepId, label: LocalizedTextSchema, description: LocalizedTextSchema.optional(), next: StepId.optional() }).strict()).min(1).max(12),
    })
    .strict(),
  z.object({ ...Base, kind: z.literal('review'), rows: z.array(z.object({ label: LocalizedTextSchema, value: ValueRefSchema }).strict()).min(1).max(20) }).strict(),
  z.object({ ...Base, kind: z.literal('pay') }).strict(),
  z.object({ ...Base, kind: z.literal('submit'), applicationType: z.string().regex(/^[A-Z][A-Z0-9_]{2,40}$/), include: z.array(ValueRefSchema).max(20) }).strict(),
  /**
   * A read-only question to the gateway: an application's status (by a typed or scanned reference),
   * whether an address exists (block/road/building), or the address registered for the card holder.
   */
  z
    .object({
      ...Base,
      kind: z.literal('lookup'),
      query: z.discriminatedUnion('call', [
        z.object({ call: z.literal('application-status'), reference: ValueRefSchema }).strict(),
        z.object({ call: z.literal('address'), block: ValueRefSchema, road: ValueRefSchema, building: ValueRefSchema }).strict(),
        z.object({ call: z.literal('registered-address') }).strict(),
      ]),
    })
    .strict(),
  z.object({ ...Base, kind: z.literal('chip-write'), address: z.object({ block: ValueRefSchema, road: ValueRefSchema, building: ValueRefSchema, flat: ValueRefSchema }).strict() }).strict(),
  z.object({ ...Base, kind: z.literal('print'), document: z.enum(['receipt', 'statement']) }).strict(),
  z.object({ ...Base, kind: z.literal('card-out'), waitSeconds: z.number().int().min(10).max(120) }).strict(),
  z.object({ ...Base, kind: z.literal('rating'), reasons: z.array(z.object({ id: StepId, label: LocalizedTextSchema }).strict()).max(8) }).strict(),
]);
export type StepDefinition = z.infer<typeof StepDefinitionSchema>;
export type StepKind = StepDefinition['kind'];
export const STEP_KINDS = StepDefinitionSchema.options.map((o) => o.shape.kind.value) as StepKind[];

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
  .strict();
export type ServiceDefinition = z.infer<typeof ServiceDefinitionSchema>;

import { z } from 'zod';
import { LanguageSchema } from './language.ts';
import { CornerSchema, TechnicianCommandSchema } from './technician.ts';

/**
 * Intents: the only things the renderer can ask of the core. The core decides
 * what happens; the renderer cannot skip a step because there is no intent for it.
 * Every field has a bound so a hostile page cannot make the core allocate much.
 */
const Id = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/);

/** One submitted field value; long enough for any form field, short enough to be harmless. */
export const FieldValueSchema = z.union([z.string().max(500), z.number().finite(), z.boolean()]);
export const StepValuesSchema = z.record(z.string().max(64), FieldValueSchema).refine(
  (values) => Object.keys(values).length <= 32,
  { message: 'too many fields' },
);

export const IntentSchema = z.discriminatedUnion('type', [
  /** Any touch, key or pointer activity: resets the idle timer. */
  z.object({ type: z.literal('touch') }).strict(),
  /** Leave the attract loop. */
  z.object({ type: z.literal('start') }).strict(),
  z.object({ type: z.literal('setLanguage'), language: LanguageSchema }).strict(),
  z.object({ type: z.literal('selectService'), serviceId: Id }).strict(),
  z.object({ type: z.literal('submitStep'), stepId: Id, values: StepValuesSchema }).strict(),
  z.object({ type: z.literal('back') }).strict(),
  z.object({ type: z.literal('cancel') }).strict(),
  z.object({ type: z.literal('help') }).strict(),
  /**
   * Say this through the keypad's headphones (refused when none are plugged
   * in). The page knows what has focus, so it writes the words; a PIN digit
   * is never in them.
   */
  z.object({ type: z.literal('speak'), text: z.string().min(1).max(600), interrupt: z.boolean() }).strict(),
  z.object({ type: z.literal('closeHelp') }).strict(),
  /** Answer to the idle warning: the citizen is still here. */
  z.object({ type: z.literal('needMoreTime') }).strict(),
  /**
   * A tap in a screen corner. The secret sequence lives only in the core, so
   * the page cannot reveal it; taps during a citizen session are refused (and audited).
   */
  z.object({ type: z.literal('cornerTap'), corner: CornerSchema }).strict(),
  /** A command in technician mode (login, self-test, settle …); the core checks the role. */
  z.object({ type: z.literal('technician'), command: TechnicianCommandSchema }).strict(),
]);
export type Intent = z.infer<typeof IntentSchema>;
export type IntentType = Intent['type'];

/** What the core answers to one intent (the new screen arrives separately as a view model). */
export const IntentResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }).strict(),
  z.object({ ok: z.literal(false), code: z.enum(['invalid', 'refused', 'unavailable']), message: z.string().max(500) }).strict(),
]);
export type IntentResult = z.infer<typeof IntentResultSchema>;

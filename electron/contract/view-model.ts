import { z } from 'zod';
import { LanguageSchema, LocalizedTextSchema } from './language.ts';

/**
 * View models: everything the renderer shows comes from here. They carry no
 * personal data the current screen does not need, and a new session starts
 * with a new `sessionEpoch`, so the renderer can drop everything it held.
 */

export const ServiceSummarySchema = z.object({
  id: z.string(),
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  category: z.enum(['id-card', 'ekey', 'status', 'other']),
  /** Fee in fils (1 BHD = 1000 fils); 0 = free. */
  feeFils: z.number().int().nonnegative(),
  icon: z.string().max(32),
});
export type ServiceSummary = z.infer<typeof ServiceSummarySchema>;

export const IdleStateSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('active') }),
  /** The countdown is showing; the citizen has `secondsLeft` to say "I need more time". */
  z.object({ phase: z.literal('warning'), secondsLeft: z.number().int().nonnegative(), totalSeconds: z.number().int().positive() }),
]);
export type IdleState = z.infer<typeof IdleStateSchema>;

export const FieldSchema = z.object({
  id: z.string(),
  label: LocalizedTextSchema,
  /** Which on-screen keyboard layout the field uses. */
  keyboard: z.enum(['text', 'numeric', 'email', 'phone']),
  maxLength: z.number().int().positive().max(500),
  value: z.string().max(500),
  error: LocalizedTextSchema.optional(),
  hint: LocalizedTextSchema.optional(),
});
export type Field = z.infer<typeof FieldSchema>;

/** The frame every service screen shares: title, progress, back, cancel, help. */
export const FrameSchema = z.object({
  serviceTitle: LocalizedTextSchema,
  stepTitle: LocalizedTextSchema,
  progress: z.object({ current: z.number().int().positive(), total: z.number().int().positive() }),
  canGoBack: z.boolean(),
  canCancel: z.boolean(),
  help: LocalizedTextSchema,
});
export type Frame = z.infer<typeof FrameSchema>;

export const StepViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('info'), stepId: z.string(), body: LocalizedTextSchema, continueLabel: LocalizedTextSchema }),
  z.object({ kind: z.literal('form'), stepId: z.string(), fields: z.array(FieldSchema).max(32) }),
  z.object({
    kind: z.literal('message'),
    stepId: z.string(),
    tone: z.enum(['success', 'error', 'info']),
    body: LocalizedTextSchema,
    /** When present, a button that sends `submitStep` with no values (e.g. "Finish"). */
    continueLabel: LocalizedTextSchema.optional(),
  }),
]);
export type StepView = z.infer<typeof StepViewSchema>;

const Common = {
  language: LanguageSchema,
  /** Changes whenever a session starts or is wiped; the renderer resets when it changes. */
  sessionEpoch: z.number().int().nonnegative(),
  idle: IdleStateSchema,
  helpOpen: z.boolean(),
};

export const ViewModelSchema = z.discriminatedUnion('screen', [
  z.object({ screen: z.literal('attract'), ...Common }),
  z.object({ screen: z.literal('language'), ...Common }),
  z.object({ screen: z.literal('menu'), ...Common, services: z.array(ServiceSummarySchema).max(200) }),
  z.object({ screen: z.literal('step'), ...Common, frame: FrameSchema, step: StepViewSchema }),
  z.object({ screen: z.literal('out-of-service'), ...Common, reason: LocalizedTextSchema }),
]);
export type ViewModel = z.infer<typeof ViewModelSchema>;
export type ScreenName = ViewModel['screen'];

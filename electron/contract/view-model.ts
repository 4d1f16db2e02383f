import { z } from 'zod';
import { LanguageSchema, LocalizedTextSchema } from './language.ts';
import { PasswordRulesSchema, PasswordViolationCodeSchema } from './password-rules.ts';
import { TechnicianViewSchema } from './technician.ts';

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

const StepId = z.string().max(64);

/** A choice offered on a `choose` step or a reason offered on a `rating` step. */
export const OptionSchema = z.object({ id: z.string().max(64), label: LocalizedTextSchema, description: LocalizedTextSchema.optional() });

export const StepViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('info'), stepId: StepId, body: LocalizedTextSchema, continueLabel: LocalizedTextSchema }),
  z.object({ kind: z.literal('form'), stepId: StepId, fields: z.array(FieldSchema).max(32) }),
  z.object({
    kind: z.literal('message'),
    stepId: StepId,
    tone: z.enum(['success', 'error', 'info']),
    body: LocalizedTextSchema,
    /** When present, a button that sends `submitStep` with no values (e.g. "Finish"). */
    continueLabel: LocalizedTextSchema.optional(),
    /** An e-receipt (or other) code the citizen can scan with a phone. */
    qrPayload: z.string().max(500).optional(),
    /**
     * The e-receipt by SMS to the citizen's registered mobile: `offer` shows a
     * button that sends `submitStep` {sendSms: true}; then `sending`, `sent` or `failed`.
     */
    smsReceipt: z.enum(['offer', 'sending', 'sent', 'failed']).optional(),
  }),
  /** The kiosk is working (reading the card, calling the gateway, printing); nothing to press. */
  z.object({ kind: z.literal('busy'), stepId: StepId, body: LocalizedTextSchema }),
  /** Insert the ID card; `phase` says whether the kiosk is waiting or already reading. */
  z.object({ kind: z.literal('insert-card'), stepId: StepId, phase: z.enum(['insert', 'reading']), error: LocalizedTextSchema.optional() }),
  /**
   * PIN entry on the on-screen PIN pad (or the tactile keypad). The renderer
   * shows dots only and sends the digits once in `submitStep` {pin}.
   */
  z.object({
    kind: z.literal('pin'),
    stepId: StepId,
    mode: z.enum(['verify', 'new', 'confirm']),
    minDigits: z.number().int().min(4).max(12),
    maxDigits: z.number().int().min(4).max(12),
    triesLeft: z.number().int().nonnegative().optional(),
    error: LocalizedTextSchema.optional(),
  }),
  z.object({
    kind: z.literal('fingerprint'),
    stepId: StepId,
    phase: z.enum(['place', 'scanning']),
    attemptsLeft: z.number().int().nonnegative(),
    error: LocalizedTextSchema.optional(),
    /** The non-biometric way forward, always offered. Sends `submitStep` {alternative: true}. */
    alternativeLabel: LocalizedTextSchema,
  }),
  z.object({
    kind: z.literal('otp'),
    stepId: StepId,
    /** e.g. "••••3456": enough for the citizen to recognise the number, no more. */
    sentTo: z.string().max(20),
    length: z.number().int().min(4).max(8),
    attemptsLeft: z.number().int().nonnegative(),
    error: LocalizedTextSchema.optional(),
    /** Sends `submitStep` {resend: true}. */
    canResend: z.boolean(),
  }),
  z.object({ kind: z.literal('choose'), stepId: StepId, options: z.array(OptionSchema).min(1).max(12) }),
  z.object({
    kind: z.literal('review'),
    stepId: StepId,
    /** A value is data as entered (a string) or, for codes the core knows (an application status), words per language. */
    rows: z.array(z.object({ label: LocalizedTextSchema, value: z.union([z.string().max(500), LocalizedTextSchema]) })).max(20),
    feeFils: z.number().int().nonnegative().optional(),
    confirmLabel: LocalizedTextSchema,
  }),
  z.object({ kind: z.literal('take-card'), stepId: StepId, phase: z.enum(['ejecting', 'take', 'retained']), body: LocalizedTextSchema }),
  /**
   * Paying the fee. `choose`: card or QR; `card`: the terminal is working and
   * `prompt` says what it asks ("insert or tap your card", "enter your PIN");
   * `qr`: show `qrPayload` and wait; `declined`: `error` says why, another
   * card or method may be tried (`submitStep` {method}), or cancel.
   */
  z.object({
    kind: z.literal('pay'),
    stepId: StepId,
    amountFils: z.number().int().positive(),
    phase: z.enum(['choose', 'card', 'qr', 'declined']),
    methods: z.array(z.enum(['card', 'qr'])).min(1),
    prompt: LocalizedTextSchema.optional(),
    qrPayload: z.string().max(1000).optional(),
    error: LocalizedTextSchema.optional(),
  }),
  /**
   * Choose a password (eKey): two masked fields, the rules ticked off live on
   * the page; sends {password, confirm} once. The core clears both after the
   * step, never logs or journals them. `violations` are the core's verdict
   * (including the ones only it can judge: personal data, reuse, mismatch).
   */
  z.object({
    kind: z.literal('password'),
    stepId: StepId,
    rules: PasswordRulesSchema,
    violations: z.array(PasswordViolationCodeSchema).max(12).optional(),
    error: LocalizedTextSchema.optional(),
  }),
  /** Five faces (1–5) and an optional reason; sends {score, reason} or {skip: true}. Never blocks the card or receipt. */
  z.object({ kind: z.literal('rating'), stepId: StepId, reasons: z.array(OptionSchema).max(8) }),
]);
export type StepView = z.infer<typeof StepViewSchema>;

const Common = {
  language: LanguageSchema,
  /** Changes whenever a session starts or is wiped; the renderer resets when it changes. */
  sessionEpoch: z.number().int().nonnegative(),
  idle: IdleStateSchema,
  helpOpen: z.boolean(),
  /** Headphones are plugged into the tactile keypad: the page speaks what it shows and what has focus. */
  headphones: z.boolean().optional(),
};

export const ViewModelSchema = z.discriminatedUnion('screen', [
  z.object({ screen: z.literal('attract'), ...Common }),
  z.object({ screen: z.literal('language'), ...Common }),
  z.object({ screen: z.literal('menu'), ...Common, services: z.array(ServiceSummarySchema).max(200) }),
  z.object({ screen: z.literal('step'), ...Common, frame: FrameSchema, step: StepViewSchema }),
  z.object({ screen: z.literal('out-of-service'), ...Common, reason: LocalizedTextSchema }),
  /** Technician diagnostics mode (never while a citizen is served). */
  z.object({ screen: z.literal('technician'), ...Common, technician: TechnicianViewSchema }),
]);
export type ViewModel = z.infer<typeof ViewModelSchema>;
export type ScreenName = ViewModel['screen'];

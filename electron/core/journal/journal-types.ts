import { z } from 'zod';

/**
 * What the journal records. An **intent** row is written (and synced to
 * disk) before every irreversible action; an **outcome** row after it. An
 * intent without a final outcome is unfinished work that start-up recovery
 * must resolve. Events are facts with no pending action (card taken, rating).
 */
export const JOURNAL_ACTIONS = ['authorise', 'reversal', 'submit', 'capture', 'print', 'sms', 'settlement', 'qr-payment', 'chip-write', 'ekey'] as const;
export const JournalActionSchema = z.enum(JOURNAL_ACTIONS);
export type JournalAction = z.infer<typeof JournalActionSchema>;

/**
 * How an intent ended. `in-doubt` is not final: the action may or may not
 * have happened (the terminal never answered) and recovery must ask.
 */
export const OUTCOME_RESULTS = ['success', 'failed', 'declined', 'canceled', 'in-doubt', 'reversed', 'resolved'] as const;
export const OutcomeResultSchema = z.enum(OUTCOME_RESULTS);
export type OutcomeResult = z.infer<typeof OutcomeResultSchema>;
export const FINAL_RESULTS: ReadonlySet<OutcomeResult> = new Set(['success', 'failed', 'declined', 'canceled', 'reversed', 'resolved']);

/** Free detail is limited to harmless, flat values; personal fields are refused by name. */
const DetailValue = z.union([z.string().max(200), z.number().finite(), z.boolean(), z.null()]);
export const DetailSchema = z.record(z.string().max(40), DetailValue).refine((d) => Object.keys(d).length <= 20, 'too many detail fields');
export type Detail = z.infer<typeof DetailSchema>;

export const IntentInputSchema = z
  .object({
    action: JournalActionSchema,
    sessionId: z.string().max(64).nullable(),
    serviceId: z.string().max(64).nullable(),
    /** Travels with every gateway and payment call so a retry is never a second action. */
    idempotencyKey: z.string().min(8).max(128),
    amountFils: z.number().int().nonnegative().max(100_000_000).nullable(),
    /** The citizen's CPR as given; the store keeps only a keyed hash. */
    cpr: z.string().regex(/^\d{9}$/).nullable(),
    /** Already masked by the caller (first 6 / last 4 at most). */
    maskedPan: z
      .string()
      .regex(/^[0-9*]{8,19}$/)
      .refine((pan) => (pan.match(/\d/g) ?? []).length <= 10, 'a card number must be masked (at most first 6 and last 4 digits)')
      .nullable(),
    detail: DetailSchema,
  })
  .strict();
export type IntentInput = z.infer<typeof IntentInputSchema>;

export const EventInputSchema = z
  .object({
    type: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
    sessionId: z.string().max(64).nullable(),
    serviceId: z.string().max(64).nullable(),
    detail: DetailSchema,
  })
  .strict();
export type EventInput = z.infer<typeof EventInputSchema>;

export interface IntentRow {
  id: number;
  at: number;
  action: JournalAction;
  sessionId: string | null;
  serviceId: string | null;
  idempotencyKey: string;
  amountFils: number | null;
  cprHash: string | null;
  /** The CPR encrypted with the kiosk's journal key, on money intents only (see personal-data.ts). */
  cprSealed: string | null;
  maskedPan: string | null;
  detail: Detail;
  /** Latest outcome, if any. */
  outcome: { at: number; result: OutcomeResult; detail: Detail } | null;
}

export interface EventRow {
  id: number;
  at: number;
  type: string;
  sessionId: string | null;
  serviceId: string | null;
  detail: Detail;
}

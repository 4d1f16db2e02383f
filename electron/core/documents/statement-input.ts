/**
 * What the ID data statement is made from, checked before anything is drawn.
 * Card data comes from a chip that may be damaged or forged: a value that
 * fails here stops the document with a clear error instead of printing
 * garbage (or an invisible bidi override that reorders a name) on an official
 * paper.
 */
import { z } from 'zod';
import type { CitizenCard } from '../flow/citizen-card.ts';

// Control characters and explicit bidi formatting (LRE…RLO, LRI…PDI, LRM/RLM/ALM):
// the layout resolves direction itself; a hidden override in card data could
// make a name or number read differently from what is stored.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const printable = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !INVISIBLE.test(s), 'contains control or bidi formatting characters');

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'not a calendar date');

const AddressPart = z.string().regex(/^\d{1,4}[A-Z]?$/);

export const CitizenCardSchema = z.object({
  cpr: z.string().regex(/^\d{9}$/),
  nameAr: printable(160),
  nameEn: printable(120),
  dateOfBirth: IsoDate,
  nationality: z.string().regex(/^[A-Z]{3}$/),
  expiry: IsoDate,
  cardSerial: z.string().regex(/^[A-Z0-9]{1,20}$/),
  address: z.object({ flat: AddressPart.nullable(), building: AddressPart, road: z.string().regex(/^\d{1,4}$/), block: z.string().regex(/^\d{3,4}$/) }),
}) satisfies z.ZodType<CitizenCard>;

export const StatementInputSchema = z.object({
  card: CitizenCardSchema,
  /** Epoch milliseconds from the injected clock: the moment the statement is issued. */
  issuedAt: z.number().int().nonnegative(),
  /** e.g. STM-2026-000042 */
  reference: z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{4,10}$/),
  /** Encoded in the QR code and printed under it. https only. */
  verificationUrl: z
    .url({ protocol: /^https$/ })
    .max(200),
  kiosk: z.object({
    id: z.string().regex(/^[A-Z0-9-]{2,24}$/),
    location: z.object({ ar: printable(80), en: printable(80) }),
  }),
  /** IANA zone the issue time is printed in; the kiosk's country by default. */
  timeZone: z.string().default('Asia/Bahrain'),
});

export type StatementInput = z.input<typeof StatementInputSchema>;
export type CheckedStatementInput = z.output<typeof StatementInputSchema>;

/** Which fields failed, never their values (they are personal data). */
export class StatementInputError extends Error {
  readonly fields: readonly string[];
  constructor(fields: readonly string[]) {
    super(`ID data statement input is invalid: ${fields.join(', ')}`);
    this.name = 'StatementInputError';
    this.fields = fields;
  }
}

export function checkStatementInput(input: unknown): CheckedStatementInput {
  const result = StatementInputSchema.safeParse(input);
  if (!result.success) {
    throw new StatementInputError([...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(root)'))]);
  }
  const timeZone = result.data.timeZone;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    throw new StatementInputError(['timeZone']);
  }
  return result.data;
}

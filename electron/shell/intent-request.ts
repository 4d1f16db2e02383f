import { IntentSchema, MAX_CLIENT_MESSAGE_BYTES, type Intent } from '../contract/index.ts';

/**
 * Validates what the page sent as an intent before the core sees it: the
 * page is untrusted, so size first (a huge object costs memory to parse),
 * then the contract's zod schema. The problems are reported as paths and
 * codes only, never values: a rejected field could hold a PIN.
 */
export type IntentParse =
  | { ok: true; intent: Intent }
  | { ok: false; reason: 'too-large' | 'not-serialisable' | 'schema'; issues: { path: string; code: string }[] };

export function parseIntentPayload(payload: unknown): IntentParse {
  let json: string | undefined;
  try {
    json = JSON.stringify(payload);
  } catch {
    // Cycles and BigInt survive IPC's structured clone but are never a valid intent.
    return { ok: false, reason: 'not-serialisable', issues: [] };
  }
  if (json !== undefined && new TextEncoder().encode(json).byteLength > MAX_CLIENT_MESSAGE_BYTES) {
    return { ok: false, reason: 'too-large', issues: [] };
  }
  const parsed = IntentSchema.safeParse(payload);
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'schema',
      issues: parsed.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code })),
    };
  }
  return { ok: true, intent: parsed.data };
}

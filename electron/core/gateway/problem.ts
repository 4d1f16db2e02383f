import { z } from 'zod';

/**
 * RFC 9457 problem document with the gateway's machine-readable `code`
 * (see components.schemas.Problem in resources/gateway/openapi.yaml).
 * Codes are an open set: an unknown code is still a valid refusal.
 */
export const PasswordViolationSchema = z.enum(['too-short', 'too-long', 'no-upper', 'no-lower', 'no-digit', 'no-symbol', 'contains-cpr', 'contains-name', 'reused']);
export type PasswordViolation = z.infer<typeof PasswordViolationSchema>;

export const ProblemSchema = z.object({
  type: z.string().max(200),
  title: z.string().max(200),
  status: z.number().int().min(400).max(599),
  code: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/),
  detail: z.string().max(500).optional(),
  retryAfterSeconds: z.number().int().min(1).optional(),
  attemptsLeft: z.number().int().min(0).optional(),
  violations: z.array(PasswordViolationSchema).max(20).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** The codes this contract version defines, for callers that switch on them. */
export const KNOWN_PROBLEM_CODES = [
  'validation-failed',
  'missing-header',
  'not-found',
  'not-eligible',
  'payment-required',
  'idempotency-key-conflict',
  'otp-rate-limited',
  'otp-not-verified',
  'payment-not-pending',
  'already-registered',
  'already-advanced',
  'not-registered',
  'not-locked',
  'account-locked',
  'under-age',
  'fingerprint-not-verified',
  'password-policy',
  'password-reused',
  'invalid-credentials',
  'internal-error',
  'unavailable',
] as const;
export type KnownProblemCode = (typeof KNOWN_PROBLEM_CODES)[number];

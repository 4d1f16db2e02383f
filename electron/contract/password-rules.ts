import { z } from 'zod';

/**
 * The eKey password rules as the gateway publishes them, shared by the core
 * (which checks on submit) and the renderer (which ticks each rule off live
 * as the citizen types, without the password ever leaving the page until
 * submit). Pure and Node-free.
 */
export const PasswordRulesSchema = z.object({
  minLength: z.number().int().min(1).max(128),
  maxLength: z.number().int().min(1).max(128),
  requireUpper: z.boolean(),
  requireLower: z.boolean(),
  requireDigit: z.boolean(),
  requireSymbol: z.boolean(),
  /** The CPR and the names on the card are forbidden; only the core can check this (the page never holds them). */
  forbidPersonalData: z.boolean(),
});
export type PasswordRules = z.infer<typeof PasswordRulesSchema>;

export const PasswordViolationCodeSchema = z.enum(['too-short', 'too-long', 'no-upper', 'no-lower', 'no-digit', 'no-symbol', 'contains-cpr', 'contains-name', 'reused', 'mismatch']);
export type PasswordViolationCode = z.infer<typeof PasswordViolationCodeSchema>;

/** The rules a page can judge by itself (everything except personal data and history). */
export type StructuralViolation = Extract<PasswordViolationCode, 'too-short' | 'too-long' | 'no-upper' | 'no-lower' | 'no-digit' | 'no-symbol'>;

export function structuralViolations(password: string, rules: PasswordRules): StructuralViolation[] {
  const out: StructuralViolation[] = [];
  const length = [...password].length;
  if (length < rules.minLength) out.push('too-short');
  if (length > rules.maxLength) out.push('too-long');
  if (rules.requireUpper && !/\p{Lu}/u.test(password)) out.push('no-upper');
  if (rules.requireLower && !/\p{Ll}/u.test(password)) out.push('no-lower');
  if (rules.requireDigit && !/\p{Nd}/u.test(password)) out.push('no-digit');
  if (rules.requireSymbol && !/[^\p{L}\p{Nd}]/u.test(password)) out.push('no-symbol');
  return out;
}

/**
 * The eKey password policy as the (simulated) back end enforces it, and as
 * GET /ekey/password-policy publishes it for the kiosk to show: at least 10
 * characters, upper case, lower case, a digit and a symbol, not containing the
 * CPR or any part of the name (3 letters or more), not one of the last 5.
 * History is checked by the account store; this file judges a password alone.
 */
export const PASSWORD_POLICY = {
  minLength: 10,
  maxLength: 128,
  requireUpper: true,
  requireLower: true,
  requireDigit: true,
  requireSymbol: true,
  forbidPersonalData: true,
  historySize: 5,
} as const;

export type PolicyViolation = 'too-short' | 'too-long' | 'no-upper' | 'no-lower' | 'no-digit' | 'no-symbol' | 'contains-cpr' | 'contains-name';

export interface PersonalFacts {
  cpr: string;
  names: string[];
}

/** Name parts worth forbidding: words of 3+ letters from every name, lower-cased. */
function nameParts(names: readonly string[]): string[] {
  return names.flatMap((name) => name.toLocaleLowerCase().split(/[\s\-'’.]+/u)).filter((part) => [...part].length >= 3);
}

export function policyViolations(password: string, personal: PersonalFacts): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const length = [...password].length;
  if (length < PASSWORD_POLICY.minLength) violations.push('too-short');
  if (length > PASSWORD_POLICY.maxLength) violations.push('too-long');
  if (!/\p{Lu}/u.test(password)) violations.push('no-upper');
  if (!/\p{Ll}/u.test(password)) violations.push('no-lower');
  if (!/\p{Nd}/u.test(password)) violations.push('no-digit');
  if (!/[^\p{L}\p{Nd}]/u.test(password)) violations.push('no-symbol');
  if (password.includes(personal.cpr)) violations.push('contains-cpr');
  const lower = password.toLocaleLowerCase();
  if (nameParts(personal.names).some((part) => lower.includes(part))) violations.push('contains-name');
  return violations;
}

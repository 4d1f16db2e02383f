import type { PasswordViolation } from './problem.ts';
import { structuralViolations, type PasswordRules } from '../../contract/password-rules.ts';

/**
 * The eKey password policy judged on the kiosk, as the citizen types, from
 * the policy the gateway publishes (GET /ekey/password-policy). It lets the
 * screen tick off each rule live; the gateway still decides, and only it
 * knows the password history ('reused'). Pure: no logging, nothing kept.
 */
export type LocalPasswordViolation = Exclude<PasswordViolation, 'reused'>;

export interface PasswordOwner {
  cpr: string;
  /** Every name on the card (Arabic and English). */
  names: readonly string[];
}

/** Name parts of 3+ letters are forbidden; shorter ones would refuse half the dictionary. */
const MIN_NAME_PART = 3;

export function passwordViolations(password: string, policy: PasswordRules, owner: PasswordOwner): LocalPasswordViolation[] {
  // The structural rules are the contract's, so the screen's live ticks and this check never disagree.
  const out: LocalPasswordViolation[] = structuralViolations(password, policy);
  if (policy.forbidPersonalData) {
    if (owner.cpr.length > 0 && password.includes(owner.cpr)) out.push('contains-cpr');
    const lower = password.toLocaleLowerCase();
    const parts = owner.names.flatMap((n) => n.toLocaleLowerCase().split(/[\s\-'’.]+/u)).filter((p) => [...p].length >= MIN_NAME_PART);
    if (parts.some((p) => lower.includes(p))) out.push('contains-name');
  }
  return out;
}

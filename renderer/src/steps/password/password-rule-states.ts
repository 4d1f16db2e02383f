import { structuralViolations, type PasswordRules, type PasswordViolationCode } from '../../../../electron/contract/index.ts';

/**
 * The policy as the citizen sees it while typing: each rule ticked off live.
 * `met` / `unmet`: judged here from the characters typed; `later`: only the
 * core can judge it (personal data, recent passwords) and will when the
 * citizen continues; `failed`: the core said this rule is broken. Pure, so it
 * is unit-tested without a DOM.
 */
export type RuleCode = 'length' | 'upper' | 'lower' | 'digit' | 'symbol' | 'personal' | 'history' | 'match';
export type RuleState = 'met' | 'unmet' | 'later' | 'failed';
export interface RuleLine {
  code: RuleCode;
  state: RuleState;
}

const BY_VIOLATION: Record<PasswordViolationCode, RuleCode> = {
  'too-short': 'length',
  'too-long': 'length',
  'no-upper': 'upper',
  'no-lower': 'lower',
  'no-digit': 'digit',
  'no-symbol': 'symbol',
  'contains-cpr': 'personal',
  'contains-name': 'personal',
  reused: 'history',
  mismatch: 'match',
};

export function ruleLines(password: string, confirm: string, rules: PasswordRules, coreViolations: readonly PasswordViolationCode[] = []): RuleLine[] {
  const local = new Set(structuralViolations(password, rules).map((v) => BY_VIOLATION[v]));
  const failedByCore = new Set(coreViolations.map((v) => BY_VIOLATION[v]));
  const lines: RuleLine[] = [];
  const judged = (code: RuleCode) => lines.push({ code, state: local.has(code) ? 'unmet' : 'met' });
  judged('length');
  if (rules.requireUpper) judged('upper');
  if (rules.requireLower) judged('lower');
  if (rules.requireDigit) judged('digit');
  if (rules.requireSymbol) judged('symbol');
  if (rules.forbidPersonalData) lines.push({ code: 'personal', state: failedByCore.has('personal') ? 'failed' : 'later' });
  lines.push({ code: 'history', state: failedByCore.has('history') ? 'failed' : 'later' });
  lines.push({ code: 'match', state: confirm.length > 0 && confirm === password ? 'met' : 'unmet' });
  return lines;
}

/** Continue is offered only when everything the page can judge is met. */
export function canSubmit(lines: readonly RuleLine[]): boolean {
  return lines.every((line) => line.state !== 'unmet');
}

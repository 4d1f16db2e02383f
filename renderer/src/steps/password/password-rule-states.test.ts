import { describe, expect, it } from 'vitest';
import type { PasswordRules } from '../../../../electron/contract/index.ts';
import { canSubmit, ruleLines } from './password-rule-states.ts';
import { loadStrengthMeter } from './password-strength.ts';

const RULES: PasswordRules = { minLength: 10, maxLength: 64, requireUpper: true, requireLower: true, requireDigit: true, requireSymbol: true, forbidPersonalData: true };
const state = (lines: ReturnType<typeof ruleLines>) => Object.fromEntries(lines.map((l) => [l.code, l.state]));

describe('password rules as the citizen types', () => {
  it('ticks off each rule the page can judge, and leaves personal data and history to the core', () => {
    expect(state(ruleLines('', '', RULES))).toEqual({ length: 'unmet', upper: 'unmet', lower: 'unmet', digit: 'unmet', symbol: 'unmet', personal: 'later', history: 'later', match: 'unmet' });
    expect(state(ruleLines('abc', '', RULES))).toMatchObject({ lower: 'met', upper: 'unmet', length: 'unmet' });
    expect(state(ruleLines('Harbour-Lamp7', 'Harbour-Lamp7', RULES))).toEqual({ length: 'met', upper: 'met', lower: 'met', digit: 'met', symbol: 'met', personal: 'later', history: 'later', match: 'met' });
  });

  it('continue only when everything judged here is met, and the two entries match', () => {
    expect(canSubmit(ruleLines('Harbour-Lamp7', 'Harbour-Lamp7', RULES))).toBe(true);
    expect(canSubmit(ruleLines('Harbour-Lamp7', 'Harbour-Lamp8', RULES))).toBe(false);
    expect(canSubmit(ruleLines('harbour-lamp7', 'harbour-lamp7', RULES))).toBe(false);
  });

  it('a rule the core found broken is shown as failed until the citizen changes it', () => {
    const lines = state(ruleLines('Harbour-Lamp7', 'Harbour-Lamp7', RULES, ['reused', 'contains-name']));
    expect(lines).toMatchObject({ history: 'failed', personal: 'failed' });
  });

  it('rules the policy does not ask for are not listed', () => {
    const lines = ruleLines('abcdefghij', 'abcdefghij', { ...RULES, requireUpper: false, requireSymbol: false, requireDigit: false, forbidPersonalData: false });
    expect(lines.map((l) => l.code)).toEqual(['length', 'lower', 'history', 'match']);
    expect(canSubmit(lines)).toBe(true);
  });
});

describe('strength meter', () => {
  it('rates a dictionary word weak and a long unusual passphrase strong', async () => {
    const meter = await loadStrengthMeter();
    expect(meter('')).toBe(0);
    expect(meter('Password1!')).toBeLessThanOrEqual(1);
    expect(meter('Harbour-Lamp7-quietly-Orbit')).toBeGreaterThanOrEqual(3);
  });
});

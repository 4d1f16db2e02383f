import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PASSWORD_POLICY, policyViolations } from '../../../native-mocks/gateway/password-policy.ts';
import { passwordViolations } from './password-policy-check.ts';

const policy = { ...PASSWORD_POLICY };
const owner = { cpr: '999000006', names: ['Test Person Six', 'شخص تجريبي ٦'] };

describe('kiosk-side password policy check', () => {
  it.each([
    ['Kiosk#Current60', []],
    ['short', ['too-short', 'no-upper', 'no-digit', 'no-symbol']],
    ['alllowercase#1', ['no-upper']],
    ['ALLUPPERCASE#1', ['no-lower']],
    ['NoDigitsHere#', ['no-digit']],
    ['NoSymbols1234', ['no-symbol']],
    ['Pass#999000006', ['contains-cpr']],
    ['MySix#Lamp2030', ['contains-name']],
    ['Harbour#PERSON1', ['contains-name']],
    ['Lamp#تجريبي2030', ['contains-name']],
    ['Ab1#'.repeat(33), ['too-long']],
  ] as const)('%s → %j', (password, expected) => {
    expect(passwordViolations(password, policy, owner)).toEqual(expected);
  });

  it('follows the published policy, not fixed rules', () => {
    const relaxed = { ...policy, minLength: 4, requireSymbol: false, forbidPersonalData: false };
    expect(passwordViolations('Six9', relaxed, owner)).toEqual([]);
  });

  it('agrees with the gateway simulator on any password (so the live checklist never promises what the gateway refuses)', () => {
    const alphabet = fc.constantFrom(...'aAzZ09#!- شخصتجريبي٦PersonSixTest999000006'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }).map((chars) => chars.join('')), (password) => {
        expect(passwordViolations(password, policy, owner)).toEqual(policyViolations(password, owner));
      }),
      { numRuns: 2000 },
    );
  });
});

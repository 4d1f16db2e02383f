import type { LocalizedText } from '../../contract/index.ts';
import type { EligibilityRule } from '../catalogue/service-schema.ts';
import { ageOn, daysToExpiry, type CitizenCard } from './citizen-card.ts';

export interface EligibilitySettings {
  renewalWindowDays: number;
  minimumAgeAdvancedEkey: number;
}

/** The facts rules can test, computed from the card on the injected clock. */
export function cardFacts(card: CitizenCard, now: number): Record<EligibilityRule['fact'], number | string | boolean> {
  const days = daysToExpiry(card.expiry, now);
  return {
    'citizen.age': ageOn(card.dateOfBirth, now),
    'card.daysToExpiry': days,
    'card.expired': days < 0,
    'card.nationality': card.nationality,
  };
}

/** The first rule that does not hold, with its message; null when the citizen is eligible. */
export function firstFailingRule(rules: readonly EligibilityRule[], card: CitizenCard, now: number, settings: EligibilitySettings): LocalizedText | null {
  const facts = cardFacts(card, now);
  for (const rule of rules) {
    const actual = facts[rule.fact];
    const expected = typeof rule.value === 'object' ? settings[rule.value.setting] : rule.value;
    const holds = (() => {
      switch (rule.op) {
        case 'eq':
          return actual === expected;
        case 'ne':
          return actual !== expected;
        case 'lt':
          return Number(actual) < Number(expected);
        case 'lte':
          return Number(actual) <= Number(expected);
        case 'gt':
          return Number(actual) > Number(expected);
        case 'gte':
          return Number(actual) >= Number(expected);
      }
    })();
    if (!holds) return rule.message;
  }
  return null;
}

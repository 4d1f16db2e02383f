import { expect, type Page } from '@playwright/test';
import type { Language } from '../../electron/contract/index.ts';
import { citizen } from './citizen.ts';
import type { simulators } from './simulators.ts';

type Simulators = ReturnType<typeof simulators>;

/** The fictional people of native-mocks/people all have this card PIN. */
export const CARD_PIN = '1234';

/**
 * The opening most journeys share: attract → language → the service → the
 * card in (a fictional person's profile) → the card PIN. `pin: null` stops
 * once the card is in (a refusal on reading it, or a service that asks for
 * the fingerprint first).
 */
export async function openWithCard(page: Page, sim: Simulators, opening: { language: Language; service: string; profile: string; pin?: string | null }) {
  const c = citizen(page);
  await c.startAndChoose(opening.language);
  await c.openService(opening.service);
  await sim.action('card-reader', 'insertCard', { profile: opening.profile });
  const pin = opening.pin === undefined ? CARD_PIN : opening.pin;
  if (pin !== null) await c.padEntry('pin', pin);
}

/** The newest SMS code the gateway simulator sent (what the citizen reads on their phone). */
export async function latestCode(page: Page, sim: ReturnType<typeof simulators>): Promise<string> {
  await expect(page.locator('[data-step-kind="otp"]')).toBeVisible({ timeout: 15_000 });
  const otps = (await sim.state('gateway')).recentOtps as { code: string }[];
  if (!otps[0]) throw new Error('no code was sent');
  return otps[0].code;
}

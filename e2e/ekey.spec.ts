import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshot } from './support/fixtures.ts';
import { citizen } from './support/citizen.ts';
import { simulators } from './support/simulators.ts';
import { choosePassword } from './support/ekey.ts';
import { CARD_PIN, latestCode, openWithCard } from './support/journey.ts';
import type { Language } from '../electron/contract/index.ts';

/**
 * eKey at the kiosk (issue 7), in a real browser through the card reader,
 * fingerprint and gateway simulators, in Arabic and English: every service,
 * and the refusals a citizen must understand. The people are the fictional
 * ones of native-mocks/people (card PIN 1234).
 */
test.use({ kioskConfig: { paths: { services: 'resources/services' } } });

const GOOD = 'Harbour-Lamp7!';
const T = (language: Language, ar: string, en: string) => (language === 'ar' ? ar : en);

/** Card in (a fictional person's profile), PIN: a second service in the same session. */
async function cardAndPin(page: Page, sim: ReturnType<typeof simulators>, profile: string) {
  await sim.action('card-reader', 'insertCard', { profile });
  await citizen(page).padEntry('pin', CARD_PIN);
}

/** The card comes back, the rating is skipped (or given), the final screen. */
async function takeCardAndRate(page: Page, sim: ReturnType<typeof simulators>, score: number | null = null) {
  await expect(page.getByTestId('take-card-prompt')).toBeVisible({ timeout: 20_000 });
  await sim.takeCard();
  await expect(page.locator('[data-step-kind="rating"]')).toBeVisible();
  if (score === null) await page.getByTestId('btn-rating-skip').click();
  else {
    await page.getByTestId(`rating-${score}`).click();
    await page.getByTestId('btn-rating-send').click();
  }
  await expect(page.getByTestId('message-qr')).toBeVisible();
}

/** A refusal: the message in words, then the card comes back and the menu returns. */
async function refusedWith(page: Page, sim: ReturnType<typeof simulators>, words: string) {
  await expect(page.getByTestId('message-body')).toContainText(words, { timeout: 20_000 });
  await citizen(page).continue();
  await sim.takeCard();
  await expect(citizen(page).screen('menu')).toBeVisible({ timeout: 15_000 });
}

for (const language of ['en', 'ar'] as Language[]) {
  test.describe(`eKey (${language})`, () => {
    test(`register basic: mobile confirmed by SMS code, a password against the visible policy; rated; e-receipt by QR and SMS`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await openWithCard(page, sim, { language, service: 'ekey-register', profile: 'valid-adult' });
      await c.typeOnScreen('mobile', '36001234');
      await c.continue();
      await c.padEntry('otp', await latestCode(page, sim));
      await expect(page.locator('[data-step-kind="password"]')).toBeVisible({ timeout: 15_000 });
      // The rules are ticked off as the citizen types; Continue waits for all of them.
      await expect(page.getByTestId('password-rule-upper')).toHaveAttribute('data-state', 'unmet');
      await expect(page.getByTestId('password-continue')).toBeDisabled();
      await expectNoAxeViolations(page, `password step (${language})`);
      // A password with the name on the card: the page cannot know, the core refuses it in words.
      await choosePassword(page, 'Person-Lamp77');
      await expect(page.getByTestId('password-rule-personal')).toHaveAttribute('data-state', 'failed');
      await expect(page.getByTestId('password-error')).toBeVisible();
      await expect(page.getByTestId('password-new')).toHaveValue('');
      await screenshot(page, `ekey-password-refused-${language}`);
      await choosePassword(page, GOOD);
      // Sent once and cleared from the page at once.
      expect(await page.evaluate(() => [...document.querySelectorAll('input')].some((i) => i.value.includes('Harbour')) || document.body.innerHTML.includes('Harbour'))).toBe(false);
      await takeCardAndRate(page, sim, 5);
      await expect(page.getByTestId('message-body')).toContainText(T(language, 'مفتاح إلكتروني بالمستوى الأساسي', 'eKey at the basic level'));
      await expect(page.getByTestId('message-body')).toContainText('KSK-');
      await page.getByTestId('ereceipt-sms').click();
      await expect(page.getByTestId('ereceipt-sms-state')).toHaveAttribute('data-state', 'sent');
      await screenshot(page, `ekey-registered-${language}`);
      await expectNoAxeViolations(page, `final screen with e-receipt (${language})`);
      const gateway = await sim.state('gateway');
      expect(gateway.smsReceipts).toBe(1);
      await c.continue();
      await expect(c.screen('menu')).toBeVisible();
      // The account exists now: registering again is refused with the way forward.
      await c.openService('ekey-register');
      await cardAndPin(page, sim, 'valid-adult');
      await refusedWith(page, sim, T(language, 'لديك مفتاح إلكتروني مسجّل بالفعل', 'You already have an eKey'));
    });

    test(`upgrade: three fingerprint mismatches lead to the counter / video-call alternative with a reference`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await openWithCard(page, sim, { language, service: 'ekey-upgrade', profile: 'ekey-basic-registered' });
      for (let i = 0; i < 3; i++) {
        await expect(page.locator('[data-step-kind="fingerprint"]')).toBeVisible({ timeout: 15_000 });
        await sim.action('fingerprint', 'placeFinger', { finger: 'non-matching' });
        await page.waitForTimeout(300);
      }
      await expect(page.locator('[data-step-kind="info"]')).toBeVisible({ timeout: 20_000 });
      await expect(page.locator('.step__lead')).toContainText(T(language, 'مكالمة فيديو', 'video call'));
      await c.continue();
      await takeCardAndRate(page, sim);
      await expect(page.getByTestId('message-body')).toContainText(T(language, 'الرقم المرجعي: KSK-', 'Reference: KSK-'));
      await screenshot(page, `ekey-upgrade-alternative-${language}`);
    });

    test(`reset password: the code goes to the registered mobile; a recent password is refused by the gateway, a new one accepted`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await openWithCard(page, sim, { language, service: 'ekey-reset-password', profile: 'ekey-basic-registered' });
      // The code goes to the number on record, which the screen names by its last digits only.
      await expect(page.locator('[data-step-kind="otp"]')).toContainText(T(language, '٠٠٠٦', '0006'), { timeout: 15_000 });
      await c.padEntry('otp', await latestCode(page, sim));
      await choosePassword(page, 'Kiosk#Earlier61');
      await expect(page.getByTestId('password-rule-history')).toHaveAttribute('data-state', 'failed', { timeout: 15_000 });
      await choosePassword(page, 'Quiet-Orbit42?');
      await takeCardAndRate(page, sim);
      await expect(page.getByTestId('message-body')).toContainText(T(language, 'غُيّرت كلمة مرور', 'password has been changed'));
    });
  });
}

test.describe('eKey refusals and faults', () => {
  test('a minor is refused the advanced level with the reason (Arabic)', async ({ kioskPage: page, kiosk }) => {
    const sim = simulators(kiosk);
    await openWithCard(page, sim, { language: 'ar', service: 'ekey-upgrade', profile: 'minor', pin: null });
    await refusedWith(page, sim, '١٥ سنة فأكثر');
  });

  test('upgrade with a matching fingerprint: advanced (English)', async ({ kioskPage: page, kiosk }) => {
    const sim = simulators(kiosk);
    await openWithCard(page, sim, { language: 'en', service: 'ekey-upgrade', profile: 'ekey-basic-registered' });
    await expect(page.locator('[data-step-kind="fingerprint"]')).toBeVisible({ timeout: 15_000 });
    await sim.action('fingerprint', 'placeFinger', { finger: 'matching' });
    await takeCardAndRate(page, sim);
    await expect(page.getByTestId('message-body')).toContainText('advanced level');
  });

  test('the gateway locks the account mid-flow: told to unlock it first (Arabic)', async ({ kioskPage: page, kiosk }) => {
    const sim = simulators(kiosk);
    await openWithCard(page, sim, { language: 'ar', service: 'ekey-upgrade', profile: 'ekey-basic-registered' });
    await expect(page.locator('[data-step-kind="fingerprint"]')).toBeVisible({ timeout: 15_000 });
    await sim.action('gateway', 'lockEkey', { cpr: '999000006' });
    await sim.action('fingerprint', 'placeFinger', { finger: 'matching' });
    await refusedWith(page, sim, 'مفتاحك الإلكتروني مقفل');
  });

  test('unlock: a wrong SMS code three times ends the service for safety (English)', async ({ kioskPage: page, kiosk }) => {
    const c = citizen(page);
    const sim = simulators(kiosk);
    await openWithCard(page, sim, { language: 'en', service: 'ekey-unlock', profile: 'ekey-locked' });
    const code = await latestCode(page, sim);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++) {
      await expect(page.locator('[data-step-kind="otp"]')).toBeVisible();
      await c.padEntry('otp', wrong);
      // Wait for this code's verdict before typing the next (the error from the last one is already on screen).
      if (i < 2) await expect(page.getByTestId('otp-step')).toHaveAttribute('data-attempts-left', String(2 - i));
    }
    await refusedWith(page, sim, 'wrong code was entered too many times');
  });

  test('unlock: an expired SMS code is explained, a new one sent, and the account unlocked; then status shows it active (Arabic)', async ({ kioskPage: page, kiosk }) => {
    const c = citizen(page);
    const sim = simulators(kiosk);
    await openWithCard(page, sim, { language: 'ar', service: 'ekey-unlock', profile: 'ekey-locked' });
    const first = await latestCode(page, sim);
    await sim.action('gateway', 'advanceClock', { minutes: 10 });
    await c.padEntry('otp', first);
    await expect(page.getByTestId('otp-error')).toContainText('انتهت صلاحية الرمز');
    await page.getByTestId('btn-otp-resend').click();
    // The new code's entry has no error: typing before it is on screen would go to the old one.
    await expect(page.getByTestId('otp-error')).toHaveCount(0);
    await expect.poll(async () => ((await sim.state('gateway')).recentOtps as { code: string }[]).length, { timeout: 10_000 }).toBeGreaterThan(1);
    await c.padEntry('otp', await latestCode(page, sim));
    await takeCardAndRate(page, sim);
    await expect(page.getByTestId('message-body')).toContainText('فُتح مفتاحك الإلكتروني');
    await c.continue();
    await c.openService('ekey-status');
    await cardAndPin(page, sim, 'ekey-locked');
    await expect(page.getByTestId('review')).toContainText('فعّال');
    await screenshot(page, 'ekey-status-ar');
  });

  test('the gateway down midway through registration: nothing registered, said in words, card back (English)', async ({ kioskPage: page, kiosk }) => {
    const c = citizen(page);
    const sim = simulators(kiosk);
    await openWithCard(page, sim, { language: 'en', service: 'ekey-register', profile: 'valid-adult' });
    await c.typeOnScreen('mobile', '36001234');
    await c.continue();
    await c.padEntry('otp', await latestCode(page, sim));
    await expect(page.locator('[data-step-kind="password"]')).toBeVisible({ timeout: 15_000 });
    await sim.fault('gateway', 'http500', { endpoints: ['registerEkey'] });
    await choosePassword(page, GOOD);
    await refusedWith(page, sim, 'government systems are not answering');
    await sim.fault('gateway', null);
    // Nothing was registered: the status service says so.
    await c.openService('ekey-status');
    await cardAndPin(page, sim, 'valid-adult');
    await expect(page.getByTestId('review')).toContainText('Not registered', { timeout: 15_000 });
  });
});

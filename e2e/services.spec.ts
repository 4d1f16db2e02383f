import { test, expect, expectNoAxeViolations, screenshot } from './support/fixtures.ts';
import { citizen } from './support/citizen.ts';
import { simulators } from './support/simulators.ts';
import { openWithCard } from './support/journey.ts';
import type { Page } from '@playwright/test';
import type { Language } from '../electron/contract/index.ts';

test.use({ kioskConfig: { paths: { services: 'resources/services' } } });

/** The citizen types a PIN on the pad. */
const enterPin = (page: Page, pin: string) => citizen(page).padEntry('pin', pin);

for (const language of ['en', 'ar'] as Language[]) {
  test.describe(`ID-card services through the simulators (${language})`, () => {
    test(`update address: card, PIN, new address checked in the register, submitted, card back, rated`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await c.startAndChoose(language);
      await c.openService('update-address');
      await expect(page.getByTestId('insert-card-prompt')).toBeVisible();
      await screenshot(page, `service-insert-card-${language}`);
      await sim.action('card-reader', 'insertCard', { profile: 'valid-adult' });
      await enterPin(page, '1234');
      await expect(page.getByTestId('field-building')).toBeVisible();
      await c.typeOnScreen('building', '14');
      await c.typeOnScreen('road', '9971');
      await c.typeOnScreen('block', '997');
      await expectNoAxeViolations(page, `address form (${language})`);
      await c.continue();
      await expect(page.getByTestId('review')).toBeVisible();
      await expect(page.getByTestId('review')).toContainText(language === 'ar' ? '٩٩٧١' : '9971');
      await screenshot(page, `service-review-${language}`);
      await c.continue();
      await expect(page.getByTestId('take-card-prompt')).toBeVisible();
      await sim.takeCard();
      await expect(page.locator('[data-step-kind="rating"]')).toBeVisible();
      await expectNoAxeViolations(page, `rating (${language})`);
      await page.getByTestId('rating-5').click();
      await page.getByTestId('btn-rating-send').click();
      await expect(page.getByTestId('message-body')).toBeVisible();
      await screenshot(page, `service-done-${language}`);
      const gateway = await sim.state('gateway');
      expect(gateway.applications).toBe(1);
      await c.continue();
      await expect(c.screen('menu')).toBeVisible();
    });

    test(`an address that is not in the register is refused in words and the card comes back`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await openWithCard(page, sim, { language, service: 'update-address', profile: 'valid-adult' });
      await c.typeOnScreen('building', '404');
      await c.typeOnScreen('road', '9971');
      await c.typeOnScreen('block', '997');
      await c.continue();
      await expect(page.getByTestId('message-body')).toContainText(language === 'ar' ? 'سجل العناوين' : 'address register');
      await c.continue();
      await expect(page.getByTestId('take-card-prompt')).toBeVisible();
      await sim.takeCard();
      await expect(c.screen('menu')).toBeVisible();
      expect((await sim.state('gateway')).applications).toBe(0);
    });

    test(`wrong PIN three times: tries left shown, then blocked, card returned`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await openWithCard(page, sim, { language, service: 'update-contact', profile: 'valid-adult', pin: null });
      await enterPin(page, '0000');
      await expect(page.getByTestId('pin-error')).toContainText(language === 'ar' ? 'محاولتان' : '2 tries left');
      await enterPin(page, '1111');
      await expect(page.getByTestId('pin-error')).toContainText(language === 'ar' ? 'محاولة واحدة' : '1 try left');
      await screenshot(page, `service-pin-error-${language}`);
      await enterPin(page, '2222');
      await expect(page.getByTestId('message-body')).toContainText(language === 'ar' ? 'موقوف' : 'blocked');
      await c.continue();
      await sim.takeCard();
      await expect(c.screen('menu')).toBeVisible();
    });

    test(`a minor's card or an expired card is refused with the reason`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await openWithCard(page, sim, { language, service: 'update-address', profile: 'card-expired', pin: null });
      await expect(page.getByTestId('message-body')).toContainText(language === 'ar' ? 'انتهت صلاحية' : 'expired');
      await c.continue();
      await sim.takeCard();
      await expect(c.screen('menu')).toBeVisible();
    });

    test(`the gateway down mid-service: nothing submitted, told in words, card back`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await openWithCard(page, sim, { language, service: 'update-address', profile: 'valid-adult' });
      await c.typeOnScreen('building', '14');
      await c.typeOnScreen('road', '9971');
      await c.typeOnScreen('block', '997');
      await c.continue();
      await expect(page.getByTestId('review')).toBeVisible();
      // The submit endpoint fails; the kiosk asks the gateway by its idempotency key, learns nothing arrived, and says so.
      await sim.fault('gateway', 'http500', { endpoints: ['submitApplication'] });
      await c.continue();
      await expect(page.getByTestId('message-body')).toContainText(language === 'ar' ? 'لم يُقدَّم' : 'Nothing was submitted');
      await screenshot(page, `service-gateway-down-${language}`);
      await c.continue();
      await sim.takeCard();
      await expect(c.screen('menu')).toBeVisible();
    });
  });
}

for (const language of ['en', 'ar'] as Language[]) {
  test.describe(`scanner and fingerprint (${language})`, () => {
    test(`application status by scanning the receipt; garbage scans are ignored`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      // A garbage scan changes nothing; a well-formed reference is looked up at once (no typing needed).
      await c.startAndChoose(language);
      await c.openService('application-status');
      await expect(page.getByTestId('field-reference')).toBeVisible();
      await sim.action('scanner', 'scan', { text: '\u0007%%garbage', mode: 'wedge' });
      await page.waitForTimeout(500);
      await expect(page.getByTestId('field-reference')).toBeVisible();
      await sim.action('scanner', 'scan', { text: 'APP-2026-999999', mode: 'hid-pos' });
      await expect(page.getByTestId('message-body')).toContainText(language === 'ar' ? 'لم نجد طلبًا' : 'found no application');
      await screenshot(page, `service-status-not-found-${language}`);
    });

    test(`PIN reset: the fingerprint fails three times, the citizen is led to the counter, card back`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await openWithCard(page, sim, { language, service: 'reset-card-pin', profile: 'valid-adult', pin: null });
      await expect(page.locator('[data-step-kind="fingerprint"]')).toBeVisible();
      await expectNoAxeViolations(page, `fingerprint (${language})`);
      await screenshot(page, `service-fingerprint-${language}`);
      for (let i = 0; i < 3; i++) {
        await expect(page.locator('[data-step-kind="fingerprint"]')).toBeVisible();
        await sim.action('fingerprint', 'placeFinger', { finger: 'non-matching' });
        await page.waitForTimeout(300);
      }
      await expect(page.locator('[data-step-kind="info"]')).toBeVisible({ timeout: 20_000 });
      await expect(page.locator('.step__lead')).toContainText(language === 'ar' ? 'مركز خدمة' : 'service centre');
      await c.continue();
      await sim.takeCard();
      await expect(page.locator('[data-step-kind="rating"]')).toBeVisible();
      await page.getByTestId('btn-rating-skip').click();
      await c.continue();
      await expect(c.screen('menu')).toBeVisible();
    });
  });
}

test.describe('more paths', () => {
  test('application status found: typed in English, shown in words', async ({ kioskPage: page }) => {
    const c = citizen(page);
    await c.startAndChoose('en');
    await c.openService('application-status');
    await c.typeOnScreen('reference', 'kh25-000042');
    await c.continue();
    await expect(page.getByTestId('review')).toContainText('Ready for collection');
    await expect(page.getByTestId('review')).not.toContainText('ready-for-collection');
  });

  test('application status found: scanned on an Arabic screen, shown in Arabic words', async ({ kioskPage: page, kiosk }) => {
    const c = citizen(page);
    await c.startAndChoose('ar');
    await c.openService('application-status');
    await expect(page.getByTestId('field-reference')).toBeVisible();
    const sim = simulators(kiosk);
    await sim.action('scanner', 'scan', { text: 'KH25-000043', mode: 'hid-pos' });
    await expect(page.getByTestId('review')).toContainText('قيد المراجعة');
    await screenshot(page, 'service-status-found-ar');
    // No card was read: the e-receipt names the application, and the SMS goes to its applicant's registered number.
    await c.continue();
    await expect(page.locator('[data-step-kind="rating"]')).toBeVisible();
    await page.getByTestId('btn-rating-skip').click();
    await expect(page.getByTestId('message-body')).toContainText('KH25-000043');
    await page.getByTestId('ereceipt-sms').click();
    await expect(page.getByTestId('ereceipt-sms-state')).toHaveAttribute('data-state', 'sent');
    expect((await sim.state('gateway')).smsReceipts).toBe(1);
    await screenshot(page, 'service-status-e-receipt-ar');
  });

  test('PIN reset with a matching fingerprint: a new PIN typed twice is written to the card, which then accepts it', async ({ kioskPage: page, kiosk }) => {
    const c = citizen(page);
    const sim = simulators(kiosk);
    await openWithCard(page, sim, { language: 'en', service: 'reset-card-pin', profile: 'card-pin-blocked', pin: null });
    await expect(page.locator('[data-step-kind="fingerprint"]')).toBeVisible();
    await sim.action('fingerprint', 'placeFinger', { finger: 'matching' });
    await expect(page.getByTestId('pin-step')).toHaveAttribute('data-mode', 'new');
    await enterPin(page, '2468');
    // Both entries are PIN steps: wait for the second to be on screen, or the first digits land on the first one.
    await expect(page.getByTestId('pin-step')).toHaveAttribute('data-mode', 'confirm');
    await enterPin(page, '2468');
    await expect(page.getByTestId('take-card-prompt')).toBeVisible({ timeout: 20_000 });
    await sim.takeCard();
    await expect(page.locator('[data-step-kind="rating"]')).toBeVisible();
    await page.getByTestId('btn-rating-skip').click();
    await c.continue();
    // The same card now opens with the new PIN.
    await c.openService('update-contact');
    await sim.action('card-reader', 'insertCard', { profile: 'card-pin-blocked' });
    await enterPin(page, '2468');
    await expect(page.getByTestId('field-mobile')).toBeVisible();
  });

  test('a card pulled out while it is being read: the citizen is asked to insert it again', async ({ kioskPage: page, kiosk }) => {
    const c = citizen(page);
    const sim = simulators(kiosk);
    await c.startAndChoose('en');
    await c.openService('update-address');
    await sim.action('card-reader', 'pullCardMidRead');
    await sim.action('card-reader', 'insertCard', { profile: 'valid-adult' });
    await expect(page.locator('.step__error')).toContainText('pulled out', { timeout: 20_000 });
    await sim.action('card-reader', 'insertCard', { profile: 'valid-adult' });
    await expect(page.locator('[data-step-kind="pin"]')).toBeVisible({ timeout: 20_000 });
  });
});

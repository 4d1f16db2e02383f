import { test, expect, expectNoAxeViolations, screenshot } from './support/fixtures.ts';
import { citizen } from './support/citizen.ts';
import { simulators } from './support/simulators.ts';
import { latestCode, openWithCard } from './support/journey.ts';
import type { Page } from '@playwright/test';
import type { Language } from '../electron/contract/index.ts';

test.use({ kioskConfig: { paths: { services: 'resources/services' } } });

const padEntry = (page: Page, kind: 'pin' | 'otp', digits: string) => citizen(page).padEntry(kind, digits);

async function finish(page: Page, c: ReturnType<typeof citizen>) {
  await expect(page.locator('[data-step-kind="rating"]')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('btn-rating-skip').click();
  await expect(page.getByTestId('message-body')).toBeVisible();
  await c.continue();
  await expect(c.screen('menu')).toBeVisible();
}

for (const language of ['en', 'ar'] as Language[]) {
  test.describe(`the other ID-card services (${language})`, () => {
    test(`renew: a card inside the renewal window, paid, receipt printed; a card outside the window is refused`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await openWithCard(page, sim, { language, service: 'renew-id-card', profile: 'valid-adult', pin: null });
      await expect(page.getByTestId('message-body')).toContainText(language === 'ar' ? 'لا يمكن تجديد' : 'cannot be renewed yet');
      await c.continue();
      await sim.takeCard();
      await expect(c.screen('menu')).toBeVisible();

      await c.openService('renew-id-card');
      await sim.action('card-reader', 'insertCard', { profile: 'card-expiring-soon' });
      await padEntry(page, 'pin', '1234');
      await expect(page.getByTestId('review')).toBeVisible();
      await c.continue();
      await page.getByTestId('pay-card').click();
      await expect(page.getByTestId('take-card-prompt')).toBeVisible({ timeout: 30_000 });
      expect((await sim.state('receipt-printer')).artifacts).toContain('last-receipt.png');
      await sim.takeCard();
      await finish(page, c);
      expect((await sim.state('gateway')).applications).toBe(1);
    });

    test(`update contact: the new mobile is confirmed by an SMS code; wrong codes are counted`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await openWithCard(page, sim, { language, service: 'update-contact', profile: 'valid-adult' });
      await c.typeOnScreen('mobile', '36001234');
      await c.continue();
      await expect(page.locator('[data-step-kind="otp"]')).toBeVisible();
      await expectNoAxeViolations(page, `otp (${language})`);
      const code = await latestCode(page, sim);
      const wrong = code === '000000' ? '111111' : '000000';
      await padEntry(page, 'otp', wrong);
      await expect(page.getByTestId('otp-error')).toBeVisible();
      await screenshot(page, `service-otp-wrong-${language}`);
      await padEntry(page, 'otp', code);
      await expect(page.getByTestId('review')).toContainText(language === 'ar' ? '٣٦٠٠١٢٣٤' : '36001234');
      await c.continue();
      await expect(page.getByTestId('take-card-prompt')).toBeVisible({ timeout: 30_000 });
      await sim.takeCard();
      await finish(page, c);
    });

    test(`ID data statement: printed on the A4 printer`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await openWithCard(page, sim, { language, service: 'id-data-statement', profile: 'valid-adult' });
      await expect(page.getByTestId('review')).toBeVisible();
      await screenshot(page, `service-statement-review-${language}`);
      await c.continue();
      await expect(page.getByTestId('take-card-prompt')).toBeVisible({ timeout: 30_000 });
      expect(Number((await sim.state('document-printer')).pagesPrinted)).toBeGreaterThan(0);
      await sim.takeCard();
      await finish(page, c);
    });

    test(`replace a lost card: no card, identity by an SMS code, paid by card`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await c.startAndChoose(language);
      await c.openService('replace-id-card');
      await page.getByTestId('option-lost').click();
      await c.typeOnScreen('cpr', '999000001');
      await c.typeOnScreen('mobile', '30000001');
      await c.continue();
      await padEntry(page, 'otp', await latestCode(page, sim));
      await expect(page.getByTestId('review')).toBeVisible();
      await c.continue();
      await page.getByTestId('pay-card').click();
      await finish(page, c);
      expect((await sim.state('gateway')).applications).toBe(1);
    });
  });
}

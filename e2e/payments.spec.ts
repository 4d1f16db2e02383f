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
  test.describe(`paid services (${language})`, () => {
    test(`chip update (BD 1): pay by card on the terminal, chip written, receipt printed, card back`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await c.startAndChoose(language);
      await expect(page.getByTestId('service-update-card-chip')).toContainText(language === 'ar' ? '١٫٠٠٠' : 'BD 1.000');
      await c.openService('update-card-chip');
      await sim.action('card-reader', 'insertCard', { profile: 'valid-adult' });
      await enterPin(page, '1234');
      await expect(page.getByTestId('review')).toBeVisible();
      await c.continue();
      await expect(page.getByTestId('pay-amount')).toContainText(language === 'ar' ? '١٫٠٠٠' : 'BD 1.000');
      await expectNoAxeViolations(page, `pay (${language})`);
      await screenshot(page, `pay-choose-${language}`);
      await page.getByTestId('pay-card').click();
      await expect(page.getByTestId('take-card-prompt')).toBeVisible({ timeout: 30_000 });
      const terminal = await sim.state('payment-terminal');
      expect(JSON.stringify(terminal.ledger)).toContain('1000');
      const printer = await sim.state('receipt-printer');
      expect(printer.artifacts).toContain('last-receipt.png');
      await sim.takeCard();
      await expect(page.locator('[data-step-kind="rating"]')).toBeVisible();
      await page.getByTestId('btn-rating-skip').click();
      await expect(page.getByTestId('message-body')).toBeVisible();
      expect((await sim.state('gateway')).applications).toBe(1);
      const receipt = await fetch(`${kiosk.simulators!.controlUrl}/api/simulators/receipt-printer/artifacts/last-receipt.png`, { headers: { 'x-control-token': kiosk.simulators!.controlToken } });
      const { writeFileSync, mkdirSync } = await import('node:fs');
      mkdirSync('artifacts/receipts', { recursive: true });
      writeFileSync(`artifacts/receipts/chip-update-${language}.png`, Buffer.from(await receipt.arrayBuffer()));
    });

    test(`a declined card is explained and QR payment works instead`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      const sim = simulators(kiosk);
      await openWithCard(page, sim, { language, service: 'update-card-chip', profile: 'valid-adult' });
      await c.continue();
      await sim.action('payment-terminal', 'customer', { behaviour: 'insufficientFunds' });
      await page.getByTestId('pay-card').click();
      await expect(page.getByTestId('pay-error')).toContainText(language === 'ar' ? 'الرصيد غير كافٍ' : 'not enough money');
      await screenshot(page, `pay-declined-${language}`);
      await page.getByTestId('pay-qr').click();
      await expect(page.locator('svg.qr')).toBeVisible();
      await sim.action('gateway', 'payQr');
      // The kiosk polls the QR payment on its clock (the tests' manual clock): move it to the next poll.
      await kiosk.advanceClock(2000);
      await expect(page.getByTestId('take-card-prompt')).toBeVisible({ timeout: 30_000 });
      await sim.takeCard();
      expect((await sim.state('gateway')).applications).toBe(1);
    });
  });
}

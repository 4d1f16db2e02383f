import { test, expect } from './support/fixtures.ts';
import { citizen } from './support/citizen.ts';
import { screenshot } from './support/fixtures.ts';

test.use({ kioskConfig: { paths: { services: 'resources/services' } } });

/** QA's control panel, driven by a person in a real browser beside the kiosk. */
test('the control panel shows every simulated device live and drives the kiosk: insert a card, inject a fault', async ({ kioskPage: page, kiosk, browser }) => {
  const panelContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const panel = await panelContext.newPage();
  await panel.goto(kiosk.simulators!.panelUrl);
  for (const id of ['card-reader', 'payment-terminal', 'gateway', 'fingerprint', 'scanner', 'keypad', 'document-printer']) {
    await expect(panel.locator(`section[data-simulator="${id}"]`)).toBeVisible();
  }
  await expect(panel.getByRole('status').first()).toContainText('live');

  const c = citizen(page);
  await c.startAndChoose('en');
  await c.openService('update-address');
  await expect(page.getByTestId('insert-card-prompt')).toBeVisible();

  // The person types the profile and presses "insertCard" on the panel.
  const reader = panel.locator('section[data-simulator="card-reader"]');
  await reader.locator('button[data-action="insertCard"] + input').fill('{"profile":"valid-adult"}');
  await reader.locator('button[data-action="insertCard"]').click();
  await expect(page.locator('[data-step-kind="pin"]')).toBeVisible();
  await expect(reader.locator('dd[data-state="slot"]')).not.toHaveText('"empty"');

  // A fault set on the panel shows in the device's live state.
  await panel.getByTestId('fault-payment-terminal').selectOption('no-answer');
  await expect(panel.locator('section[data-simulator="payment-terminal"] dd[data-state="fault"]')).toHaveText('no-answer');
  await screenshot(panel, 'control-panel');
  await panelContext.close();
});

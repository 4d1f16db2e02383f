import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshot } from './support/fixtures.ts';
import { simulators } from './support/simulators.ts';
import type { Language } from '../electron/contract/index.ts';

/**
 * The kiosk without the touchscreen (DESIGN §6): a citizen who cannot see or
 * reach the screen uses the tactile keypad — through its simulator, its HID
 * driver and the core — to start, choose a language and a service, type the
 * card PIN, open help and go back. Nothing is touched on the screen here.
 */
test.use({ kioskConfig: { paths: { services: 'resources/services' } } });

const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/** Press arrow keys until the control is focused (the order of controls is the screen's reading order). */
async function navigateTo(page: Page, press: (key: string) => Promise<void>, testId: string, key = 'down') {
  for (let i = 0; i < 25; i++) {
    if ((await focused(page)) === testId) return;
    await press(key);
    await expect.poll(() => focused(page)).not.toBeNull();
  }
  throw new Error(`keypad navigation never reached ${testId}; focus is on ${await focused(page)}`);
}

for (const language of ['en', 'ar'] as Language[]) {
  test(`keypad only (${language}): start, language, a service, the card PIN on the keypad, help, cancel`, async ({ kioskPage: page, kiosk }) => {
    const sim = simulators(kiosk);
    let presses = 0;
    // A press holds the key for 80 ms; the same key again within that time would be one long press, not two.
    const press = async (key: string) => {
      presses += 1;
      await sim.action('keypad', 'press', { key });
      await page.waitForTimeout(120);
    };
    await expect(page.getByTestId('screen-attract')).toBeVisible();
    await press('enter');
    await expect(page.getByTestId('screen-language')).toBeVisible();
    await navigateTo(page, press, `lang-${language}`);
    await expect(page.locator('html')).toHaveAttribute('data-input', 'keypad');
    await screenshot(page, `keypad-language-focus-${language}`);
    await press('enter');
    await expect(page.getByTestId('screen-menu')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await navigateTo(page, press, 'service-update-address');
    await expectNoAxeViolations(page, `menu with keypad focus (${language})`);
    await press('enter');
    await expect(page.getByTestId('insert-card-prompt')).toBeVisible();
    await sim.action('card-reader', 'insertCard', { profile: 'valid-adult' });
    await expect(page.getByTestId('pin-step')).toHaveAttribute('data-mode', 'verify', { timeout: 15_000 });
    for (const digit of '1234') await press(digit);
    await expect(page.locator('.pin__dot--filled')).toHaveCount(4);
    await press('enter');
    // The PIN was right: the kiosk moves on to the address form.
    await expect(page.getByTestId('field-building')).toBeVisible({ timeout: 15_000 });
    await press('help');
    await expect(page.getByTestId('help-dialog')).toBeVisible();
    await press('cancel');
    await expect(page.getByTestId('help-dialog')).toHaveCount(0);
    await press('cancel');
    // Cancel on a service: the card comes back and the citizen is asked to take it.
    await expect(page.getByTestId('take-card-prompt')).toBeVisible({ timeout: 15_000 });
    await screenshot(page, `keypad-cancelled-${language}`);
    // Every step above was a key on the keypad; the screen was never touched.
    expect((await sim.state('keypad')).presses).toBe(presses);
  });
}

test('with headphones in the keypad the kiosk speaks each screen and the focused control in the citizen\'s language, and a PIN only as "digit entered" (Arabic)', async ({ kioskPage: page, kiosk }) => {
  const sim = simulators(kiosk);
  const press = async (key: string) => {
    await sim.action('keypad', 'press', { key });
    await page.waitForTimeout(120);
  };
  const said = async () => (await kiosk.hook<{ utterances: { text: string; language: string }[] }>('speech')).utterances;
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  // Nothing is said without headphones: the screen could hold someone's name.
  await press('down');
  expect(await said()).toEqual([]);
  await sim.action('keypad', 'plugHeadphones', { plugged: true });
  await expect.poll(async () => (await said()).length, { timeout: 10_000 }).toBeGreaterThan(0);
  await press('enter');
  await expect(page.getByTestId('screen-language')).toBeVisible();
  await expect.poll(async () => (await said()).map((u) => u.text).join(' / ')).toContain('اختر لغتك');
  await navigateTo(page, press, 'lang-ar');
  await expect.poll(async () => (await said()).at(-1)?.text).toContain('العربية');
  await press('enter');
  await expect(page.getByTestId('screen-menu')).toBeVisible();
  await navigateTo(page, press, 'service-update-address');
  await press('enter');
  await sim.action('card-reader', 'insertCard', { profile: 'valid-adult' });
  await expect(page.getByTestId('pin-step')).toHaveAttribute('data-mode', 'verify', { timeout: 15_000 });
  // The PIN screen is announced first (its words come from the page once it has rendered).
  await expect.poll(async () => (await said()).at(-1)?.text).toContain('الرقم السري');
  for (const digit of '1234') await press(digit);
  await expect(page.locator('.pin__dot--filled')).toHaveCount(4);
  await expect.poll(async () => (await said()).slice(-4).map((u) => u.text)).toEqual(Array(4).fill('أُدخل رقم'));
  const utterances = await said();
  expect(utterances.every((u) => u.language === 'ar')).toBe(true);
  expect(JSON.stringify(utterances)).not.toMatch(/1234|"1"|"2"|"3"|"4"/);
  // Headphones out: silence again.
  await sim.action('keypad', 'plugHeadphones', { plugged: false });
  const count = (await said()).length;
  await press('down');
  await page.waitForTimeout(300);
  expect((await said()).length).toBe(count);
});


import { test as base, expect, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startKiosk, type KioskProcess } from './kiosk-process.ts';

export { expect };

/** A kiosk core process per test, and the page opened on it as the shell would. */
export const test = base.extend<{ kioskConfig: Record<string, unknown>; kiosk: KioskProcess; kioskPage: Page }>({
  /** Local configuration override for the kiosk under test (`test.use({ kioskConfig })`). */
  kioskConfig: [{}, { option: true }],
  kiosk: async ({ kioskConfig }, use) => {
    const kiosk = await startKiosk({ config: kioskConfig });
    await use(kiosk);
    await kiosk.stop();
  },
  kioskPage: async ({ browser, kiosk }, use) => {
    // A context (not browser.newPage) so axe can inject into it.
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    await page.goto(kiosk.url);
    await use(page);
    await context.close();
  },
});

/** axe-core on the current screen: WCAG 2.1 AA, zero violations allowed. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Screenshots of every screen are test artefacts: open them and look. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(ROOT, 'artifacts/screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

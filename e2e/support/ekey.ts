import { expect, type Page } from '@playwright/test';

/** Types on the password keyboard, using shift (one-shot) for capitals, as a citizen would. */
export async function typePassword(page: Page, field: 'new' | 'confirm', text: string): Promise<void> {
  await page.getByTestId(`password-${field}`).click();
  for (const ch of text) {
    const upper = ch !== ch.toLowerCase();
    if (upper) await page.getByTestId('osk-shift').click();
    await page.locator(`[data-testid="osk-key"][data-key="${ch}"]`).click();
  }
  await expect(page.getByTestId(`password-${field}`)).toHaveValue(text);
}

/** Both entries, then Continue. */
export async function choosePassword(page: Page, text: string, confirm = text): Promise<void> {
  await expect(page.locator('[data-step-kind="password"]')).toBeVisible({ timeout: 15_000 });
  await typePassword(page, 'new', text);
  await typePassword(page, 'confirm', confirm);
  await page.getByTestId('password-continue').click();
}

import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { toArabicIndicDigits, type Language } from '../../electron/contract/index.ts';

/** What a citizen does, as page actions, so specs read like the journey. */
export function citizen(page: Page) {
  const byTestId = (id: string) => page.getByTestId(id);
  return {
    screen: (name: string) => byTestId(`screen-${name}`),
    async startAndChoose(language: Language) {
      await expect(byTestId('screen-attract')).toBeVisible();
      await byTestId('screen-attract').click();
      await expect(byTestId('screen-language')).toBeVisible();
      await byTestId(`lang-${language}`).click();
      await expect(byTestId('screen-menu')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
    },
    async openService(id: string) {
      await byTestId(`service-${id}`).click();
      await expect(byTestId('screen-step')).toBeVisible();
    },
    async continue() {
      await byTestId('btn-continue').click();
    },
    /** Types digits on the PIN pad (PIN or SMS code) and confirms. */
    async padEntry(kind: 'pin' | 'otp', digits: string) {
      await expect(page.locator(`[data-step-kind="${kind}"]`)).toBeVisible();
      for (const digit of digits) await page.locator(`[data-testid="pin-key"][data-key="${digit}"]`).click();
      await page.getByTestId('btn-continue').click();
    },
    /** Types on the on-screen keyboard, key by key. */
    async typeOnScreen(fieldId: string, text: string) {
      await byTestId(`field-${fieldId}`).click();
      const keyboard = byTestId('osk');
      await expect(keyboard).toBeVisible();
      for (const ch of text) {
        if (ch === ' ') await byTestId('osk-space').click();
        else await keyboard.locator(`[data-testid="osk-key"][data-key="${ch}"]`).click();
      }
      // Digits are shown the citizen's way: Arabic-Indic on an Arabic screen.
      const arabic = (await page.locator('html').getAttribute('lang')) === 'ar';
      const shown = arabic ? toArabicIndicDigits(text) : text;
      await expect(byTestId(`field-${fieldId}`)).toHaveValue(shown);
    },
  };
}

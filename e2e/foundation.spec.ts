import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, expectNoAxeViolations, screenshot } from './support/fixtures.ts';
import { citizen } from './support/citizen.ts';
import type { Language } from '../electron/contract/index.ts';

const LANGUAGES: { language: Language; dir: 'rtl' | 'ltr'; nickname: string }[] = [
  { language: 'ar', dir: 'rtl', nickname: 'سارة' },
  { language: 'en', dir: 'ltr', nickname: 'tester' },
];

for (const { language, dir, nickname } of LANGUAGES) {
  test.describe(`citizen journey in ${language}`, () => {
    test(`attract → language → menu → practice service, mirrored ${dir}, every screen accessible`, async ({ kioskPage: page }) => {
      const c = citizen(page);
      await expect(c.screen('attract')).toBeVisible();
      await expectNoAxeViolations(page, `attract (${language})`);
      await screenshot(page, `attract-${language}`);

      await c.screen('attract').click();
      await expect(c.screen('language')).toBeVisible();
      await expectNoAxeViolations(page, `language (${language})`);
      await screenshot(page, `language-${language}`);

      await page.getByTestId(`lang-${language}`).click();
      await expect(c.screen('menu')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('dir', dir);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.getByTestId('service-practice-form')).toBeVisible();
      await expectNoAxeViolations(page, `menu (${language})`);
      await screenshot(page, `menu-${language}`);

      await c.openService('practice-form');
      await expect(page.getByTestId('progress')).toContainText(language === 'ar' ? '١' : '1');
      // Mirroring: "back" sits at the inline start — right in Arabic, left in English.
      const back = await page.getByTestId('btn-back').boundingBox();
      const width = page.viewportSize()!.width;
      expect(back).not.toBeNull();
      if (dir === 'rtl') expect(back!.x + back!.width / 2).toBeGreaterThan(width / 2);
      else expect(back!.x + back!.width / 2).toBeLessThan(width / 2);
      await expectNoAxeViolations(page, `info step (${language})`);
      await screenshot(page, `step-info-${language}`);

      await page.getByTestId('btn-help').click();
      await expect(page.getByTestId('help-dialog')).toBeVisible();
      await expectNoAxeViolations(page, `help (${language})`);
      await screenshot(page, `help-${language}`);
      await page.getByTestId('btn-close-help').click();
      await expect(page.getByTestId('help-dialog')).toBeHidden();

      await c.continue();
      await expect(page.getByTestId('field-nickname')).toBeVisible();
      await c.typeOnScreen('nickname', nickname);
      await c.typeOnScreen('mobile', '123');
      await expectNoAxeViolations(page, `form with keyboard (${language})`);
      await screenshot(page, `step-form-keyboard-${language}`);
      await c.continue();
      await expect(page.getByTestId('field-error-mobile')).toBeVisible();
      await expect(page.getByTestId('field-error-mobile')).toContainText(language === 'ar' ? 'بحريني' : 'Bahraini');
      await expectNoAxeViolations(page, `form error (${language})`);
      await screenshot(page, `step-form-error-${language}`);

      await page.getByTestId('field-mobile').click();
      for (let i = 0; i < 3; i++) await page.getByTestId('osk-backspace').click();
      await c.typeOnScreen('mobile', '36123456');
      await c.continue();
      await expect(page.getByTestId('message-body')).toBeVisible();
      await expectNoAxeViolations(page, `done (${language})`);
      await screenshot(page, `step-done-${language}`);
      await c.continue();
      await expect(c.screen('menu')).toBeVisible();
    });

    test(`idle warning, "I need more time", then a full wipe (${language})`, async ({ kioskPage: page, kiosk }) => {
      const c = citizen(page);
      await c.startAndChoose(language);
      await c.openService('practice-form');
      await c.continue();
      await c.typeOnScreen('nickname', nickname);
      await page.evaluate(() => {
        // Whatever a page might have stored must be gone after the wipe.
        localStorage.setItem('probe', 'left-behind');
        sessionStorage.setItem('probe', 'left-behind');
      });

      await kiosk.advanceClock(60_000);
      await expect(page.getByTestId('idle-warning')).toBeVisible();
      await expect(page.getByTestId('idle-seconds')).toContainText(language === 'ar' ? '٣٠' : '30');
      await kiosk.advanceClock(5_000);
      await expect(page.getByTestId('idle-seconds')).toContainText(language === 'ar' ? '٢٥' : '25');
      await expectNoAxeViolations(page, `idle warning (${language})`);
      await screenshot(page, `idle-warning-${language}`);
      await page.getByTestId('btn-more-time').click();
      await expect(page.getByTestId('idle-warning')).toBeHidden();
      await expect(page.getByTestId('field-nickname')).toHaveValue(nickname);

      await kiosk.advanceClock(60_000 + 30_000);
      await expect(c.screen('attract')).toBeVisible();
      const html = await page.content();
      expect(html).not.toContain(nickname);
      const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
      expect(storage).toEqual({ local: 0, session: 0 });
      const { sessions } = await kiosk.hook<{ sessions: unknown[] }>('sessions');
      expect(sessions).toEqual([]);
      expect(kiosk.logs()).toContain('idle-timeout');
    });
  });
}

test('out-of-service screen is shown in the citizen language and refuses to start', async ({ kioskPage: page, kiosk }) => {
  await kiosk.hook('out-of-service', { reason: 'technician' });
  await expect(page.getByTestId('screen-out-of-service')).toBeVisible();
  await expect(page.getByTestId('screen-out-of-service')).toContainText('out of service');
  await expect(page.getByTestId('screen-out-of-service')).toContainText('خارج الخدمة');
  await expectNoAxeViolations(page, 'out of service');
  await screenshot(page, 'out-of-service');
  await kiosk.hook('out-of-service', { reason: null });
  await expect(page.getByTestId('screen-attract')).toBeVisible();
});

test('the page cannot skip a step: the core refuses an intent for a step not on screen', async ({ kioskPage: page }) => {
  const c = citizen(page);
  await c.startAndChoose('en');
  await c.openService('practice-form');
  const result = await page.evaluate(() => window.kiosk.send({ type: 'submitStep', stepId: 'finished', values: {} }));
  expect(result).toMatchObject({ ok: false, code: 'refused' });
  await expect(page.getByTestId('btn-continue')).toBeVisible();
  await expect(page.getByTestId('message-body')).toHaveCount(0);
});

test.describe('bridge security', () => {
  test('a page with a wrong token gets no kiosk and no crash', async ({ browser, kiosk }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(kiosk.url.replace(/#token=.*/, '#token=not-the-token'));
    await expect(page.getByTestId('bridge-reconnecting')).toBeVisible();
    await expect(page.getByTestId('screen-attract')).toHaveCount(0);
    expect(kiosk.logs()).toContain('bad token');
    await context.close();
  });

  test('a foreign origin cannot open the bridge even with the token', async ({ browser, kiosk }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Another local web page (another port = another origin) tries the bridge with a stolen token.
    const other = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>elsewhere</title>'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      `${kiosk.origin.replace('http', 'ws')}/bridge?token=${kiosk.token}`,
    );
    expect(outcome).toBe('refused');
    expect(kiosk.logs()).toContain('foreign origin');
    await context.close();
    other.close();
  });

  test('malformed messages from the page are refused and the kiosk keeps working', async ({ kioskPage: page, kiosk }) => {
    await expect(page.getByTestId('screen-attract')).toBeVisible();
    const refusals = await page.evaluate(
      (url) =>
        new Promise<number>((resolve) => {
          const ws = new WebSocket(url);
          let refused = 0;
          ws.onmessage = (event) => {
            if (JSON.parse(String(event.data)).type === 'refused') refused += 1;
            if (refused === 3) resolve(refused);
          };
          ws.onopen = () => {
            ws.send('}{');
            ws.send(JSON.stringify({ type: 'intent', id: 1, intent: { type: 'skipPayment' } }));
            ws.send(JSON.stringify({ type: 'intent', id: 2, intent: { type: 'selectService', serviceId: 'x'.repeat(5000) } }));
          };
          setTimeout(() => resolve(refused), 5000);
        }),
      `${kiosk.origin.replace('http', 'ws')}/bridge?token=${kiosk.token}`,
    );
    expect(refusals).toBe(3);
    await page.getByTestId('screen-attract').click();
    await expect(page.getByTestId('screen-language')).toBeVisible();
    expect(kiosk.process.exitCode).toBeNull();
  });
});

import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium.ts';

/**
 * End-to-end tests drive the kiosk exactly as a citizen does, through the
 * browser shell and the system Chromium (Playwright cannot download its own
 * browsers here). Each test starts its own kiosk core process.
 */
/** Where results go; several sessions testing one checkout at once each set their own (E2E_OUT=/tmp/…). */
const out = process.env.E2E_OUT ?? 'artifacts';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: `${out}/e2e-results`,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: `${out}/e2e-report`, open: 'never' }]],
  use: {
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1080, height: 1920 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});

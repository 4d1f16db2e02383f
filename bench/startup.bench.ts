import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/support/chromium.ts';
import { ROOT, startKiosk } from '../e2e/support/kiosk-process.ts';
import { median, type BenchRow } from './stats.ts';

const RUNS = 5;

/** Cold start of the whole kiosk: core process up, Chromium up, attract screen interactive. */
async function kioskColdStartMs(): Promise<number> {
  const t0 = performance.now();
  const kiosk = await startKiosk({ config: { testing: { hooks: false, manualClock: false } } });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(kiosk.url);
    await page.getByTestId('screen-attract').waitFor({ state: 'visible' });
    return performance.now() - t0;
  } finally {
    await browser.close();
    await kiosk.stop();
  }
}

/** The floor: the same Chromium opening about:blank. */
async function bareChromiumMs(): Promise<number> {
  const t0 = performance.now();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.goto('about:blank');
    return performance.now() - t0;
  } finally {
    await browser.close();
  }
}

function bundleSizes(): { raw: number; gzip: number } {
  const dir = join(ROOT, 'dist/renderer/assets');
  let raw = 0;
  let gzip = 0;
  for (const name of readdirSync(dir)) {
    if (!/\.(js|css)$/.test(name)) continue;
    const file = join(dir, name);
    raw += statSync(file).size;
    gzip += gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return { raw, gzip };
}

export async function startupBench(): Promise<BenchRow[]> {
  const kiosk: number[] = [];
  const bare: number[] = [];
  // Interleave so machine noise hits both series alike.
  for (let i = 0; i < RUNS; i++) {
    bare.push(await bareChromiumMs());
    kiosk.push(await kioskColdStartMs());
  }
  const bareMedian = median(bare);
  const kioskMedian = median(kiosk);
  const sizes = bundleSizes();
  return [
    { name: 'bare Chromium → about:blank', value: bareMedian, unit: 'ms', samples: RUNS },
    { name: 'kiosk cold start → interactive attract (browser shell)', value: kioskMedian, unit: 'ms', samples: RUNS, ratio: { value: kioskMedian / bareMedian, against: 'bare Chromium' } },
    { name: 'renderer bundle (JS + CSS), raw', value: sizes.raw / 1024, unit: 'KiB' },
    { name: 'renderer bundle (JS + CSS), gzip -9', value: sizes.gzip / 1024, unit: 'KiB', ratio: { value: sizes.gzip / sizes.raw, against: 'raw' } },
  ];
}

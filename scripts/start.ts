import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { electronBinaryAvailable } from '../electron/shell/electron-availability.ts';
import { reportStartupFailure, runBrowserShell } from '../electron/browser-shell/main.ts';

/**
 * `npm start`: the kiosk with simulated hardware. Uses the Electron shell
 * where its binary is installed, the browser shell (system Chromium)
 * otherwise, and says which.
 */
const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const forced = process.env.KIOSK_SHELL;
const electron = electronBinaryAvailable();

if (forced !== 'browser' && electron.available) {
  console.log('Khidma Kiosk: starting the Electron shell.');
  const electronBin = join(ROOT, 'node_modules/.bin/electron');
  if (!existsSync(join(ROOT, 'dist/electron/shell/main.js'))) {
    console.error('Khidma Kiosk: the Electron build is missing; run `npm run build:electron` first.');
    process.exit(2);
  }
  const child = spawn(electronBin, ['.', ...args], { cwd: ROOT, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  console.log(`Khidma Kiosk: starting the browser shell (${forced === 'browser' ? 'KIOSK_SHELL=browser' : electron.reason}).`);
  runBrowserShell(['--root', ROOT, ...args]).catch(reportStartupFailure);
}

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Can the Electron shell run here? Answered by looking at files only:
 * `require('electron')` would try to download the binary (which fails on
 * machines without access to its download host), so this module never
 * imports 'electron'. It mirrors how node_modules/electron/index.js finds
 * the executable: ELECTRON_OVERRIDE_DIST_PATH first, else dist/ + the
 * name in path.txt (written by the package's install step after a download).
 */
export interface ElectronAvailability {
  available: boolean;
  reason: string;
}

export function electronBinaryAvailable(
  options: { packageDir?: string | null; env?: Readonly<Record<string, string | undefined>> } = {},
): ElectronAvailability {
  const env = options.env ?? process.env;
  const packageDir = options.packageDir === undefined ? findElectronPackage() : options.packageDir;
  const pathFile = packageDir ? join(packageDir, 'path.txt') : null;
  const executableName = pathFile && existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;

  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, executableName || 'electron');
    return existsSync(binary)
      ? { available: true, reason: `Electron binary at ${binary} (ELECTRON_OVERRIDE_DIST_PATH)` }
      : { available: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${binary} does not exist` };
  }
  if (!packageDir) return { available: false, reason: 'the electron package is not installed' };
  if (!executableName) {
    return { available: false, reason: 'the electron package has no binary (its download did not happen; set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron)' };
  }
  const binary = join(packageDir, 'dist', executableName);
  return existsSync(binary)
    ? { available: true, reason: `Electron binary at ${binary}` }
    : { available: false, reason: `the electron package names ${binary}, which does not exist` };
}

/** The installed electron package's folder, found without running its index.js. */
function findElectronPackage(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Proves the layering check can fail: writes files that break each rule into
 * a probe folder of each layer, runs dependency-cruiser on them with the
 * project's config and expects every rule to be reported.
 */
const ROOT = resolve(import.meta.dirname, '..');
const PROBES: Record<string, string> = {
  'renderer/src/__layering_probe__/uses-node.ts': "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n",
  'renderer/src/__layering_probe__/uses-core.ts': "import { startKioskCore } from '../../../electron/core/start-core.ts';\nexport const probe = startKioskCore;\n",
  'renderer/src/__layering_probe__/uses-electron.ts': "import { ipcRenderer } from 'electron';\nexport const probe = ipcRenderer;\n",
  'electron/core/__layering_probe__/uses-electron.ts': "import { app } from 'electron';\nexport const probe = app;\n",
  'electron/contract/__layering_probe__/uses-node.ts': "import { createHash } from 'node:crypto';\nexport const probe = createHash;\n",
  'electron/devices/__layering_probe__/codec.ts': "import { SerialPort } from 'serialport';\nimport { writeFileSync } from 'node:fs';\nexport const probe = [SerialPort, writeFileSync];\n",
};

afterAll(() => {
  for (const dir of ['renderer/src/__layering_probe__', 'electron/core/__layering_probe__', 'electron/contract/__layering_probe__', 'electron/devices/__layering_probe__']) {
    rmSync(join(ROOT, dir), { recursive: true, force: true });
  }
});

describe('layering check', () => {
  it('reports every forbidden import', () => {
    for (const [file, content] of Object.entries(PROBES)) {
      mkdirSync(dirname(join(ROOT, file)), { recursive: true });
      writeFileSync(join(ROOT, file), content);
    }
    let output = '';
    let failed = false;
    try {
      execFileSync(join(ROOT, 'node_modules/.bin/depcruise'), ['--config', '.dependency-cruiser.cjs', ...Object.keys(PROBES)], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      failed = true;
      output = String((error as { stdout?: string }).stdout ?? '');
    }
    expect(failed).toBe(true);
    for (const rule of ['renderer-no-node', 'renderer-only-contract', 'renderer-no-electron', 'only-shell-imports-electron', 'contract-is-node-free', 'codecs-are-pure']) {
      expect(output, rule).toContain(rule);
    }
    expect(output).toMatch(/codecs-are-pure: electron\/devices\/__layering_probe__\/codec\.ts → node_modules\/serialport/);
  });
});

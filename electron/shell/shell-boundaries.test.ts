import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The shell's logic is unit-tested without Electron because only two files
 * load 'electron' at run time: main.ts (the wiring) and preload.cts. Every
 * other module may import Electron's types, never its values.
 */
const dir = new URL('./', import.meta.url);
const sources = readdirSync(dir).filter((name) => /\.c?ts$/.test(name) && !name.endsWith('.test.ts'));
const VALUE_IMPORT = /^\s*import\s+(?!type\s)[^;]*?\sfrom\s+['"]electron(\/[a-z]+)?['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/m;

describe('electron/shell boundaries', () => {
  it('finds the shell sources', () => {
    expect(sources).toContain('main.ts');
    expect(sources).toContain('watchdog.ts');
  });

  it.each(sources)('%s loads electron at run time only if it is main.ts or preload.cts', (name) => {
    // Comments may mention require('electron'); only code counts.
    const source = readFileSync(new URL(name, dir), 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\*|\/\*|\/\/)/.test(line))
      .join('\n');
    expect(VALUE_IMPORT.test(source)).toBe(name === 'main.ts' || name === 'preload.cts');
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.ts';
import { PROJECT_ROOT } from '../testing/core-fixture.ts';
import { configFields, saveConfig } from './config-editor.ts';

const DEFAULTS = resolve(PROJECT_ROOT, 'resources/config/default.json');

function setup() {
  const override = join(mkdtempSync(join(tmpdir(), 'machine-')), 'kiosk.local.json');
  writeFileSync(override, JSON.stringify({ kiosk: { id: 'KIOSK-TEST-07' } }));
  const { config } = loadConfig(DEFAULTS, override);
  return { override, config };
}

describe('supervisor configuration edits', () => {
  it('a valid change is written to the machine file (kept with what was there) and applied to the next citizen; the next start reads it', () => {
    const t = setup();
    const result = saveConfig({ 'idle.warningAfterSeconds': 90, 'settlement.dailyAt': '22:45' }, { defaults: DEFAULTS, override: t.override }, t.config);
    expect(result).toEqual({ ok: true, restartNeeded: false, changed: ['idle.warningAfterSeconds', 'settlement.dailyAt'] });
    expect(t.config.idle.warningAfterSeconds).toBe(90);
    expect(t.config.settlement.dailyAt).toBe('22:45');
    expect(JSON.parse(readFileSync(t.override, 'utf8'))).toEqual({ kiosk: { id: 'KIOSK-TEST-07' }, idle: { warningAfterSeconds: 90 }, settlement: { dailyAt: '22:45' } });
    const next = loadConfig(DEFAULTS, t.override).config;
    expect([next.idle.warningAfterSeconds, next.settlement.dailyAt, next.kiosk.id]).toEqual([90, '22:45', 'KIOSK-TEST-07']);
  });

  it('an invalid value is refused with a message on its field in both languages, and nothing is written or applied', () => {
    const t = setup();
    const before = readFileSync(t.override, 'utf8');
    const result = saveConfig({ 'idle.answerWithinSeconds': 5, 'settlement.dailyAt': '25:00' }, { defaults: DEFAULTS, override: t.override }, t.config);
    expect(result.ok).toBe(false);
    const errors = (result as { errors: Record<string, { ar: string; en: string }> }).errors;
    expect(errors['idle.answerWithinSeconds']?.en).toContain('at least 20 seconds');
    expect(errors['settlement.dailyAt']?.en).toContain('HH:MM');
    expect(errors['idle.answerWithinSeconds']?.ar).toContain('غير مقبولة');
    expect(readFileSync(t.override, 'utf8')).toBe(before);
    expect(t.config.idle.answerWithinSeconds).toBe(30);
    expect(configFields(t.config, errors).find((f) => f.key === 'idle.answerWithinSeconds')).toMatchObject({ value: 30, error: errors['idle.answerWithinSeconds'] });
  });

  it('settings outside the safe list cannot be changed from the screen', () => {
    const t = setup();
    expect(saveConfig({ 'gateway.mode': 'real' }, { defaults: DEFAULTS, override: t.override }, t.config)).toMatchObject({ ok: false, errors: { 'gateway.mode': { en: expect.stringContaining('cannot be changed') } } });
  });
});

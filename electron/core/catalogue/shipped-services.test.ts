import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServiceCatalogue } from './service-catalogue.ts';
import { STEP_KINDS } from './service-schema.ts';
import { createMemoryLogger } from '../testing/memory-logger.ts';

const SERVICES = resolve(import.meta.dirname, '../../../resources/services');

describe('the shipped service catalogue', () => {
  it('every service file in resources/services is valid (schema and state-table checks)', () => {
    const catalogue = loadServiceCatalogue({ directory: SERVICES, supportedStepKinds: new Set(STEP_KINDS), paymentsAvailable: true, logger: createMemoryLogger().logger });
    expect(catalogue.entries.map((e) => [e.file.split('/').at(-1), e.problem])).toEqual(catalogue.entries.map((e) => [e.file.split('/').at(-1), null]));
    expect(catalogue.available().map((s) => s.id)).toEqual([
      'renew-id-card',
      'replace-id-card',
      'update-address',
      'update-contact',
      'update-card-chip',
      'id-data-statement',
      'application-status',
      'reset-card-pin',
      'ekey-register',
      'ekey-upgrade',
      'ekey-reset-password',
      'ekey-unlock',
      'ekey-status',
    ]);
  });

  it('services with a fee stay disabled while payments are unavailable, never faked', () => {
    const catalogue = loadServiceCatalogue({ directory: SERVICES, supportedStepKinds: new Set(STEP_KINDS), paymentsAvailable: false, logger: createMemoryLogger().logger });
    const paid = catalogue.entries.filter((e) => e.service && e.service.feeFils > 0);
    expect(paid.length).toBeGreaterThan(0);
    for (const entry of paid) expect(entry).toMatchObject({ available: false, problem: 'has a fee and payments are not available' });
  });

  it('chip update costs BD 1 (1000 fils), from the catalogue', () => {
    const catalogue = loadServiceCatalogue({ directory: SERVICES, supportedStepKinds: new Set(STEP_KINDS), paymentsAvailable: true, logger: createMemoryLogger().logger });
    expect(catalogue.find('update-card-chip')?.feeFils).toBe(1000);
  });

  it('a broken service file disables only itself', async () => {
    const { mkdtempSync, cpSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(resolve(tmpdir(), 'services-'));
    cpSync(SERVICES, dir, { recursive: true });
    writeFileSync(resolve(dir, 'update-address.json'), '{ "id": "update-address", "steps": [');
    const log = createMemoryLogger();
    const catalogue = loadServiceCatalogue({ directory: dir, supportedStepKinds: new Set(STEP_KINDS), paymentsAvailable: true, logger: log.logger });
    expect(catalogue.available().map((s) => s.id)).not.toContain('update-address');
    expect(catalogue.available()).toHaveLength(12);
    expect(log.lines().some((l) => l.msg === 'service disabled' && String(l.problem).includes('not valid JSON'))).toBe(true);
  });
});

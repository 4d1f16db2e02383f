import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ViewModelSchema, type Intent } from '../../contract/index.ts';
import { createManualClock } from '../clock/clock.ts';
import { loadConfig } from '../config/load-config.ts';
import { openAuditLog } from '../audit/audit-log.ts';
import { loadServiceCatalogue } from '../catalogue/service-catalogue.ts';
import { SUPPORTED_STEP_KINDS } from '../flow/step-registry.ts';
import { unavailablePorts } from '../flow/unavailable-ports.ts';
import { openSqliteJournal } from '../journal/sqlite-journal-store.ts';
import { cprHasher } from '../journal/personal-data.ts';
import { KioskCore } from '../kiosk/kiosk-core.ts';
import { createMemoryLogger } from '../testing/memory-logger.ts';
import { FIXTURE_SERVICES, PROJECT_ROOT } from '../testing/core-fixture.ts';
import { fileLockoutStore } from './lockout-store.ts';
import { TechnicianMode } from './technician-mode.ts';
import { scriptedSections } from './testing/scripted-sections.ts';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tech-core-'));
  const { config } = loadConfig(resolve(PROJECT_ROOT, 'resources/config/default.json'), null);
  const clock = createManualClock();
  const log = createMemoryLogger();
  const audit = openAuditLog(join(dir, 'audit.log'), () => clock.now());
  let core: KioskCore | null = null;
  const technician = new TechnicianMode({
    config: config.technician,
    clock,
    logger: log.logger,
    audit,
    lockout: fileLockoutStore(join(dir, 'lockout.json'), () => clock.now(), 15 * 60_000),
    ...scriptedSections(),
    service: {
      state: () => ({ inService: core!.outOfServiceState() === null, automatic: false }),
      takeOut: (reason) => core!.setOutOfService('technician', reason),
      giveBack: () => core!.setOutOfService(null),
    },
    onChange: () => core!.refresh(),
  });
  const catalogue = loadServiceCatalogue({ directory: FIXTURE_SERVICES, supportedStepKinds: SUPPORTED_STEP_KINDS, paymentsAvailable: false, logger: log.logger });
  const journal = openSqliteJournal({ file: join(dir, 'journal.sqlite'), now: () => clock.now(), hashCpr: cprHasher(new Uint8Array(32)) });
  core = new KioskCore({ config, clock, catalogue, logger: log.logger, journal, ports: unavailablePorts(), capabilities: () => new Set(), technician });
  const views: unknown[] = [];
  core.subscribe((v) => views.push(v));
  const send = (intent: Intent) => core!.handle(intent);
  const gesture = () => (['top-start', 'top-end', 'bottom-end', 'bottom-start'] as const).forEach((corner) => send({ type: 'cornerTap', corner }));
  return { core, send, gesture, audit, views };
}

describe('technician mode inside the kiosk core', () => {
  it('opens from the attract screen, blocks citizens while open, and every view it emits fits the contract', () => {
    const k = setup();
    k.gesture();
    expect(k.core.view()).toMatchObject({ screen: 'technician', technician: { phase: 'login' } });
    expect(k.send({ type: 'start' })).toMatchObject({ ok: false });
    k.send({ type: 'technician', command: { command: 'login', pin: '246810' } });
    k.send({ type: 'setLanguage', language: 'en' });
    expect(k.core.view()).toMatchObject({ screen: 'technician', language: 'en', technician: { phase: 'open' } });
    k.send({ type: 'technician', command: { command: 'setOutOfService', reason: 'Maintenance' } });
    k.send({ type: 'technician', command: { command: 'exit' } });
    expect(k.core.view()).toMatchObject({ screen: 'out-of-service' });
    // From the out-of-service screen the technician can come back in.
    k.gesture();
    k.send({ type: 'technician', command: { command: 'login', pin: '246810' } });
    k.send({ type: 'technician', command: { command: 'returnToService' } });
    k.send({ type: 'technician', command: { command: 'exit' } });
    expect(k.core.view().screen).toBe('attract');
    for (const view of k.views) expect(ViewModelSchema.safeParse(view).success).toBe(true);
  });

  it('a citizen in session: corner taps are refused, the session goes on, and the attempt is audited', () => {
    const k = setup();
    k.send({ type: 'start' });
    k.gesture();
    expect(k.core.view().screen).toBe('language');
    expect(k.send({ type: 'cornerTap', corner: 'top-start' })).toMatchObject({ ok: false });
    expect(readFileSync(k.audit.file, 'utf8')).toContain('gesture-during-session');
  });
});

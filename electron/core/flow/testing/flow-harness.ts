import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { checkServiceDefinition } from '../../catalogue/service-checks.ts';
import { ServiceDefinitionSchema, type ServiceDefinition } from '../../catalogue/service-schema.ts';
import { createManualClock } from '../../clock/clock.ts';
import type { JournalStore } from '../../journal/journal-store.ts';
import { cprHasher } from '../../journal/personal-data.ts';
import { openSqliteJournal } from '../../journal/sqlite-journal-store.ts';
import { createMemoryLogger } from '../../testing/memory-logger.ts';
import { FlowRun, type FlowOutcome } from '../flow-run.ts';
import { fakePorts, settle } from './fake-ports.ts';

/**
 * One service run for a unit test: the flow runtime with scriptable ports
 * (fake-ports.ts), a manual clock, a memory log and a real journal in a
 * temporary directory — the same wiring the kiosk uses, minus the devices.
 */
const SHIPPED_SERVICES = resolve(import.meta.dirname, '../../../../resources/services');

const t = (en: string) => ({ ar: `ع ${en}`, en });

/** A service made of these steps (checked the way the catalogue checks a file). */
export function serviceOf(steps: unknown[], options: { id?: string; feeFils?: number } = {}): ServiceDefinition {
  const service = ServiceDefinitionSchema.parse({ id: options.id ?? 'svc', version: 1, title: t('Svc'), description: t('d'), help: t('h'), category: 'id-card', icon: 'i', feeFils: options.feeFils ?? 0, order: 1, steps });
  expect(checkServiceDefinition(service)).toEqual([]);
  return service;
}

/** A service as shipped in resources/services. */
export function shippedService(id: string): ServiceDefinition {
  const service = ServiceDefinitionSchema.parse(JSON.parse(readFileSync(join(SHIPPED_SERVICES, `${id}.json`), 'utf8')));
  expect(checkServiceDefinition(service)).toEqual([]);
  return service;
}

export interface FlowHarnessOptions {
  /** Script the ports before the run starts. */
  before?: (fake: ReturnType<typeof fakePorts>) => void;
  /** Another journal (a failing one) instead of a fresh SQLite file. */
  journal?: JournalStore;
  sessionId?: string;
  idempotencyKey?: string;
  clockStart?: number;
}

export function startFlow(service: ServiceDefinition, options: FlowHarnessOptions = {}) {
  const fake = fakePorts();
  options.before?.(fake);
  const clock = createManualClock(options.clockStart ?? Date.UTC(2026, 10, 23));
  const log = createMemoryLogger();
  const ended: FlowOutcome[] = [];
  let changes = 0;
  const journalFile = join(mkdtempSync(join(tmpdir(), 'flow-journal-')), 'journal.sqlite');
  const journal = options.journal ?? openSqliteJournal({ file: journalFile, now: () => clock.now(), hashCpr: cprHasher(new Uint8Array(32)) });
  const run = new FlowRun(service, {
    clock,
    logger: log.logger,
    ports: fake.ports,
    journal,
    settings: { renewalWindowDays: 180, minimumAgeAdvancedEkey: 15, cardTakeSeconds: 30 },
    language: () => 'en',
    kioskId: 'KIOSK-TEST-01',
    sessionId: options.sessionId ?? 'session-test',
    idempotencyKey: options.idempotencyKey ?? `${options.sessionId ?? 'session-test'}:${service.id}:run-0001`,
    onChange: () => (changes += 1),
    onEnd: (o) => ended.push(o),
  });
  run.start();
  const step = () => run.view().step;
  /** Answers the step on screen and lets the ports' promises settle. */
  const submit = async (values: Record<string, unknown> = {}) => {
    const result = run.submit(run.currentStep.id, values);
    await settle();
    return result;
  };
  return { run, fake, clock, log, ended, step, submit, journal, journalFile, changes: () => changes };
}

export type FlowHarness = ReturnType<typeof startFlow>;

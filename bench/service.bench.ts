import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { createSystemClock } from '../electron/core/clock/clock.ts';
import { ServiceDefinitionSchema } from '../electron/core/catalogue/service-schema.ts';
import { createLogger } from '../electron/core/log/logger.ts';
import { openSqliteJournal } from '../electron/core/journal/sqlite-journal-store.ts';
import { cprHasher } from '../electron/core/journal/personal-data.ts';
import { FlowRun } from '../electron/core/flow/flow-run.ts';
import { fakePorts } from '../electron/core/flow/testing/fake-ports.ts';
import type { FlowPorts } from '../electron/core/flow/step-context.ts';
import { median, type BenchRow } from './stats.ts';

/** Simulated time each port call stands for (what the devices and gateway would take). */
const SIMULATED_MS = 5;
const RUNS = 20;

function delayed(ports: FlowPorts, counter: { calls: number }): FlowPorts {
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, key, receiver) {
        const value = Reflect.get(obj, key, receiver);
        if (typeof value !== 'function' || key === 'hasCard' || key === 'fingerprintReference') return value;
        return async (...args: unknown[]) => {
          counter.calls += 1;
          await new Promise((r) => setTimeout(r, SIMULATED_MS));
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        };
      },
    });
  return { card: wrap(ports.card), fingerprint: wrap(ports.fingerprint), gateway: wrap(ports.gateway), terminal: wrap(ports.terminal), printer: wrap(ports.printer) };
}

/** A complete paid chip update through the flow runtime and the journal: software time against the simulated device + gateway time. */
export async function serviceBench(): Promise<BenchRow[]> {
  const service = ServiceDefinitionSchema.parse(JSON.parse(readFileSync(resolve(import.meta.dirname, '../resources/services/update-card-chip.json'), 'utf8')));
  const logger = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, done) => done() }) });
  const totals: number[] = [];
  const overheads: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'service-bench-'));
    const journal = openSqliteJournal({ file: join(dir, 'j.sqlite'), now: () => Date.now(), hashCpr: cprHasher(new Uint8Array(32)) });
    const counter = { calls: 0 };
    const fake = fakePorts();
    const t0 = performance.now();
    await new Promise<void>((done) => {
      const run = new FlowRun(service, {
        clock: createSystemClock(),
        logger,
        ports: delayed(fake.ports, counter),
        journal,
        settings: { renewalWindowDays: 180, minimumAgeAdvancedEkey: 15, cardTakeSeconds: 30 },
        sessionId: `bench-${i}`,
        idempotencyKey: `bench-${i}:update-card-chip:1`,
        language: () => 'en',
        kioskId: 'KIOSK-BENCH',
        onChange: () => {
          // The citizen answers each input step at once.
          const step = run.view().step;
          queueMicrotask(() => {
            if (step.kind === 'pin') run.submit(step.stepId, { pin: '1234' });
            else if (step.kind === 'review' || step.kind === 'message') run.submit(step.stepId, {});
            else if (step.kind === 'pay' && step.phase === 'choose') run.submit(step.stepId, { method: 'card' });
            else if (step.kind === 'rating') run.submit(step.stepId, { skip: true });
          });
        },
        onEnd: () => done(),
      });
      run.start();
    });
    const total = performance.now() - t0;
    totals.push(total);
    overheads.push(total - counter.calls * SIMULATED_MS);
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const simulated = median(totals) - median(overheads);
  return [
    { name: 'paid chip update, whole run (simulated ports)', value: median(totals), unit: 'ms', samples: RUNS },
    { name: 'paid chip update, software overhead', value: median(overheads), unit: 'ms', samples: RUNS, ratio: { value: median(overheads) / simulated, against: 'simulated device + gateway time' } },
  ];
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqliteJournal } from '../journal/sqlite-journal-store.ts';
import { cprHasher } from '../journal/personal-data.ts';
import { createManualClock } from '../clock/clock.ts';
import { loadConfig } from '../config/load-config.ts';
import type { KioskConfig } from '../config/config-schema.ts';
import { loadServiceCatalogue } from '../catalogue/service-catalogue.ts';
import { KioskCore } from '../kiosk/kiosk-core.ts';
import { SUPPORTED_STEP_KINDS } from '../flow/step-registry.ts';
import { unavailablePorts } from '../flow/unavailable-ports.ts';
import type { FlowPorts } from '../flow/step-context.ts';
import type { Capability } from '../flow/service-needs.ts';
import { createMemoryLogger } from './memory-logger.ts';
import { recordingSpeech } from '../speech/speech-output.ts';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../../..');
export const FIXTURE_SERVICES = resolve(PROJECT_ROOT, 'e2e/fixtures/services');

/** A real core on a manual clock with the practice services, for unit tests. */
export function createTestCore(patch: (config: KioskConfig) => void = () => {}, ports: FlowPorts = unavailablePorts(), capabilities: Capability[] = []) {
  const { config } = loadConfig(resolve(PROJECT_ROOT, 'resources/config/default.json'), null);
  patch(config);
  const clock = createManualClock();
  const log = createMemoryLogger();
  const catalogue = loadServiceCatalogue({ directory: FIXTURE_SERVICES, supportedStepKinds: SUPPORTED_STEP_KINDS, paymentsAvailable: false, logger: log.logger });
  const journal = openSqliteJournal({ file: join(mkdtempSync(join(tmpdir(), 'core-journal-')), 'journal.sqlite'), now: () => clock.now(), hashCpr: cprHasher(new Uint8Array(32)) });
  const speech = recordingSpeech();
  const core = new KioskCore({ config, clock, catalogue, logger: log.logger, journal, ports, capabilities: () => new Set(capabilities), speech });
  return { core, clock, config, log, journal, speech };
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceSummary } from '../../contract/index.ts';
import type { Logger } from '../log/logger.ts';
import { ServiceDefinitionSchema, type ServiceDefinition, type StepKind } from './service-schema.ts';
import { checkServiceDefinition } from './service-checks.ts';

export interface CatalogueEntry {
  file: string;
  /** The parsed service, when the file is valid. */
  service: ServiceDefinition | null;
  available: boolean;
  /** Why the service is not offered; for the technician, never the citizen. */
  problem: string | null;
}

export interface ServiceCatalogue {
  entries: CatalogueEntry[];
  /** Services a citizen may start, in menu order. */
  available(): ServiceDefinition[];
  find(id: string): ServiceDefinition | undefined;
}

export interface CatalogueOptions {
  directory: string;
  /** Step kinds this build's runtime can run. */
  supportedStepKinds: ReadonlySet<StepKind>;
  /** Until the pay step exists, services with a fee stay disabled, never faked. */
  paymentsAvailable: boolean;
  logger: Logger;
}

function describeZodIssue(issue: { path: PropertyKey[]; message: string }): string {
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

/**
 * Reads every service file. A broken file disables that one service (logged
 * with the reason); the kiosk keeps serving the others.
 */
export function loadServiceCatalogue(options: CatalogueOptions): ServiceCatalogue {
  const { directory, logger } = options;
  let files: string[] = [];
  try {
    files = readdirSync(directory).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    logger.error({ directory, err: (error as Error).message }, 'service catalogue directory cannot be read; no services offered');
  }
  const entries: CatalogueEntry[] = [];
  const ids = new Set<string>();
  for (const name of files) {
    const file = join(directory, name);
    const entry = readEntry(file, options);
    if (entry.service) {
      if (ids.has(entry.service.id)) {
        entry.available = false;
        entry.problem = `service id "${entry.service.id}" is defined twice`;
      } else if (name !== `${entry.service.id}.json`) {
        entry.available = false;
        entry.problem = `file name must be ${entry.service.id}.json`;
      }
      ids.add(entry.service.id);
    }
    if (entry.problem) logger.warn({ file, problem: entry.problem }, 'service disabled');
    entries.push(entry);
  }
  const available = entries
    .filter((e) => e.available && e.service)
    .map((e) => e.service!)
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  logger.info({ offered: available.map((s) => s.id), disabled: entries.filter((e) => !e.available).length }, 'service catalogue loaded');
  return {
    entries,
    available: () => available,
    find: (id) => available.find((s) => s.id === id),
  };
}

function readEntry(file: string, options: CatalogueOptions): CatalogueEntry {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { file, service: null, available: false, problem: `not valid JSON: ${(error as Error).message}` };
  }
  const parsed = ServiceDefinitionSchema.safeParse(raw);
  if (!parsed.success) {
    return { file, service: null, available: false, problem: parsed.error.issues.slice(0, 3).map(describeZodIssue).join('; ') };
  }
  const service = parsed.data;
  const problems = checkServiceDefinition(service);
  if (problems.length > 0) return { file, service: null, available: false, problem: problems.slice(0, 5).join('; ') };
  const unsupported = [...new Set(service.steps.map((s) => s.kind).filter((k) => !options.supportedStepKinds.has(k)))];
  if (unsupported.length > 0) {
    return { file, service, available: false, problem: `needs step kinds this build cannot run yet: ${unsupported.join(', ')}` };
  }
  if (service.feeFils > 0 && !options.paymentsAvailable) {
    return { file, service, available: false, problem: 'has a fee and payments are not available' };
  }
  return { file, service, available: true, problem: null };
}

export function toServiceSummary(service: ServiceDefinition): ServiceSummary {
  return {
    id: service.id,
    title: service.title,
    description: service.description,
    category: service.category,
    feeFils: service.feeFils,
    icon: service.icon,
  };
}

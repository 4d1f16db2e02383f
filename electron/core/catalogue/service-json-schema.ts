import { z } from 'zod';
import { ServiceDefinitionSchema } from './service-schema.ts';

/** The service-file schema as JSON Schema (draft 2020-12), for editors and tools outside the kiosk. */
export function serviceJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ServiceDefinitionSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'https://khidma-kiosk.invalid/service.schema.json',
    title: 'Khidma Kiosk service definition',
  };
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceJsonSchema } from './service-json-schema.ts';

describe('exported JSON Schema', () => {
  it('resources/service.schema.json matches the zod schema (run `node scripts/export-service-schema.ts` after changing it)', () => {
    const committed = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../resources/service.schema.json'), 'utf8'));
    expect(committed).toEqual(serviceJsonSchema());
  });
});

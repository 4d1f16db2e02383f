import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serviceJsonSchema } from '../electron/core/catalogue/service-json-schema.ts';

/** Writes resources/service.schema.json from the zod schema (the zod schema is the source of truth). */
const target = resolve(import.meta.dirname, '../resources/service.schema.json');
writeFileSync(target, `${JSON.stringify(serviceJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);

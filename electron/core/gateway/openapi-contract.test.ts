import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OPERATIONS, type OperationSpec } from './operations.ts';
import { KNOWN_PROBLEM_CODES, ProblemSchema } from './problem.ts';

/**
 * The client's idea of the contract (operations.ts, response-schemas.ts,
 * problem.ts) held against resources/gateway/openapi.yaml: every operation
 * the client calls exists with the same method, path and statuses, carries
 * the headers the document requires, and every answer schema agrees with the
 * document's schema field by field (names, required, nullability, types,
 * enums, patterns, bounds).
 */
type Json = Record<string, unknown>;
const DOC_PATH = join(import.meta.dirname, '../../../resources/gateway/openapi.yaml');
const doc = load(readFileSync(DOC_PATH, 'utf8')) as Json;

function resolve(node: Json): Json {
  if (typeof node.$ref !== 'string') return node;
  let target: unknown = doc;
  for (const part of node.$ref.replace(/^#\//, '').split('/')) target = (target as Json)[part];
  if (!target) throw new Error(`unresolvable ${node.$ref}`);
  return resolve(target as Json);
}

function operation(spec: OperationSpec): { pathItem: Json; op: Json } | undefined {
  const pathItem = (doc.paths as Json)[spec.path] as Json | undefined;
  const op = pathItem?.[spec.method.toLowerCase()] as Json | undefined;
  return pathItem && op ? { pathItem, op } : undefined;
}

function parameters(pathItem: Json, op: Json): Json[] {
  return [...((pathItem.parameters as Json[]) ?? []), ...((op.parameters as Json[]) ?? [])].map(resolve);
}

/** Splits "X or null" (OpenAPI oneOf, zod anyOf) into the X and a nullable flag. */
function unwrapNullable(node: Json): { schema: Json; nullable: boolean } {
  const alternatives = (node.oneOf ?? node.anyOf) as Json[] | undefined;
  if (alternatives && alternatives.length === 2) {
    const rest = alternatives.map(resolve).filter((a) => a.type !== 'null');
    if (rest.length === 1) return { schema: rest[0]!, nullable: true };
  }
  return { schema: node, nullable: false };
}

const enumOf = (s: Json): unknown[] | undefined => (s.enum as unknown[] | undefined) ?? (s.const !== undefined ? [s.const] : undefined);

/** Differences between the document's schema and the zod schema's JSON Schema, as readable lines. */
function compare(openapiNode: Json, zodNode: Json, at: string, out: string[]): void {
  const a = unwrapNullable(resolve(openapiNode));
  const b = unwrapNullable(zodNode);
  if (a.nullable !== b.nullable) out.push(`${at}: nullable ${a.nullable} in the document, ${b.nullable} in zod`);
  const o = a.schema;
  const zs = b.schema;
  if (o.type !== zs.type) {
    out.push(`${at}: type ${String(o.type)} in the document, ${String(zs.type)} in zod`);
    return;
  }
  const oe = enumOf(o);
  const ze = enumOf(zs);
  if (oe || ze) {
    const norm = (v: unknown[] | undefined) => JSON.stringify([...(v ?? [])].map(String).sort());
    if (norm(oe) !== norm(ze)) out.push(`${at}: enum ${norm(oe)} in the document, ${norm(ze)} in zod`);
  }
  if (o.format !== undefined && o.format !== zs.format) out.push(`${at}: format ${String(o.format)} in the document, ${String(zs.format)} in zod`);
  if (o.pattern !== undefined && o.pattern !== zs.pattern) out.push(`${at}: pattern ${String(o.pattern)} in the document, ${String(zs.pattern)} in zod`);
  // zod may add a pattern only as the spelling of a format the document also names (dates).
  if (o.pattern === undefined && zs.pattern !== undefined && o.format === undefined) out.push(`${at}: zod has a pattern the document does not`);
  for (const bound of ['minimum', 'maximum', 'minLength', 'maxLength', 'maxItems']) {
    if (o[bound] !== undefined && o[bound] !== zs[bound]) out.push(`${at}: ${bound} ${String(o[bound])} in the document, ${String(zs[bound])} in zod`);
    if (o[bound] === undefined && zs[bound] !== undefined && Math.abs(Number(zs[bound])) < Number.MAX_SAFE_INTEGER) {
      out.push(`${at}: zod has ${bound} ${String(zs[bound])}, the document none`);
    }
  }
  if (o.type === 'object') {
    const op = (o.properties as Record<string, Json>) ?? {};
    const zp = (zs.properties as Record<string, Json>) ?? {};
    const names = new Set([...Object.keys(op), ...Object.keys(zp)]);
    for (const name of names) {
      if (!(name in op)) out.push(`${at}.${name}: in zod, not in the document`);
      else if (!(name in zp)) out.push(`${at}.${name}: in the document, not in zod`);
      else compare(op[name]!, zp[name]!, `${at}.${name}`, out);
    }
    const req = (s: Json) => JSON.stringify([...((s.required as string[]) ?? [])].sort());
    if (req(o) !== req(zs)) out.push(`${at}: required ${req(o)} in the document, ${req(zs)} in zod`);
  }
  if (o.type === 'array') compare(o.items as Json, zs.items as Json, `${at}[]`, out);
}

const zodJson = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'output' }) as Json;

describe('the OpenAPI document', () => {
  it('parses as OpenAPI 3.1 with mutual TLS as its security scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    const schemes = (doc.components as Json).securitySchemes as Record<string, Json>;
    expect(Object.values(schemes).map((s) => s.type)).toContain('mutualTLS');
    expect(doc.security).toEqual([{ kioskCertificate: [] }]);
  });

  it('has unique operation ids, each with X-Kiosk-Id and X-Session-Id required, and every error as a problem document', () => {
    const ids: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        ids.push(String(op.operationId));
        const headers = parameters(item, op).filter((p) => p.in === 'header' && p.required === true).map((p) => p.name);
        expect(headers, `${method} ${path}`).toEqual(expect.arrayContaining(['X-Kiosk-Id', 'X-Session-Id']));
        for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
          if (Number(status) < 400) continue;
          const content = resolve(response).content as Record<string, Json>;
          expect(Object.keys(content), `${method} ${path} ${status}`).toEqual(['application/problem+json']);
          expect((content['application/problem+json']!.schema as Json).$ref).toBe('#/components/schemas/Problem');
        }
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names every problem code the client knows', () => {
    const description = String((doc.info as Json).description);
    for (const code of KNOWN_PROBLEM_CODES) expect(description, code).toContain(`\`${code}\``);
  });
});

describe('the client against the OpenAPI document', () => {
  const specs = Object.entries(OPERATIONS) as [string, OperationSpec][];

  it.each(specs)('%s exists in the document with the same method, path and success statuses', (name, spec) => {
    expect(spec.operationId).toBe(name);
    const found = operation(spec);
    expect(found, `${spec.method} ${spec.path}`).toBeDefined();
    expect(found!.op.operationId).toBe(spec.operationId);
    const documented = Object.keys(found!.op.responses as Json)
      .map(Number)
      .filter((s) => s >= 200 && s < 300)
      .sort();
    expect([...spec.successStatuses].sort()).toEqual(documented);
  });

  it.each(specs)('%s carries an Idempotency-Key exactly when the document requires one', (_name, spec) => {
    const { pathItem, op } = operation(spec)!;
    const key = parameters(pathItem, op).find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
    expect(key?.required === true).toBe(spec.idempotencyKey);
  });

  it.each(specs)('%s: the zod answer schema agrees with the document', (_name, spec) => {
    const { op } = operation(spec)!;
    const differences: string[] = [];
    for (const status of spec.successStatuses) {
      const response = resolve((op.responses as Json)[String(status)] as Json);
      const schema = ((response.content as Json)['application/json'] as Json).schema as Json;
      compare(schema, zodJson(spec.response), `${spec.operationId} ${status}`, differences);
    }
    expect(differences).toEqual([]);
  });

  it('the problem schema agrees with the document', () => {
    const differences: string[] = [];
    compare({ $ref: '#/components/schemas/Problem' }, zodJson(ProblemSchema), 'Problem', differences);
    expect(differences).toEqual([]);
  });

  it('the comparison itself catches drift (a renamed field, a lost null, a changed pattern)', () => {
    const differences: string[] = [];
    const drifted = z.object({ block: z.string().regex(/^\d{3}$/), road: z.string(), building: z.string().regex(/^\d{1,4}[A-Z]?$/), flatNo: z.string() });
    compare({ $ref: '#/components/schemas/Address' }, zodJson(drifted), 'Address', differences);
    expect(differences.join('\n')).toMatch(/block: pattern/);
    expect(differences.join('\n')).toMatch(/road: pattern/);
    expect(differences.join('\n')).toMatch(/flat: in the document, not in zod/);
    expect(differences.join('\n')).toMatch(/flatNo: in zod, not in the document/);
  });
});

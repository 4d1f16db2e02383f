import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * The gateway contract, read from resources/gateway/openapi.yaml and turned
 * into what the simulator needs: a route table (method + path template →
 * operation) and validators for requests and responses built from the very
 * schemas in the document. The simulator therefore refuses exactly what the
 * document refuses, and every answer it gives is checked against the
 * document too (a mismatch is recorded in the ledger, and tests demand none).
 */
export const OPENAPI_PATH = join(import.meta.dirname, '../../resources/gateway/openapi.yaml');

const REF_BASE = 'gateway-openapi';

type Json = Record<string, unknown>;

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  validate: ValidateFunction;
}

export interface RouteSpec {
  operationId: string;
  method: 'GET' | 'POST';
  template: string;
  pattern: RegExp;
  /** Path parameter names in order of appearance. */
  pathNames: string[];
  parameters: ParameterSpec[];
  body: { required: boolean; validate: ValidateFunction } | null;
  /** status → content type → validator. */
  responses: Map<number, Map<string, ValidateFunction>>;
}

export interface RouteMatch {
  route: RouteSpec;
  pathParams: Record<string, string>;
}

export type RequestCheck = { ok: true } | { ok: false; code: 'missing-header' | 'validation-failed'; detail: string };

export interface GatewayContract {
  document: Json;
  routes: RouteSpec[];
  /** The route for this method and path (relative to /kiosk/v1); `methodNotAllowed` when only the path matches. */
  match(method: string, path: string): RouteMatch | { methodNotAllowed: true } | null;
  checkRequest(match: RouteMatch, headers: Record<string, string | undefined>, query: URLSearchParams, body: unknown): RequestCheck;
  /** Problems with an answer, as short texts; empty when it conforms. */
  checkResponse(operationId: string, status: number, contentType: string, body: unknown): string[];
}

/** Makes every local `#/…` reference absolute, so any sub-schema compiles on its own. */
function absoluteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(absoluteRefs);
  if (node && typeof node === 'object') {
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${REF_BASE}${value}` : absoluteRefs(value);
    return out;
  }
  return node;
}

function pointer(document: Json, ref: string): Json {
  const path = ref.replace(/^.*#\//, '').split('/');
  let node: unknown = document;
  for (const part of path) node = (node as Json)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  if (!node || typeof node !== 'object') throw new Error(`unresolvable $ref ${ref}`);
  return node as Json;
}

/** An OpenAPI object (parameter, response) that may be a $ref to components. */
function deref(document: Json, node: Json): Json {
  return typeof node.$ref === 'string' ? deref(document, pointer(document, node.$ref)) : node;
}

function describe(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`)
    .join('; ');
}

export function loadGatewayContract(path = OPENAPI_PATH): GatewayContract {
  const document = load(readFileSync(path, 'utf8')) as Json;
  const resolved = absoluteRefs(document) as Json;
  // validateFormats off: `format` is annotation in OpenAPI 3.1, patterns carry the rules.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: REF_BASE, components: (resolved.components as Json) ?? {} });
  const compile = (schema: unknown) => ajv.compile(schema as Json);

  const routes: RouteSpec[] = [];
  for (const [template, item] of Object.entries((resolved.paths as Json) ?? {})) {
    const pathItem = item as Json;
    const shared = ((pathItem.parameters as Json[]) ?? []).map((p) => deref(resolved, p));
    for (const method of ['get', 'post'] as const) {
      const operation = pathItem[method] as Json | undefined;
      if (!operation) continue;
      const own = ((operation.parameters as Json[]) ?? []).map((p) => deref(resolved, p));
      const byKey = new Map<string, Json>();
      for (const p of [...shared, ...own]) byKey.set(`${String(p.in)}:${String(p.name)}`, p);
      const parameters: ParameterSpec[] = [...byKey.values()].map((p) => ({
        name: String(p.name),
        in: p.in as ParameterSpec['in'],
        required: p.required === true,
        validate: compile(p.schema ?? {}),
      }));
      const requestBody = operation.requestBody ? deref(resolved, operation.requestBody as Json) : null;
      const bodySchema = requestBody ? ((requestBody.content as Json)['application/json'] as Json).schema : null;
      const responses = new Map<number, Map<string, ValidateFunction>>();
      for (const [status, response] of Object.entries((operation.responses as Json) ?? {})) {
        const r = deref(resolved, response as Json);
        const byType = new Map<string, ValidateFunction>();
        for (const [type, media] of Object.entries((r.content as Json) ?? {})) byType.set(type, compile((media as Json).schema ?? {}));
        responses.set(Number(status), byType);
      }
      const pathNames = [...template.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!);
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[A-Za-z]+\\?\}/g, '([^/]+)')}$`);
      routes.push({
        operationId: String(operation.operationId),
        method: method.toUpperCase() as 'GET' | 'POST',
        template,
        pattern,
        pathNames,
        parameters,
        body: bodySchema ? { required: requestBody?.required === true, validate: compile(bodySchema) } : null,
        responses,
      });
    }
  }
  // Literal segments win over parameters where both could match.
  routes.sort((a, b) => b.template.replace(/\{[^}]+\}/g, '').length - a.template.replace(/\{[^}]+\}/g, '').length);

  const byOperation = new Map(routes.map((r) => [r.operationId, r]));

  return {
    document,
    routes,
    match(method, path) {
      let pathMatched = false;
      for (const route of routes) {
        const m = route.pattern.exec(path);
        if (!m) continue;
        pathMatched = true;
        if (route.method !== method) continue;
        const pathParams: Record<string, string> = {};
        try {
          route.pathNames.forEach((name, i) => (pathParams[name] = decodeURIComponent(m[i + 1]!)));
        } catch {
          return null;
        }
        return { route, pathParams };
      }
      return pathMatched ? { methodNotAllowed: true } : null;
    },
    checkRequest({ route, pathParams }, headers, query, body) {
      for (const p of route.parameters) {
        const value = p.in === 'header' ? headers[p.name.toLowerCase()] : p.in === 'query' ? (query.get(p.name) ?? undefined) : pathParams[p.name];
        if (value === undefined) {
          if (p.required) return { ok: false, code: p.in === 'header' ? 'missing-header' : 'validation-failed', detail: `${p.in} parameter ${p.name} is required` };
          continue;
        }
        if (!p.validate(value)) return { ok: false, code: 'validation-failed', detail: `${p.in} parameter ${p.name} does not match the contract` };
      }
      if (route.body) {
        if (body === undefined) return route.body.required ? { ok: false, code: 'validation-failed', detail: 'a JSON body is required' } : { ok: true };
        if (!route.body.validate(body)) return { ok: false, code: 'validation-failed', detail: `body: ${describe(route.body.validate)}` };
      }
      return { ok: true };
    },
    checkResponse(operationId, status, contentType, body) {
      const route = byOperation.get(operationId);
      if (!route) return [`unknown operation ${operationId}`];
      const byType = route.responses.get(status);
      if (!byType) return [`${operationId}: status ${status} is not in the contract`];
      const type = contentType.split(';')[0]!.trim();
      const validate = byType.get(type);
      if (!validate) return [`${operationId} ${status}: content type ${type} is not in the contract`];
      return validate(body) ? [] : [`${operationId} ${status}: ${describe(validate)}`];
    },
  };
}

let cached: GatewayContract | undefined;
/** The contract, loaded and compiled once per process (tests start many simulators). */
export function gatewayContract(): GatewayContract {
  cached ??= loadGatewayContract();
  return cached;
}

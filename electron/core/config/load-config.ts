import { readFileSync } from 'node:fs';
import { ConfigSchema, type KioskConfig } from './config-schema.ts';
import { ConfigError } from './config-error.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function readJsonFile(file: string, required: boolean): Json | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return undefined;
    throw new ConfigError(file, null, code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${code ?? 'unknown error'})`);
  }
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new ConfigError(file, null, `the file is not valid JSON (${(error as Error).message})`);
  }
}

function isPlainObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Override wins field by field; arrays are replaced whole (a list of languages is one setting). */
export function mergeConfig(base: Json, override: Json): Json {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: Record<string, Json> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = key in base ? mergeConfig(base[key] as Json, value) : value;
  }
  return merged;
}

function hasPath(value: Json | undefined, path: readonly PropertyKey[]): boolean {
  let node: unknown = value;
  for (const key of path) {
    if (!isPlainObject(node) && !Array.isArray(node)) return false;
    if (!(String(key) in (node as object))) return false;
    node = (node as Record<string, unknown>)[String(key)];
  }
  return true;
}

export interface LoadedConfig {
  config: KioskConfig;
  /** Files that contributed, for the start-up log line. */
  sources: string[];
}

/**
 * Reads the defaults and the optional local override, merges them and
 * validates the result. Any problem becomes one ConfigError naming the file
 * the bad field came from.
 */
export function loadConfig(defaultFile: string, overrideFile: string | null, overrideRequired = false): LoadedConfig {
  const defaults = readJsonFile(defaultFile, true);
  const override = overrideFile ? readJsonFile(overrideFile, overrideRequired) : undefined;
  if (override !== undefined && !isPlainObject(override)) {
    throw new ConfigError(overrideFile!, null, 'the file must contain one JSON object');
  }
  const merged = override === undefined ? defaults : mergeConfig(defaults as Json, override);
  const result = ConfigSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    let path = issue.path;
    // An unknown key is reported at its parent with the key names listed.
    if (issue.code === 'unrecognized_keys') path = [...path, ...issue.keys.slice(0, 1)];
    const field = path.map(String).join('.') || null;
    const file = override !== undefined && hasPath(override, path) ? overrideFile! : defaultFile;
    const problem = issue.code === 'unrecognized_keys' ? 'this setting is not known (check its spelling)' : issue.message;
    throw new ConfigError(file, field, problem);
  }
  return { config: result.data, sources: override === undefined ? [defaultFile] : [defaultFile, overrideFile!] };
}

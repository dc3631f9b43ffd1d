import { readFileSync } from 'node:fs';
import { ArtemisError, describeIssues, ErrorCode } from '@artemis/core';
import { configFromEnv } from './env-config.js';
import { nodeConfigSchema, type NodeConfig } from './node-config.schema.js';

/** Where configuration comes from; later layers win. */
export interface ConfigSources {
  /** Path of a JSON config file (`--config`). */
  readonly file?: string;
  /** The process environment (only `ARTEMIS_*` is read). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Values given as command-line flags. */
  readonly flags: Readonly<Record<string, unknown>>;
}

/** A loaded configuration and the layers it was built from, by priority. */
export interface LoadedConfig {
  readonly config: NodeConfig;
  readonly sources: Readonly<Record<string, number>>;
  /** `ARTEMIS_*` variables that name no node setting (the CLI's own, or a typo), left out. */
  readonly ignoredEnv?: readonly string[];
}

type Layer = Record<string, unknown>;

function isObject(value: unknown): value is Layer {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: Layer, over: Layer): Layer {
  const merged: Layer = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const existing = merged[key];
    merged[key] = isObject(existing) && isObject(value) ? merge(existing, value) : value;
  }
  return merged;
}

function readFile(path: string): Layer {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ArtemisError(ErrorCode.badRequest, `cannot read config file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ArtemisError(ErrorCode.badRequest, `config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new ArtemisError(ErrorCode.badRequest, `config file ${path} must hold a JSON object`);
  return parsed;
}

/**
 * Builds the node configuration from defaults, a JSON file, `ARTEMIS_*` variables and flags,
 * in rising priority, and validates it against one schema. Unknown keys and bad values fail
 * with a message naming the key and where it came from.
 */
export function loadConfig(sources: ConfigSources): LoadedConfig {
  const layers: [string, Layer][] = [];
  if (sources.file !== undefined) layers.push([`file ${sources.file}`, readFile(sources.file)]);
  const env = configFromEnv(sources.env, new Set(Object.keys(nodeConfigSchema.shape)));
  if (Object.keys(env.values).length > 0) layers.push(['environment', env.values]);
  if (Object.keys(sources.flags).length > 0) layers.push(['flags', { ...sources.flags }]);
  const merged = layers.reduce<Layer>((acc, [, layer]) => merge(acc, layer), {});
  const result = nodeConfigSchema.safeParse(merged);
  if (!result.success) {
    const hints = result.error.issues.map((issue) => {
      const path = [...issue.path, ...('keys' in issue ? [issue.keys[0] ?? ''] : [])].filter((p) => p !== '').join('.');
      return env.origins.get(path) ?? null;
    });
    const from = hints.find((hint) => hint !== null);
    throw new ArtemisError(ErrorCode.badRequest, `invalid configuration: ${describeIssues(result.error.issues, 'config')}${from === undefined || from === null ? '' : ` (from ${from})`}`);
  }
  const sourceNames: Record<string, number> = { defaults: 0 };
  layers.forEach(([name], index) => (sourceNames[name] = index + 1));
  return { config: result.data, sources: sourceNames, ignoredEnv: env.ignored };
}

/** Query parameters of a URL that carry secrets (libpq's `password`, `sslpassword`, tokens, keys). */
const SECRET_PARAM = /pass|secret|token|key/i;
const MASK = '******';

/**
 * A URL with every secret it may carry replaced by `******`: the password in `user:password@`
 * and the value of any query parameter named like a secret (`?password=`, `?sslpassword=`, ...).
 * Text that is not a URL is masked whole if it mentions a password, since we cannot tell where
 * the secret is.
 */
export function redactUrlPassword(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return /pass|secret|token/i.test(text) ? MASK : text;
  }
  let changed = false;
  if (url.password !== '') {
    url.password = MASK;
    changed = true;
  }
  for (const name of [...url.searchParams.keys()]) {
    if (!SECRET_PARAM.test(name)) continue;
    url.searchParams.set(name, MASK);
    changed = true;
  }
  return changed ? url.toString() : text;
}

/** The configuration as `key: value` strings, for `config.json`. */
export function flattenConfig(value: unknown, prefix = ''): Record<string, string> {
  const flat: Record<string, string> = {};
  if (!isObject(value)) return flat;
  for (const [key, entry] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isObject(entry)) Object.assign(flat, flattenConfig(entry, path));
    else if (/secret|password|token/i.test(key)) flat[path] = '******';
    else flat[path] = /url$/i.test(key) ? redactUrlPassword(String(entry)) : String(entry);
  }
  return flat;
}

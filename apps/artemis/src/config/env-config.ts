/** Prefix of the environment variables a node reads. */
export const ENV_PREFIX = 'ARTEMIS_';

function camel(word: string): string {
  return word.toLowerCase().replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Reads an environment value as JSON when it is a number, boolean or JSON text, else as a string. */
function valueOf(text: string): unknown {
  const trimmed = text.trim();
  if (/^(true|false|-?\d+(\.\d+)?)$/.test(trimmed) || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** A configuration layer and, for each key path, the variable it came from. */
export interface EnvLayer {
  readonly values: Record<string, unknown>;
  readonly origins: ReadonlyMap<string, string>;
}

/**
 * Turns `ARTEMIS_*` variables into a configuration layer: `__` nests, `_` separates words,
 * e.g. `ARTEMIS_LEASE__TTL_MS=30000` -> `{ lease: { ttlMs: 30000 } }`.
 */
export function configFromEnv(env: Readonly<Record<string, string | undefined>>): EnvLayer {
  const values: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  for (const [name, text] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || text === undefined) continue;
    const path = name.slice(ENV_PREFIX.length).split('__').map(camel);
    let target = values;
    for (const segment of path.slice(0, -1)) {
      const next = target[segment];
      target = (typeof next === 'object' && next !== null ? next : (target[segment] = {})) as Record<string, unknown>;
    }
    target[path[path.length - 1] as string] = valueOf(text);
    origins.set(path.join('.'), `environment variable ${name}`);
  }
  return { values, origins };
}

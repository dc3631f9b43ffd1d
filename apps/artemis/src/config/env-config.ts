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

/**
 * Variables of the `artemis` ops commands (docs/cli.md), never node settings: a shell set up
 * for the CLI must still be able to start a node.
 */
export const CLI_ENV_VARIABLES: ReadonlySet<string> = new Set(['ARTEMIS_SERVER', 'ARTEMIS_TOKEN', 'ARTEMIS_PROFILE', 'ARTEMIS_PASSWORD']);

/** A configuration layer and, for each key path, the variable it came from. */
export interface EnvLayer {
  readonly values: Record<string, unknown>;
  readonly origins: ReadonlyMap<string, string>;
  /** `ARTEMIS_*` variables left out: the CLI's own, and those naming no top-level setting. */
  readonly ignored: readonly string[];
}

/**
 * Turns `ARTEMIS_*` variables into a configuration layer: `__` nests, `_` separates words,
 * e.g. `ARTEMIS_LEASE__TTL_MS=30000` -> `{ lease: { ttlMs: 30000 } }`. With `topLevelKeys`,
 * a variable whose first segment names no setting is left out (reported in `ignored`) rather
 * than refused, since other tools share the prefix; one under a known section is still
 * checked key by key, so `ARTEMIS_LEASE__TTL` stays an error.
 */
export function configFromEnv(env: Readonly<Record<string, string | undefined>>, topLevelKeys?: ReadonlySet<string>): EnvLayer {
  const values: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  const ignored: string[] = [];
  for (const [name, text] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || text === undefined) continue;
    const path = name.slice(ENV_PREFIX.length).split('__').map(camel);
    if (CLI_ENV_VARIABLES.has(name) || (topLevelKeys !== undefined && !topLevelKeys.has(path[0] as string))) {
      ignored.push(name);
      continue;
    }
    let target = values;
    for (const segment of path.slice(0, -1)) {
      const next = target[segment];
      target = (typeof next === 'object' && next !== null ? next : (target[segment] = {})) as Record<string, unknown>;
    }
    target[path[path.length - 1] as string] = valueOf(text);
    origins.set(path.join('.'), `environment variable ${name}`);
  }
  return { values, origins, ignored };
}

import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from './exit-codes.js';

/** A saved connection: where a cluster is and the token to use there. */
export interface Profile {
  /** One node URL, or several separated by commas. */
  readonly server: string;
  readonly token?: string;
  /** Who logged in, for people reading the file. */
  readonly user?: string;
}

/** The CLI's config file: named profiles and the one used by default. */
export interface CliConfigFile {
  readonly current?: string;
  readonly profiles: Readonly<Record<string, Profile>>;
}

/** `$XDG_CONFIG_HOME/artemis/config.json`, else `~/.config/artemis/config.json`. */
export function configFilePath(env: Readonly<Record<string, string | undefined>>): string | null {
  const base = env['XDG_CONFIG_HOME'] ?? (env['HOME'] === undefined ? undefined : join(env['HOME'], '.config'));
  return base === undefined || base === '' ? null : join(base, 'artemis', 'config.json');
}

/** The config file's contents; empty when it does not exist. A damaged file is a usage error naming it. */
export function readCliConfig(path: string | null): CliConfigFile {
  if (path === null) return { profiles: {} };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as Partial<CliConfigFile>;
    return { ...parsed, profiles: typeof parsed.profiles === 'object' && parsed.profiles !== null ? parsed.profiles : {} };
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}; fix or remove it`);
  }
}

/**
 * Saves a profile and makes it the current one. The file holds tokens, so it is written
 * owner-only (0600), through a temporary file so a crash never leaves half a file.
 */
export function saveProfile(path: string, name: string, profile: Profile): void {
  const config = readCliConfig(path);
  const next: CliConfigFile = { current: name, profiles: { ...config.profiles, [name]: profile } };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

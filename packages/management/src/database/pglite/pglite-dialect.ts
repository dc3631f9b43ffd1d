import type { PGlite } from '@electric-sql/pglite';
import {
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
} from 'kysely';
import { PGliteDriver } from './pglite-driver.js';

/**
 * A kysely {@link Dialect} for PGlite (Postgres compiled to WASM, in-process): Postgres SQL,
 * adapter and introspection, over {@link PGliteDriver}. Written here rather than taken from
 * `kysely-pglite`, whose dependency tree is far larger than these few lines (docs/architecture.md).
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { Kysely } from 'kysely';
 * import { PGliteDialect } from '@artemis/management';
 * const db = new Kysely<Tables>({ dialect: new PGliteDialect(await PGlite.create('./data/pglite')) });
 * ```
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

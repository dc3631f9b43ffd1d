import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import { migrateToLatest, type ManagementTables } from '@artemis/management';

/**
 * Just enough of a kysely driver to run our migrations on PGlite, one statement at a time: the
 * test builds the data directory an Artemis 0.1 node left behind, which only PGlite can write.
 */
function pgliteDriver(pglite: PGlite): Driver {
  const connection: DatabaseConnection = {
    async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
      const result = await pglite.query<R>(compiled.sql, [...compiled.parameters]);
      return { rows: result.rows };
    },
    streamQuery() {
      throw new Error('not streamed');
    },
  };
  const run = async (statement: string): Promise<void> => void (await pglite.query(statement));
  return {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: () => run('begin'),
    commitTransaction: () => run('commit'),
    rollbackTransaction: () => run('rollback'),
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
}

/** Writes `<dataDir>/management` as Artemis 0.1 did (PGlite), with the schema and `statements` applied. */
export async function writeLegacyPGliteDirectory(dataDir: string, statements: readonly string[]): Promise<void> {
  const path = join(dataDir, 'management');
  mkdirSync(path, { recursive: true });
  const pglite = await PGlite.create(path);
  const db = new Kysely<ManagementTables>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => pgliteDriver(pglite),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  try {
    await migrateToLatest(db);
    for (const statement of statements) await pglite.query(statement);
  } finally {
    await db.destroy();
    await pglite.close();
  }
}

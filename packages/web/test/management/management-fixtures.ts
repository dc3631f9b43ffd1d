import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { ArtemisManagement, migrateToLatest } from '@artemis/management';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '@artemis/management/testing';
import { ArtemisEngine } from '@artemis/server';
import { ArtemisHttpServer, managementRoutes, type ArtemisHttpServerOptions } from '../../src/index.js';

/** A node with management on a test database, served over HTTP on a free port. */
export interface ManagedHttpNode extends AsyncDisposable {
  readonly engine: ArtemisEngine;
  readonly management: ArtemisManagement;
  readonly http: ArtemisHttpServer;
  readonly url: string;
}

/** A database of `kind` for the describe block: migrated once, emptied before each test. */
export function useDatabase(kind: TestDatabaseKind): () => TestDatabase {
  let test: TestDatabase | undefined;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
    await migrateToLatest(test.database.db);
  }, 60_000);
  afterAll(async () => {
    await test?.[Symbol.asyncDispose]();
  });
  beforeEach(() => test!.truncate());
  return () => test!;
}

/** Starts an engine, management over `test`, and the HTTP server with the management routes. */
export async function startManagedHttpNode(test: TestDatabase, httpOptions: Partial<ArtemisHttpServerOptions> = {}): Promise<ManagedHttpNode> {
  const engine = new ArtemisEngine({ regionId: 'default', zoneId: 'zone-a' });
  engine.start();
  const management = await ArtemisManagement.start({ engine, database: test.database, reloadIntervalMs: 60_000 });
  const http = new ArtemisHttpServer({ engine, routes: managementRoutes(management), readinessChecks: () => ({ database: management.databaseUp() }), ...httpOptions });
  const address = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}`;
  engine.cluster.setLocalUrl(url);
  return {
    engine,
    management,
    http,
    url,
    async [Symbol.asyncDispose]() {
      await http.close(100);
      await management.stop();
      engine.stop();
    },
  };
}

/** OperationContext fields of a write by `ops`. */
export const context = { operation: 'create', operatorId: 'ops', token: 't', reason: 'r', extensions: '{}' };

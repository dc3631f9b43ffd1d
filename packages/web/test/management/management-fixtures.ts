import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { ArtemisManagement, migrateToLatest, SecurityService } from '@artemis/management';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '@artemis/management/testing';
import { ArtemisEngine } from '@artemis/server';
import { ArtemisHttpServer, authRoutes, managementRoutes, type ArtemisHttpServerOptions } from '../../src/index.js';
import { useBearer } from '../http-client.js';

/** A node with management on a test database, served over HTTP on a free port. */
export interface ManagedHttpNode extends AsyncDisposable {
  readonly engine: ArtemisEngine;
  readonly management: ArtemisManagement;
  readonly security: SecurityService;
  readonly http: ArtemisHttpServer;
  readonly url: string;
  /** An admin API token; requests through the test client carry it unless sent `anonymous`. */
  readonly adminToken: string;
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
  // Management logs where the HTTP layer does, as on a node.
  const management = await ArtemisManagement.start({ engine, database: test.database, reloadIntervalMs: 60_000, ...(httpOptions.logger === undefined ? {} : { logger: httpOptions.logger }) });
  const security = await SecurityService.start({ database: test.database });
  const issued = await security.createToken({ name: `test-${Date.now()}`, role: 'admin' }, { name: 'test-setup', role: 'admin', tokenId: '', tokenKind: 'api' });
  const http = new ArtemisHttpServer({
    engine,
    routes: [...managementRoutes(management), ...authRoutes(security)],
    managementChanges: (listener) => management.onSnapshotChange(listener),
    readinessChecks: () => ({ database: management.databaseUp() }),
    security: { authenticate: (secret) => security.authenticate(secret) },
    ...httpOptions,
  });
  const address = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}`;
  engine.cluster.setLocalUrl(url);
  useBearer(url, issued.token!);
  return {
    engine,
    management,
    security,
    http,
    url,
    adminToken: issued.token!,
    async [Symbol.asyncDispose]() {
      await http.close(100);
      await security.stop();
      await management.stop();
      engine.stop();
    },
  };
}

/** OperationContext fields of a write by `ops`. */
export const context = { operation: 'create', operatorId: 'ops', token: 't', reason: 'r', extensions: '{}' };

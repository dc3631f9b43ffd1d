import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { createInstance, RegistryOperation, type Instance, type InstanceInit } from '@artemis/core';
import { ArtemisEngine, type ChangeEvent, type EngineOptions } from '@artemis/server';
import { ArtemisManagement, migrateToLatest, type ArtemisManagementOptions } from '../src/index.js';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../src/testing.js';

/**
 * Gives a describe block its own database of `kind`, migrated once, emptied before each test
 * and dropped after the block.
 */
export function useDatabase(kind: TestDatabaseKind, options: { migrate?: boolean; truncate?: boolean } = {}): () => TestDatabase {
  let test: TestDatabase | undefined;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
    if (options.migrate !== false) await migrateToLatest(test.database.db);
  }, 60_000);
  afterAll(async () => {
    await test?.[Symbol.asyncDispose]();
  }, 60_000);
  if (options.migrate !== false && options.truncate !== false) beforeEach(() => test!.truncate());
  return () => test!;
}

/** An engine with management on `test`'s database, and every change it publishes. */
export interface ManagedNode extends AsyncDisposable {
  readonly engine: ArtemisEngine;
  readonly management: ArtemisManagement;
  readonly events: ChangeEvent[];
  register(...instances: Instance[]): void;
}

/** Starts an engine (region `default`, zone `zone-a`) with management over `test`'s database. */
export async function startManagedNode(test: TestDatabase, options: Partial<ArtemisManagementOptions> = {}, engineOptions: Partial<EngineOptions> = {}): Promise<ManagedNode> {
  const engine = new ArtemisEngine({ regionId: 'default', zoneId: 'zone-a', ...engineOptions });
  const events: ChangeEvent[] = [];
  engine.changes.subscribe((event) => events.push(event));
  const management = await ArtemisManagement.start({ engine, database: test.database, reloadIntervalMs: 60_000, ...options });
  return {
    engine,
    management,
    events,
    register: (...instances) => engine.registry.execute(RegistryOperation.register, { instances }),
    async [Symbol.asyncDispose]() {
      await management.stop();
      engine.stop();
    },
  };
}

/** An instance in region `default`, zone `zone-a`. */
export function instance(serviceId: string, instanceId: string, init: Partial<InstanceInit> = {}): Instance {
  return createInstance({ regionId: 'default', zoneId: 'zone-a', url: `http://10.0.0.1:8080/${instanceId}`, ip: '10.0.0.1', port: 8080, status: 'up', ...init, serviceId, instanceId });
}

/** The OperationContext fields of a write by `ops`. */
export const byOps = { extensions: null, operation: 'create', operatorId: 'ops', reason: 'test', token: 't-1' } as const;

/**
 * Inserts `groups` groups and `routeRules` route rules into an emptied database, so that their
 * ids are 1..n: repository tests that name ids need them to exist (foreign keys).
 */
export async function insertParents(db: TestDatabase['database']['db'], counts: { groups?: number; routeRules?: number }): Promise<void> {
  for (let i = 1; i <= (counts.groups ?? 0); i++) await db.insertInto('service_group').values({ service_id: 'orders', region_id: 'default', zone_id: 'zone-a', name: `parent-${i}`, app_id: 'app', status: 'active' }).execute();
  for (let i = 1; i <= (counts.routeRules ?? 0); i++) await db.insertInto('service_route_rule').values({ service_id: 'orders', name: `parent-${i}`, status: 'active' }).execute();
}

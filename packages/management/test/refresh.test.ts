import { describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { silentLogger, type ArtemisEngine } from '@artemis/server';
import { openPostgresDatabase } from '../src/index.js';
import { testDatabaseKinds } from '../src/testing.js';
import { instance, startManagedNode, useDatabase } from './fixtures.js';

function visible(engine: ArtemisEngine, serviceId: string): string[] {
  const config = { discoveryData: null, regionId: 'default', serviceId, zoneId: 'zone-a' };
  return (engine.discovery.getService({ discoveryConfig: config, regionId: 'default', zoneId: 'zone-a' }).service?.instances ?? []).map((i) => i.instanceId ?? '');
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

describe.each(testDatabaseKinds)('keeping nodes in step on %s', (kind) => {
  const test = useDatabase(kind);

  it('hides an instance in node B within one second of a pull-out written through node A, woken by NOTIFY', async () => {
    // Node B has connections of its own to the same server, embedded or not.
    const second = openPostgresDatabase({ url: test().url, logger: silentLogger });
    await using a = await startManagedNode(test(), { reloadIntervalMs: 600_000 });
    await using b = await startManagedNode({ ...test(), database: second }, { reloadIntervalMs: 600_000 });
    try {
      b.register(instance('orders', 'o-1'), instance('orders', 'o-2'));
      await a.management.instances.operateInstance({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
      const elapsed = await waitFor(() => visible(b.engine, 'orders').length === 1, 1_000);
      expect(elapsed).toBeLessThan(1_000);
      expect(visible(b.engine, 'orders')).toEqual(['o-2']);
      expect(b.events.map((e) => `${e.change.changeType}:${e.change.instance.instanceId}`)).toEqual(['new:o-1', 'new:o-2', 'delete:o-1']);
    } finally {
      await second.close();
    }
  });

  it("tells node B's snapshot listeners of a write made through node A, with the new position and the tables, and a TRUNCATE as a whole reload", async () => {
    const second = openPostgresDatabase({ url: test().url, logger: silentLogger });
    await using a = await startManagedNode(test(), { reloadIntervalMs: 600_000 });
    await using b = await startManagedNode({ ...test(), database: second }, { reloadIntervalMs: 600_000 });
    try {
      const changes: { position: number; tables: readonly string[] }[] = [];
      const stop = b.management.onSnapshotChange((change) => changes.push(change));
      await a.management.instances.operateInstance({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
      await waitFor(() => changes.length === 1, 5_000);
      expect(changes[0]).toEqual({ position: b.management.position, tables: ['instance'] });
      await sql`truncate table instance`.execute(test().database.db);
      expect(await b.management.refresh()).toBe(true);
      expect(changes.at(-1)?.tables).toEqual([]);
      stop();
      const seen = changes.length;
      await a.management.instances.operateInstance({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-2' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
      expect(await b.management.refresh()).toBe(true);
      expect(changes).toHaveLength(seen);
    } finally {
      await second.close();
    }
  });

  it('picks up a change that sent no notification at the next check, from the change journal', async () => {
    await using node = await startManagedNode(test(), { checkIntervalMs: 100 });
    node.register(instance('orders', 'o-1'));
    const before = node.management.position;
    await sql`insert into instance (region_id, service_id, instance_id, operation) values ('default', 'orders', 'o-1', 'pullout')`.execute(test().database.db);
    await waitFor(() => visible(node.engine, 'orders').length === 0, 5_000);
    expect(node.management.position).toBeGreaterThan(before);
    expect(node.management.databaseUp()).toBe(true);
  });

  it('reloads whole after a TRUNCATE, which the journal cannot replay row by row', async () => {
    await using node = await startManagedNode(test());
    node.register(instance('orders', 'o-1'));
    await node.management.instances.operateInstance({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
    expect(visible(node.engine, 'orders')).toEqual([]);
    await sql`truncate table instance`.execute(test().database.db);
    expect(await node.management.refresh()).toBe(true);
    expect(visible(node.engine, 'orders')).toEqual(['o-1']);
    expect(node.events.map((e) => `${e.change.changeType}:${e.change.instance.instanceId}`)).toEqual(['new:o-1', 'delete:o-1', 'new:o-1']);
  });

  it('keeps the snapshot when nothing changed: no invalidation, no pushes', async () => {
    await using node = await startManagedNode(test());
    node.register(instance('orders', 'o-1'));
    const generation = node.engine.discovery.filters.generation;
    expect(await node.management.refresh()).toBe(true);
    expect(node.engine.discovery.filters.generation).toBe(generation);
    expect(node.events).toHaveLength(1);
  });
});

import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { createEmptyPostgresDatabase, dropPostgresDatabase, startScratchCluster, testDatabaseUrl } from '@artemis/management/testing';
import { removeDataDir, startProcess as startNodeProcess, tempDataDir } from './artemis-process.js';

async function startProcess(...args: Parameters<typeof startNodeProcess>) {
  const node = await startNodeProcess(...args);
  tokens.set(node.url, node.token);
  return node;
}

/** Tokens of the nodes by URL: management calls carry their node's bootstrap token. */
const tokens = new Map<string, string>();

async function post(url: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const bearer = tokens.get(url);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }) };
  const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return (await response.json()) as Record<string, unknown>;
}

const orders = (instanceId: string) => ({ serviceId: 'orders', instanceId, url: `http://10.0.0.1/${instanceId}`, ip: '10.0.0.1', regionId: 'default', zoneId: 'default' });
const pullout = (complete = false) => ({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: complete, operatorId: 'ops' });

async function visible(url: string): Promise<string[]> {
  const body = await post(url, Paths.discovery.lookup, { discoveryConfigs: [{ serviceId: 'orders', regionId: 'default', zoneId: 'default' }], regionId: 'default', zoneId: 'default' });
  const services = body['services'] as { instances: { instanceId: string }[] | null }[];
  return (services[0]?.instances ?? []).map((i) => i.instanceId);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe('artemis server with management', () => {
  it('keeps a pull-out across a restart of a node with a data dir (embedded database)', async () => {
    const dataDir = tempDataDir();
    try {
      {
        await using first = await startProcess(['--data-dir', dataDir]);
        expect(await post(first.url, Paths.management.operateInstance, pullout())).toMatchObject({ responseStatus: { errorCode: 'success' } });
        expect(await first.stop()).toBe(0);
      }
      await using second = await startProcess(['--data-dir', dataDir]);
      const all = await post(second.url, Paths.management.allInstanceOperations, {});
      expect(all['allInstanceOperations']).toEqual([{ instanceKey: { instanceId: 'o-1', regionId: 'default', serviceId: 'orders' }, operations: ['pullout'] }]);
      await post(second.url, Paths.registry.register, { instances: [orders('o-1'), orders('o-2')] });
      expect(await visible(second.url)).toEqual(['o-2']);
    } finally {
      await removeDataDir(dataDir);
    }
  }, 60_000);

  it('hides an instance in node B within one second of a pull-out written through node A, both on one Postgres', async () => {
    const database = await createEmptyPostgresDatabase();
    try {
      const env = { ARTEMIS_DATABASE_URL: testDatabaseUrl(database), ARTEMIS_MANAGEMENT__RELOAD_INTERVAL_MS: '600000' };
      await using a = await startProcess([], env);
      await using b = await startProcess([], env);
      await post(b.url, Paths.registry.register, { instances: [orders('o-1'), orders('o-2')] });
      expect(await visible(b.url)).toEqual(['o-1', 'o-2']);
      expect(await post(a.url, Paths.management.operateInstance, pullout())).toMatchObject({ responseStatus: { errorCode: 'success' } });
      const elapsed = await waitFor(async () => (await visible(b.url)).length === 1, 1_000);
      expect(elapsed).toBeLessThan(1_000);
      expect(await visible(b.url)).toEqual(['o-2']);
      await a.stop();
      await b.stop();
    } finally {
      await dropPostgresDatabase(database);
    }
  }, 60_000);

  it('stays ready with the database reported down in /health/ready while it is stopped, refuses writes quickly, keeps discovery, and recovers', async () => {
    await using cluster = await startScratchCluster();
    await using node = await startProcess(['--database-url', cluster.url], { ARTEMIS_MANAGEMENT__RELOAD_INTERVAL_MS: '500' });
    await post(node.url, Paths.registry.register, { instances: [orders('o-1'), orders('o-2')] });
    await post(node.url, Paths.management.operateInstance, pullout());
    await cluster.stop();
    // Registry and discovery still serve, so a load balancer must keep the node: 200, degraded.
    await waitFor(async () => ((await (await fetch(`${node.url}${Paths.health.ready}`)).json()) as { status: string }).status === 'degraded', 5_000);
    const degraded = await fetch(`${node.url}${Paths.health.ready}`);
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toEqual({ status: 'degraded', checks: { node: 'up', database: 'down' } });
    const started = Date.now();
    expect(await post(node.url, Paths.management.operateInstance, pullout(true))).toMatchObject({ responseStatus: { errorCode: 'service-unavailable' } });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await visible(node.url)).toEqual(['o-2']);
    await cluster.start();
    await waitFor(async () => ((await (await fetch(`${node.url}${Paths.health.ready}`)).json()) as { status: string }).status === 'up', 10_000);
    expect(await post(node.url, Paths.management.operateInstance, pullout(true))).toMatchObject({ responseStatus: { errorCode: 'success' } });
    expect(await visible(node.url)).toEqual(['o-1', 'o-2']);
  }, 60_000);

  it('exits with a message when the database cannot be reached at start', async () => {
    await expect(startProcess(['--database-url', 'postgres://postgres@127.0.0.1:1/artemis'])).rejects.toThrow(/management database unavailable/);
  });
});

import { afterEach, describe, expect, it } from '@jest/globals';
import { ArtemisClient, InvalidArgumentError, type ArtemisClientEvents } from '../src/index.js';
import { createDatabase, post, servedIds, startNode, waitFor, type ArtemisNode } from './support/artemis-node.js';

const orders = (instanceId: string, extra: Record<string, unknown> = {}) => ({ serviceId: 'orders', instanceId, ip: '10.0.0.1', port: 8080, url: `http://10.0.0.1:8080/${instanceId}`, ...extra });

async function leaseStatus(url: string, instanceId: string): Promise<string | null> {
  const body = await post(url, '/api/discovery/service.json', { discoveryConfig: { serviceId: 'orders', regionId: 'default', zoneId: 'default' }, regionId: 'default', zoneId: 'default' });
  const service = body['service'] as { instances: { instanceId: string; status: string | null }[] | null } | null;
  return service?.instances?.find((instance) => instance.instanceId === instanceId)?.status ?? null;
}

describe('registration', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const track = <T extends { close?: () => Promise<void>; kill?: () => Promise<void> }>(thing: T): T => {
    cleanups.push(async () => {
      if (thing.close !== undefined) await thing.close();
      else await thing.kill?.();
    });
    return thing;
  };

  it('registers at once over HTTP, keeps the lease alive by heartbeat, and unregisters on close', async () => {
    const node = track(await startNode({ env: { ARTEMIS_LEASE__TTL_MS: '1500' } }));
    const client = new ArtemisClient({ servers: [node.url], heartbeatIntervalMs: 300, drainMs: 0 });
    const heartbeats: ArtemisClientEvents['heartbeat'][] = [];
    client.on('heartbeat', (event) => heartbeats.push(event));
    await client.register([orders('o-1'), orders('o-2')]);
    expect(await servedIds(node.url, 'orders')).toEqual(['o-1', 'o-2']);
    // Three TTLs later the leases are still alive: heartbeats renewed them.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(await servedIds(node.url, 'orders')).toEqual(['o-1', 'o-2']);
    expect(heartbeats.length).toBeGreaterThanOrEqual(5);
    expect(heartbeats.some((event) => event.transport === 'socket.io')).toBe(true);
    await client.close();
    expect(await servedIds(node.url, 'orders')).toEqual([]);
  }, 30_000);

  it('falls back to HTTP heartbeats when push is off', async () => {
    const node = track(await startNode({ env: { ARTEMIS_LEASE__TTL_MS: '1000' } }));
    const client = track(new ArtemisClient({ servers: [node.url], heartbeatIntervalMs: 200, drainMs: 0, push: false }));
    const transports = new Set<string>();
    client.on('heartbeat', (event) => transports.add(event.transport));
    await client.register([orders('o-1')]);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await servedIds(node.url, 'orders')).toEqual(['o-1']);
    expect([...transports]).toEqual(['http']);
  }, 30_000);

  it('registers again within one heartbeat after the node restarts with an empty registry', async () => {
    const database = createDatabase();
    cleanups.push(async () => database.drop());
    const first = await startNode({ database });
    const client = track(new ArtemisClient({ servers: [first.url], heartbeatIntervalMs: 500, drainMs: 0 }));
    const reregistered: ArtemisClientEvents['reregistered'][] = [];
    client.on('reregistered', (event) => reregistered.push(event));
    await client.register([orders('o-1')]);
    await first.stop();
    const second = track(await startNode({ database, port: first.port }));
    expect(await servedIds(second.url, 'orders')).toEqual([]);
    await waitFor(async () => (await servedIds(second.url, 'orders')).length === 1, 3000, 're-register');
    // The node serves the instance as soon as it takes the registration; the client's event
    // follows when the answer reaches it, so wait for that too rather than race it.
    await waitFor(() => reregistered.length > 0, 3000, 'reregistered event');
    expect(reregistered[0]?.instances.map((instance) => instance.instanceId)).toEqual(['o-1']);
    expect(reregistered[0]?.reason).toBe('data-not-found');
  }, 30_000);

  it('turns an instance down while its health check fails, and up again, without unregistering it', async () => {
    const node = track(await startNode());
    const client = track(new ArtemisClient({ servers: [node.url], heartbeatIntervalMs: 200, drainMs: 0 }));
    let healthy = true;
    await client.register([orders('o-1', { health: async () => healthy })]);
    expect(await leaseStatus(node.url, 'o-1')).toBe('up');
    healthy = false;
    await waitFor(async () => (await leaseStatus(node.url, 'o-1')) === 'down', 3000, 'down');
    healthy = true;
    await waitFor(async () => (await leaseStatus(node.url, 'o-1')) === 'up', 3000, 'up again');
  }, 30_000);

  it('refuses invalid options and instances with an error naming the field', async () => {
    expect(() => new ArtemisClient({ servers: [] })).toThrow(new InvalidArgumentError('servers', 'must list at least one node URL'));
    expect(() => new ArtemisClient({ servers: ['ftp://x'] })).toThrow(/servers\[0\]: must be an http/);
    expect(() => new ArtemisClient({ servers: ['http://127.0.0.1:1'], heartbeatIntervalMs: 5 })).toThrow(/heartbeatIntervalMs: must be between/);
    const client = track(new ArtemisClient({ servers: ['http://127.0.0.1:1'], push: false, requestTimeoutMs: 100, maxAttempts: 1 }));
    await expect(client.register([orders('o-1', { url: '' })])).rejects.toThrow(/instances\[0\]\.url: must not be blank/);
    await expect(client.register([orders('o-1'), orders('o-2', { port: 70_000 })])).rejects.toThrow(/instances\[1\]\.port/);
    await expect(client.register([orders('o-1', { metadata: { a: 1 } })])).rejects.toThrow(/instances\[0\]\.metadata\.a: must be a string/);
    await expect(client.unregister([{ serviceId: 'orders' } as never])).rejects.toThrow(/instances\[0\]\.instanceId/);
  });
});

export type { ArtemisNode };

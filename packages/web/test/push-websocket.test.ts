import { describe, expect, it } from '@jest/globals';
import { Paths, RegistryOperation } from '@artemis/core';
import { WebSocket } from 'ws';
import { instance, startNode } from './fixtures.js';
import { send } from './http-client.js';
import { openWs } from './push-clients.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
interface Change {
  changeType: string;
  instance: { instanceId: string; serviceId: string; status: string };
}
interface HeartbeatResponse {
  failedInstances: { errorCode: string; instance?: unknown }[] | null;
  responseStatus: { errorCode: string; status: string; message: string };
}

describe('Java WebSocket heartbeat channel', () => {
  it('keeps a lease alive past its TTL, and answers an unknown instance with data-not-found', async () => {
    await using node = await startNode({ lease: { ttlMs: 600, cleanIntervalMs: 20 } });
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'o-1')] });
    await using client = await openWs(node.url, Paths.ws.heartbeat);
    for (let n = 0; n < 8; n++) {
      client.send({ instances: [instance('orders', 'o-1')] });
      expect(await client.next<HeartbeatResponse>()).toEqual({ failedInstances: null, responseStatus: { errorCode: 'success', message: '', status: 'success' } });
      await sleep(150);
    }
    expect(node.engine.store.size).toBe(1);
    client.send({ instances: [instance('orders', 'ghost')] });
    const reply = await client.next<HeartbeatResponse>();
    expect(reply.failedInstances?.map((f) => f.errorCode)).toEqual(['data-not-found']);
    // The failure quotes the instance whole, though the frame was read by its keys.
    expect(reply.failedInstances?.[0]?.instance).toEqual(instance('orders', 'ghost'));
  });

  it('renews by plan a frame it has seen, and reads it again once an instance of it is gone', async () => {
    await using node = await startNode();
    const instances = [instance('orders', 'o-1'), instance('orders', 'o-2'), instance('billing', 'b-1')];
    node.engine.registry.execute(RegistryOperation.register, { instances });
    await using client = await openWs(node.url, Paths.ws.heartbeat);
    const success = { failedInstances: null, responseStatus: { errorCode: 'success', message: '', status: 'success' } };
    client.send({ instances });
    expect(await client.next<HeartbeatResponse>()).toEqual(success);
    expect(node.engine.registry.plans.size).toBe(1);
    const renewedAt = node.engine.store.lease('billing', 'b-1')?.renewalTime ?? 0;
    await sleep(5);
    client.send({ instances });
    expect(await client.next<HeartbeatResponse>()).toEqual(success);
    expect(node.engine.store.lease('billing', 'b-1')?.renewalTime).toBeGreaterThan(renewedAt);
    expect(node.engine.registry.plans.used).toBe(1);
    node.engine.registry.execute(RegistryOperation.unregister, { instances: [instance('orders', 'o-2')] });
    client.send({ instances });
    const reply = await client.next<HeartbeatResponse>();
    expect(reply.failedInstances?.map((f) => [f.errorCode, f.instance])).toEqual([['data-not-found', instance('orders', 'o-2')]]);
    expect(node.engine.registry.plans.size).toBe(0);
    expect(node.engine.registry.plans.used).toBe(1);
  });

  it('answers malformed and binary frames with bad-request and keeps the session', async () => {
    await using node = await startNode();
    await using client = await openWs(node.url, Paths.ws.heartbeat);
    client.send('{not json');
    expect((await client.next<HeartbeatResponse>()).responseStatus).toMatchObject({ errorCode: 'bad-request', status: 'fail' });
    client.send({ instances: [{ serviceId: 's', port: 'x' }] });
    expect((await client.next<HeartbeatResponse>()).responseStatus.message).toMatch(/^instances\[0\]\.port: /);
    client.ws.send(Buffer.from('{}'), { binary: true });
    expect((await client.next<HeartbeatResponse>()).responseStatus.message).toBe('heartbeats are JSON text frames, not binary');
    client.send({ instances: [instance('orders', 'nobody')] });
    expect((await client.next<HeartbeatResponse>()).responseStatus.status).toBe('partial_fail');
  });
});

describe('Java WebSocket change channels', () => {
  it('pushes new, change and delete in order to sessions subscribed to the service, case-insensitively', async () => {
    await using node = await startNode({ lease: { ttlMs: 300, cleanIntervalMs: 20 }, selfPreservation: { enabled: false } });
    await using client = await openWs(node.url, Paths.ws.instanceChange);
    client.send({ serviceId: 'ORDERS' });
    await sleep(50);
    const execute = (operation: RegistryOperation, ...instances: ReturnType<typeof instance>[]) => node.engine.registry.execute(operation, { instances });
    execute(RegistryOperation.register, instance('orders', 'a'));
    execute(RegistryOperation.register, instance('Orders', 'a', { status: 'down' }));
    execute(RegistryOperation.register, instance('other', 'x'));
    execute(RegistryOperation.unregister, instance('orders', 'a'));
    execute(RegistryOperation.register, instance('orders', 'b'));
    const seen: string[] = [];
    for (let n = 0; n < 5; n++) {
      const change = await client.next<Change>();
      seen.push(`${change.changeType}:${change.instance.instanceId}:${change.instance.status}`);
    }
    // b was not renewed, so it expires after its TTL and is pushed as delete.
    expect(seen).toEqual(['new:a:up', 'change:a:down', 'delete:a:down', 'new:b:up', 'delete:b:up']);
    expect(client.pending).toEqual([]);
  });

  it('pushes every change to all-instance-change sessions', async () => {
    await using node = await startNode();
    await using client = await openWs(node.url, Paths.ws.allInstanceChange);
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('a', 'a-1'), instance('b', 'b-1')] });
    expect((await client.next<Change>()).instance.serviceId).toBe('a');
    expect((await client.next<Change>()).instance.serviceId).toBe('b');
  });

  it('answers a malformed subscription with bad-request and keeps the session', async () => {
    await using node = await startNode();
    await using client = await openWs(node.url, Paths.ws.instanceChange);
    client.send('nope');
    expect(await client.next()).toMatchObject({ responseStatus: { errorCode: 'bad-request' } });
    client.send({ serviceId: '  ' });
    expect(await client.next()).toEqual({ responseStatus: { errorCode: 'bad-request', message: 'serviceId: must not be blank', status: 'fail' } });
    client.send({ serviceId: 'orders' });
    await sleep(30);
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'o-1')] });
    expect((await client.next<Change>()).changeType).toBe('new');
  });
});

describe('Java WebSocket sessions', () => {
  it('are closed at the end of their lifetime', async () => {
    await using node = await startNode({}, { push: { sessionLifetimeMs: 200 } });
    await using client = await openWs(node.url, Paths.ws.instanceChange);
    expect(await client.closed).toBe(1001);
    expect(node.http.push.stats.closedExpired).toBe(1);
  });

  it('refuse a blocked IP at the handshake and an unknown path with 404', async () => {
    await using node = await startNode({}, { push: { blockedIps: { heartbeat: ['127.0.0.1'], instanceChange: [], allInstanceChange: [] } } });
    const status = (path: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(node.url.replace('http', 'ws') + path);
        ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => undefined);
      });
    expect(await status(Paths.ws.heartbeat)).toBe(403);
    expect(await status('/ws/nothing')).toBe(404);
    expect(await status(Paths.ws.instanceChange)).toBe(101);
  });

  it('are counted by connections.json', async () => {
    await using node = await startNode();
    await using heartbeat = await openWs(node.url, Paths.ws.heartbeat);
    await using changes = await openWs(node.url, Paths.ws.instanceChange);
    await using all = await openWs(node.url, Paths.ws.allInstanceChange);
    expect([heartbeat, changes, all].every((c) => c.ws.readyState === WebSocket.OPEN)).toBe(true);
    expect((await send(node.url, { path: Paths.status.connections })).json()).toEqual({ registry: '1', discovery: '1' });
    expect((await send(node.url, { path: Paths.status.push })).json()).toMatchObject({ sessions: { heartbeat: 1, instanceChange: 1, allInstanceChange: 1, socketIo: 0 } });
  });

  it('a stalled subscriber does not delay another, and is closed at its backlog bound', async () => {
    await using node = await startNode({ rateLimits: { registry: { enabled: false } } }, { push: { maxBacklogBytes: 256 * 1024 } });
    await using stalled = await openWs(node.url, Paths.ws.allInstanceChange);
    await using healthy = await openWs(node.url, Paths.ws.instanceChange);
    healthy.send({ serviceId: 'marker' });
    await sleep(30);
    stalled.stall();
    const big = { metadata: { blob: 'x'.repeat(3_500) } };
    // Each marker must reach the healthy session while the stalled one's backlog grows; how fast
    // is a benchmark's question (push-latency), not a timed assertion here.
    // ~40 MB of pushes: more than the kernel buffers between the two ends can hold.
    for (let batch = 0; batch < 12 && node.http.push.stats.closedSlow === 0; batch++) {
      const instances = Array.from({ length: 1000 }, (_, n) => instance('bulk', `b-${batch}-${n}`, big));
      node.engine.registry.execute(RegistryOperation.register, { instances });
      const marker = instance('marker', `m-${batch}`);
      node.engine.registry.execute(RegistryOperation.register, { instances: [marker] });
      expect((await healthy.next<Change>()).instance.instanceId).toBe(marker.instanceId);
    }
    expect(node.http.push.stats.closedSlow).toBe(1);
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN);
  });
});

import { describe, expect, it } from '@jest/globals';
import { RegistryOperation, type ChangePush, type InstancesResponse, type SubscribeReply } from '@artemis/core';
import { instance, startNode } from './fixtures.js';
import { openIo, stallIo, type TestIo } from './push-clients.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Collects pushes; `take(n)` waits for n of them. */
function collect(socket: TestIo) {
  const pushes: ChangePush[] = [];
  let wake: (() => void) | null = null;
  socket.on('instance-change', (push) => {
    pushes.push(push);
    wake?.();
  });
  return {
    pushes,
    async take(count: number, timeoutMs = 2_000): Promise<ChangePush[]> {
      const deadline = Date.now() + timeoutMs;
      while (pushes.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`got ${pushes.length} pushes, expected ${count}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
      return pushes.splice(0, count);
    },
  };
}

function subscribe(socket: TestIo, request: Record<string, unknown>): Promise<SubscribeReply> {
  return socket.timeout(2_000).emitWithAck('subscribe', request as never) as Promise<SubscribeReply>;
}

const describeChange = (push: ChangePush) => `${push.change.changeType}:${push.change.instance.instanceId}`;

describe('socket.io push', () => {
  it('pushes the changes of subscribed services with their versions, in order', async () => {
    await using node = await startNode();
    await using client = await openIo(node.url);
    const inbox = collect(client);
    const reply = await subscribe(client, { serviceIds: ['Orders'] });
    expect(reply).toEqual({ responseStatus: { errorCode: 'success', message: '', status: 'success' }, version: node.engine.changeLog.version, serviceIds: ['orders'], all: false, subscriptionCount: 1 });
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'a'), instance('other', 'x')] });
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'a', { status: 'down' })] });
    node.engine.registry.execute(RegistryOperation.unregister, { instances: [instance('ORDERS', 'a')] });
    const pushes = await inbox.take(3);
    expect(pushes.map(describeChange)).toEqual(['new:a', 'change:a', 'delete:a']);
    expect(pushes.map((p) => p.version)).toEqual([reply.version + 1, reply.version + 3, reply.version + 4]);
    expect(pushes[0]?.serviceId).toBe('orders');
  });

  it('subscribes by discovery config and to everything, and unsubscribes', async () => {
    await using node = await startNode();
    await using byConfig = await openIo(node.url);
    await using everything = await openIo(node.url);
    const configInbox = collect(byConfig);
    const allInbox = collect(everything);
    await subscribe(byConfig, { discoveryConfigs: [{ serviceId: 'a' }] });
    expect((await subscribe(everything, { all: true })).all).toBe(true);
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('a', 'a-1'), instance('b', 'b-1')] });
    expect((await configInbox.take(1)).map(describeChange)).toEqual(['new:a-1']);
    expect((await allInbox.take(2)).map(describeChange)).toEqual(['new:a-1', 'new:b-1']);
    const left = (await byConfig.timeout(2_000).emitWithAck('unsubscribe', { serviceIds: ['A'], all: false })) as SubscribeReply;
    // The acknowledgement names what the request changed: here, the service it removed.
    expect(left.serviceIds).toEqual(['a']);
    expect(left.subscriptionCount).toBe(0);
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('a', 'a-2')] });
    await allInbox.take(1);
    await sleep(50);
    expect(configInbox.pushes).toEqual([]);
  });

  it('answers a heartbeat with the HTTP heartbeat answer', async () => {
    await using node = await startNode();
    await using client = await openIo(node.url);
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'a')] });
    const ok = (await client.timeout(2_000).emitWithAck('heartbeat', { instances: [instance('orders', 'a')] })) as InstancesResponse;
    expect(ok).toEqual({ failedInstances: null, responseStatus: { errorCode: 'success', message: '', status: 'success' } });
    const unknown = (await client.timeout(2_000).emitWithAck('heartbeat', { instances: [instance('orders', 'ghost')] })) as InstancesResponse;
    expect(unknown.failedInstances?.map((f) => f.errorCode)).toEqual(['data-not-found']);
    const bad = (await client.timeout(2_000).emitWithAck('heartbeat', { instances: 'none' } as never)) as InstancesResponse;
    expect(bad.responseStatus.errorCode).toBe('bad-request');
  });

  it('answers a malformed subscription with bad-request and keeps the session', async () => {
    await using node = await startNode();
    await using client = await openIo(node.url);
    expect((await subscribe(client, {})).responseStatus).toEqual({ errorCode: 'bad-request', message: 'name serviceIds, discoveryConfigs, or all: true', status: 'fail' });
    expect((await subscribe(client, { serviceIds: 'orders' })).responseStatus.message).toMatch(/^serviceIds: /);
    expect((await subscribe(client, { serviceIds: ['orders'] })).responseStatus.status).toBe('success');
    expect(client.connected).toBe(true);
  });

  it('resumes after a reconnect from the last version seen, receiving exactly the missed changes', async () => {
    await using node = await startNode();
    const first = await openIo(node.url);
    const inbox = collect(first);
    await subscribe(first, { serviceIds: ['orders'] });
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'a')] });
    const [seen] = await inbox.take(1);
    first.disconnect();
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'b'), instance('other', 'x')] });
    node.engine.registry.execute(RegistryOperation.unregister, { instances: [instance('orders', 'a')] });

    await using second = await openIo(node.url);
    const resumed = collect(second);
    await subscribe(second, { serviceIds: ['orders'], sinceVersion: seen!.version });
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'c')] });
    expect((await resumed.take(3)).map(describeChange)).toEqual(['new:b', 'delete:a', 'new:c']);
  });

  it('tells a subscriber too far behind to reload each of its services', async () => {
    await using node = await startNode({ changeLogCapacity: 2 });
    await using client = await openIo(node.url);
    const inbox = collect(client);
    const old = node.engine.changeLog.version;
    node.engine.registry.execute(RegistryOperation.register, { instances: ['a', 'b', 'c'].map((id) => instance('orders', id)) });
    await subscribe(client, { serviceIds: ['orders', 'never-registered'], sinceVersion: old });
    const pushes = await inbox.take(2);
    expect(pushes.map((p) => [p.serviceId, p.change.changeType, p.change.instance.instanceId])).toEqual([
      ['orders', 'reload', 'reload'],
      ['never-registered', 'reload', 'reload'],
    ]);
  });

  it('a stalled subscriber does not delay another, and is closed at its backlog bound', async () => {
    await using node = await startNode({ rateLimits: { registry: { enabled: false } } }, { push: { maxBacklogBytes: 256 * 1024, maxBacklogPackets: 2_000 } });
    await using stalled = await openIo(node.url);
    await using healthy = await openIo(node.url);
    await subscribe(stalled, { all: true });
    await subscribe(healthy, { serviceIds: ['marker'] });
    const inbox = collect(healthy);
    // Warm the push path up before measuring it.
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('marker', 'warm-up')] });
    await inbox.take(1);
    stallIo(stalled);
    const big = { metadata: { blob: 'x'.repeat(3_500) } };
    // Each marker must reach the healthy session while the stalled one's backlog grows; how fast
    // is a benchmark's question (push-latency), not a timed assertion here.
    for (let batch = 0; batch < 12 && node.http.push.stats.closedSlow === 0; batch++) {
      node.engine.registry.execute(RegistryOperation.register, { instances: Array.from({ length: 1000 }, (_, n) => instance('bulk', `b-${batch}-${n}`, big)) });
      node.engine.registry.execute(RegistryOperation.register, { instances: [instance('marker', `m-${batch}`)] });
      expect((await inbox.take(1)).map(describeChange)).toEqual([`new:m-${batch}`]);
      await sleep(120);
    }
    expect(node.http.push.stats.closedSlow).toBe(1);
    expect(healthy.connected).toBe(true);
    expect(node.http.push.stats.sessions.socketIo).toBe(1);
  });
});

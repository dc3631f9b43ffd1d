import { describe, expect, it } from '@jest/globals';
import { Paths, RegistryOperation, type ReplicatedItem, type ReplicationBatchRequest } from '@artemis/core';
import { PeerQueue, defaultPeerQueueOptions, type ReplicationTransport, type SendOutcome } from '../src/index.js';
import { ManualClock } from '../src/testing.js';
import { register, simulate, type SimNode } from './cluster-sim.js';
import { instance } from './fixtures.js';

/** The replication batches each node sent, in order. */
function recordBatches(): { sent: { from: string; to: string; body: ReplicationBatchRequest }[]; wrap: (from: string, transport: ReplicationTransport) => ReplicationTransport } {
  const sent: { from: string; to: string; body: ReplicationBatchRequest }[] = [];
  return {
    sent,
    wrap: (from, transport) => ({
      call: (peerUrl, path, body, timeoutMs) => {
        if (path === Paths.replication.batch) sent.push({ from, to: peerUrl, body: JSON.parse(JSON.stringify(body)) as ReplicationBatchRequest });
        return transport.call(peerUrl, path, body, timeoutMs);
      },
    }),
  };
}

function heartbeat(node: SimNode, serviceId: string, instanceId: string): void {
  const response = node.engine.registry.execute(RegistryOperation.heartbeat, { instances: [instance(serviceId, instanceId)] });
  expect(response.responseStatus.status).toBe('success');
}

describe('replication sending', () => {
  it('an idle link sends a change at once, not after the batch window', async () => {
    // A window of 1 s would hold the change for 1 s; the round trip here is 2 ms.
    const sim = await simulate(3, { delayMs: 1, queue: { batchDelayMs: 1_000 } });
    const [a, b, c] = sim.nodes as [SimNode, SimNode, SimNode];
    register(a, 'orders', 'o-1');
    await sim.run(10, 1);
    expect(b.engine.store.lease('orders', 'o-1')).toBeDefined();
    expect(c.engine.store.lease('orders', 'o-1')).toBeDefined();
  });

  it('changes made while a request is in flight go together in the next one, right after it', async () => {
    // One-way delay 20 ms: a request is in flight for 40 ms.
    const sim = await simulate(2, { delayMs: 20, queue: { batchDelayMs: 1_000 } });
    const [a, b] = sim.nodes as [SimNode, SimNode];
    const batchesBefore = a.cluster.peerStates()[0]?.queue.stats.batches ?? 0;
    register(a, 'orders', 'o-0');
    await sim.run(5, 1);
    for (let i = 1; i < 10; i += 1) register(a, 'orders', `o-${i}`);
    // The first request returns at 40 ms, the second (nine changes) at 80 ms.
    await sim.run(85, 1);
    expect(b.engine.store.service('orders')?.leases.size).toBe(10);
    const stats = a.cluster.peerStates()[0]?.queue.stats;
    expect((stats?.batches ?? 0) - batchesBefore).toBe(2);
  });

  it('renewals of instances the peers hold go by key only, and renew their copies', async () => {
    const recorder = recordBatches();
    const sim = await simulate(3, { renewalReplicationIntervalMs: 1_000, wrapTransport: recorder.wrap });
    const [a, b, c] = sim.nodes as [SimNode, SimNode, SimNode];
    register(a, 'orders', 'o-1');
    await sim.run(100);
    await sim.run(1_500);
    const before = recorder.sent.length;
    const renewedAt = sim.clock.now();
    heartbeat(a, 'orders', 'o-1');
    await sim.run(300);
    const items: ReplicatedItem[] = recorder.sent.slice(before).filter((batch) => batch.from === a.url).flatMap((batch) => batch.body.items);
    expect(items).toEqual([
      { op: 'renew', serviceId: 'orders', instanceId: 'o-1', version: a.engine.store.lease('orders', 'o-1')?.version },
      { op: 'renew', serviceId: 'orders', instanceId: 'o-1', version: a.engine.store.lease('orders', 'o-1')?.version },
    ]);
    for (const node of [b, c]) {
      expect(node.engine.store.lease('orders', 'o-1')?.renewalTime).toBeGreaterThanOrEqual(renewedAt);
      expect(node.engine.store.lease('orders', 'o-1')?.owner).toBe(a.url);
    }
    expect(b.cluster.counters.renewalsUnknown + c.cluster.counters.renewalsUnknown).toBe(0);
    // A renewal within the interval goes nowhere: it is counted as throttled.
    const throttled = a.cluster.counters.renewalsThrottled;
    const sentBefore = recorder.sent.length;
    heartbeat(a, 'orders', 'o-1');
    await sim.run(300);
    expect(recorder.sent.slice(sentBefore).filter((batch) => batch.from === a.url).flatMap((batch) => batch.body.items)).toEqual([]);
    expect(a.cluster.counters.renewalsThrottled).toBe(throttled + 1);
  });

  it('a peer that lacks the renewed instance, or holds an older version, says so and gets it whole', async () => {
    const recorder = recordBatches();
    const sim = await simulate(3, { renewalReplicationIntervalMs: 1_000, wrapTransport: recorder.wrap });
    const [a, b, c] = sim.nodes as [SimNode, SimNode, SimNode];
    register(a, 'orders', 'o-1');
    await sim.run(100);
    // B lost its copy (as a restarted node would); C's is a version behind (it missed a change).
    b.engine.store.unregister('orders', 'o-1');
    const cLease = c.engine.store.lease('orders', 'o-1');
    if (cLease === undefined) throw new Error('C has no copy');
    cLease.version -= 1;
    await sim.run(1_500);
    const before = recorder.sent.length;
    heartbeat(a, 'orders', 'o-1');
    await sim.run(300);
    const version = a.engine.store.lease('orders', 'o-1')?.version;
    for (const node of [b, c]) {
      expect(node.engine.store.lease('orders', 'o-1')?.version).toBe(version);
      expect(node.engine.store.lease('orders', 'o-1')?.owner).toBe(a.url);
      expect(node.cluster.counters.renewalsUnknown).toBe(1);
      // The renewal by key first, then the instance whole.
      const ops = recorder.sent.slice(before).filter((batch) => batch.from === a.url && batch.to === node.url).flatMap((batch) => batch.body.items.map((item) => item.op));
      expect(ops).toEqual(['renew', 'heartbeat']);
    }
    expect(a.cluster.counters.renewalsResentWhole).toBe(2);
  });
});

describe('peer queue', () => {
  it('a renewal queued while a write fails does not displace it: the retry carries the whole instance', async () => {
    const clock = new ManualClock(0);
    const batches: ReplicatedItem[][] = [];
    let answer: (outcome: SendOutcome) => void = () => undefined;
    const queue = new PeerQueue(clock, () => clock.now(), defaultPeerQueueOptions, (items) => {
      batches.push(items);
      return new Promise<SendOutcome>((resolve) => {
        answer = resolve;
      });
    }, () => 0.5);
    const written = instance('orders', 'o-1');
    queue.offer('orders\0o-1', { op: 'register', instance: written, version: 7, owner: 'http://a' });
    clock.flush();
    expect(batches).toHaveLength(1);
    queue.offer('orders\0o-1', { op: 'renew', serviceId: 'orders', instanceId: 'o-1', version: 7 });
    answer('retry');
    await Promise.resolve();
    await Promise.resolve();
    clock.advance(defaultPeerQueueOptions.maxBackoffMs);
    expect(batches).toHaveLength(2);
    expect(batches[1]).toEqual([{ op: 'register', instance: written, version: 7, owner: 'http://a' }]);
    expect(queue.stats.retried).toBe(1);
  });

  it('renewals alone wait for the batch window and share one request', () => {
    const clock = new ManualClock(0);
    const batches: ReplicatedItem[][] = [];
    const queue = new PeerQueue(clock, () => clock.now(), defaultPeerQueueOptions, (items) => {
      batches.push(items);
      return Promise.resolve<SendOutcome>('ok');
    });
    for (let i = 0; i < 5; i += 1) {
      queue.offer(`s\0i-${i}`, { op: 'renew', serviceId: 's', instanceId: `i-${i}`, version: 1 });
      clock.advance(10);
    }
    expect(batches).toHaveLength(0);
    clock.advance(defaultPeerQueueOptions.batchDelayMs - 50);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(5);
  });
});

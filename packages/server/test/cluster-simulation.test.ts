import { describe, expect, it } from '@jest/globals';
import { NodeState, RegistryOperation } from '@artemis/core';
import { AE_MS, digestsAgree, register, simulate, type SimNode } from './cluster-sim.js';
import { instance } from './fixtures.js';

describe('cluster simulation (20 in-process nodes, simulated network)', () => {
  it('1,000 registrations spread over 20 nodes reach every node, with 5% message loss', async () => {
    const sim = await simulate(20, { delayMs: 2, lossRate: 0.05 });
    expect(sim.nodes.every((node) => node.engine.cluster.currentState() === NodeState.up)).toBe(true);
    for (let i = 0; i < 1000; i += 1) register(sim.nodes[i % 20] as SimNode, `svc-${i % 37}`, `inst-${i}`);
    await sim.run(2_000);
    const sizes = sim.nodes.map((node) => node.engine.store.size);
    expect(sizes).toEqual(new Array(20).fill(1000));
    expect(digestsAgree(sim.nodes)).toBe(true);
    // Batching: far fewer requests than writes x peers.
    expect(sim.network.sent.requests).toBeLessThan(1000 * 19);
  }, 60_000);

  it('a partitioned node with overflowing queues converges within 3 anti-entropy rounds of the heal', async () => {
    const sim = await simulate(20, { queue: { maxItems: 20 } });
    const isolated = sim.nodes[0] as SimNode;
    for (const other of sim.nodes.slice(1)) sim.network.partition(isolated.url, other.url);
    for (let i = 0; i < 200; i += 1) register(isolated, 'island', `i-${i}`);
    for (let i = 0; i < 200; i += 1) register(sim.nodes[1 + (i % 19)] as SimNode, 'mainland', `m-${i}`);
    await sim.run(AE_MS);
    expect(isolated.engine.store.size).toBe(200);
    expect(digestsAgree(sim.nodes)).toBe(false);
    expect(isolated.cluster.peerStates().every((peer) => peer.queue.stats.dirty && peer.queue.stats.overflowed > 0)).toBe(true);
    sim.network.heal();
    let rounds = 0;
    while (!digestsAgree(sim.nodes) && rounds < 10) {
      await sim.run(AE_MS);
      rounds += 1;
    }
    expect(sim.nodes.map((node) => node.engine.store.size)).toEqual(new Array(20).fill(400));
    expect(rounds).toBeLessThanOrEqual(3);
  }, 60_000);

  it('a large difference is repaired in bounded exchanges over several rounds', async () => {
    const sim = await simulate(3, { queue: { maxItems: 10 }, maxSyncRecords: 100 });
    const [a, b, c] = sim.nodes as [SimNode, SimNode, SimNode];
    sim.network.partition(a.url, b.url);
    for (let i = 0; i < 1000; i += 1) register(a, `svc-${i % 50}`, `i-${i}`);
    await sim.run(AE_MS);
    const sizeBefore = b.engine.store.size;
    sim.network.heal();
    const bytesBefore = sim.network.sent.bytes;
    let rounds = 0;
    while (!digestsAgree(sim.nodes) && rounds < 40) {
      await sim.run(AE_MS);
      rounds += 1;
    }
    expect([a, b, c].map((node) => node.engine.store.size)).toEqual([1000, 1000, 1000]);
    // C may have carried some of it to B; what the A-B link moved came in exchanges of at most 100 records each way.
    expect(sizeBefore).toBeLessThan(1000);
    expect(sim.network.sent.bytes - bytesBefore).toBeGreaterThan(0);
  }, 60_000);

  it('a replica lease lives while its owner renews it, and expires everywhere once the client stops', async () => {
    const sim = await simulate(3);
    const [a, b, c] = sim.nodes as [SimNode, SimNode, SimNode];
    register(a, 'orders', 'o-1');
    for (let t = 0; t < 40_000; t += 5_000) {
      a.engine.registry.execute(RegistryOperation.heartbeat, { instances: [instance('orders', 'o-1')] });
      await sim.run(5_000);
    }
    // 40 s is twice the TTL: only the replicated heartbeats kept B and C's copies.
    expect([a, b, c].map((node) => node.engine.store.size)).toEqual([1, 1, 1]);
    expect(b.engine.store.lease('orders', 'o-1')?.owner).toBe(a.url);
    await sim.run(25_000);
    expect([a, b, c].map((node) => node.engine.store.size)).toEqual([0, 0, 0]);
  }, 60_000);

  it('heartbeats moving to another node move ownership; a dead owner does not expire instances its clients renew elsewhere', async () => {
    const sim = await simulate(3);
    const [a, b, c] = sim.nodes as [SimNode, SimNode, SimNode];
    register(a, 'orders', 'o-1');
    await sim.run(1_000);
    // A dies; its client fails over to B within one heartbeat.
    a.cluster.stop();
    a.engine.stop();
    sim.network.detach(a.url);
    for (let t = 0; t < 60_000; t += 5_000) {
      const response = b.engine.registry.execute(RegistryOperation.heartbeat, { instances: [instance('orders', 'o-1')] });
      expect(response.responseStatus.status).toBe('success');
      await sim.run(5_000);
    }
    expect(b.engine.store.lease('orders', 'o-1')?.owner).toBe('');
    expect(c.engine.store.lease('orders', 'o-1')?.owner).toBe(b.url);
  }, 60_000);

  it('a restarted node bootstraps everything from an UP peer before it serves registry writes', async () => {
    const sim = await simulate(3);
    for (let i = 0; i < 300; i += 1) register(sim.nodes[i % 3] as SimNode, 'svc', `i-${i}`);
    await sim.run(500);
    const old = sim.nodes[2] as SimNode;
    old.cluster.stop();
    old.engine.stop();
    sim.network.detach(old.url);
    const fresh = sim.startNode(2);
    expect(fresh.engine.cluster.currentState()).toBe(NodeState.starting);
    expect(fresh.engine.registry.execute(RegistryOperation.register, { instances: [instance('svc', 'late')] }).responseStatus.errorCode).toBe('service-unavailable');
    await sim.run(200);
    expect(fresh.engine.cluster.currentState()).toBe(NodeState.up);
    expect(fresh.engine.store.size).toBe(300);
    expect(fresh.cluster.counters.bootstrapRecords).toBe(300);
  }, 60_000);

  it('an unregister on one node removes the instance everywhere and anti-entropy does not bring it back', async () => {
    const sim = await simulate(3);
    const [a, b, c] = sim.nodes as [SimNode, SimNode, SimNode];
    register(a, 'orders', 'o-1');
    await sim.run(500);
    c.engine.registry.execute(RegistryOperation.unregister, { instances: [instance('orders', 'o-1')] });
    await sim.run(AE_MS * 3);
    expect([a, b, c].map((node) => node.engine.store.size)).toEqual([0, 0, 0]);
  }, 60_000);
});

import { describe, expect, it } from '@jest/globals';
import { registry, TestCluster } from './cluster-nodes.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for every named node to serve exactly `expected` for `serviceId`. */
async function converged(cluster: TestCluster, names: readonly string[], expected: readonly string[], timeoutMs: number, serviceId = 'orders'): Promise<void> {
  const want = JSON.stringify([...expected].sort());
  await cluster.waitUntil(async () => {
    const seen = await Promise.all(names.map((name) => cluster.instances(cluster.node(name), serviceId)));
    return seen.every((ids) => JSON.stringify(ids) === want);
  }, timeoutMs);
}

describe('a cluster of three real nodes on loopback', () => {
  it('replicates a registration on A to B and C; an unregister through C removes it everywhere; cluster.json lists three UP nodes', async () => {
    await using cluster = await TestCluster.start(3);
    expect(await registry(cluster.node('A'), 'register', ['o-1', 'o-2'])).toBe('success');
    await converged(cluster, ['A', 'B', 'C'], ['o-1', 'o-2'], 10_000);
    expect(await registry(cluster.node('C'), 'unregister', ['o-1'])).toBe('success');
    await converged(cluster, ['A', 'B', 'C'], ['o-2'], 10_000);
    // B learns its peers' states by probing them: all three report up within a few probes.
    // cluster.json is rate limited (a client may ask 8 times in 10 s): poll it every 1.5 s, and a rate-limited
    // answer (nodesStatus null) only means "ask again".
    let status: { nodeCount: number; nodesStatus: { status: string }[] | null } = { nodeCount: 0, nodesStatus: [] };
    await cluster.waitUntil(async () => {
      status = (await (await fetch(`${cluster.node('B').url}/api/status/cluster.json`)).json()) as typeof status;
      return status.nodesStatus?.length === 3 && status.nodesStatus.every((node) => node.status === 'up');
    }, 20_000, 1_500);
    expect(status.nodeCount).toBe(3);
    expect(status.nodesStatus?.map((node) => node.status)).toEqual(['up', 'up', 'up']);
    // Each node's view comes from its own probes, which a loaded machine can make miss one: C's
    // and A's views below are waited for, not read once.
    let upNodes: { nodes: { url: string }[] } = { nodes: [] };
    await cluster.waitUntil(async () => {
      upNodes = (await (await fetch(`${cluster.node('C').url}/api/cluster/up-registry-nodes.json?regionId=default&zoneId=default`)).json()) as typeof upNodes;
      return upNodes.nodes.length === 3;
    }, 20_000, 500);
    expect(upNodes.nodes).toHaveLength(3);
    // A's per-peer metrics (peers are named by the URL A reaches them at): both up, the writes
    // sent to each, nothing left queued.
    let metrics = '';
    const series = (name: string) => [...metrics.matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`, 'gm'))].map((m) => ({ labels: m[1] ?? '', value: Number(m[2]) }));
    await cluster.waitUntil(async () => {
      metrics = await (await fetch(`${cluster.node('A').url}/metrics`)).text();
      return series('artemis_peer_up').every((s) => s.value === 1) && series('artemis_replication_lag_seconds').every((s) => s.value === 0);
    }, 20_000, 500);
    expect(series('artemis_peer_up').map((s) => s.value)).toEqual([1, 1]);
    const sent = series('artemis_replication_items_total').filter((s) => s.labels.includes('result="sent"'));
    expect(sent).toHaveLength(2);
    for (const peer of sent) expect(peer.value).toBeGreaterThanOrEqual(2);
    expect(series('artemis_replication_lag_seconds').map((s) => s.value)).toEqual([0, 0]);
  }, 90_000);

  it('heartbeats only through B keep the instance alive on A and C past the TTL; once they stop it expires everywhere', async () => {
    await using cluster = await TestCluster.start(3, { ARTEMIS_LEASE__TTL_MS: '3000' });
    expect(await registry(cluster.node('A'), 'register', ['o-1'])).toBe('success');
    await converged(cluster, ['B'], ['o-1'], 5_000);
    for (let i = 0; i < 8; i += 1) {
      expect(await registry(cluster.node('B'), 'heartbeat', ['o-1'])).toBe('success');
      await sleep(1_000);
    }
    // 8 s is well past the 3 s TTL: A and C kept it only through B's replicated heartbeats.
    await converged(cluster, ['A', 'B', 'C'], ['o-1'], 2_000);
    // Generous: TTL, a cleaning pass and the replicated unregister, on a loaded machine.
    await converged(cluster, ['A', 'B', 'C'], [], 30_000);
  }, 90_000);

  it('B killed with -9 under a steady register/heartbeat load comes back, bootstraps and converges; nothing is lost on A and C', async () => {
    // The load renews only its latest instances: a TTL longer than the test keeps the others.
    await using cluster = await TestCluster.start(3, { ARTEMIS_LEASE__TTL_MS: '600000' });
    const ids: string[] = [];
    let running = true;
    const load = (async () => {
      for (let i = 0; running; i += 1) {
        const id = `load-${i}`;
        const via = cluster.node(i % 2 === 0 ? 'A' : 'C');
        if ((await registry(via, 'register', [id])) === 'success') ids.push(id);
        if (ids.length > 0) await registry(via, 'heartbeat', ids.slice(-50));
        await sleep(20);
      }
    })();
    await sleep(1_500);
    await cluster.kill(cluster.node('B'));
    await sleep(1_500);
    await cluster.launch(cluster.node('B'));
    await cluster.waitUntil(async () => (await cluster.state(cluster.node('B'))) === 'up', 30_000);
    await sleep(1_000);
    running = false;
    await load;
    expect(ids.length).toBeGreaterThan(20);
    try {
      await converged(cluster, ['A', 'B', 'C'], ids, 20_000);
    } catch (error) {
      for (const name of ['A', 'B', 'C']) {
        const seen = await cluster.instances(cluster.node(name), 'orders');
        process.stdout.write(`DEBUG ${name}: ${seen.length} of ${ids.length}; missing ${ids.filter((id) => !seen.includes(id)).slice(0, 10).join(',')}; extra ${seen.filter((id) => !ids.includes(id)).slice(0, 10).join(',')}\n`);
      }
      process.stdout.write(`DEBUG B log:\n${cluster.node('B').lines.filter((l) => !l.includes('"level":"debug"')).map((l) => l.slice(0, 250)).join('\n')}\n`);
      throw error;
    }
    const b = cluster.node('B');
    expect(b.lines.some((line) => line.includes('"event":"bootstrapped"') && !line.includes('"peer":null'))).toBe(true);
  }, 120_000);

  it('a link blackholed while registrations happen heals by anti-entropy within a few rounds', async () => {
    await using cluster = await TestCluster.start(3);
    // B's links to C too: otherwise anti-entropy between C and B may carry A's writes to B
    // before the check below, depending on when its round falls.
    const links = [['A', 'B'], ['B', 'A'], ['C', 'B'], ['B', 'C']] as const;
    for (const [from, to] of links) cluster.proxy(from, to).set({ kind: 'blackhole' });
    const ids = Array.from({ length: 50 }, (_, i) => `p-${i}`);
    expect(await registry(cluster.node('A'), 'register', ids)).toBe('success');
    await converged(cluster, ['A', 'C'], ids, 10_000);
    expect(await cluster.instances(cluster.node('B'), 'orders')).toEqual([]);
    for (const [from, to] of links) cluster.proxy(from, to).set({ kind: 'pass' });
    const healed = Date.now();
    await converged(cluster, ['B'], ids, 15_000);
    // Anti-entropy runs every second here; convergence took this many rounds (at most a few).
    expect(Math.ceil((Date.now() - healed) / 1_000)).toBeLessThanOrEqual(8);
  }, 90_000);

  it('a SIGSTOPped peer does not slow A: its client answers stay fast while B is frozen, and B catches up after SIGCONT', async () => {
    await using cluster = await TestCluster.start(3);
    const a = cluster.node('A');
    const b = cluster.node('B');
    b.child?.kill('SIGSTOP');
    const latencies: number[] = [];
    const ids: string[] = [];
    const frozenUntil = Date.now() + 10_000;
    for (let i = 0; Date.now() < frozenUntil; i += 1) {
      const started = performance.now();
      expect(await registry(a, 'register', [`f-${i}`])).toBe('success');
      latencies.push(performance.now() - started);
      ids.push(`f-${i}`);
      await sleep(10);
    }
    b.child?.kill('SIGCONT');
    latencies.sort((x, y) => x - y);
    const p99 = latencies[Math.floor(latencies.length * 0.99)] as number;
    // The replication timeout to B is 2 s: a client path that waited on B would show it here.
    expect(p99).toBeLessThan(500);
    process.stdout.write(`A's register p99 while B was stopped: ${p99.toFixed(1)} ms over ${latencies.length} requests\n`);
    await converged(cluster, ['A', 'B', 'C'], ids, 30_000);
  }, 90_000);

  it('a node that rejoins a loaded cluster (10,000 instances) becomes UP with all of them', async () => {
    // Nothing renews these instances: a TTL longer than the test keeps them.
    await using cluster = await TestCluster.start(3, { ARTEMIS_LEASE__TTL_MS: '600000' });
    await cluster.kill(cluster.node('C'));
    const ids = Array.from({ length: 10_000 }, (_, i) => `bulk-${String(i).padStart(5, '0')}`);
    for (let i = 0; i < ids.length; i += 1_000) expect(await registry(cluster.node('A'), 'register', ids.slice(i, i + 1_000), 'bulk')).toBe('success');
    await cluster.launch(cluster.node('C'));
    await cluster.waitUntil(async () => (await cluster.state(cluster.node('C'))) === 'up', 30_000);
    expect((await cluster.instances(cluster.node('C'), 'bulk')).length).toBe(10_000);
  }, 120_000);

  it('refuses an unsigned replication request with no-permission and applies nothing', async () => {
    await using cluster = await TestCluster.start(2);
    const body = { from: 'http://evil', incarnation: 'x', items: [{ op: 'register', instance: { serviceId: 'evil', instanceId: 'e', url: 'http://e', regionId: 'default', zoneId: 'default' }, version: 1, owner: 'http://evil' }] };
    const response = await fetch(`${cluster.node('A').url}/api/replication/registry/batch.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { responseStatus: { errorCode: string } }).responseStatus.errorCode).toBe('no-permission');
    expect(await cluster.instances(cluster.node('A'), 'evil')).toEqual([]);
  }, 60_000);
});

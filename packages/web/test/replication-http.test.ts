import { afterEach, describe, expect, it } from '@jest/globals';
import { Paths, RegistryOperation } from '@artemis/core';
import {
  ClusterReplication,
  defaultClusterReplicationOptions,
  HttpReplicationTransport,
  signRequest,
  SignatureHeaders,
} from '@artemis/server';
import type { ReplicationStatusResponse } from '@artemis/core';
import { instance, startNode, type TestNode } from './fixtures.js';
import { send } from './http-client.js';

const SECRET = 'a-test-cluster-secret-0123456789';

interface ClusterTestNode {
  readonly node: TestNode;
  readonly cluster: ClusterReplication;
}

let running: ClusterTestNode[] = [];

afterEach(async () => {
  for (const { node, cluster } of running) {
    cluster.stop();
    await node[Symbol.asyncDispose]();
  }
  running = [];
});

/** `count` nodes on loopback, each replicating to the others over signed HTTP. */
async function startCluster(count: number): Promise<ClusterTestNode[]> {
  const nodes: TestNode[] = [];
  for (let i = 0; i < count; i += 1) nodes.push(await startNode());
  running = nodes.map((node) => {
    const cluster = new ClusterReplication(node.engine, {
      ...defaultClusterReplicationOptions,
      probeIntervalMs: 200,
      antiEntropyIntervalMs: 500,
      peers: nodes.filter((other) => other !== node).map((other) => ({ url: other.url, zoneId: null })),
      transport: new HttpReplicationTransport(() => node.url, SECRET),
    });
    node.http.attachReplication({ cluster, secret: SECRET });
    return { node, cluster };
  });
  for (const { cluster } of running) cluster.start();
  await waitFor(() => running.every(({ node }) => node.engine.cluster.canServeRegistry()));
  return running;
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function signed(path: string, body: string, secret = SECRET, timestamp = Date.now()): Record<string, string> {
  return {
    [SignatureHeaders.node]: 'http://127.0.0.1:1',
    [SignatureHeaders.timestamp]: String(timestamp),
    [SignatureHeaders.signature]: signRequest(secret, 'POST', path, timestamp, body),
  };
}

const batchBody = JSON.stringify({
  from: 'http://127.0.0.1:1',
  incarnation: 'x',
  items: [{ op: 'register', instance: instance('intruder', 'i-1'), version: 1, owner: 'http://127.0.0.1:1' }],
});

describe('replication over HTTP', () => {
  it('a registration on one node is discoverable on the others; cluster.json lists every node', async () => {
    const [a, b, c] = (await startCluster(3)) as [ClusterTestNode, ClusterTestNode, ClusterTestNode];
    const registered = await send(a.node.url, { path: Paths.registry.register, body: { instances: [instance('orders', 'o-1')] } });
    expect(registered.json<{ responseStatus: { status: string } }>().responseStatus.status).toBe('success');
    await waitFor(() => b.node.engine.store.size === 1 && c.node.engine.store.size === 1);
    const found = await send(c.node.url, { path: `${Paths.discovery.service}?serviceId=orders&regionId=default&zoneId=zone-a` });
    expect(found.json<{ service: { instances: { instanceId: string }[] } }>().service.instances.map((i) => i.instanceId)).toEqual(['o-1']);
    // B learns its peers' states by probing them: every node reports up within a few probes.
    // Polled on the engine, because cluster.json is rate limited (8 per client in 10 s) and a slow
    // machine would exhaust that budget before the probes finish; the HTTP answer is read once.
    await waitFor(() => b.node.engine.cluster.nodesStatus().every((entry) => entry.status === 'up'), 20_000);
    type ClusterStatus = { nodeCount: number; nodesStatus: { node: { url: string }; status: string }[] };
    const body = (await send(b.node.url, { path: Paths.status.cluster })).json<ClusterStatus>();
    expect(body.nodeCount).toBe(3);
    expect(body.nodesStatus.map((entry) => entry.status)).toEqual(['up', 'up', 'up']);
    expect(body.nodesStatus.map((entry) => entry.node.url).sort()).toEqual([a.node.url, b.node.url, c.node.url].sort());
  }, 30_000);

  it('refuses unsigned, wrongly signed and stale-signed requests with no-permission, applying nothing', async () => {
    const [a] = (await startCluster(2)) as [ClusterTestNode, ClusterTestNode];
    const path = Paths.replication.batch;
    const cases: Record<string, string>[] = [
      {},
      signed(path, batchBody, 'not-the-secret-at-all-0123456789'),
      signed(path, batchBody, SECRET, Date.now() - 120_000),
      signed(Paths.replication.sync, batchBody),
    ];
    for (const headers of cases) {
      const response = await send(a.node.url, { path, rawBody: batchBody, headers });
      expect(response.status).toBe(403);
      expect(response.json<{ responseStatus: { errorCode: string } }>().responseStatus.errorCode).toBe('no-permission');
    }
    expect(a.node.engine.store.size).toBe(0);
    const accepted = await send(a.node.url, { path, rawBody: batchBody, headers: signed(path, batchBody) });
    expect(accepted.json<{ applied: number }>().applied).toBe(1);
    expect(a.node.engine.store.size).toBe(1);
  }, 30_000);

  it('answers malformed and oversized signed bodies with bad-request, and an item of another region is not applied', async () => {
    const [a] = (await startCluster(2)) as [ClusterTestNode, ClusterTestNode];
    const path = Paths.replication.batch;
    const malformed = '{"from": ';
    const bad = await send(a.node.url, { path, rawBody: malformed, headers: signed(path, malformed) });
    expect(bad.status).toBe(400);
    expect(bad.json<{ responseStatus: { errorCode: string } }>().responseStatus.errorCode).toBe('bad-request');
    const wrongShape = JSON.stringify({ from: 'x', incarnation: 'y', items: [{ op: 'explode' }] });
    const shape = await send(a.node.url, { path, rawBody: wrongShape, headers: signed(path, wrongShape) });
    expect(shape.json<{ responseStatus: { errorCode: string } }>().responseStatus.errorCode).toBe('bad-request');
    // A key-only renewal with a wrong-typed version, and one without its instance id: refused whole.
    for (const renew of [{ op: 'renew', serviceId: 'svc', instanceId: 'r-1', version: 'one' }, { op: 'renew', serviceId: 'svc', version: 1 }]) {
      const body = JSON.stringify({ from: 'x', incarnation: 'y', items: [renew] });
      const answer = await send(a.node.url, { path, rawBody: body, headers: signed(path, body) });
      // A well-formed body of the wrong shape is the protocol's bad-request (HTTP 200), like `op: explode`.
      expect([answer.status, answer.json<{ responseStatus: { errorCode: string } }>().responseStatus.errorCode]).toEqual([200, 'bad-request']);
    }
    const huge = JSON.stringify({ from: 'x', incarnation: 'y', items: [], pad: 'x'.repeat(2 * 1024 * 1024) });
    const tooLarge = await send(a.node.url, { path, rawBody: huge, headers: signed(path, huge) });
    expect(tooLarge.status).toBe(413);
    const foreign = JSON.stringify({ from: 'x', incarnation: 'y', items: [{ op: 'register', instance: instance('svc', 'f-1', { regionId: 'elsewhere' }), version: 1, owner: 'x' }] });
    const refused = await send(a.node.url, { path, rawBody: foreign, headers: signed(path, foreign) });
    expect(refused.json<{ invalid: number }>().invalid).toBe(1);
    expect(a.node.engine.store.size).toBe(0);
  }, 30_000);

  it('a lone node (no cluster) refuses the replication paths with no-permission', async () => {
    const node = await startNode();
    try {
      const response = await send(node.url, { path: Paths.replication.status, body: {} });
      expect(response.status).toBe(403);
      expect(response.json<{ responseStatus: { errorCode: string } }>().responseStatus.errorCode).toBe('no-permission');
    } finally {
      await node[Symbol.asyncDispose]();
    }
  });

  it('a heartbeat through B moves the lease ownership to B; an unregister through B removes it everywhere', async () => {
    const nodes = await startCluster(2);
    const [a, b] = nodes as [ClusterTestNode, ClusterTestNode];
    a.node.engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'o-1')] });
    await waitFor(() => b.node.engine.store.size === 1);
    const status = (await send(b.node.url, { path: Paths.replication.status, body: {}, headers: signed(Paths.replication.status, '{}') })).json<ReplicationStatusResponse>();
    expect(status.instances).toBe(1);
    b.node.engine.registry.execute(RegistryOperation.heartbeat, { instances: [instance('orders', 'o-1')] });
    await waitFor(() => a.node.engine.store.lease('orders', 'o-1')?.owner === b.node.url);
    b.node.engine.registry.execute(RegistryOperation.unregister, { instances: [instance('orders', 'o-1')] });
    await waitFor(() => a.node.engine.store.size === 0);
  }, 30_000);
});

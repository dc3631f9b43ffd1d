import { describe, expect, it } from '@jest/globals';
import { NodeState, Paths } from '@artemis/core';
import { instance, startNode } from './fixtures.js';
import { post, send } from './http-client.js';

describe('status over HTTP', () => {
  it('serves node.json and cluster.json, counting this node', async () => {
    await using node = await startNode();
    const status = (await post(node.url, Paths.status.node, {})).json<{ nodeStatus: { status: string; node: { url: string } } }>();
    expect(status.nodeStatus.status).toBe('up');
    expect(status.nodeStatus.node.url).toBe(node.url);
    const cluster = (await send(node.url, { path: Paths.status.cluster })).json<{ nodeCount: number; nodesStatus: unknown[] }>();
    expect(cluster.nodeCount).toBe(1);
    expect(cluster.nodesStatus).toHaveLength(1);
  });

  it('serves leases.json by POST serviceIds and by GET appIds, with Java field names', async () => {
    await using node = await startNode();
    await post(node.url, Paths.registry.register, { instances: [instance('a', 'a-1'), instance('b', 'b-1')] });
    const byPost = (await post(node.url, Paths.status.leases, { serviceIds: ['A'] })).json<{ leaseCount: number; leases: Record<string, Record<string, unknown>[]> }>();
    expect(byPost.leaseCount).toBe(2);
    expect(Object.keys(byPost.leases)).toEqual(['a']);
    expect(Object.keys(byPost.leases['a']?.[0] ?? {})).toEqual(['creationTime', 'evitionTime', 'instance', 'renewalTime', 'ttl']);
    const byGet = (await send(node.url, { path: `${Paths.status.leases}?appIds=b` })).json<{ leases: Record<string, unknown> }>();
    expect(Object.keys(byGet.leases)).toEqual(['b']);
    const legacy = (await send(node.url, { path: Paths.status.legacyLeases })).json<{ leaseCount: number }>();
    expect(legacy.leaseCount).toBe(0);
  });

  it('serves config.json, deployment.json and message/connections.json', async () => {
    await using node = await startNode({
      describeNode: () => ({
        appId: 'artemis', ip: '127.0.0.1', machineName: 'box', path: '', port: 8080, protocol: 'http', regionId: 'default', zoneId: 'zone-a',
        properties: { 'lease.ttlMs': '20000' }, sources: { defaults: 0 },
      }),
    });
    expect((await send(node.url, { path: Paths.status.config })).json()).toMatchObject({ properties: { 'lease.ttlMs': '20000' }, sources: { defaults: 0 } });
    expect((await post(node.url, Paths.status.deployment, {})).json()).toMatchObject({ appId: 'artemis', machineName: 'box', regionId: 'default' });
    expect((await send(node.url, { path: Paths.status.connections })).json()).toEqual({ registry: '0', discovery: '0' });
  });

  it('answers health probes', async () => {
    await using node = await startNode();
    expect((await send(node.url, { path: Paths.health.live })).json()).toEqual({ status: 'up' });
    const ready = await send(node.url, { path: Paths.health.ready });
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: 'up', checks: { node: 'up' } });
  });

  it('stays ready, reporting itself degraded, when an extra check such as the database fails', async () => {
    await using node = await startNode({}, { readinessChecks: () => ({ database: false }) });
    const ready = await send(node.url, { path: Paths.health.ready });
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: 'degraded', checks: { node: 'up', database: 'down' } });
  });

  it('reports not ready, with 503, when the node cannot serve registry and discovery', async () => {
    await using node = await startNode({}, { readinessChecks: () => ({ database: true }) });
    node.engine.cluster.setState(NodeState.down);
    const ready = await send(node.url, { path: Paths.health.ready });
    expect(ready.status).toBe(503);
    expect(ready.json()).toEqual({ status: 'down', checks: { node: 'down', database: 'up' } });
  });

  it('answers bad input on the express-hosted status routes in the protocol shape', async () => {
    await using node = await startNode({}, { bodyLimitBytes: 4096 });
    const wrongType = await post(node.url, Paths.status.leases, { serviceIds: 'orders' });
    expect(wrongType.status).toBe(200);
    expect(wrongType.json<{ responseStatus: { errorCode: string; message: string } }>().responseStatus).toMatchObject({ errorCode: 'bad-request' });
    expect(wrongType.json<{ responseStatus: { message: string } }>().responseStatus.message).toMatch(/^serviceIds: /);
    const malformed = await send(node.url, { path: Paths.status.leases, rawBody: '{"serviceIds":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.json<{ responseStatus: { errorCode: string } }>().responseStatus.errorCode).toBe('bad-request');
    const tooLarge = await post(node.url, Paths.status.leases, { serviceIds: Array.from({ length: 500 }, (_, n) => `service-${n}`) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json()).toEqual({ responseStatus: { errorCode: 'bad-request', message: 'request body is larger than the limit of 4096 bytes', status: 'fail' } });
    expect((await post(node.url, Paths.status.node, {})).status).toBe(200);
  });
});

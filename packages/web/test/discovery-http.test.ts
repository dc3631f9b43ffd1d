import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { instance, startNode, type TestNode } from './fixtures.js';
import { post, send } from './http-client.js';

const SUCCESS = { errorCode: 'success', message: '', status: 'success' };
const here = { regionId: 'default', zoneId: 'zone-a' };

async function registered(node: TestNode, ...ids: [string, string][]): Promise<void> {
  await post(node.url, Paths.registry.register, { instances: ids.map(([service, id]) => instance(service, id)) });
}

describe('discovery over HTTP', () => {
  it('serves service.json on POST and GET with the Java shape', async () => {
    await using node = await startNode();
    await registered(node, ['orders', 'o-1']);
    const expected = {
      responseStatus: SUCCESS,
      service: { instances: [instance('orders', 'o-1')], logicInstances: [], metadata: null, routeRules: [], serviceId: 'orders' },
    };
    const byPost = await post(node.url, Paths.discovery.service, { discoveryConfig: { serviceId: 'orders', ...here }, ...here });
    expect(byPost.json()).toEqual(expected);
    const byGet = await send(node.url, { path: `${Paths.discovery.service}?serviceId=ORDERS&regionId=default&zoneId=zone-a` });
    expect(byGet.text).toBe(byPost.text);
  });

  it('answers GET service.json without serviceId with 400, and without regionId with no-permission', async () => {
    await using node = await startNode();
    const missing = await send(node.url, { path: Paths.discovery.service });
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual({ responseStatus: { errorCode: 'bad-request', message: "Required request parameter 'serviceId' is not present", status: 'fail' } });
    const noRegion = await send(node.url, { path: `${Paths.discovery.service}?serviceId=orders` });
    expect(noRegion.json<{ responseStatus: { errorCode: string } }>().responseStatus.errorCode).toBe('no-permission');
  });

  it('answers lookup with one service per config, always success', async () => {
    await using node = await startNode();
    await registered(node, ['a', 'a-1'], ['b', 'b-1']);
    const response = await post(node.url, Paths.discovery.lookup, {
      discoveryConfigs: [{ serviceId: 'b' }, { serviceId: 'missing' }, { serviceId: 'a' }],
      ...here,
    });
    const body = response.json<{ responseStatus: unknown; services: { serviceId: string; instances: unknown[] }[] }>();
    expect(body.responseStatus).toEqual(SUCCESS);
    expect(body.services.map((s) => [s.serviceId, s.instances.length])).toEqual([
      ['b', 1],
      ['missing', 0],
      ['a', 1],
    ]);
  });

  it('answers lookup with the exact bytes of each service, plain and gzipped', async () => {
    await using node = await startNode();
    await registered(node, ['a', 'a-1'], ['a', 'a-2'], ['a', 'a-3'], ['a', 'a-4'], ['b', 'b-1']);
    const services = await Promise.all(['b', 'a'].map(async (serviceId) => (await post(node.url, Paths.discovery.service, { discoveryConfig: { serviceId }, ...here })).text));
    const expected = `{"responseStatus":${JSON.stringify(SUCCESS)},"services":[${services.map((text) => text.slice(text.indexOf('"service":') + '"service":'.length, -1)).join(',')}]}`;
    const body = { discoveryConfigs: [{ serviceId: 'b' }, { serviceId: 'a' }], ...here };
    const plain = await post(node.url, Paths.discovery.lookup, body);
    expect(plain.text).toBe(expected);
    expect(plain.headers['content-length']).toBe(String(Buffer.byteLength(expected)));
    expect(plain.raw.length).toBeGreaterThan(1024); // large enough to be gzipped when asked
    const zipped = await post(node.url, Paths.discovery.lookup, body, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.text).toBe(expected);
  });

  it('serves services.json and services-delta.json with versions', async () => {
    await using node = await startNode();
    await registered(node, ['a', 'a-1']);
    const all = (await post(node.url, Paths.discovery.services, here)).json<{ services: { serviceId: string }[]; version: number }>();
    expect(all.services.map((s) => s.serviceId)).toEqual(['a']);
    const byGet = (await send(node.url, { path: `${Paths.discovery.services}?regionId=default` })).json<{ version: number }>();
    expect(byGet.version).toBe(all.version);

    await registered(node, ['b', 'b-1']);
    const delta = (await post(node.url, Paths.discovery.servicesDelta, { ...here, version: all.version })).json<{
      delta: Record<string, { changeType: string; instance: { instanceId: string } }[]>;
      version: number;
    }>();
    expect(delta.version).toBe(all.version + 1);
    expect(delta.delta['b']?.map((c) => [c.changeType, c.instance.instanceId])).toEqual([['new', 'b-1']]);
    const stale = await post(node.url, Paths.discovery.servicesDelta, { ...here, version: 1 });
    expect(stale.json()).toEqual({ delta: null, responseStatus: { errorCode: 'data-not-found', message: 'Delta is not found.', status: 'fail' }, version: 0 });
  });

  it('gzips a response when asked and the body is large enough, and reuses the compressed bytes', async () => {
    await using node = await startNode();
    await post(node.url, Paths.registry.register, { instances: Array.from({ length: 20 }, (_, n) => instance('big', `b-${n}`)) });
    const ask = () => send(node.url, { path: `${Paths.discovery.service}?serviceId=big&regionId=default`, headers: { 'accept-encoding': 'gzip' } });
    const first = await ask();
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.json<{ service: { instances: unknown[] } }>().service.instances).toHaveLength(20);
    expect((await ask()).raw.equals(first.raw)).toBe(true);
    const plain = await send(node.url, { path: `${Paths.discovery.service}?serviceId=big&regionId=default` });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(first.text);
  });

  it('writes a large services.json in chunks, plain and gzipped, to concurrent readers alike', async () => {
    await using node = await startNode();
    const instances = Array.from({ length: 2000 }, (_, n) => instance(`svc-${n % 400}`, `i-${n}`, { metadata: { note: 'x'.repeat(300) } }));
    for (let i = 0; i < instances.length; i += 500) await post(node.url, Paths.registry.register, { instances: instances.slice(i, i + 500) });
    const plain = () => send(node.url, { path: `${Paths.discovery.services}?regionId=default` });
    const zipped = () => send(node.url, { path: `${Paths.discovery.services}?regionId=default`, headers: { 'accept-encoding': 'gzip' } });
    const answers = await Promise.all([plain(), zipped(), plain(), zipped()]);
    const expected = answers[0]?.text;
    expect(JSON.parse(expected ?? '').services).toHaveLength(400);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(expected);
    }
    expect(answers[1]?.headers['content-encoding']).toBe('gzip');
    expect(Number(answers[0]?.headers['content-length'])).toBe(Buffer.byteLength(expected ?? ''));
    expect(answers[1]?.raw.equals(answers[3]?.raw as Buffer)).toBe(true);
  });

  it('lists this node in up-registry-nodes and up-discovery-nodes, by POST and GET', async () => {
    await using node = await startNode();
    const expected = { nodes: [{ url: node.url, zone: { metadata: null, regionId: 'default', zoneId: 'zone-a' } }], responseStatus: SUCCESS };
    expect((await post(node.url, Paths.cluster.upRegistryNodes, here)).json()).toEqual(expected);
    expect((await send(node.url, { path: `${Paths.cluster.upDiscoveryNodes}?regionId=default&zoneId=zone-a` })).json()).toEqual(expected);
  });
});

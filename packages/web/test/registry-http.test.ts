import { describe, expect, it } from '@jest/globals';
import { ArtemisEngine } from '@artemis/server';
import { decodeInstancesRequest, Paths, readInstanceKeys, RegistryOperation, type ArtemisError } from '@artemis/core';
import { instance, startNode } from './fixtures.js';
import { post, send } from './http-client.js';

const SUCCESS = { errorCode: 'success', message: '', status: 'success' };

describe('registry over HTTP', () => {
  it('registers, heartbeats and unregisters, with Java response shapes', async () => {
    await using node = await startNode();
    const one = instance('orders', 'o-1');
    const registered = await post(node.url, Paths.registry.register, { instances: [one] });
    expect(registered.status).toBe(200);
    expect(registered.text).toBe(`{"failedInstances":null,"responseStatus":${JSON.stringify(SUCCESS)}}`);
    expect((await post(node.url, Paths.registry.heartbeat, { instances: [one] })).json()).toEqual({ failedInstances: null, responseStatus: SUCCESS });
    expect(node.engine.store.size).toBe(1);
    expect((await post(node.url, Paths.registry.unregister, { instances: [one] })).json()).toEqual({ failedInstances: null, responseStatus: SUCCESS });
    expect(node.engine.store.size).toBe(0);
  });

  it('answers the heartbeat of an unknown instance with a data-not-found failed instance', async () => {
    await using node = await startNode();
    const response = await post(node.url, Paths.registry.heartbeat, { instances: [instance('orders', 'ghost')] });
    expect(response.json()).toEqual({
      failedInstances: [{ errorCode: 'data-not-found', errorMessage: 'default/zone-a/orders/ghost: Instance is not exising! Need re-register.', instance: instance('orders', 'ghost') }],
      responseStatus: { errorCode: 'partial_fail', message: '1 of 1 instances failed: ghost (data-not-found)', status: 'partial_fail' },
    });
  });

  it('answers heartbeat bodies read by their keys exactly as the schema path answers them, over HTTP', async () => {
    await using node = await startNode();
    // The schema path's answers, from an engine in the same state.
    const twin = new ArtemisEngine({ regionId: 'default', zoneId: 'zone-a' });
    const registered = [instance('Orders', 'O-1', { groupId: 'g' }), instance('orders', 'o-2'), instance('billing', 'b-1')];
    await post(node.url, Paths.registry.register, { instances: registered });
    twin.registry.execute(RegistryOperation.register, { instances: registered });
    const key = (serviceId: string, instanceId: string, extra = '') => `{"serviceId":"${serviceId}","instanceId":"${instanceId}","regionId":"default","zoneId":"zone-a"${extra}}`;
    const bodies = [
      `{"instances":[${key('orders', 'o-1')},${key('ORDERS', 'O-2')},${key('billing', 'b-1')}]}`,
      `{ "instances" : [\r\n ${key('orders', 'o-1')} , null ]\n}`,
      `{"instances":[${key('orders', 'ghost', ',"groupId":"g","metadata":{"clé":"värde"},"port":8080,"extra":[1,{"a":null}]')},${key('billing', ' ')},${key('服务', 'x')}]}`,
      `{"instances":[${key('orders', 'o-1', ',"port":8080.0')}]}`,
      `{"instances":[${key('orders', 'o-1', ',"port":"http"')}]}`,
      `{"instances":[${key('orders', 'o-\\u0031')}]}`,
      `{"instances":[${key('orders', 'o-1')}],"instances":null}`,
      `{"instances":[]}`,
      `{"instances":[${key('orders', 'o-1')}]`,
    ];
    let read = 0;
    for (const body of bodies) {
      const response = await send(node.url, { path: Paths.registry.heartbeat, rawBody: body });
      if (readInstanceKeys(Buffer.from(body)) !== null) read += 1;
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        expect(response.status).toBe(400);
        continue;
      }
      let expected: unknown;
      try {
        expected = twin.registry.execute(RegistryOperation.heartbeat, decodeInstancesRequest(value));
      } catch (error) {
        expected = { responseStatus: { errorCode: 'bad-request', message: (error as ArtemisError).message, status: 'fail' } };
      }
      expect(response.status).toBe(200);
      expect(response.json()).toEqual(JSON.parse(JSON.stringify(expected)));
    }
    // Both paths were taken.
    expect(read).toBeGreaterThanOrEqual(4);
    expect(read).toBeLessThan(bodies.length);
    twin.stop();
  });

  it('accepts gzip request bodies, as every Java caller sends them', async () => {
    await using node = await startNode();
    const response = await post(node.url, Paths.registry.register, { instances: [instance('orders', 'o-1')] }, { gzip: true });
    expect(response.json()).toEqual({ failedInstances: null, responseStatus: SUCCESS });
    expect(node.engine.store.size).toBe(1);
  });

  it('ignores unknown fields and reads absent ones as null, as Jackson does', async () => {
    await using node = await startNode();
    const response = await post(node.url, Paths.registry.register, {
      instances: [{ serviceId: 's', instanceId: 'i', url: 'http://x', regionId: 'default', zoneId: 'zone-a', futureField: [1, 2] }],
    });
    expect(response.json()).toEqual({ failedInstances: null, responseStatus: SUCCESS });
    expect(node.engine.store.lease('s', 'i')?.instance).toEqual(instance('s', 'i', { url: 'http://x', ip: null, port: 0, status: null }));
  });

  it('answers semantic errors with bad-request or no-permission inside a 200, applying the valid siblings', async () => {
    await using node = await startNode();
    const response = await post(node.url, Paths.registry.register, {
      instances: [instance('orders', 'ok'), instance('', 'blank'), instance('orders', 'far', { regionId: 'mars' })],
    });
    expect(response.status).toBe(200);
    const body = response.json<{ failedInstances: { errorCode: string }[]; responseStatus: { status: string } }>();
    expect(body.responseStatus.status).toBe('partial_fail');
    expect(body.failedInstances.map((f) => f.errorCode)).toEqual(['bad-request', 'no-permission']);
    expect(node.engine.store.size).toBe(1);
    expect((await post(node.url, Paths.registry.register, { instances: [] })).json()).toEqual({
      failedInstances: null,
      responseStatus: { errorCode: 'bad-request', message: 'request.instances is null or empty.', status: 'fail' },
    });
  });

  it('refuses a batch over 1000 instances whole, applying none of it', async () => {
    await using node = await startNode();
    const instances = Array.from({ length: 1001 }, (_, n) => instance('orders', `o-${n}`));
    const response = await post(node.url, Paths.registry.register, { instances });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({
      responseStatus: { errorCode: 'bad-request', message: 'instances: has too many items: at most 1000 are allowed', status: 'fail' },
    });
    expect(node.engine.store.size).toBe(0);
  });

  it('refuses wrong-typed fields with bad-request naming the field', async () => {
    await using node = await startNode();
    const response = await post(node.url, Paths.registry.register, { instances: [{ serviceId: 's', instanceId: 'i', url: 'http://x', port: 'http' }] });
    expect(response.json()).toEqual({ responseStatus: { errorCode: 'bad-request', message: 'instances[0].port: Invalid input: expected number, received string', status: 'fail' } });
    expect((await post(node.url, Paths.registry.heartbeat, { instances: 'all' })).json<{ responseStatus: { message: string } }>().responseStatus.message).toMatch(/^instances: /);
    expect((await post(node.url, Paths.registry.heartbeat, [1])).json<{ responseStatus: { message: string } }>().responseStatus.message).toBe('request: the body must be a JSON object');
    expect(node.engine.store.size).toBe(0);
  });

  it('answers rate-limited once an operation passes its limit', async () => {
    await using node = await startNode({ rateLimits: { registry: { defaultLimit: 2 } } });
    const body = { instances: [instance('orders', 'o-1')] };
    await post(node.url, Paths.registry.register, body);
    await post(node.url, Paths.registry.register, body);
    expect((await post(node.url, Paths.registry.register, body)).json()).toEqual({
      failedInstances: null,
      responseStatus: { errorCode: 'rate-limited', message: 'Request is rate limited.', status: 'fail' },
    });
  });

  it('serves register only on POST', async () => {
    await using node = await startNode();
    const response = await send(node.url, { method: 'GET', path: Paths.registry.register });
    expect(response.status).toBe(405);
    expect(response.json()).toEqual({
      responseStatus: { errorCode: 'bad-request', message: '/api/registry/register.json does not accept GET; use POST', status: 'fail' },
    });
  });
});

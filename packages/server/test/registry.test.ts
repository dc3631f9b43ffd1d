import { describe, expect, it } from '@jest/globals';
import { ErrorCode, RegistryOperation } from '@artemis/core';
import { instance, serviceRequest, testEngine } from './fixtures.js';

const { register, heartbeat, unregister } = RegistryOperation;

function instanceIds(engine: ReturnType<typeof testEngine>['engine'], serviceId: string): (string | null)[] {
  return engine.discovery.getService(serviceRequest(serviceId)).service?.instances?.map((i) => i.instanceId) ?? [];
}

describe('registry', () => {
  it('registers instances and serves them to discovery', () => {
    const { engine, events } = testEngine();
    const response = engine.registry.execute(register, { instances: [instance('orders', 'o-1'), instance('orders', 'o-2')] });
    expect(response).toEqual({ failedInstances: null, responseStatus: { errorCode: 'success', message: '', status: 'success' } });
    expect(instanceIds(engine, 'orders')).toEqual(['o-1', 'o-2']);
    expect(events.map((e) => e.change.changeType)).toEqual(['new', 'new']);
  });

  it('answers a heartbeat for an unknown instance with data-not-found, the re-register signal', () => {
    const { engine } = testEngine();
    engine.registry.execute(register, { instances: [instance('orders', 'o-1')] });
    const response = engine.registry.execute(heartbeat, { instances: [instance('orders', 'o-1'), instance('orders', 'ghost')] });
    expect(response.responseStatus.status).toBe('partial_fail');
    expect(response.responseStatus.message).toBe('1 of 2 instances failed: ghost (data-not-found)');
    expect(response.failedInstances).toEqual([
      {
        errorCode: ErrorCode.dataNotFound,
        errorMessage: 'default/zone-a/orders/ghost: Instance is not exising! Need re-register.',
        instance: instance('orders', 'ghost'),
      },
    ]);
  });

  it('treats service and instance ids case-insensitively and answers with the id as registered', () => {
    const { engine } = testEngine();
    engine.registry.execute(register, { instances: [instance('Orders.API', 'Node-1')] });
    expect(engine.registry.execute(heartbeat, { instances: [instance('orders.api', 'NODE-1')] }).failedInstances).toBeNull();
    const served = engine.discovery.getService(serviceRequest('ORDERS.api')).service;
    expect(served?.serviceId).toBe('Orders.API');
    expect(served?.instances).toHaveLength(1);
    engine.registry.execute(register, { instances: [instance('ORDERS.API', 'node-1')] });
    expect(engine.store.size).toBe(1);
  });

  it('expires a lease that is not renewed within its TTL and pushes delete', () => {
    const { engine, clock, events } = testEngine();
    engine.registry.execute(register, { instances: [instance('orders', 'o-1')] });
    clock.advance(20_000);
    expect(engine.store.size).toBe(1);
    clock.advance(200);
    expect(engine.store.size).toBe(0);
    expect(events.map((e) => e.change.changeType)).toEqual(['new', 'delete']);
    expect(engine.registry.execute(heartbeat, { instances: [instance('orders', 'o-1')] }).failedInstances?.[0]?.errorCode).toBe('data-not-found');
  });

  it('keeps a lease alive past its TTL while heartbeats arrive', () => {
    const { engine, clock } = testEngine();
    engine.registry.execute(register, { instances: [instance('orders', 'o-1')] });
    for (let second = 0; second < 60; second += 5) {
      clock.advance(5_000);
      expect(engine.registry.execute(heartbeat, { instances: [instance('orders', 'o-1')] }).failedInstances).toBeNull();
    }
    expect(engine.store.size).toBe(1);
  });

  it('refuses the heartbeat of an expired lease even before the cleaner removes it', () => {
    const { engine, clock } = testEngine({ lease: { cleanIntervalMs: 60_000 } });
    engine.registry.execute(register, { instances: [instance('orders', 'o-1')] });
    clock.advance(20_001);
    expect(engine.store.size).toBe(1);
    expect(engine.registry.execute(heartbeat, { instances: [instance('orders', 'o-1')] }).failedInstances?.[0]?.errorCode).toBe('data-not-found');
  });

  it('removes an unregistered instance at once, and the cleaner pushes no second delete', () => {
    const { engine, clock, events } = testEngine();
    engine.registry.execute(register, { instances: [instance('orders', 'o-1')] });
    expect(engine.registry.execute(unregister, { instances: [instance('orders', 'o-1')] }).failedInstances).toBeNull();
    expect(instanceIds(engine, 'orders')).toEqual([]);
    clock.advance(30_000);
    expect(events.map((e) => e.change.changeType)).toEqual(['new', 'delete']);
  });

  it('counts the unregister of an unknown instance as success', () => {
    const { engine } = testEngine();
    expect(engine.registry.execute(unregister, { instances: [instance('orders', 'nobody')] }).responseStatus.status).toBe('success');
  });

  it('pushes change for a re-register with new data and nothing for identical data, resetting the lease both times', () => {
    const { engine, clock, events } = testEngine();
    engine.registry.execute(register, { instances: [instance('orders', 'o-1')] });
    clock.advance(15_000);
    engine.registry.execute(register, { instances: [instance('orders', 'o-1')] });
    expect(events.map((e) => e.change.changeType)).toEqual(['new']);
    clock.advance(15_000);
    expect(engine.store.size).toBe(1);
    engine.registry.execute(register, { instances: [instance('orders', 'o-1', { status: 'down' })] });
    expect(events.map((e) => e.change.changeType)).toEqual(['new', 'change']);
    expect(events[1]?.change.instance.status).toBe('down');
    expect(engine.discovery.getService(serviceRequest('orders')).service?.instances?.[0]?.status).toBe('down');
  });

  it('fails an invalid instance alone and applies its siblings', () => {
    const { engine } = testEngine();
    const response = engine.registry.execute(register, {
      instances: [
        instance('orders', 'good'),
        instance('orders', ' '),
        instance('orders', 'no-url', { url: null }),
        instance('orders', 'bad-url', { url: 'not a url' }),
        instance('orders', 'elsewhere', { regionId: 'mars' }),
        null,
      ],
    });
    expect(response.responseStatus).toEqual({
      errorCode: 'partial_fail',
      message: '4 of 5 instances failed:   (bad-request), no-url (bad-request), bad-url (bad-request) and 1 more',
      status: 'partial_fail',
    });
    expect(response.failedInstances?.map((f) => [f.instance.instanceId, f.errorCode])).toEqual([
      [' ', 'bad-request'],
      ['no-url', 'bad-request'],
      ['bad-url', 'bad-request'],
      ['elsewhere', 'no-permission'],
    ]);
    expect(response.failedInstances?.[3]?.errorMessage).toBe(
      'mars/zone-a/orders/elsewhere: regionId is not the same as the registry node. regionId: mars, registry node.regionId: default',
    );
    expect(instanceIds(engine, 'orders')).toEqual(['good']);
  });

  it('refuses other zones only when configured to', () => {
    const strict = testEngine({ registryAllowFromOtherZone: false }).engine;
    const open = testEngine().engine;
    const visitor = instance('orders', 'o-1', { zoneId: 'zone-b' });
    expect(strict.registry.execute(register, { instances: [visitor] }).failedInstances?.[0]?.errorCode).toBe('no-permission');
    expect(open.registry.execute(register, { instances: [visitor] }).failedInstances).toBeNull();
  });

  it('answers an empty batch with bad-request', () => {
    const { engine } = testEngine();
    expect(engine.registry.execute(register, { instances: [] }).responseStatus).toEqual({
      errorCode: 'bad-request',
      message: 'request.instances is null or empty.',
      status: 'fail',
    });
    expect(engine.registry.execute(heartbeat, { instances: null }).responseStatus.errorCode).toBe('bad-request');
  });

  it('rate-limits each operation over a sliding 10 s window', () => {
    const { engine, clock } = testEngine({ rateLimits: { registry: { defaultLimit: 3 } } });
    const batch = { instances: [instance('orders', 'o-1')] };
    for (let n = 0; n < 3; n++) expect(engine.registry.execute(register, batch).responseStatus.status).toBe('success');
    expect(engine.registry.execute(register, batch)).toEqual({
      failedInstances: null,
      responseStatus: { errorCode: 'rate-limited', message: 'Request is rate limited.', status: 'fail' },
    });
    expect(engine.registry.execute(heartbeat, batch).responseStatus.status).toBe('success');
    clock.advance(10_000);
    expect(engine.registry.execute(register, batch).responseStatus.status).toBe('success');
  });

  it('gives legacy instances (metadata java_registry) the legacy TTL', () => {
    const { engine, clock } = testEngine();
    engine.registry.execute(register, { instances: [instance('orders', 'old', { metadata: { java_registry: 'true' } }), instance('orders', 'new')] });
    clock.advance(25_000);
    expect(instanceIds(engine, 'orders')).toEqual(['old']);
    clock.advance(70_000);
    expect(instanceIds(engine, 'orders')).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { RegistryOperation, type Service } from '@artemis/core';
import { ArtemisEngine, type DiscoveryFilter } from '../src/index.js';
import { ManualClock } from '../src/testing.js';
import { instance, serviceRequest, testEngine } from './fixtures.js';

const { register, unregister } = RegistryOperation;

describe('discovery', () => {
  it('serves an unregistered service as empty lists, in getService and lookup alike', () => {
    const { engine } = testEngine();
    const empty = { instances: [], logicInstances: [], metadata: null, routeRules: [], serviceId: 'nobody' };
    expect(engine.discovery.getService(serviceRequest('nobody')).service).toEqual(empty);
    const lookup = engine.discovery.lookup({ discoveryConfigs: [serviceRequest('nobody').discoveryConfig], regionId: 'default', zoneId: 'zone-a' });
    expect(lookup.services).toEqual([empty]);
  });

  it('answers lookup with one service per config, in order, substituting empty services for configs it cannot serve', () => {
    const { engine } = testEngine();
    engine.registry.execute(register, { instances: [instance('a', 'a-1'), instance('b', 'b-1')] });
    const configs = [serviceRequest('b').discoveryConfig, null, serviceRequest('a').discoveryConfig];
    const response = engine.discovery.lookup({ discoveryConfigs: configs, regionId: 'default', zoneId: 'zone-a' });
    expect(response.responseStatus.status).toBe('success');
    expect(response.services?.map((s) => [s.serviceId, s.instances?.length ?? null])).toEqual([
      ['b', 1],
      ['', null],
      ['a', 1],
    ]);
    const elsewhere = engine.discovery.lookup({ discoveryConfigs: configs, regionId: 'mars', zoneId: 'zone-a' });
    expect(elsewhere.responseStatus.status).toBe('success');
    expect(elsewhere.services?.[0]).toEqual({ instances: null, logicInstances: null, metadata: null, routeRules: null, serviceId: 'b' });
    expect(JSON.parse(engine.discovery.lookupBody({ discoveryConfigs: configs, regionId: 'default', zoneId: 'zone-a' }).json)).toEqual(response);
  });

  it('refuses getService without a serviceId, and from another region', () => {
    const { engine } = testEngine();
    expect(engine.discovery.getService({ ...serviceRequest(' '), discoveryConfig: null }).responseStatus).toEqual({
      errorCode: 'bad-request',
      message: 'Request is null or request.discoveryConfig is null.',
      status: 'fail',
    });
    const response = engine.discovery.getService({ ...serviceRequest('orders'), regionId: null });
    expect(response.responseStatus.errorCode).toBe('no-permission');
    expect(response.service).toBeNull();
  });

  it('serialises an unchanged service once and re-serialises it after a change', () => {
    const { engine } = testEngine();
    engine.registry.execute(register, { instances: [instance('orders', 'o-1')] });
    const first = engine.discovery.getService(serviceRequest('orders')).service;
    expect(engine.discovery.getService(serviceRequest('orders')).service).toBe(first);
    const body = engine.discovery.getServiceBody(serviceRequest('orders'));
    expect(JSON.parse(body.json)).toEqual({ responseStatus: { errorCode: 'success', message: '', status: 'success' }, service: first });
    expect(engine.discovery.getServiceBody(serviceRequest('orders'))).toBe(body);
    engine.registry.execute(register, { instances: [instance('orders', 'o-2')] });
    const second = engine.discovery.getService(serviceRequest('orders')).service;
    expect(second).not.toBe(first);
    expect(second?.instances).toHaveLength(2);
  });

  it('runs the filter chain and serves fresh results after the chain is invalidated', () => {
    const { engine } = testEngine();
    engine.registry.execute(register, { instances: [instance('orders', 'o-1'), instance('orders', 'o-2', { status: 'down' })] });
    let hidden = 'down';
    const statusFilter: DiscoveryFilter = {
      name: 'hide-status',
      apply: (service: Service) => ({ ...service, instances: service.instances?.filter((i) => i.status !== hidden) ?? null }),
    };
    engine.discovery.filters.add(statusFilter);
    expect(engine.discovery.getService(serviceRequest('orders')).service?.instances?.map((i) => i.instanceId)).toEqual(['o-1']);
    hidden = 'up';
    expect(engine.discovery.getService(serviceRequest('orders')).service?.instances?.map((i) => i.instanceId)).toEqual(['o-1']);
    engine.discovery.filters.invalidate();
    expect(engine.discovery.getService(serviceRequest('orders')).service?.instances?.map((i) => i.instanceId)).toEqual(['o-2']);
  });

  it('caches per caller variant when a filter depends on the caller', () => {
    const { engine } = testEngine();
    engine.registry.execute(register, { instances: [instance('orders', 'a', { zoneId: 'zone-a' }), instance('orders', 'b', { zoneId: 'zone-b' })] });
    engine.discovery.filters.add({
      name: 'same-zone',
      contextKey: (config) => String(config.zoneId),
      apply: (service, config) => ({ ...service, instances: service.instances?.filter((i) => i.zoneId === config.zoneId) ?? null }),
    });
    const from = (zoneId: string) =>
      engine.discovery.getService({ ...serviceRequest('orders'), discoveryConfig: { ...serviceRequest('orders').discoveryConfig, zoneId } }).service?.instances?.map((i) => i.instanceId);
    expect(from('zone-a')).toEqual(['a']);
    expect(from('zone-b')).toEqual(['b']);
  });

  it('keeps serving when a filter throws', () => {
    const { engine } = testEngine();
    engine.registry.execute(register, { instances: [instance('orders', 'o-1')] });
    engine.discovery.filters.add({ name: 'broken', apply: () => { throw new Error('boom'); } });
    expect(engine.discovery.getService(serviceRequest('orders')).service?.instances).toHaveLength(1);
  });

  it('lists every service with instances in getServices, at the current version', async () => {
    const { engine } = testEngine();
    engine.registry.execute(register, { instances: [instance('a', 'a-1'), instance('b', 'b-1')] });
    engine.registry.execute(unregister, { instances: [instance('b', 'b-1')] });
    const response = engine.discovery.getServices({ regionId: 'default', zoneId: 'zone-a' });
    expect(response.services?.map((s) => s.serviceId)).toEqual(['a']);
    expect(response.version).toBe(engine.changeLog.version);
    expect(JSON.parse((await engine.discovery.getServicesBody({ regionId: null, zoneId: null })).json)).toEqual(response);
  });

  it('builds services.json again after each change, equal to the typed answer, sharing one build between concurrent callers', async () => {
    const { engine } = testEngine();
    const request = { regionId: null, zoneId: null };
    engine.registry.execute(register, { instances: Array.from({ length: 50 }, (_, i) => instance(`s-${i % 10}`, `i-${i}`)) });
    const [first, second] = await Promise.all([engine.discovery.getServicesBody(request), engine.discovery.getServicesBody(request)]);
    expect(second).toBe(first);
    expect(JSON.parse(first.json)).toEqual(engine.discovery.getServices(request));
    engine.registry.execute(register, { instances: [instance('s-3', 'i-3', { status: 'down' })] });
    engine.registry.execute(unregister, { instances: [instance('s-4', 'i-4')] });
    const changed = await engine.discovery.getServicesBody(request);
    expect(changed).not.toBe(first);
    const parsed = JSON.parse(changed.json) as { services: { serviceId: string; instances: { instanceId: string; status: string }[] }[]; version: number };
    expect(parsed).toEqual(engine.discovery.getServices(request));
    expect(parsed.version).toBe(engine.changeLog.version);
    expect(parsed.services.find((s) => s.serviceId === 's-3')?.instances.find((i) => i.instanceId === 'i-3')?.status).toBe('down');
    expect(await engine.discovery.getServicesBody(request)).toBe(changed);
  });

  it('yields to the event loop while it builds a large snapshot', async () => {
    const { engine } = testEngine();
    const request = { regionId: null, zoneId: null };
    for (let batch = 0; batch < 40; batch++) {
      engine.registry.execute(register, { instances: Array.from({ length: 1000 }, (_, i) => instance(`svc-${batch * 100 + (i % 100)}`, `i-${batch}-${i}`, { metadata: { note: 'x'.repeat(200) } })) });
    }
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 0);
    try {
      const body = await engine.discovery.getServicesBody(request);
      expect((JSON.parse(body.json) as { services: unknown[] }).services).toHaveLength(4000);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });
});

describe('services-delta', () => {
  it('serves the exact delta from every retained version, the last change per instance', () => {
    const { engine } = testEngine();
    const v0 = engine.changeLog.version;
    engine.registry.execute(register, { instances: [instance('a', 'a-1')] });
    const v1 = engine.changeLog.version;
    engine.registry.execute(register, { instances: [instance('a', 'a-1', { status: 'down' }), instance('b', 'b-1')] });
    const v2 = engine.changeLog.version;
    engine.registry.execute(unregister, { instances: [instance('b', 'b-1')] });
    const v3 = engine.changeLog.version;
    const delta = (version: number) => engine.discovery.getServicesDelta({ regionId: 'default', version, zoneId: 'zone-a' });

    const all = delta(v0);
    expect(all.version).toBe(v3);
    expect(Object.entries(all.delta ?? {}).map(([id, changes]) => [id, changes.map((c) => `${c.changeType}:${c.instance.instanceId}:${c.instance.status}`)])).toEqual([
      ['a', ['change:a-1:down']],
      ['b', ['delete:b-1:up']],
    ]);
    expect(delta(v1).delta?.['a']?.map((c) => c.changeType)).toEqual(['change']);
    expect(Object.keys(delta(v2).delta ?? {})).toEqual(['b']);
    expect(delta(v3)).toEqual({ delta: {}, responseStatus: { errorCode: 'success', message: '', status: 'success' }, version: v3 });
  });

  it('answers data-not-found for a version older than the log holds, or newer than the node has', () => {
    const { engine } = testEngine({ changeLogCapacity: 2 });
    const v0 = engine.changeLog.version;
    for (let n = 0; n < 3; n++) engine.registry.execute(register, { instances: [instance('a', `a-${n}`)] });
    const notFound = { delta: null, responseStatus: { errorCode: 'data-not-found', message: 'Delta is not found.', status: 'fail' }, version: 0 };
    expect(engine.discovery.getServicesDelta({ regionId: null, version: v0, zoneId: null })).toEqual(notFound);
    expect(engine.discovery.getServicesDelta({ regionId: null, version: v0 + 1, zoneId: null }).delta?.['a']).toHaveLength(2);
    expect(engine.discovery.getServicesDelta({ regionId: null, version: engine.changeLog.version + 1, zoneId: null })).toEqual(notFound);
  });

  it('starts versions from the start time, so versions of an earlier run are never mistaken for current ones', () => {
    const first = testEngine().engine;
    expect(first.changeLog.version).toBe(first.clock.now() * 1000);
    for (let n = 0; n < 5; n++) first.registry.execute(register, { instances: [instance('a', `a-${n}`)] });
    const restarted = new ArtemisEngine({ regionId: 'default', zoneId: 'zone-a', clock: new ManualClock(first.clock.now() + 1) });
    expect(restarted.changeLog.version).toBeGreaterThan(first.changeLog.version);
    expect(restarted.discovery.getServicesDelta({ regionId: null, version: first.changeLog.version, zoneId: null }).responseStatus.errorCode).toBe('data-not-found');
  });
});

import { describe, expect, it } from '@jest/globals';
import { RegistryOperation } from '@artemis/core';
import { instance, serviceRequest, testEngine } from './fixtures.js';

describe('hidden instances (the seam for management pull-outs)', () => {
  it('publishes no new or change for a hidden instance, but still serves its latest data', () => {
    const { engine, events } = testEngine();
    engine.store.setHidden((i) => i.instanceId === 'pulled');
    engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'pulled'), instance('orders', 'visible')] });
    expect(events.map((e) => `${e.change.changeType}:${e.change.instance.instanceId}`)).toEqual(['new:visible']);
    const before = engine.discovery.getServices({ regionId: null, zoneId: null }).services;
    engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'pulled', { status: 'down' })] });
    expect(events).toHaveLength(1);
    const served = engine.discovery.getService(serviceRequest('orders')).service?.instances?.find((i) => i.instanceId === 'pulled');
    expect(served?.status).toBe('down');
    expect(engine.discovery.getServices({ regionId: null, zoneId: null }).services).not.toBe(before);
    engine.registry.execute(RegistryOperation.unregister, { instances: [instance('orders', 'pulled')] });
    expect(events.map((e) => e.change.changeType)).toEqual(['new', 'delete']);
  });

  it('announces delete and new for registered instances without changing the registry, and ignores unknown services', () => {
    const { engine, events } = testEngine();
    engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'o-1')] });
    const version = engine.changeLog.version;
    engine.store.announce('delete', instance('orders', 'o-1'));
    engine.store.announce('new', instance('orders', 'o-1'));
    engine.store.announce('delete', instance('nobody', 'x'));
    expect(events.map((e) => e.change.changeType)).toEqual(['new', 'delete', 'new']);
    expect(engine.store.size).toBe(1);
    expect(engine.discovery.getServicesDelta({ regionId: null, version, zoneId: null }).delta?.['orders']?.map((c) => c.changeType)).toEqual(['new']);
  });

  it('publishes reload for a service, registered or not', () => {
    const { engine, events } = testEngine();
    engine.store.reload('Orders');
    expect(events[0]?.change).toMatchObject({ changeType: 'reload', instance: { serviceId: 'Orders', instanceId: 'reload' } });
  });
});

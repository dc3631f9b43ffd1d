import { describe, expect, it } from '@jest/globals';
import { RegistryOperation } from '@artemis/core';
import { instance, testEngine } from './fixtures.js';

describe('status and cluster', () => {
  it('reports a node without peers as up at once', () => {
    const { engine } = testEngine({ nodeUrl: 'http://127.0.0.1:9999' });
    expect(engine.status.node().nodeStatus).toEqual({
      allowDiscoveryFromOtherZone: true,
      allowRegistryFromOtherZone: true,
      canServiceDiscovery: true,
      canServiceRegistry: true,
      node: { url: 'http://127.0.0.1:9999', zone: { metadata: null, regionId: 'default', zoneId: 'zone-a' } },
      status: 'up',
    });
    expect(engine.status.clusterStatus().nodeCount).toBe(1);
  });

  it('lists this node in up-registry-nodes and up-discovery-nodes', () => {
    const { engine } = testEngine({ nodeUrl: 'http://127.0.0.1:9999' });
    const request = { regionId: 'default', zoneId: 'zone-a' };
    expect(engine.cluster.upNodes('registry', request).nodes?.map((n) => n.url)).toEqual(['http://127.0.0.1:9999']);
    expect(engine.cluster.upNodes('discovery', request).nodes?.map((n) => n.url)).toEqual(['http://127.0.0.1:9999']);
  });

  it('answers up nodes with data-not-found when no node serves the caller zone', () => {
    const { engine } = testEngine({ registryAllowFromOtherZone: false });
    expect(engine.cluster.upNodes('registry', { regionId: 'default', zoneId: 'zone-b' })).toEqual({
      nodes: null,
      responseStatus: { errorCode: 'data-not-found', message: 'No available service nodes.', status: 'fail' },
    });
  });

  it('lists live leases by service with self-preservation counters, and legacy leases apart', () => {
    const { engine } = testEngine();
    engine.registry.execute(RegistryOperation.register, {
      instances: [instance('Orders', 'o-1'), instance('pay', 'p-1'), instance('pay', 'legacy', { metadata: { java_registry: 'yes' } })],
    });
    const all = engine.status.leases({ serviceIds: null });
    expect(all.leaseCount).toBe(2);
    expect(Object.keys(all.leases ?? {})).toEqual(['Orders', 'pay']);
    expect(all.leases?.['Orders']?.[0]).toMatchObject({ instance: 'default/zone-a/orders/o-1', ttl: 20_000 });
    expect(all.leases?.['Orders']?.[0]?.creationTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
    expect(all).toMatchObject({ isSafe: true, isSafeCheckEnabled: true });
    expect(Object.keys(engine.status.leases({ serviceIds: ['ORDERS'] }).leases ?? {})).toEqual(['Orders']);
    expect(engine.status.leases({ serviceIds: null }, true).leases?.['pay']?.map((l) => l.ttl)).toEqual([90_000]);
  });

  it('rate-limits leases status at 10 per window with zeroed counters', () => {
    const { engine } = testEngine();
    for (let n = 0; n < 10; n++) expect(engine.status.leases({ serviceIds: null }).responseStatus.status).toBe('success');
    expect(engine.status.leases({ serviceIds: null })).toMatchObject({ isSafe: false, leaseCount: 0, leases: null, responseStatus: { errorCode: 'rate-limited' } });
  });
});

describe('node state', () => {
  it('refuses registry and discovery calls while the node is not up, and serves again once it is', () => {
    const { engine } = testEngine();
    engine.cluster.setState('down');
    const refused = engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'o-1')] });
    expect(refused.responseStatus.errorCode).toBe('service-unavailable');
    expect(refused.responseStatus.message).toMatch(/^Serivce registry is not in up state\. Current status: /);
    expect(engine.discovery.getServices({ regionId: null, zoneId: null }).responseStatus.errorCode).toBe('service-unavailable');
    expect(engine.cluster.upNodes('registry', { regionId: 'default', zoneId: 'zone-a' }).responseStatus.errorCode).toBe('data-not-found');
    engine.cluster.setState('up');
    expect(engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'o-1')] }).responseStatus.status).toBe('success');
  });
});

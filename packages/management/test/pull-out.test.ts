import { describe, expect, it } from '@jest/globals';
import { RegistryOperation, type DiscoveryConfig, type GetServiceResponse } from '@artemis/core';
import type { ArtemisEngine } from '@artemis/server';
import { testDatabaseKinds } from '../src/testing.js';
import { byOps, instance, startManagedNode, useDatabase } from './fixtures.js';

function discovered(engine: ArtemisEngine, serviceId: string): string[] {
  const config: DiscoveryConfig = { discoveryData: null, regionId: 'default', serviceId, zoneId: 'zone-a' };
  const response: GetServiceResponse = engine.discovery.getService({ discoveryConfig: config, regionId: 'default', zoneId: 'zone-a' });
  return (response.service?.instances ?? []).map((i) => i.instanceId ?? '');
}

const changes = (node: { events: { change: { changeType: string; instance: { instanceId: string | null } } }[] }) =>
  node.events.map((e) => `${e.change.changeType}:${e.change.instance.instanceId}`);

describe.each(testDatabaseKinds)('pull-out and pull-in on %s', (kind) => {
  const test = useDatabase(kind);

  it('hides a pulled-out instance from discovery, pushes delete, and pushes new on pull-in', async () => {
    await using node = await startManagedNode(test());
    node.register(instance('orders', 'o-1'), instance('orders', 'o-2'));
    const key = { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' };
    await node.management.instances.operateInstance({ instanceKey: key, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
    expect(discovered(node.engine, 'orders')).toEqual(['o-2']);
    await node.management.instances.operateInstance({ instanceKey: key, operation: 'pullout', operationComplete: true, operatorId: 'ops', token: null });
    expect(discovered(node.engine, 'orders')).toEqual(['o-1', 'o-2']);
    expect(changes(node)).toEqual(['new:o-1', 'new:o-2', 'delete:o-1', 'new:o-1']);
  });

  it('matches instance keys case-insensitively, as protocol.md requires', async () => {
    await using node = await startManagedNode(test());
    node.register(instance('Orders', 'O-1'));
    await node.management.instances.operateInstance({ instanceKey: { regionId: 'DEFAULT', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
    expect(discovered(node.engine, 'ORDERS')).toEqual([]);
    expect(node.management.instances.instanceDown({ instance: instance('oRdErS', 'o-1') }).down).toBe(true);
  });

  it('hides every instance on a pulled-out server IP, in every service, and pushes delete for each', async () => {
    await using node = await startManagedNode(test());
    node.register(instance('orders', 'o-1', { ip: '10.0.0.7' }), instance('pay', 'p-1', { ip: '10.0.0.7' }), instance('orders', 'o-2', { ip: '10.0.0.8' }));
    await node.management.instances.operateServer({ serverKey: { regionId: 'default', serverId: '10.0.0.7' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
    expect(discovered(node.engine, 'orders')).toEqual(['o-2']);
    expect(discovered(node.engine, 'pay')).toEqual([]);
    expect(node.management.instances.serverDown({ serverKey: { regionId: 'default', serverId: '10.0.0.7' } }).down).toBe(true);
    expect(changes(node).slice(3).sort()).toEqual(['delete:o-1', 'delete:p-1']);
  });

  it('hides the instances of a pulled-out zone of a service, pushes reload, and shows them again once the operation completes', async () => {
    await using node = await startManagedNode(test());
    node.register(instance('orders', 'o-1'), instance('orders', 'o-2', { zoneId: 'zone-b' }), instance('pay', 'p-1'));
    await node.management.zones.operateZoneOperations({
      ...byOps,
      operationComplete: false,
      zoneOperationsList: [{ operations: ['pullout'], zoneKey: { regionId: 'default', serviceId: 'orders', zoneId: 'ZONE-A' } }],
    });
    expect(discovered(node.engine, 'orders')).toEqual(['o-2']);
    expect(discovered(node.engine, 'pay')).toEqual(['p-1']);
    expect(node.management.zones.isZoneDown({ zoneKey: { regionId: 'default', serviceId: 'orders', zoneId: 'zone-a' } }).down).toBe(true);
    expect(changes(node).slice(3)).toEqual(['reload:reload']);
    expect((await node.management.zones.zoneOperationsList({ regionId: null, serviceId: 'orders', zoneId: null })).zoneOperationsList).toEqual([
      { operations: ['pullout'], zoneKey: { regionId: 'default', serviceId: 'orders', zoneId: 'ZONE-A' } },
    ]);
    await node.management.zones.operateZoneOperations({
      ...byOps,
      operationComplete: true,
      zoneOperationsList: [{ operations: ['pullout'], zoneKey: { regionId: 'default', serviceId: 'orders', zoneId: 'zone-a' } }],
    });
    expect(node.management.zones.allZoneOperations().allZoneOperations).toEqual([]);
    expect(discovered(node.engine, 'orders')).toEqual(['o-1', 'o-2']);
  });

  it('pushes reload again when a second zone operation is added to a service that already has one (Java misses it)', async () => {
    await using node = await startManagedNode(test());
    node.register(instance('orders', 'o-1'), instance('orders', 'o-2', { zoneId: 'zone-b' }));
    const operate = (zoneId: string) =>
      node.management.zones.operateZoneOperations({ ...byOps, operationComplete: false, zoneOperationsList: [{ operations: ['pullout'], zoneKey: { regionId: 'default', serviceId: 'orders', zoneId } }] });
    await operate('zone-a');
    await operate('zone-b');
    expect(discovered(node.engine, 'orders')).toEqual([]);
    expect(changes(node).slice(2)).toEqual(['reload:reload', 'reload:reload']);
  });

  it('hides the instances under a group that has an operation, by group key, and pushes reload', async () => {
    await using node = await startManagedNode(test());
    node.register(instance('orders', 'o-1', { groupId: 'blue' }), instance('orders', 'o-2', { groupId: 'green' }), instance('orders', 'o-3'));
    await node.management.groups.operateGroupOperation({
      ...byOps,
      operation: 'pullout',
      appId: 'app',
      description: null,
      groupId: null,
      name: 'Blue',
      operationComplete: false,
      regionId: 'default',
      serviceId: 'orders',
      status: null,
      zoneId: 'zone-a',
    });
    expect(discovered(node.engine, 'orders')).toEqual(['o-2', 'o-3']);
    const [group] = node.management.groups.allGroups().groups ?? [];
    expect(group).toMatchObject({ groupKey: 'orders/default/zone-a/blue', status: 'active' });
    expect(node.management.groups.groupOperations({ groupId: group!.groupId }).groupOperations).toEqual({ groupId: group!.groupId, operations: ['pullout'] });
    expect(changes(node).slice(3)).toEqual(['reload:reload']);
    await node.management.groups.operateGroupOperations({ ...byOps, groupOperationsList: [{ groupId: group!.groupId, operations: ['pullout'] }], operationComplete: true });
    expect(discovered(node.engine, 'orders')).toEqual(['o-1', 'o-2', 'o-3']);
  });

  it('treats a blank or "default" groupId as the group named default', async () => {
    await using node = await startManagedNode(test());
    node.register(instance('orders', 'o-1', { groupId: 'DEFAULT' }), instance('orders', 'o-2', { groupId: null }), instance('orders', 'o-3', { groupId: 'x' }));
    await node.management.groups.upsertGroups({ ...byOps, groups: [{ appId: 'a', description: null, groupId: null, groupKey: null, metadata: null, name: 'default', regionId: 'default', serviceId: 'orders', status: 'active', zoneId: 'zone-a' }] });
    const [group] = node.management.groups.allGroups().groups ?? [];
    await node.management.groups.operateGroupOperations({ ...byOps, groupOperationsList: [{ groupId: group!.groupId, operations: ['pullout'] }], operationComplete: false });
    expect(discovered(node.engine, 'orders')).toEqual(['o-3']);
  });

  it('publishes no new or change for a pulled-out instance that registers again, and no new on pull-in while another reason still hides it', async () => {
    await using node = await startManagedNode(test());
    await node.management.instances.operateInstance({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
    await node.management.instances.operateServer({ serverKey: { regionId: 'default', serverId: '10.0.0.1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
    node.register(instance('orders', 'o-1'));
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'o-1', { status: 'starting' })] });
    await node.management.instances.operateInstance({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: true, operatorId: 'ops', token: null });
    expect(changes(node)).toEqual([]);
    expect(discovered(node.engine, 'orders')).toEqual([]);
    await node.management.instances.operateServer({ serverKey: { regionId: 'default', serverId: '10.0.0.1' }, operation: 'pullout', operationComplete: true, operatorId: 'ops', token: null });
    expect(changes(node)).toEqual(['new:o-1']);
  });

  it('lists operations per instance and server, all of them or one region, and reports down for any operation', async () => {
    await using node = await startManagedNode(test());
    const { instances } = node.management;
    await instances.operateInstance({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
    await instances.operateInstance({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'anything', operationComplete: false, operatorId: 'ops', token: null });
    await instances.operateServer({ serverKey: { regionId: 'eu', serverId: '10.0.0.1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
    expect(instances.instanceOperations({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'O-1' } }).operations).toEqual({
      instanceKey: { instanceId: 'o-1', regionId: 'default', serviceId: 'orders' },
      operations: ['pullout', 'anything'],
    });
    expect(instances.serverOperations({ serverKey: { regionId: 'eu', serverId: '10.0.0.2' } }).operations).toBeNull();
    expect(instances.allServerOperations({ regionId: 'EU' }).allServerOperations).toHaveLength(1);
    expect(instances.allServerOperations({ regionId: 'default' }).allServerOperations).toHaveLength(0);
    expect(instances.allInstanceOperations({ regionId: null }).allInstanceOperations).toHaveLength(1);
  });

  it('shows pulled-out instances as down in the management view, with their lease times, without hiding them', async () => {
    await using node = await startManagedNode(test());
    node.register(instance('orders', 'o-1'), instance('orders', 'o-2'));
    await node.management.instances.operateInstance({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-2' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
    const services = node.management.view.services();
    expect(services.version).toBeGreaterThan(0);
    const shown = services.services?.[0]?.instances ?? [];
    expect(shown.map((i) => `${i.instanceId}:${i.status}`)).toEqual(['o-1:up', 'o-2:down']);
    expect(Object.keys(shown[0]?.metadata ?? {})).toEqual(['creationTime', 'renewalTime', 'ttl']);
    expect(shown[0]?.metadata?.['ttl']).toBe('20000');
    const one = node.management.view.service({ regionId: null, serviceId: 'ORDERS', zoneId: null });
    expect(one.service?.serviceId).toBe('orders');
    expect(one.service?.instances).toHaveLength(2);
    expect(node.management.view.service({ regionId: null, serviceId: 'nobody', zoneId: null }).service).toEqual({ instances: [], logicInstances: [], metadata: null, routeRules: [], serviceId: 'nobody' });
  });
});

import { describe, expect, it } from '@jest/globals';
import type { DiscoveryConfig, Group, GroupWeight, Service } from '@artemis/core';
import type { ArtemisEngine } from '@artemis/server';
import { testDatabaseKinds } from '../src/testing.js';
import { byOps, instance, startManagedNode, useDatabase, type ManagedNode } from './fixtures.js';

function served(engine: ArtemisEngine, serviceId: string): Service {
  const config: DiscoveryConfig = { discoveryData: null, regionId: 'default', serviceId, zoneId: 'zone-a' };
  return engine.discovery.getService({ discoveryConfig: config, regionId: 'default', zoneId: 'zone-a' }).service!;
}

function group(name: string, init: Partial<GroupWeight> = {}): GroupWeight {
  return { appId: 'app', description: null, groupId: null, groupKey: null, metadata: null, name, regionId: 'default', serviceId: 'orders', status: 'active', weight: 50, zoneId: 'zone-a', ...init };
}

const rule = { description: null, name: 'split', routeRuleId: null, serviceId: 'orders', status: 'active', strategy: 'weighted-round-robin' };

async function createSplit(node: ManagedNode, groups: GroupWeight[] = [group('blue', { weight: 100 }), group('green', { weight: 200 })]): Promise<void> {
  await node.management.routeRules.createRouteRule({ ...byOps, groups, routeRule: rule });
}

async function releaseAll(node: ManagedNode): Promise<void> {
  const members = node.management.routeRules.allRouteRuleGroups().routeRuleGroups ?? [];
  await node.management.routeRules.releaseRouteRuleGroups({ ...byOps, routeRuleGroups: members });
}

function weights(service: Service): string[] {
  return (service.routeRules ?? []).flatMap((r) => (r.groups ?? []).map((g) => `${r.routeId}:${g.groupKey}:${g.weight}`));
}

describe.each(testDatabaseKinds)('groups and route rules on %s', (kind) => {
  const test = useDatabase(kind);

  it('serves an active rule at weight 5 until released, then at the released weights (Java GroupRepositoryTest)', async () => {
    await using node = await startManagedNode(test());
    node.register(instance('orders', 'o-1'));
    await createSplit(node);
    expect(weights(served(node.engine, 'orders'))).toEqual(['split:orders/default/zone-a/blue:5', 'split:orders/default/zone-a/green:5']);
    await releaseAll(node);
    expect(weights(served(node.engine, 'orders'))).toEqual(['split:orders/default/zone-a/blue:100', 'split:orders/default/zone-a/green:200']);
    expect(node.events.map((e) => e.change.changeType)).toEqual(['new', 'reload', 'reload']);
  });

  it('serves an edited but unreleased weight only after the next release', async () => {
    await using node = await startManagedNode(test());
    await createSplit(node);
    await releaseAll(node);
    const [blue] = node.management.routeRules.allRouteRuleGroups().routeRuleGroups ?? [];
    await node.management.routeRules.upsertRouteRuleGroups({ ...byOps, routeRuleGroups: [{ ...blue!, unreleasedWeight: 1 }] });
    expect(weights(served(node.engine, 'orders'))[0]).toBe('split:orders/default/zone-a/blue:100');
    await node.management.routeRules.releaseRouteRuleGroups({ ...byOps, routeRuleGroups: [blue!] });
    expect(weights(served(node.engine, 'orders'))[0]).toBe('split:orders/default/zone-a/blue:1');
  });

  it('serves neither an inactive rule nor an inactive group, and drops a rule left without active groups', async () => {
    await using node = await startManagedNode(test());
    await createSplit(node);
    const groups = node.management.groups.allGroups().groups ?? [];
    const blue = groups.find((g) => g.name === 'blue') as Group;
    await node.management.groups.upsertGroups({ ...byOps, groups: [{ ...blue, status: 'inactive' }] });
    expect(weights(served(node.engine, 'orders'))).toEqual(['split:orders/default/zone-a/green:5']);
    await node.management.routeRules.upsertRouteRules({ ...byOps, routeRules: [{ ...rule, status: 'inactive' }] });
    expect(served(node.engine, 'orders').routeRules).toEqual([]);
    expect(node.management.routeRules.allRouteRules().routeRules?.[0]?.status).toBe('inactive');
  });

  it('serves group tags as metadata and listed instanceIds, and the logical instances of the service', async () => {
    await using node = await startManagedNode(test());
    await createSplit(node);
    const blue = (node.management.groups.allGroups().groups ?? []).find((g) => g.name === 'blue')!;
    await node.management.groups.upsertGroupTags({ ...byOps, groupTagsList: [{ groupId: blue.groupId, tags: { color: 'blue', '': 'skipped', blank: ' ' } }] });
    await node.management.groupInstances.insertGroupInstances({ ...byOps, groupInstances: [{ groupId: blue.groupId, id: null, instanceId: 'l-1' }] });
    await node.management.serviceInstances.insertServiceInstances({
      ...byOps,
      serviceInstances: [
        { description: 'd', groupId: null, healthCheckUrl: null, id: null, instanceId: 'l-1', ip: '10.0.0.9', machineName: null, metadata: { k: 'v' }, port: 81, protocol: 'http', regionId: 'default', serviceId: 'orders', url: 'http://10.0.0.9:81', zoneId: 'zone-a' },
      ],
    });
    const service = served(node.engine, 'ORDERS');
    expect(service.routeRules?.[0]?.groups?.[0]).toEqual({ groupKey: 'orders/default/zone-a/blue', instanceIds: ['l-1'], instances: null, metadata: { color: 'blue' }, weight: 5 });
    expect(service.logicInstances).toEqual([
      { groupId: null, healthCheckUrl: null, instanceId: 'l-1', ip: '10.0.0.9', machineName: null, metadata: { k: 'v' }, port: 81, protocol: 'http', regionId: 'default', serviceId: 'orders', status: 'up', url: 'http://10.0.0.9:81', zoneId: 'zone-a' },
    ]);
    expect(node.management.groups.groupTags({ groupId: blue.groupId, tagId: null, tagKey: null }).groupTags).toEqual({ groupId: blue.groupId, tags: { color: 'blue' } });
    expect(node.management.view.service({ regionId: null, serviceId: 'orders', zoneId: null }).groups?.find((g) => g.groupKey.endsWith('/blue'))).toEqual({
      groupKey: 'orders/default/zone-a/blue',
      instanceIds: ['l-1'],
      instances: null,
      metadata: { color: 'blue' },
      weight: null,
    });
  });

  it('pulls a logical instance out like a registered one', async () => {
    await using node = await startManagedNode(test());
    await node.management.serviceInstances.insertServiceInstances({
      ...byOps,
      serviceInstances: [
        { description: null, groupId: null, healthCheckUrl: null, id: null, instanceId: 'l-1', ip: '10.0.0.9', machineName: null, metadata: null, port: 81, protocol: null, regionId: 'default', serviceId: 'orders', url: 'http://x', zoneId: 'zone-a' },
      ],
    });
    await node.management.instances.operateServer({ serverKey: { regionId: 'default', serverId: '10.0.0.9' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
    expect(served(node.engine, 'orders').logicInstances).toEqual([]);
  });

  it('creates a route rule idempotently and never overwrites existing rules or groups (Java BusinessDaoTest)', async () => {
    await using node = await startManagedNode(test());
    await createSplit(node);
    await node.management.routeRules.createRouteRule({ ...byOps, groups: [group('blue', { weight: 7, appId: 'changed' })], routeRule: { ...rule, status: 'inactive' } });
    expect(node.management.routeRules.allRouteRules().routeRules).toHaveLength(1);
    expect(node.management.routeRules.allRouteRules().routeRules?.[0]?.status).toBe('active');
    expect((node.management.groups.allGroups().groups ?? []).map((g) => `${g.name}:${g.appId}`)).toEqual(['blue:app', 'green:app']);
    expect((node.management.routeRules.allRouteRuleGroups().routeRuleGroups ?? []).map((m) => `${m.unreleasedWeight}:${m.weight}`)).toEqual(['7:null', '200:null']);
  });

  it('refuses a route rule whose groups belong to another service or miss a weight', async () => {
    await using node = await startManagedNode(test());
    await expect(node.management.routeRules.createRouteRule({ ...byOps, groups: [group('blue', { serviceId: 'pay' })], routeRule: rule })).rejects.toMatchObject({
      code: 'bad-request',
      message: 'groups[0].serviceId not equals to: orders',
    });
    await expect(node.management.routeRules.createRouteRule({ ...byOps, groups: [group('blue', { weight: null })], routeRule: rule })).rejects.toMatchObject({
      message: 'groups[0].weight is null',
    });
    await expect(node.management.routeRules.createRouteRule({ ...byOps, groups: [], routeRule: rule })).rejects.toMatchObject({ message: 'groups is null or empty' });
  });

  it('activates the chosen rules and groups at released weights and inactivates every other (Java activateServiceRouteRules)', async () => {
    await using node = await startManagedNode(test());
    await createSplit(node);
    await node.management.routeRules.activateRouteRules({ operation: 'activate', operator_id: 'ops', token: '', extensions: '{}', reason: '' }, 'orders', [
      { routeRule: { ...rule, name: 'only-green', status: 'inactive' }, groups: [group('green', { weight: 300, status: 'inactive' })] },
    ]);
    const rules = node.management.routeRules.allRouteRules().routeRules ?? [];
    expect(rules.map((r) => `${r.name}:${r.status}`)).toEqual(['split:inactive', 'only-green:active']);
    expect((node.management.groups.allGroups().groups ?? []).map((g) => `${g.name}:${g.status}`)).toEqual(['blue:inactive', 'green:active']);
    expect(weights(served(node.engine, 'orders'))).toEqual(['only-green:orders/default/zone-a/green:300']);
  });

  it('soft-deletes rules and groups, and hard-deletes memberships', async () => {
    await using node = await startManagedNode(test());
    await createSplit(node);
    const members = node.management.routeRules.allRouteRuleGroups().routeRuleGroups ?? [];
    await node.management.routeRules.deleteRouteRuleGroups({ ...byOps, routeRuleGroupIds: [members[0]!.routeRuleGroupId!] });
    expect(node.management.routeRules.allRouteRuleGroups().routeRuleGroups).toHaveLength(1);
    const green = (node.management.groups.allGroups().groups ?? []).find((g) => g.name === 'green')!;
    await node.management.groups.deleteGroups({ ...byOps, groupIds: [green.groupId!] });
    expect(served(node.engine, 'orders').routeRules).toEqual([]);
    await node.management.routeRules.deleteRouteRules({ ...byOps, routeRuleIds: [node.management.routeRules.allRouteRules().routeRules![0]!.routeRuleId!] });
    expect(node.management.routeRules.allRouteRules().routeRules).toEqual([]);
    expect((await node.management.routeRules.routeRules({ name: 'split', routeRuleId: null, serviceId: null, status: null })).routeRules).toEqual([]);
  });

  it('computes canary group instances from registered and logical instances, without pulled-out ones', async () => {
    await using node = await startManagedNode(test());
    node.register(instance('orders', '10.0.0.1'), instance('orders', '10.0.0.2', { ip: '10.0.0.2' }), instance('orders', '10.0.0.3'));
    await node.management.canary.updateCanaryIps({ ...byOps, appId: 'orders-app', canaryIps: ['10.0.0.1', '10.0.0.2', '10.0.0.99'], serviceId: 'orders' });
    const canary = served(node.engine, 'orders').routeRules?.find((r) => r.routeId === 'canary-route-rule');
    expect(canary?.strategy).toBe('weighted-round-robin');
    expect(canary?.groups?.[0]).toMatchObject({ groupKey: 'orders/default/canary/orders-app', instanceIds: ['10.0.0.1', '10.0.0.2', '10.0.0.99'], weight: 5 });
    expect(canary?.groups?.[0]?.instances?.map((i) => i.instanceId)).toEqual(['10.0.0.1', '10.0.0.2']);
    await node.management.instances.operateServer({ serverKey: { regionId: 'default', serverId: '10.0.0.2' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
    const after = served(node.engine, 'orders').routeRules?.find((r) => r.routeId === 'canary-route-rule');
    expect(after?.groups?.[0]?.instances?.map((i) => i.instanceId)).toEqual(['10.0.0.1']);
    await node.management.canary.updateCanaryIps({ ...byOps, appId: 'orders-app', canaryIps: ['10.0.0.3'], serviceId: 'orders' });
    const replaced = served(node.engine, 'orders').routeRules?.find((r) => r.routeId === 'canary-route-rule');
    expect(replaced?.groups?.[0]?.instanceIds).toEqual(['10.0.0.3']);
    expect(node.management.routeRules.allRouteRules().routeRules).toHaveLength(1);
  });

  it('answers a rate-limited group query with rate-limited once its limit for the 10 s window is used up', async () => {
    await using node = await startManagedNode(test(), { queryRateLimit: { defaultLimit: 2 } });
    const query = () => node.management.groups.groups({ appId: null, groupId: null, name: null, regionId: null, serviceId: null, status: null, zoneId: null });
    await query();
    await query();
    expect((await query()).responseStatus).toMatchObject({ errorCode: 'rate-limited' });
  });

  it('filters get-groups by groupId too (Java ignores it)', async () => {
    await using node = await startManagedNode(test());
    await createSplit(node);
    const [blue] = node.management.groups.allGroups().groups ?? [];
    const found = await node.management.groups.groups({ appId: null, groupId: blue!.groupId, name: null, regionId: null, serviceId: null, status: null, zoneId: null });
    expect(found.groups?.map((g) => g.name)).toEqual(['blue']);
  });
});

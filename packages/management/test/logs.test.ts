import { describe, expect, it } from '@jest/globals';
import { testDatabaseKinds } from '../src/testing.js';
import { byOps, startManagedNode, useDatabase } from './fixtures.js';

const page = { limit: 100, offset: 0 };

describe.each(testDatabaseKinds)('operation logs on %s', (kind) => {
  const test = useDatabase(kind);

  it('records each instance operation with its completion flag and serves the rows newest first, filtered and paged', async () => {
    await using node = await startManagedNode(test());
    const key = { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' };
    for (const complete of [false, true]) await node.management.instances.operateInstance({ instanceKey: key, operation: 'pullout', operationComplete: complete, operatorId: 'ops', token: 'tk' });
    await node.management.instances.operateInstance({ instanceKey: key, operation: 'pullout', operationComplete: false, operatorId: 'ops', operatorNote: 'mallory', token: 'tk' });
    const all = await node.management.logs.instanceOperationLogs({ ...page, complete: null, instanceId: null, operation: null, operatorId: null, regionId: null, serviceId: 'ORDERS' });
    expect(all.logs?.map((l) => `${l.id}:${l.complete}`)).toEqual(['3:false', '2:true', '1:false']);
    expect(Object.keys(all.logs![0]!)).toEqual(['complete', 'createTime', 'extensions', 'id', 'instanceId', 'operation', 'operatorId', 'operatorNote', 'regionId', 'serviceId', 'token', 'updateTime']);
    expect(all.logs![0]).toMatchObject({ extensions: '{}', instanceId: 'o-1', operation: 'pullout', operatorId: 'ops', operatorNote: 'mallory', regionId: 'default', token: '' });
    expect(all.logs![1]).toMatchObject({ operatorNote: '' });
    expect(typeof all.logs![0]!.createTime).toBe('number');
    const completed = await node.management.logs.instanceOperationLogs({ ...page, complete: true, instanceId: 'O-1', operation: null, operatorId: null, regionId: null, serviceId: null });
    expect(completed.logs?.map((l) => l.id)).toEqual([2]);
    const second = await node.management.logs.instanceOperationLogs({ limit: 1, offset: 1, complete: null, instanceId: null, operation: null, operatorId: null, regionId: null, serviceId: null });
    expect(second.logs?.map((l) => l.id)).toEqual([2]);
  });

  it('records server, zone, group, group operation, route rule, membership, group instance and logical instance writes', async () => {
    await using node = await startManagedNode(test());
    const m = node.management;
    await m.instances.operateServer({ serverKey: { regionId: 'default', serverId: '10.0.0.1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
    await m.zones.operateZoneOperations({ ...byOps, operationComplete: false, zoneOperationsList: [{ operations: ['pullout'], zoneKey: { regionId: 'default', serviceId: 'orders', zoneId: 'z' } }] });
    await m.routeRules.createRouteRule({
      ...byOps,
      groups: [{ appId: 'a', description: null, groupId: null, groupKey: null, metadata: null, name: 'g', regionId: 'default', serviceId: 'orders', status: 'active', weight: 9, zoneId: 'z' }],
      routeRule: { description: null, name: 'r', routeRuleId: null, serviceId: 'orders', status: 'active', strategy: null },
    });
    const groupId = m.groups.allGroups().groups![0]!.groupId!;
    await m.groups.operateGroupOperations({ ...byOps, groupOperationsList: [{ groupId, operations: ['pullout'] }], operationComplete: false });
    await m.groupInstances.insertGroupInstances({ ...byOps, groupInstances: [{ groupId, id: null, instanceId: 'i-1' }] });
    await m.serviceInstances.insertServiceInstances({
      ...byOps,
      serviceInstances: [{ description: null, groupId: null, healthCheckUrl: null, id: null, instanceId: 'l-1', ip: null, machineName: null, metadata: { a: 'b' }, port: 80, protocol: null, regionId: null, serviceId: 'orders', url: null, zoneId: null }],
    });
    const none = { operation: null, operatorId: null };
    expect((await m.logs.serverOperationLogs({ ...page, ...none, complete: false, regionId: null, serverId: '10.0.0.1' })).logs).toHaveLength(1);
    expect((await m.logs.zoneOperationLogs({ ...page, ...none, complete: null, regionId: null, serviceId: 'orders', zoneId: 'z' })).logs?.[0]).toMatchObject({ operation: 'pullout', operatorId: 'ops', complete: false });
    expect((await m.logs.groupLogs({ ...page, ...none, appId: 'a', name: null, regionId: null, serviceId: null, zoneId: null })).logs?.[0]).toMatchObject({ name: 'g', status: 'active', operation: 'create', reason: 'test' });
    expect((await m.logs.routeRuleLogs({ ...page, ...none, name: 'r', serviceId: null })).logs?.[0]).toMatchObject({ name: 'r', status: 'active', complete: false });
    expect((await m.logs.routeRuleGroupLogs({ ...page, ...none, groupId, routeRuleId: null })).logs?.[0]).toMatchObject({ groupId, weight: 9 });
    expect((await m.logs.groupOperationLogs({ ...page, ...none, complete: false, groupId })).logs?.[0]).toMatchObject({ groupId, operation: 'pullout' });
    expect((await m.logs.groupInstanceLogs({ ...page, ...none, groupId: null, instanceId: 'i-1' })).logs?.[0]).toMatchObject({ groupId, instanceId: 'i-1', token: '' });
    expect((await m.logs.serviceInstanceLogs({ ...page, ...none, instanceId: 'l-1', serviceId: null })).logs?.[0]).toMatchObject({ instanceId: 'l-1', metadata: '{"a":"b"}', port: 80, operatorId: 'ops' });
  });

  it('writes nothing, log row included, when a write fails halfway, and says why without driver text', async () => {
    await using node = await startManagedNode(test());
    const group = { appId: 'a', description: null, groupId: null, groupKey: null, metadata: null, regionId: 'default', serviceId: 'orders', status: 'active', zoneId: 'z' };
    await expect(node.management.groups.upsertGroups({ ...byOps, groups: [{ ...group, name: 'fine' }, { ...group, name: 'bad\u0000name' }] })).rejects.toMatchObject({
      code: 'bad-request',
      message: 'insert groups failed: a value is out of range or missing.',
    });
    expect((await node.management.groups.groups({ appId: null, groupId: null, name: null, regionId: null, serviceId: null, status: null, zoneId: null })).groups).toEqual([]);
    expect((await node.management.logs.groupLogs({ ...page, appId: null, name: null, operation: null, operatorId: null, regionId: null, serviceId: null, zoneId: null })).logs).toEqual([]);
  });
});

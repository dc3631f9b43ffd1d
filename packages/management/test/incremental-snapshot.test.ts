import { describe, expect, it } from '@jest/globals';
import { silentLogger } from '@artemis/server';
import type { GroupWeight } from '@artemis/core';
import { openPostgresDatabase, type ArtemisManagement } from '../src/index.js';
import { testDatabaseKinds } from '../src/testing.js';
import { byOps, instance, startManagedNode, useDatabase } from './fixtures.js';

function view(management: ArtemisManagement) {
  const s = management.snapshot;
  return {
    groups: s.allGroups(),
    rules: s.allRouteRules(),
    members: s.allRouteRuleGroups(),
    tags: s.allGroupTags(),
    groupOperations: s.allGroupOperations(),
    instanceOperations: s.allInstanceOperations(null),
    serverOperations: s.allServerOperations(null),
    zoneOperations: s.allZoneOperations(),
    signatures: [...s.signatures()].sort(),
    served: ['orders', 'pay'].map((id) => ({ rules: s.routeRules(id), logic: s.logicInstances(id), groups: s.serviceGroups(id) })),
    down: ['o-1', 'o-2', 'o-3'].map((id) => s.isInstanceDown(instance('orders', id, { groupId: id === 'o-3' ? 'green' : null }))),
  };
}

const group = (name: string, init: Partial<GroupWeight> = {}): GroupWeight => ({
  appId: 'app', description: null, groupId: null, groupKey: null, metadata: null, name, regionId: 'default', serviceId: 'orders', status: 'active', weight: 30, zoneId: 'zone-a', ...init,
});

describe.each(testDatabaseKinds)('the snapshot kept by the change journal on %s', (kind) => {
  const test = useDatabase(kind);

  it('applies another node\'s writes in place, row by row, and ends equal to a snapshot loaded whole', async () => {
    const second = openPostgresDatabase({ url: test().url, logger: silentLogger });
    const third = openPostgresDatabase({ url: test().url, logger: silentLogger });
    try {
      await using a = await startManagedNode(test());
      await using b = await startManagedNode({ ...test(), database: second });
      const snapshotOfB = b.management.snapshot;
      const m = a.management;
      await m.routeRules.createRouteRule({ ...byOps, routeRule: { description: null, name: 'split', routeRuleId: null, serviceId: 'orders', status: 'active', strategy: null }, groups: [group('blue'), group('green', { weight: 70 })] });
      await m.routeRules.releaseRouteRuleGroups({ ...byOps, routeRuleGroups: m.routeRules.allRouteRuleGroups().routeRuleGroups ?? [] });
      const [blue, green] = m.groups.allGroups().groups ?? [];
      await m.groups.upsertGroupTags({ ...byOps, groupTagsList: [{ groupId: blue!.groupId, tags: { color: 'blue', size: 'L' } }] });
      await m.groups.deleteGroupTags({ ...byOps, groupId: blue!.groupId, tag: 'size', value: null });
      await m.groupInstances.insertGroupInstances({ ...byOps, groupInstances: [{ groupId: blue!.groupId, id: null, instanceId: 'o-1' }, { groupId: blue!.groupId, id: null, instanceId: 'o-9' }] });
      const listed = (await m.groupInstances.groupInstances({ groupId: blue!.groupId, instanceId: 'o-9' })).groupInstances ?? [];
      await m.groupInstances.deleteGroupInstances({ ...byOps, groupInstanceIds: listed.map((row) => row.id!) });
      await m.groups.operateGroupOperations({ ...byOps, groupOperationsList: [{ groupId: green!.groupId, operations: ['pullout'] }], operationComplete: false });
      await m.instances.operateInstance({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
      await m.instances.operateInstance({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'other', operationComplete: false, operatorId: 'ops', token: null });
      await m.instances.operateInstance({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: true, operatorId: 'ops', token: null });
      await m.instances.operateServer({ serverKey: { regionId: 'default', serverId: '10.0.0.2' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
      await m.zones.operateZoneOperations({ ...byOps, operationComplete: false, zoneOperationsList: [{ operations: ['pullout'], zoneKey: { regionId: 'default', serviceId: 'pay', zoneId: 'zone-a' } }] });
      await m.serviceInstances.insertServiceInstances({
        ...byOps,
        serviceInstances: [{ description: null, groupId: null, healthCheckUrl: null, id: null, instanceId: 'l-1', ip: '10.1.1.1', machineName: null, metadata: { a: 'b' }, port: 80, protocol: null, regionId: 'default', serviceId: 'orders', url: 'http://l', zoneId: 'zone-a' }],
      });
      await m.routeRules.upsertRouteRules({ ...byOps, routeRules: [{ description: 'second', name: 'other', routeRuleId: null, serviceId: 'pay', status: 'inactive', strategy: 'close-by-visit' }] });
      await m.groups.deleteGroups({ ...byOps, groupIds: [blue!.groupId!] });

      expect(await b.management.refresh()).toBe(true);
      expect(b.management.position).toBe(a.management.position);
      expect(b.management.snapshot).toBe(snapshotOfB);
      await using c = await startManagedNode({ ...test(), database: third });
      expect(view(b.management)).toEqual(view(c.management));
      expect(view(a.management)).toEqual(view(c.management));
      expect(view(c.management).down).toEqual([true, false, true]);
    } finally {
      await second.close();
      await third.close();
    }
  });
});

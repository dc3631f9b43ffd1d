import { describe, expect, it } from '@jest/globals';
import { ArtemisError } from '@artemis/core';
import { sql } from 'kysely';
import { testDatabaseKinds } from '../src/testing.js';
import { byOps, startManagedNode, useDatabase, type ManagedNode } from './fixtures.js';

const BAD_IDS = [-1, 0, 999_999];

async function refusal(write: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await write.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ArtemisError);
  return { code: (error as ArtemisError).code, message: (error as ArtemisError).message };
}

async function aGroupAndARule(node: ManagedNode): Promise<{ groupId: number; routeRuleId: number }> {
  await node.management.routeRules.createRouteRule({
    ...byOps,
    routeRule: { description: null, name: 'split', routeRuleId: null, serviceId: 'orders', status: 'active', strategy: null },
    groups: [{ appId: 'app', description: null, groupId: null, groupKey: null, metadata: null, name: 'blue', regionId: 'default', serviceId: 'orders', status: 'active', weight: 50, zoneId: 'zone-a' }],
  });
  const [member] = node.management.routeRules.allRouteRuleGroups().routeRuleGroups ?? [];
  return { groupId: member!.groupId!, routeRuleId: member!.routeRuleId! };
}

describe.each(testDatabaseKinds)('writes that name ids on %s', (kind) => {
  const test = useDatabase(kind);

  it.each(BAD_IDS)('refuses group operations, tags, listed instances and memberships naming id %d, with bad-request naming it, and stores nothing', async (id) => {
    await using node = await startManagedNode(test());
    const real = await aGroupAndARule(node);
    const db = test().database.db;
    const counts = async () =>
      (await sql<{ n: number }>`select (select count(*) from service_group_operation) + (select count(*) from service_group_operation_log) + (select count(*) from service_group_tag)
        + (select count(*) from service_group_tag_log) + (select count(*) from service_group_instance) + (select count(*) from service_route_rule_group) + (select count(*) from service_route_rule_group_log) as n`.execute(db)).rows[0]!.n;
    const before = await counts();
    const { groups, groupInstances, routeRules } = node.management;
    const writes: [Promise<unknown>, string][] = [
      [groups.operateGroupOperations({ ...byOps, groupOperationsList: [{ groupId: id, operations: ['pullout'] }], operationComplete: false }), 'groupOperationsList[0].groupId'],
      [groups.operateGroupOperations({ ...byOps, groupOperationsList: [{ groupId: id, operations: ['pullout'] }], operationComplete: true }), 'groupOperationsList[0].groupId'],
      [groups.upsertGroupTags({ ...byOps, groupTagsList: [{ groupId: real.groupId, tags: { a: 'b' } }, { groupId: id, tags: { a: 'b' } }] }), 'groupTagsList[1].groupId'],
      [groupInstances.insertGroupInstances({ ...byOps, groupInstances: [{ groupId: id, id: null, instanceId: 'o-1' }] }), 'groupInstances[0].groupId'],
      [routeRules.upsertRouteRuleGroups({ ...byOps, routeRuleGroups: [{ groupId: id, routeRuleGroupId: null, routeRuleId: real.routeRuleId, unreleasedWeight: 10, weight: null }] }), 'routeRuleGroups[0].groupId'],
      [routeRules.upsertRouteRuleGroups({ ...byOps, routeRuleGroups: [{ groupId: real.groupId, routeRuleGroupId: null, routeRuleId: id, unreleasedWeight: 10, weight: null }] }), 'routeRuleGroups[0].routeRuleId'],
      [routeRules.releaseRouteRuleGroups({ ...byOps, routeRuleGroups: [{ groupId: id, routeRuleGroupId: null, routeRuleId: real.routeRuleId, unreleasedWeight: null, weight: null }] }), 'routeRuleGroups[0]'],
    ];
    for (const [write, path] of writes) {
      const { code, message } = await refusal(write);
      expect(code).toBe('bad-request');
      expect(message).toContain(path);
      expect(message).toContain(String(id));
    }
    expect(await counts()).toBe(before);
  });

  it('refuses an operation on a deleted group, but lets one recorded before the delete be completed', async () => {
    await using node = await startManagedNode(test());
    const { groupId } = await aGroupAndARule(node);
    const operate = (operationComplete: boolean) => node.management.groups.operateGroupOperations({ ...byOps, groupOperationsList: [{ groupId, operations: ['pullout'] }], operationComplete });
    await operate(false);
    await node.management.groups.deleteGroups({ ...byOps, groupIds: [groupId] });
    expect((await refusal(operate(false))).message).toBe(`groupOperationsList[0].groupId: group ${groupId} does not exist`);
    await operate(true);
    expect(await test().database.db.selectFrom('service_group_operation').selectAll().execute()).toEqual([]);
  });

  it('has foreign keys: a row naming a group that does not exist is refused by the database itself', async () => {
    const db = test().database.db;
    await expect(db.insertInto('service_group_operation').values({ group_id: 999_999, operation: 'pullout' }).execute()).rejects.toMatchObject({ code: '23503' });
    await expect(db.insertInto('service_route_rule_group').values({ group_id: 1, route_rule_id: 1, weight: 5 }).execute()).rejects.toMatchObject({ code: '23503' });
  });
});

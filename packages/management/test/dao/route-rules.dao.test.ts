import { describe, expect, it } from '@jest/globals';
import { insertGroups, softDeleteGroups } from '../../src/repositories/group.repository.js';
import {
  deleteRouteRuleGroups,
  generateRouteRuleGroup,
  insertOrUpdateRouteRuleGroups,
  insertRouteRuleGroups,
  publishRouteRuleGroups,
  releaseRouteRuleGroups,
  selectRouteRuleGroups,
} from '../../src/repositories/route-rule-group.repository.js';
import { generateRouteRule, insertOrUpdateRouteRules, insertRouteRules, selectRouteRules, softDeleteRouteRules } from '../../src/repositories/route-rule.repository.js';
import { testDatabaseKinds } from '../../src/testing.js';
import { insertParents, useDatabase } from '../fixtures.js';

const rule = { serviceId: 'orders', name: 'split', description: null, status: 'active', strategy: 'weighted-round-robin' };

describe.each(testDatabaseKinds)('route rule repositories on %s', (kind) => {
  const test = useDatabase(kind);

  it('generates a route rule once and upserts it by (service, name) with new attributes', async () => {
    const db = test().database.db;
    const created = await generateRouteRule(db, rule);
    expect((await generateRouteRule(db, { ...rule, name: 'SPLIT', status: 'inactive' })).id).toBe(created.id);
    expect((await selectRouteRules(db))[0]?.status).toBe('active');
    await insertRouteRules(db, [{ ...rule, status: 'inactive' }]);
    expect((await selectRouteRules(db))[0]?.status).toBe('active');
    await insertOrUpdateRouteRules(db, [{ ...rule, status: 'inactive', strategy: 'close-by-visit', description: 'd' }]);
    expect((await selectRouteRules(db))[0]).toMatchObject({ status: 'inactive', strategy: 'close-by-visit', description: 'd' });
  });

  it('soft-deletes route rules and selects live ones by id, service, name and status', async () => {
    const db = test().database.db;
    const rows = await insertOrUpdateRouteRules(db, [rule, { ...rule, name: 'other', status: 'inactive' }, { ...rule, serviceId: 'pay' }]);
    expect(await selectRouteRules(db, { serviceId: 'orders' })).toHaveLength(2);
    expect(await selectRouteRules(db, { status: 'INACTIVE' })).toHaveLength(1);
    expect(await selectRouteRules(db, { id: rows[2]!.id })).toHaveLength(1);
    expect(await softDeleteRouteRules(db, [rows[0]!.id])).toHaveLength(1);
    expect((await selectRouteRules(db, { serviceId: 'orders' })).map((r) => r.name)).toEqual(['other']);
  });

  it('keeps the released weight apart: insertOrUpdate sets only the unreleased weight, release copies it, publish sets it directly', async () => {
    const db = test().database.db;
    await insertParents(db, { groups: 11, routeRules: 2 });
    await insertOrUpdateRouteRuleGroups(db, [{ routeRuleId: 1, groupId: 10, weight: 30 }]);
    expect((await selectRouteRuleGroups(db))[0]).toMatchObject({ unreleased_weight: 30, weight: null });
    await insertOrUpdateRouteRuleGroups(db, [{ routeRuleId: 1, groupId: 10, weight: 40 }]);
    await insertRouteRuleGroups(db, [{ routeRuleId: 1, groupId: 10, weight: 99 }]);
    expect(await selectRouteRuleGroups(db)).toHaveLength(1);
    expect((await selectRouteRuleGroups(db))[0]).toMatchObject({ unreleased_weight: 40, weight: null });
    expect((await releaseRouteRuleGroups(db, [{ routeRuleId: 1, groupId: 10 }]))[0]).toMatchObject({ weight: 40 });
    await publishRouteRuleGroups(db, [{ routeRuleId: 1, groupId: 10, weight: 7 }, { routeRuleId: 1, groupId: 11, weight: 8 }]);
    expect((await selectRouteRuleGroups(db, { routeRuleId: 1 })).map((r) => `${r.group_id}:${r.weight}:${r.unreleased_weight}`)).toEqual(['10:7:40', '11:8:null']);
  });

  it('generates a route-rule group once per (rule, group), deletes by id and selects by each field', async () => {
    const db = test().database.db;
    await insertParents(db, { groups: 11, routeRules: 2 });
    const first = await generateRouteRuleGroup(db, { routeRuleId: 1, groupId: 10, weight: 5 });
    expect((await generateRouteRuleGroup(db, { routeRuleId: 1, groupId: 10, weight: 50 })).id).toBe(first.id);
    await generateRouteRuleGroup(db, { routeRuleId: 2, groupId: 10, weight: 5 });
    expect(await selectRouteRuleGroups(db, { groupId: 10 })).toHaveLength(2);
    expect(await selectRouteRuleGroups(db, { id: first.id })).toHaveLength(1);
    expect((await deleteRouteRuleGroups(db, [first.id])).map((r) => r.id)).toEqual([first.id]);
    expect((await selectRouteRuleGroups(db)).map((r) => r.route_rule_id)).toEqual([2]);
  });

  it('refuses a membership naming a group or rule that does not exist (foreign keys), but keeps one whose group was soft-deleted', async () => {
    const db = test().database.db;
    const [group] = await insertGroups(db, [{ serviceId: 'orders', regionId: 'default', zoneId: 'z', name: 'g', appId: 'a', description: null, status: 'active' }]);
    await insertParents(db, { routeRules: 1 });
    await expect(insertOrUpdateRouteRuleGroups(db, [{ routeRuleId: 1, groupId: 456, weight: 1 }])).rejects.toMatchObject({ code: '23503' });
    await expect(insertOrUpdateRouteRuleGroups(db, [{ routeRuleId: 123, groupId: group!.id, weight: 1 }])).rejects.toMatchObject({ code: '23503' });
    await insertOrUpdateRouteRuleGroups(db, [{ routeRuleId: 1, groupId: group!.id, weight: 1 }]);
    await softDeleteGroups(db, [group!.id]);
    expect(await selectRouteRuleGroups(db)).toHaveLength(1);
  });
});

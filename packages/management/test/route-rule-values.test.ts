import { describe, expect, it } from '@jest/globals';
import type { GroupWeight, ServiceRouteRule } from '@artemis/core';
import { testDatabaseKinds } from '../src/testing.js';
import { byOps, startManagedNode, useDatabase } from './fixtures.js';

const rule: ServiceRouteRule = { description: null, name: 'split', routeRuleId: null, serviceId: 'orders', status: 'active', strategy: 'close-by-visit' };
const blue: GroupWeight = { appId: 'app', description: null, groupId: null, groupKey: null, metadata: null, name: 'blue', regionId: 'default', serviceId: 'orders', status: 'active', weight: 50, zoneId: 'zone-a' };

describe.each(testDatabaseKinds)('route rule values on %s', (kind) => {
  const test = useDatabase(kind);

  it.each([
    ['a negative weight', { routeRule: rule, groups: [{ ...blue, weight: -1 }] }, 'groups[0].weight: -1 is not a weight; an integer from 0 to 10000 is expected'],
    ['a weight above 10000', { routeRule: rule, groups: [{ ...blue, weight: 10_001 }] }, 'groups[0].weight: 10001 is not a weight; an integer from 0 to 10000 is expected'],
    ['an unknown strategy', { routeRule: { ...rule, strategy: 'fastest' }, groups: [blue] }, 'routeRule.strategy: "fastest" is not one of weighted-round-robin, close-by-visit'],
    ['an unknown rule status', { routeRule: { ...rule, status: 'on' }, groups: [blue] }, 'routeRule.status: "on" is not one of active, inactive'],
    ['an unknown group status', { routeRule: rule, groups: [{ ...blue, status: 'paused' }] }, 'groups[0].status: "paused" is not one of active, inactive'],
  ])('refuses %s with bad-request naming it, and stores nothing', async (_what, body, message) => {
    await using node = await startManagedNode(test());
    await expect(node.management.routeRules.createRouteRule({ ...byOps, ...body })).rejects.toMatchObject({ code: 'bad-request', message });
    expect(node.management.routeRules.allRouteRules().routeRules).toEqual([]);
    expect(node.management.groups.allGroups().groups).toEqual([]);
  });

  it('refuses out-of-range weights, unknown strategies and statuses on the upsert endpoints too', async () => {
    await using node = await startManagedNode(test());
    const { routeRules, groups } = node.management;
    await expect(routeRules.upsertRouteRules({ ...byOps, routeRules: [{ ...rule, strategy: 'random' }] })).rejects.toMatchObject({ message: 'routeRules[0].strategy: "random" is not one of weighted-round-robin, close-by-visit' });
    await expect(groups.upsertGroups({ ...byOps, groups: [{ ...blue, status: 'up' }] })).rejects.toMatchObject({ message: 'groups[0].status: "up" is not one of active, inactive' });
    await routeRules.createRouteRule({ ...byOps, routeRule: rule, groups: [blue] });
    const [member] = routeRules.allRouteRuleGroups().routeRuleGroups ?? [];
    const weighted = (unreleasedWeight: number | null, weight: number | null) =>
      routeRules.upsertRouteRuleGroups({ ...byOps, routeRuleGroups: [{ ...member!, unreleasedWeight, weight }] });
    await expect(weighted(-5, null)).rejects.toMatchObject({ code: 'bad-request', message: 'routeRuleGroups[0].unreleasedWeight: -5 is not a weight; an integer from 0 to 10000 is expected' });
    await expect(weighted(null, 20_000)).rejects.toMatchObject({ code: 'bad-request', message: 'routeRuleGroups[0].weight: 20000 is not a weight; an integer from 0 to 10000 is expected' });
    await weighted(0, null);
    expect(routeRules.allRouteRuleGroups().routeRuleGroups?.[0]?.unreleasedWeight).toBe(0);
  });

  it('takes the protocol values in any case and stores them in its spelling', async () => {
    await using node = await startManagedNode(test());
    await node.management.routeRules.createRouteRule({ ...byOps, routeRule: { ...rule, status: 'ACTIVE', strategy: 'Close-By-Visit' }, groups: [{ ...blue, status: 'Active' }] });
    expect(node.management.routeRules.allRouteRules().routeRules).toMatchObject([{ status: 'active', strategy: 'close-by-visit' }]);
    expect(node.management.groups.allGroups().groups).toMatchObject([{ status: 'active' }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { RouteRuleGroup, RouteRuleGroupLog } from '@artemis/core';
import { planRollback } from '../src/logic/release-rollback';

let id = 0;
const log = (groupId: number, weight: number | null, operation: string, createTime: number): RouteRuleGroupLog => ({
  createTime,
  extensions: '',
  groupId,
  id: ++id,
  operation,
  operatorId: 'ops',
  operatorNote: '',
  reason: '',
  routeRuleId: 7,
  token: '',
  updateTime: createTime,
  weight,
});
const member = (groupId: number, weight: number | null): RouteRuleGroup => ({ groupId, routeRuleGroupId: 100 + groupId, routeRuleId: 7, unreleasedWeight: weight, weight });

describe('planRollback', () => {
  it('returns the memberships of the last release to the weights released before it', () => {
    const logs = [log(1, 90, 'update', 1), log(2, 10, 'update', 1), log(1, 90, 'release', 2), log(2, 10, 'release', 2), log(1, 50, 'update', 3), log(2, 50, 'update', 3), log(1, 50, 'release', 4), log(2, 50, 'release', 4)];
    const plan = planRollback(logs, [member(1, 50), member(2, 50)], 7);
    expect(plan.releasedAt).toBe(4);
    expect(plan.steps).toEqual([
      { routeRuleGroupId: 101, routeRuleId: 7, groupId: 1, from: 50, to: 90 },
      { routeRuleGroupId: 102, routeRuleId: 7, groupId: 2, from: 50, to: 10 },
    ]);
  });

  it('leaves memberships the last release did not touch, and names those it released first', () => {
    const logs = [log(1, 90, 'release', 2), log(2, 10, 'release', 2), log(1, 60, 'release', 4), log(3, 30, 'release', 4)];
    const plan = planRollback(logs, [member(1, 60), member(2, 10), member(3, 30)], 7);
    expect(plan.steps.map((step) => [step.groupId, step.to])).toEqual([[1, 90]]);
    expect(plan.firstReleases).toEqual([3]);
  });

  it('counts a rollback as a release, so rolling back twice undoes the rollback', () => {
    const logs = [log(1, 90, 'release', 2), log(1, 50, 'release', 4), log(1, 90, 'rollback', 6)];
    expect(planRollback(logs, [member(1, 90)], 7).steps).toEqual([{ routeRuleGroupId: 101, routeRuleId: 7, groupId: 1, from: 90, to: 50 }]);
  });

  it('has nothing to do for a rule never released, or released once', () => {
    expect(planRollback([log(1, 90, 'update', 1)], [member(1, null)], 7)).toEqual({ releasedAt: null, steps: [], firstReleases: [] });
    expect(planRollback([log(1, 90, 'release', 1)], [member(1, 90)], 7).steps).toEqual([]);
  });
});

import type { RouteRuleGroup, RouteRuleGroupLog } from '@artemis/core';

/** The operations that set released weights: the console's and the admin client's release, and rollback. */
export const RELEASE_OPERATIONS: ReadonlySet<string> = new Set(['release', 'rollback']);

/** One membership a rollback changes: its released weight now, and the one it returns to. */
export interface RollbackStep {
  readonly routeRuleGroupId: number | null;
  readonly routeRuleId: number;
  readonly groupId: number;
  readonly from: number | null;
  readonly to: number;
}

/** What rolling back a rule's last release would do. */
export interface RollbackPlan {
  /** When the last release happened (epoch ms), or null when the rule was never released. */
  readonly releasedAt: number | null;
  readonly steps: readonly RollbackStep[];
  /** Memberships of the last release with no release before it: they keep their weight. */
  readonly firstReleases: readonly number[];
}

/**
 * The server has no rollback call, so rollback re-releases the weights released before the
 * last release, read from the route rule weights log (`route-rule-group` log rows whose
 * operation is a release; one release writes one row per membership, in one transaction, so
 * the rows of the last release share its `createTime`). Memberships the last release did not
 * touch stay as they are.
 */
export function planRollback(logs: readonly RouteRuleGroupLog[], members: readonly RouteRuleGroup[], routeRuleId: number): RollbackPlan {
  const releases = logs.filter((row) => row.routeRuleId === routeRuleId && RELEASE_OPERATIONS.has(row.operation)).sort((a, b) => b.createTime - a.createTime || b.id - a.id);
  const last = releases[0];
  if (last === undefined) return { releasedAt: null, steps: [], firstReleases: [] };
  const lastRows = releases.filter((row) => row.createTime === last.createTime);
  const steps: RollbackStep[] = [];
  const firstReleases: number[] = [];
  for (const row of lastRows) {
    const before = releases.find((other) => other.groupId === row.groupId && other.createTime < last.createTime);
    if (before === undefined || before.weight === null) {
      firstReleases.push(row.groupId);
      continue;
    }
    const member = members.find((m) => m.routeRuleId === routeRuleId && m.groupId === row.groupId);
    if (member === undefined || member.weight === before.weight) continue;
    steps.push({ routeRuleGroupId: member.routeRuleGroupId, routeRuleId, groupId: row.groupId, from: member.weight, to: before.weight });
  }
  return { releasedAt: last.createTime, steps: steps.sort((a, b) => a.groupId - b.groupId), firstReleases: firstReleases.sort((a, b) => a - b) };
}

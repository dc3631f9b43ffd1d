import { useState } from 'react';
import type { Group, RouteRuleGroup, ServiceRouteRule } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { useManagementData } from '../live/use-management-data';
import { planRollback } from '../logic/release-rollback';
import { ConfirmDialog } from '../shell/confirm-dialog';
import { Time } from '../shell/time';
import { useAction } from '../shell/use-action';

/** How many weight log rows of a rule are read to find its last two releases. */
const HISTORY = 500;

/**
 * Rolls back a rule's last release: the node has no rollback call, so the weights released
 * before it (from the route rule weights log) are set as unreleased and released again, with
 * operation `rollback`. Disabled while unreleased weights are pending (they would be lost).
 */
export function RollbackRelease({ rule, members, groups, pending, onDone }: { rule: ServiceRouteRule; members: readonly RouteRuleGroup[]; groups: readonly Group[]; pending: boolean; onDone: () => void }) {
  const { admin } = useSession();
  const routeRuleId = rule.routeRuleId ?? -1;
  const [history] = useManagementData(() => admin.logs.routeRuleGroups({ routeRuleId, limit: HISTORY }), [admin, routeRuleId]);
  const [asking, setAsking] = useState(false);
  const action = useAction();
  const plan = history.status === 'done' ? planRollback(history.data.logs ?? [], members, routeRuleId) : null;
  const keyOf = (groupId: number): string => groups.find((group) => group.groupId === groupId)?.groupKey ?? `group ${groupId}`;
  const rollBack = async (): Promise<void> => {
    if (plan === null) return;
    const context = { operation: 'rollback' };
    const done = await action.run(async () => {
      await admin.routeRules.upsertGroups(plan.steps.map((step) => ({ groupId: step.groupId, routeRuleGroupId: step.routeRuleGroupId, routeRuleId: step.routeRuleId, unreleasedWeight: step.to, weight: null })), context);
      await admin.routeRules.releaseGroups(plan.steps, context);
    });
    if (done) {
      setAsking(false);
      onDone();
    }
  };
  const possible = plan !== null && plan.steps.length > 0 && !pending;
  return (
    <>
      <button type="button" disabled={!possible} title={pending ? 'Release or discard the unreleased weights first.' : undefined} onClick={() => (action.setError(null), setAsking(true))}>
        Roll back release…
      </button>
      {asking && plan !== null ? (
        <ConfirmDialog title={`Roll back the last release of ${rule.name ?? ''}`} confirmLabel="Roll back" busy={action.busy} error={action.error} onConfirm={() => void rollBack()} onCancel={() => setAsking(false)}>
          <p>
            Discovery will serve again the weights released before the release of <Time value={plan.releasedAt} />:
          </p>
          <ul>
            {plan.steps.map((step) => (
              <li key={step.groupId} data-rollback={keyOf(step.groupId)}>
                {keyOf(step.groupId)}: {step.from ?? '—'} → {step.to}
              </li>
            ))}
          </ul>
          {plan.firstReleases.length > 0 ? <p className="muted">Released for the first time then, so kept: {plan.firstReleases.map(keyOf).join(', ')}.</p> : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}

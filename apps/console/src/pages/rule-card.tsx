import { useState } from 'react';
import { RouteStrategy, serviceKeyOf, type Instance, type RouteRuleGroup, type ServiceRouteRule } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { useLive } from '../live/live-context';
import { countMembers } from '../logic/group-membership';
import { unreleased, type PreviewGroup } from '../logic/weight-preview';
import { DataTable, type Column } from '../shell/data-table';
import { FormError } from '../shell/form-error';
import { Empty } from '../shell/states';
import { useAction } from '../shell/use-action';
import { RollbackRelease } from './rollback-release';
import type { RoutingData } from './routing-data';
import { WeightPreviewTable } from './weight-preview-table';

/** One route rule: released and unreleased weights per group, the per-zone preview, and its writes. */
export function RuleCard({ rule, data, onChanged }: { rule: ServiceRouteRule; data: RoutingData; onChanged: () => void }) {
  const session = useSession();
  const live = useLive();
  const [edits, setEdits] = useState<Record<number, string>>({});
  const action = useAction();
  const canWrite = session.can('operator');
  const members = data.memberships.filter((membership) => membership.routeRuleId === rule.routeRuleId);
  const groupOf = (groupId: number | null) => data.groups.find((group) => group.groupId === groupId);
  const instances: Instance[] = [...(live.state.services.get(serviceKeyOf(rule.serviceId ?? ''))?.instances.values() ?? [])]
    .filter((row) => row.mark !== 'delete' && !row.pulledOut)
    .map((row) => row.instance);
  const unreleasedOf = (membership: RouteRuleGroup): number | null => {
    const edit = edits[membership.routeRuleGroupId ?? -1];
    return edit !== undefined && edit.trim() !== '' ? Number(edit) : (membership.unreleasedWeight ?? membership.weight);
  };
  const preview = (weightOf: (membership: RouteRuleGroup) => number | null): PreviewGroup[] =>
    members.map((membership) => {
      const group = groupOf(membership.groupId);
      return {
        groupKey: group?.groupKey ?? `group ${membership.groupId}`,
        zoneId: group?.zoneId ?? null,
        weight: weightOf(membership),
        active: (group?.status ?? 'active') === 'active',
        instances: group === undefined ? null : countMembers(group.groupKey ?? '', [], instances),
      };
    });
  const zones = [...new Set([...members.map((membership) => groupOf(membership.groupId)?.zoneId ?? ''), ...instances.map((instance) => instance.zoneId ?? '')].filter((zone) => zone !== ''))].sort();
  const pending = unreleased(members);
  const invalid = Object.values(edits).find((value) => value.trim() !== '' && !(/^\d+$/.test(value.trim()) && Number(value) <= 10_000));

  const run = async (work: () => Promise<unknown>): Promise<void> => {
    if (await action.run(work)) {
      setEdits({});
      onChanged();
    }
  };
  const save = () =>
    run(() => session.admin.routeRules.upsertGroups(members.filter((m) => edits[m.routeRuleGroupId ?? -1] !== undefined).map((m) => ({ ...m, unreleasedWeight: unreleasedOf(m), weight: null }))));
  const release = () => run(() => session.admin.routeRules.releaseGroups(pending.map((m) => ({ routeRuleId: m.routeRuleId ?? 0, groupId: m.groupId ?? 0 }))));
  const discard = () => run(() => session.admin.routeRules.upsertGroups(pending.map((m) => ({ ...m, unreleasedWeight: m.weight }))));

  const columns: Column<RouteRuleGroup>[] = [
    { header: 'Group', cell: (m) => groupOf(m.groupId)?.groupKey ?? m.groupId },
    { header: 'Zone', cell: (m) => groupOf(m.groupId)?.zoneId },
    { header: 'Status', cell: (m) => groupOf(m.groupId)?.status },
    { header: 'Released weight', cell: (m) => m.weight ?? '—', marks: () => ({ 'data-released': '' }) },
    {
      header: 'Unreleased weight',
      cell: (m) => {
        const id = m.routeRuleGroupId ?? -1;
        const key = groupOf(m.groupId)?.groupKey ?? m.groupId;
        return canWrite ? (
          <input aria-label={`unreleased weight of ${key}`} inputMode="numeric" size={6} value={edits[id] ?? String(m.unreleasedWeight ?? '')} onChange={(event) => setEdits({ ...edits, [id]: event.target.value })} />
        ) : (
          (m.unreleasedWeight ?? '—')
        );
      },
    },
  ];

  return (
    <div className="card rule" data-route-rule={rule.name ?? ''}>
      <h2>
        {rule.serviceId} · {rule.name} <span className="muted">({rule.strategy ?? RouteStrategy.weightedRoundRobin}, {rule.status})</span>
      </h2>
      <DataTable columns={columns} rows={members} rowKey={(m) => String(m.routeRuleGroupId)} rowMarks={(m) => ({ 'data-group': groupOf(m.groupId)?.groupKey ?? '' })} />
      <h3>What clients get, per zone (now → after release)</h3>
      {zones.length === 0 ? (
        <Empty>No zone has instances or groups of this service.</Empty>
      ) : (
        <WeightPreviewTable strategy={rule.strategy} released={preview((m) => m.weight)} unreleased={preview(unreleasedOf)} zones={zones} />
      )}
      <FormError message={invalid === undefined ? null : `Weights are whole numbers from 0 to 10000 (“${invalid}” is not).`} />
      <FormError message={action.error} />
      {canWrite ? (
        <div className="toolbar">
          <button type="button" disabled={action.busy || invalid !== undefined || Object.keys(edits).length === 0} onClick={() => void save()}>
            Save unreleased weights
          </button>
          <button type="button" className="primary" disabled={action.busy || pending.length === 0 || Object.keys(edits).length > 0} onClick={() => void release()}>
            Release {pending.length > 0 ? `(${pending.length} changed)` : ''}
          </button>
          <button type="button" disabled={action.busy || pending.length === 0} onClick={() => void discard()}>
            Discard unreleased
          </button>
          <RollbackRelease rule={rule} members={members} groups={data.groups} pending={pending.length > 0} onDone={onChanged} />
        </div>
      ) : null}
    </div>
  );
}

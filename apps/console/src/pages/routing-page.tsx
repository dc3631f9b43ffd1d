import { useMemo, useState, type FormEvent } from 'react';
import { RouteStrategy, serviceKeyOf, type Group, type GroupWeight, type Instance, type RouteRuleGroup, type ServiceRouteRule } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { useLive } from '../live/live-context';
import { countMembers } from '../logic/group-membership';
import { unreleased, type PreviewGroup } from '../logic/weight-preview';
import { Empty, ErrorState, Loading } from '../shell/states';
import { useAsync } from '../shell/use-async';
import { WeightPreviewTable } from './weight-preview-table';

interface RoutingData {
  readonly groups: readonly Group[];
  readonly rules: readonly ServiceRouteRule[];
  readonly memberships: readonly RouteRuleGroup[];
  readonly tags: ReadonlyMap<number, Readonly<Record<string, string>>>;
}

const errorText = (failure: unknown): string => (failure instanceof Error ? failure.message : String(failure));

/** Groups and tags, route rules with released and unreleased weights, a per-zone preview, release and discard. */
export function RoutingPage() {
  const { admin } = useSession();
  const live = useLive();
  const [data, reload] = useAsync(async (): Promise<RoutingData> => {
    const [groups, rules, memberships, tags] = await Promise.all([admin.groups.all(), admin.routeRules.all(), admin.routeRules.allGroups(), admin.groups.allTags()]);
    return {
      groups: groups.groups ?? [],
      rules: rules.routeRules ?? [],
      memberships: memberships.routeRuleGroups ?? [],
      tags: new Map(tags.allGroupTags.map((entry) => [entry.groupId ?? -1, entry.tags ?? {}])),
    };
  }, [admin]);
  const [service, setService] = useState('');
  const services = useMemo(() => {
    const ids = new Set<string>();
    if (data.status === 'done') for (const rule of data.data.rules) if (rule.serviceId !== null) ids.add(rule.serviceId);
    for (const entry of live.state.services.values()) ids.add(entry.serviceId);
    return [...ids].sort();
  }, [data, live.state.services]);

  return (
    <section aria-labelledby="routing-title">
      <h1 id="routing-title">Routing</h1>
      <div className="toolbar">
        <label>
          Service
          <select value={service} onChange={(event) => setService(event.target.value)}>
            <option value="">all</option>
            {services.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
      </div>
      {data.status === 'loading' ? (
        <Loading what="route rules" />
      ) : data.status === 'error' ? (
        <ErrorState error={data.error} retry={reload} />
      ) : (
        <>
          <CreateRule services={services} initialService={service} onCreated={reload} />
          {data.data.rules.filter((rule) => service === '' || serviceKeyOf(rule.serviceId ?? '') === serviceKeyOf(service)).length === 0 ? (
            <Empty>No route rule{service === '' ? '' : ` for ${service}`} yet.</Empty>
          ) : (
            data.data.rules
              .filter((rule) => service === '' || serviceKeyOf(rule.serviceId ?? '') === serviceKeyOf(service))
              .map((rule) => <RuleCard key={rule.routeRuleId} rule={rule} data={data.data} onChanged={reload} />)
          )}
          <GroupsTable groups={data.data.groups.filter((group) => service === '' || serviceKeyOf(group.serviceId ?? '') === serviceKeyOf(service))} tags={data.data.tags} />
        </>
      )}
    </section>
  );
}

function RuleCard({ rule, data, onChanged }: { rule: ServiceRouteRule; data: RoutingData; onChanged: () => void }) {
  const session = useSession();
  const live = useLive();
  const [edits, setEdits] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
    setBusy(true);
    setError(null);
    try {
      await work();
      setEdits({});
      onChanged();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(() => session.admin.routeRules.upsertGroups(members.filter((m) => edits[m.routeRuleGroupId ?? -1] !== undefined).map((m) => ({ ...m, unreleasedWeight: unreleasedOf(m), weight: null }))));
  const release = () => run(() => session.admin.routeRules.releaseGroups(pending.map((m) => ({ routeRuleId: m.routeRuleId ?? 0, groupId: m.groupId ?? 0 }))));
  const discard = () => run(() => session.admin.routeRules.upsertGroups(pending.map((m) => ({ ...m, unreleasedWeight: m.weight }))));

  return (
    <div className="card rule" data-route-rule={rule.name ?? ''}>
      <h2>
        {rule.serviceId} · {rule.name} <span className="muted">({rule.strategy ?? RouteStrategy.weightedRoundRobin}, {rule.status})</span>
      </h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Group</th>
              <th>Zone</th>
              <th>Status</th>
              <th>Released weight</th>
              <th>Unreleased weight</th>
            </tr>
          </thead>
          <tbody>
            {members.map((membership) => {
              const group = groupOf(membership.groupId);
              const id = membership.routeRuleGroupId ?? -1;
              return (
                <tr key={id} data-group={group?.groupKey ?? ''}>
                  <td>{group?.groupKey ?? membership.groupId}</td>
                  <td>{group?.zoneId}</td>
                  <td>{group?.status}</td>
                  <td data-released>{membership.weight ?? '—'}</td>
                  <td>
                    {canWrite ? (
                      <input
                        aria-label={`unreleased weight of ${group?.groupKey ?? membership.groupId}`}
                        inputMode="numeric"
                        size={6}
                        value={edits[id] ?? String(membership.unreleasedWeight ?? '')}
                        onChange={(event) => setEdits({ ...edits, [id]: event.target.value })}
                      />
                    ) : (
                      (membership.unreleasedWeight ?? '—')
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3>What clients get, per zone (now → after release)</h3>
      {zones.length === 0 ? (
        <Empty>No zone has instances or groups of this service.</Empty>
      ) : (
        <WeightPreviewTable strategy={rule.strategy} released={preview((m) => m.weight)} unreleased={preview(unreleasedOf)} zones={zones} />
      )}
      {invalid !== undefined ? <p className="form-error">Weights are whole numbers from 0 to 10000 (“{invalid}” is not).</p> : null}
      {error !== null ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {canWrite ? (
        <div className="toolbar">
          <button type="button" disabled={busy || invalid !== undefined || Object.keys(edits).length === 0} onClick={() => void save()}>
            Save unreleased weights
          </button>
          <button type="button" className="primary" disabled={busy || pending.length === 0 || Object.keys(edits).length > 0} onClick={() => void release()}>
            Release {pending.length > 0 ? `(${pending.length} changed)` : ''}
          </button>
          <button type="button" disabled={busy || pending.length === 0} onClick={() => void discard()}>
            Discard unreleased
          </button>
        </div>
      ) : null}
    </div>
  );
}

function GroupsTable({ groups, tags }: { groups: readonly Group[]; tags: ReadonlyMap<number, Readonly<Record<string, string>>> }) {
  return (
    <>
      <h2>Groups and tags</h2>
      {groups.length === 0 ? (
        <Empty>No group yet.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Group key</th>
                <th>App</th>
                <th>Status</th>
                <th>Tags</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.groupId}>
                  <td>{group.groupKey}</td>
                  <td>{group.appId}</td>
                  <td>{group.status}</td>
                  <td>
                    {Object.entries(tags.get(group.groupId ?? -1) ?? {})
                      .map(([key, value]) => `${key}=${value}`)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Parses "zone name weight" lines into groups; the first problem found, or the groups. */
export function parseGroupLines(text: string, serviceId: string, regionId: string): GroupWeight[] | string {
  const groups: GroupWeight[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const [zoneId, name, weight, ...rest] = line.trim().split(/\s+/);
    if (zoneId === undefined || name === undefined || weight === undefined || rest.length > 0) return `line ${index + 1}: write “zone name weight”`;
    if (!/^\d+$/.test(weight) || Number(weight) > 10_000) return `line ${index + 1}: the weight is a whole number from 0 to 10000`;
    groups.push({ appId: serviceId, description: null, groupId: null, groupKey: null, metadata: null, name, regionId, serviceId, status: 'active', zoneId, weight: Number(weight) });
  }
  return groups.length === 0 ? 'name at least one group' : groups;
}

function CreateRule({ services, initialService, onCreated }: { services: readonly string[]; initialService: string; onCreated: () => void }) {
  const session = useSession();
  const live = useLive();
  const [open, setOpen] = useState(false);
  const [serviceId, setServiceId] = useState(initialService);
  const [name, setName] = useState('');
  const [strategy, setStrategy] = useState<string>(RouteStrategy.weightedRoundRobin);
  const [lines, setLines] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!session.can('operator')) return null;
  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          New route rule…
        </button>
      </p>
    );
  }
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (serviceId.trim() === '' || name.trim() === '') {
      setError('Name the service and the rule.');
      return;
    }
    const first = live.state.services.get(serviceKeyOf(serviceId))?.instances.values().next().value;
    const groups = parseGroupLines(lines, serviceId.trim(), first?.instance.regionId ?? 'default');
    if (typeof groups === 'string') {
      setError(`Groups: ${groups}.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await session.admin.routeRules.create({ description: null, name: name.trim(), routeRuleId: null, serviceId: serviceId.trim(), status: 'active', strategy }, groups);
      setOpen(false);
      setName('');
      setLines('');
      onCreated();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card create-rule" onSubmit={(event) => void submit(event)} aria-label="New route rule">
      <h2>New route rule</h2>
      <div className="toolbar">
        <label>
          Service
          <input list="routing-services" value={serviceId} onChange={(event) => setServiceId(event.target.value)} />
          <datalist id="routing-services">
            {services.map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
        </label>
        <label>
          Rule name
          <input value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          Strategy
          <select value={strategy} onChange={(event) => setStrategy(event.target.value)}>
            <option value={RouteStrategy.weightedRoundRobin}>weighted round robin</option>
            <option value={RouteStrategy.closeByVisit}>close by visit</option>
          </select>
        </label>
      </div>
      <label>
        Groups, one per line: zone name weight (unreleased until you release)
        <textarea rows={3} value={lines} placeholder={'zone-a blue 90\nzone-a green 10'} onChange={(event) => setLines(event.target.value)} />
      </label>
      {error !== null ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy}>
          Create
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

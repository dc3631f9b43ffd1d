import { useMemo, useState } from 'react';
import { serviceKeyOf, type ServiceRouteRule } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { useLive } from '../live/live-context';
import { useManagementData } from '../live/use-management-data';
import { AsyncView } from '../shell/async-view';
import { PageSection } from '../shell/page-section';
import { Empty } from '../shell/states';
import { CreateRuleForm } from './create-rule-form';
import { GroupsTable } from './groups-table';
import type { RoutingData } from './routing-data';
import { RuleCard } from './rule-card';

/** Groups and tags, route rules with released and unreleased weights, a per-zone preview, release, discard and rollback. */
export function RoutingPage() {
  const { admin } = useSession();
  const live = useLive();
  const [data, reload] = useManagementData(async (): Promise<RoutingData> => {
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
  const shown = (serviceId: string | null): boolean => service === '' || serviceKeyOf(serviceId ?? '') === serviceKeyOf(service);

  return (
    <PageSection title="Routing">
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
      <AsyncView state={data} what="route rules" retry={reload}>
        {(routing) => {
          const rules: ServiceRouteRule[] = routing.rules.filter((rule) => shown(rule.serviceId));
          return (
            <>
              <CreateRuleForm services={services} initialService={service} onCreated={reload} />
              {rules.length === 0 ? <Empty>No route rule{service === '' ? '' : ` for ${service}`} yet.</Empty> : rules.map((rule) => <RuleCard key={rule.routeRuleId} rule={rule} data={routing} onChanged={reload} />)}
              <GroupsTable groups={routing.groups.filter((group) => shown(group.serviceId))} tags={routing.tags} />
            </>
          );
        }}
      </AsyncView>
    </PageSection>
  );
}

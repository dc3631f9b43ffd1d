import type { ArtemisAdmin } from '@artemis/client/admin';
import type {
  GroupInstanceLog,
  GroupLog,
  GroupOperationLog,
  InstanceOperationLog,
  LogsResponse,
  RouteRuleGroupLog,
  RouteRuleLog,
  ServerOperationLog,
  ServiceInstanceLog,
  ZoneOperationLog,
} from '@artemis/core';

/** What to read of a log: a page (newest first) and the filters the console offers. */
export interface LogQuery {
  readonly limit: number;
  readonly offset: number;
  readonly operatorId?: string | null;
  readonly serviceId?: string | null;
  /** Only for the kinds marked `byInstance`. */
  readonly instanceId?: string | null;
}

type Logs = ArtemisAdmin['logs'];

/** The row type of each log kind. */
export interface LogRows {
  'instance-operation': InstanceOperationLog;
  'server-operation': ServerOperationLog;
  'zone-operation': ZoneOperationLog;
  'group-operation': GroupOperationLog;
  group: GroupLog;
  'route-rule': RouteRuleLog;
  'route-rule-group': RouteRuleGroupLog;
  'group-instance': GroupInstanceLog;
  'service-instance': ServiceInstanceLog;
}

/** One of the management logs. */
export type LogKind = keyof LogRows;

/** The row type of log kind `K`. */
export type LogRowOf<K extends LogKind> = LogRows[K];

interface KindSpec<K extends LogKind> {
  readonly label: string;
  /** Whether the log filters by service / by instance. */
  readonly byService: boolean;
  readonly byInstance: boolean;
  readonly read: (logs: Logs, query: Record<string, unknown>) => Promise<LogsResponse<LogRows[K]>>;
}

/** Every management log the node keeps, with the admin client's reader and its filters. */
export const LogKinds: { readonly [K in LogKind]: KindSpec<K> } = {
  'instance-operation': { label: 'Instance operations', byService: true, byInstance: true, read: (l, q) => l.instanceOperations(q) },
  'server-operation': { label: 'Server operations', byService: false, byInstance: false, read: (l, q) => l.serverOperations(q) },
  'zone-operation': { label: 'Zone operations', byService: true, byInstance: false, read: (l, q) => l.zoneOperations(q) },
  'group-operation': { label: 'Group operations', byService: false, byInstance: false, read: (l, q) => l.groupOperations(q) },
  group: { label: 'Groups', byService: true, byInstance: false, read: (l, q) => l.groups(q) },
  'route-rule': { label: 'Route rules', byService: true, byInstance: false, read: (l, q) => l.routeRules(q) },
  'route-rule-group': { label: 'Route rule weights', byService: false, byInstance: false, read: (l, q) => l.routeRuleGroups(q) },
  'group-instance': { label: 'Group instances', byService: false, byInstance: true, read: (l, q) => l.groupInstances(q) },
  'service-instance': { label: 'Logical instances', byService: true, byInstance: true, read: (l, q) => l.serviceInstances(q) },
};

/** One page of a management log through `ArtemisAdmin`, with only the filters that log takes. */
export function readLog<K extends LogKind>(admin: ArtemisAdmin, kind: K, query: LogQuery): Promise<LogsResponse<LogRowOf<K>>> {
  const spec: KindSpec<K> = LogKinds[kind];
  return spec.read(admin.logs, {
    limit: query.limit,
    offset: query.offset,
    operatorId: query.operatorId ?? null,
    ...(spec.byService ? { serviceId: query.serviceId ?? null } : {}),
    ...(spec.byInstance ? { instanceId: query.instanceId ?? null } : {}),
  });
}

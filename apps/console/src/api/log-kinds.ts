import {
  Paths,
  type GroupInstanceLog,
  type GroupLog,
  type GroupOperationLog,
  type InstanceOperationLog,
  type RouteRuleGroupLog,
  type RouteRuleLog,
  type ServerOperationLog,
  type ServiceInstanceLog,
  type ZoneOperationLog,
} from '@artemis/core';

/** Every management log the node keeps, with its path and whether it filters by service. */
export const LogKinds = {
  'instance-operation': { byInstance: true, path: Paths.management.log.instanceOperationLogs, byService: true, label: 'Instance operations' },
  'server-operation': { path: Paths.management.log.serverOperationLogs, byService: false, label: 'Server operations' },
  'zone-operation': { path: Paths.management.log.zoneOperationLogs, byService: true, label: 'Zone operations' },
  'group-operation': { path: Paths.management.log.groupOperationLogs, byService: false, label: 'Group operations' },
  group: { path: Paths.management.log.groupLogs, byService: true, label: 'Groups' },
  'route-rule': { path: Paths.management.log.routeRuleLogs, byService: true, label: 'Route rules' },
  'route-rule-group': { path: Paths.management.log.routeRuleGroupLogs, byService: false, label: 'Route rule weights' },
  'group-instance': { byInstance: true, path: Paths.management.log.groupInstanceLogs, byService: false, label: 'Group instances' },
  'service-instance': { byInstance: true, path: Paths.management.log.serviceInstanceLogs, byService: true, label: 'Logical instances' },
} as const;

/** One of {@link LogKinds}. */
export type LogKind = keyof typeof LogKinds;

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

/** The row type of log kind `K`. */
export type LogRowOf<K extends LogKind> = LogRows[K];

/** What to read of a log. */
export interface LogQuery {
  readonly limit: number;
  readonly offset: number;
  readonly operatorId?: string | null;
  readonly serviceId?: string | null;
  /** Only for the kinds marked `byInstance`. */
  readonly instanceId?: string | null;
}

import {
  SUCCESS,
  type GroupInstanceLog,
  type GroupInstanceLogsRequest,
  type GroupLog,
  type GroupLogsRequest,
  type GroupOperationLog,
  type GroupOperationLogsRequest,
  type InstanceOperationLog,
  type InstanceOperationLogsRequest,
  type LogsResponse,
  type RouteRuleGroupLog,
  type RouteRuleGroupLogsRequest,
  type RouteRuleLog,
  type RouteRuleLogsRequest,
  type ServerOperationLog,
  type ServerOperationLogsRequest,
  type ServiceInstanceLog,
  type ServiceInstanceLogsRequest,
  type ZoneOperationLog,
  type ZoneOperationLogsRequest,
} from '@artemis/core';
import { selectLogRows, type LogCondition, type LogTableName } from '../repositories/log.repository.js';
import type { ManagementStore } from './management-store.js';

type Row = Record<string, unknown>;

/** How a log column reads into a JSON field. */
type ColumnKind = 'text' | 'number' | 'nullableNumber' | 'flag' | 'time' | 'blank';

const readers: Readonly<Record<ColumnKind, (value: unknown) => unknown>> = {
  text: (value) => (typeof value === 'string' ? value : ''),
  number: (value) => Number(value ?? 0),
  nullableNumber: (value) => (value === null || value === undefined ? null : Number(value)),
  flag: (value) => value === true,
  time: (value) => (value instanceof Date ? value.getTime() : new Date(String(value)).getTime()),
  // The Java `token` field: kept in the wire shape, never shown (older rows may still hold one).
  blank: () => '',
};

/** A log table: its rows' JSON fields and the request fields that filter it. */
interface LogSpec<Log, Request> {
  readonly table: LogTableName;
  readonly fields: { readonly [K in keyof Log]: ColumnKind };
  readonly filters: { readonly [K in keyof Request]?: LogCondition['kind'] };
}

/** The column of a field: `operatorId` -> `operator_id`. */
const columnOf = (field: string): string => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const operationLog = { id: 'number', operation: 'text', operatorId: 'text', operatorNote: 'text', token: 'blank', createTime: 'time', updateTime: 'time' } as const;

const specs = {
  instance: {
    table: 'instance_log',
    fields: { complete: 'flag', createTime: 'time', extensions: 'text', id: 'number', instanceId: 'text', operation: 'text', operatorId: 'text', operatorNote: 'text', regionId: 'text', serviceId: 'text', token: 'blank', updateTime: 'time' },
    filters: { complete: 'flag', instanceId: 'text', operation: 'text', operatorId: 'text', regionId: 'text', serviceId: 'text' },
  } satisfies LogSpec<InstanceOperationLog, InstanceOperationLogsRequest>,
  server: {
    table: 'server_log',
    fields: { complete: 'flag', createTime: 'time', extensions: 'text', id: 'number', operation: 'text', operatorId: 'text', operatorNote: 'text', regionId: 'text', serverId: 'text', token: 'blank', updateTime: 'time' },
    filters: { complete: 'flag', operation: 'text', operatorId: 'text', regionId: 'text', serverId: 'text' },
  } satisfies LogSpec<ServerOperationLog, ServerOperationLogsRequest>,
  groupOperation: {
    table: 'service_group_operation_log',
    fields: { complete: 'flag', createTime: 'time', extensions: 'text', groupId: 'number', id: 'number', operation: 'text', operatorId: 'text', operatorNote: 'text', reason: 'text', token: 'blank', updateTime: 'time' },
    filters: { complete: 'flag', groupId: 'number', operation: 'text', operatorId: 'text' },
  } satisfies LogSpec<GroupOperationLog, GroupOperationLogsRequest>,
  group: {
    table: 'service_group_log',
    fields: {
      appId: 'text', createTime: 'time', extensions: 'text', id: 'number', name: 'text', operation: 'text', operatorId: 'text', operatorNote: 'text', reason: 'text',
      regionId: 'text', serviceId: 'text', status: 'text', token: 'blank', updateTime: 'time', zoneId: 'text',
    },
    filters: { appId: 'text', name: 'text', operation: 'text', operatorId: 'text', regionId: 'text', serviceId: 'text', zoneId: 'text' },
  } satisfies LogSpec<GroupLog, GroupLogsRequest>,
  routeRule: {
    table: 'service_route_rule_log',
    fields: {
      complete: 'flag', createTime: 'time', extensions: 'text', id: 'number', name: 'text', operation: 'text', operatorId: 'text', operatorNote: 'text', reason: 'text',
      serviceId: 'text', status: 'text', token: 'blank', updateTime: 'time',
    },
    filters: { name: 'text', operation: 'text', operatorId: 'text', serviceId: 'text' },
  } satisfies LogSpec<RouteRuleLog, RouteRuleLogsRequest>,
  routeRuleGroup: {
    table: 'service_route_rule_group_log',
    fields: {
      createTime: 'time', extensions: 'text', groupId: 'number', id: 'number', operation: 'text', operatorId: 'text', operatorNote: 'text', reason: 'text',
      routeRuleId: 'number', token: 'blank', updateTime: 'time', weight: 'nullableNumber',
    },
    filters: { groupId: 'number', operation: 'text', operatorId: 'text', routeRuleId: 'number' },
  } satisfies LogSpec<RouteRuleGroupLog, RouteRuleGroupLogsRequest>,
  zone: {
    table: 'service_zone_log',
    fields: {
      complete: 'flag', createTime: 'time', id: 'number', operation: 'text', operatorId: 'text', operatorNote: 'text', regionId: 'text', serviceId: 'text',
      token: 'blank', updateTime: 'time', zoneId: 'text',
    },
    filters: { complete: 'flag', operation: 'text', operatorId: 'text', regionId: 'text', serviceId: 'text', zoneId: 'text' },
  } satisfies LogSpec<ZoneOperationLog, ZoneOperationLogsRequest>,
  groupInstance: {
    table: 'service_group_instance_log',
    fields: { ...operationLog, groupId: 'number', instanceId: 'text', reason: 'text' },
    filters: { groupId: 'number', instanceId: 'text', operation: 'text', operatorId: 'text' },
  } satisfies LogSpec<GroupInstanceLog, GroupInstanceLogsRequest>,
  serviceInstance: {
    table: 'service_instance_log',
    fields: {
      ...operationLog, groupId: 'text', healthCheckUrl: 'text', instanceId: 'text', ip: 'text', machineName: 'text', metadata: 'text',
      port: 'number', protocol: 'text', regionId: 'text', serviceId: 'text', url: 'text', zoneId: 'text',
    },
    filters: { instanceId: 'text', operation: 'text', operatorId: 'text', serviceId: 'text' },
  } satisfies LogSpec<ServiceInstanceLog, ServiceInstanceLogsRequest>,
} as const;

/**
 * The log endpoints (docs/java-reference.md §3.10): each filters one log table by the request's set
 * fields (ANDed, text case-insensitive) and returns one page, newest first. Rows are written
 * by the writes themselves, in their transactions.
 */
export class ManagementLogService {
  constructor(private readonly store: ManagementStore) {}

  /** `instance-operation-logs.json`. */
  instanceOperationLogs(request: InstanceOperationLogsRequest): Promise<LogsResponse<InstanceOperationLog>> {
    return this.page<InstanceOperationLog, InstanceOperationLogsRequest>(specs.instance, request);
  }

  /** `server-operation-logs.json`. */
  serverOperationLogs(request: ServerOperationLogsRequest): Promise<LogsResponse<ServerOperationLog>> {
    return this.page<ServerOperationLog, ServerOperationLogsRequest>(specs.server, request);
  }

  /** `group-operation-logs.json`. */
  groupOperationLogs(request: GroupOperationLogsRequest): Promise<LogsResponse<GroupOperationLog>> {
    return this.page<GroupOperationLog, GroupOperationLogsRequest>(specs.groupOperation, request);
  }

  /** `group-logs.json`. */
  groupLogs(request: GroupLogsRequest): Promise<LogsResponse<GroupLog>> {
    return this.page<GroupLog, GroupLogsRequest>(specs.group, request);
  }

  /** `route-rule-logs.json`. */
  routeRuleLogs(request: RouteRuleLogsRequest): Promise<LogsResponse<RouteRuleLog>> {
    return this.page<RouteRuleLog, RouteRuleLogsRequest>(specs.routeRule, request);
  }

  /** `route-rule-group-logs.json`. */
  routeRuleGroupLogs(request: RouteRuleGroupLogsRequest): Promise<LogsResponse<RouteRuleGroupLog>> {
    return this.page<RouteRuleGroupLog, RouteRuleGroupLogsRequest>(specs.routeRuleGroup, request);
  }

  /** `zone-operation-logs.json`. */
  zoneOperationLogs(request: ZoneOperationLogsRequest): Promise<LogsResponse<ZoneOperationLog>> {
    return this.page<ZoneOperationLog, ZoneOperationLogsRequest>(specs.zone, request);
  }

  /** `group-instance-logs.json`. */
  groupInstanceLogs(request: GroupInstanceLogsRequest): Promise<LogsResponse<GroupInstanceLog>> {
    return this.page<GroupInstanceLog, GroupInstanceLogsRequest>(specs.groupInstance, request);
  }

  /** `service-instance-logs.json`. */
  serviceInstanceLogs(request: ServiceInstanceLogsRequest): Promise<LogsResponse<ServiceInstanceLog>> {
    return this.page<ServiceInstanceLog, ServiceInstanceLogsRequest>(specs.serviceInstance, request);
  }

  private async page<Log, Request extends { readonly limit: number; readonly offset: number }>(spec: LogSpec<Log, Request>, request: Request): Promise<LogsResponse<Log>> {
    const values = request as unknown as Readonly<Record<string, string | number | boolean | null>>;
    const conditions = (Object.entries(spec.filters) as [string, LogCondition['kind']][]).map(
      ([field, kind]) => ({ column: columnOf(field), kind, value: values[field] ?? null }) as LogCondition,
    );
    const rows = await this.store.read(`query ${spec.table}`, (db) => selectLogRows(db, spec.table, conditions, request));
    // Java writes keys in alphabetical order.
    const fields = (Object.entries(spec.fields) as [string, ColumnKind][]).sort(([a], [b]) => (a < b ? -1 : 1));
    const logs = rows.map((row: Row) => {
      const log: Record<string, unknown> = {};
      for (const [field, kind] of fields) log[field] = readers[kind](row[columnOf(field)]);
      return log as Log;
    });
    return { logs, responseStatus: SUCCESS };
  }
}

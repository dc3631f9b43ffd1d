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

const text = (row: Row, column: string): string => (typeof row[column] === 'string' ? (row[column] as string) : '');
const num = (row: Row, column: string): number => Number(row[column] ?? 0);
const flag = (row: Row, column: string): boolean => row[column] === true;
const time = (row: Row, column: string): number => (row[column] instanceof Date ? (row[column] as Date).getTime() : new Date(String(row[column])).getTime());
const nullableNum = (row: Row, column: string): number | null => (row[column] === null || row[column] === undefined ? null : Number(row[column]));

const t = (column: string, value: string | null): LogCondition => ({ column, kind: 'text', value });
const n = (column: string, value: number | null): LogCondition => ({ column, kind: 'number', value });
const f = (column: string, value: boolean | null): LogCondition => ({ column, kind: 'flag', value });

/**
 * The log endpoints (java-reference §3.10): each filters one log table by the request's set
 * fields (ANDed, text case-insensitive) and returns one page, newest first. Rows are written
 * by the writes themselves, in their transactions.
 */
export class ManagementLogService {
  constructor(private readonly store: ManagementStore) {}

  private async page<Log>(table: LogTableName, conditions: LogCondition[], request: { limit: number; offset: number }, map: (row: Row) => Log): Promise<LogsResponse<Log>> {
    const rows = await this.store.read(`query ${table}`, (db) => selectLogRows(db, table, conditions, request));
    return { logs: rows.map(map), responseStatus: SUCCESS };
  }

  /** `instance-operation-logs.json`. */
  instanceOperationLogs(r: InstanceOperationLogsRequest): Promise<LogsResponse<InstanceOperationLog>> {
    const where = [f('complete', r.complete), t('instance_id', r.instanceId), t('operation', r.operation), t('operator_id', r.operatorId), t('region_id', r.regionId), t('service_id', r.serviceId)];
    return this.page('instance_log', where, r, (row) => ({
      complete: flag(row, 'complete'),
      createTime: time(row, 'create_time'),
      extensions: text(row, 'extensions'),
      id: num(row, 'id'),
      instanceId: text(row, 'instance_id'),
      operation: text(row, 'operation'),
      operatorId: text(row, 'operator_id'),
      regionId: text(row, 'region_id'),
      serviceId: text(row, 'service_id'),
      token: text(row, 'token'),
      updateTime: time(row, 'update_time'),
    }));
  }

  /** `server-operation-logs.json`. */
  serverOperationLogs(r: ServerOperationLogsRequest): Promise<LogsResponse<ServerOperationLog>> {
    const where = [f('complete', r.complete), t('operation', r.operation), t('operator_id', r.operatorId), t('region_id', r.regionId), t('server_id', r.serverId)];
    return this.page('server_log', where, r, (row) => ({
      complete: flag(row, 'complete'),
      createTime: time(row, 'create_time'),
      extensions: text(row, 'extensions'),
      id: num(row, 'id'),
      operation: text(row, 'operation'),
      operatorId: text(row, 'operator_id'),
      regionId: text(row, 'region_id'),
      serverId: text(row, 'server_id'),
      token: text(row, 'token'),
      updateTime: time(row, 'update_time'),
    }));
  }

  /** `group-operation-logs.json`. */
  groupOperationLogs(r: GroupOperationLogsRequest): Promise<LogsResponse<GroupOperationLog>> {
    const where = [f('complete', r.complete), n('group_id', r.groupId), t('operation', r.operation), t('operator_id', r.operatorId)];
    return this.page('service_group_operation_log', where, r, (row) => ({
      complete: flag(row, 'complete'),
      createTime: time(row, 'create_time'),
      extensions: text(row, 'extensions'),
      groupId: num(row, 'group_id'),
      id: num(row, 'id'),
      operation: text(row, 'operation'),
      operatorId: text(row, 'operator_id'),
      reason: text(row, 'reason'),
      token: text(row, 'token'),
      updateTime: time(row, 'update_time'),
    }));
  }

  /** `group-logs.json`. */
  groupLogs(r: GroupLogsRequest): Promise<LogsResponse<GroupLog>> {
    const where = [t('app_id', r.appId), t('name', r.name), t('operation', r.operation), t('operator_id', r.operatorId), t('region_id', r.regionId), t('service_id', r.serviceId), t('zone_id', r.zoneId)];
    return this.page('service_group_log', where, r, (row) => ({
      appId: text(row, 'app_id'),
      createTime: time(row, 'create_time'),
      extensions: text(row, 'extensions'),
      id: num(row, 'id'),
      name: text(row, 'name'),
      operation: text(row, 'operation'),
      operatorId: text(row, 'operator_id'),
      reason: text(row, 'reason'),
      regionId: text(row, 'region_id'),
      serviceId: text(row, 'service_id'),
      status: text(row, 'status'),
      token: text(row, 'token'),
      updateTime: time(row, 'update_time'),
      zoneId: text(row, 'zone_id'),
    }));
  }

  /** `route-rule-logs.json`. */
  routeRuleLogs(r: RouteRuleLogsRequest): Promise<LogsResponse<RouteRuleLog>> {
    const where = [t('name', r.name), t('operation', r.operation), t('operator_id', r.operatorId), t('service_id', r.serviceId)];
    return this.page('service_route_rule_log', where, r, (row) => ({
      complete: flag(row, 'complete'),
      createTime: time(row, 'create_time'),
      extensions: text(row, 'extensions'),
      id: num(row, 'id'),
      name: text(row, 'name'),
      operation: text(row, 'operation'),
      operatorId: text(row, 'operator_id'),
      reason: text(row, 'reason'),
      serviceId: text(row, 'service_id'),
      status: text(row, 'status'),
      token: text(row, 'token'),
      updateTime: time(row, 'update_time'),
    }));
  }

  /** `route-rule-group-logs.json`. */
  routeRuleGroupLogs(r: RouteRuleGroupLogsRequest): Promise<LogsResponse<RouteRuleGroupLog>> {
    const where = [n('group_id', r.groupId), t('operation', r.operation), t('operator_id', r.operatorId), n('route_rule_id', r.routeRuleId)];
    return this.page('service_route_rule_group_log', where, r, (row) => ({
      createTime: time(row, 'create_time'),
      extensions: text(row, 'extensions'),
      groupId: num(row, 'group_id'),
      id: num(row, 'id'),
      operation: text(row, 'operation'),
      operatorId: text(row, 'operator_id'),
      reason: text(row, 'reason'),
      routeRuleId: num(row, 'route_rule_id'),
      token: text(row, 'token'),
      updateTime: time(row, 'update_time'),
      weight: nullableNum(row, 'weight'),
    }));
  }

  /** `zone-operation-logs.json`. */
  zoneOperationLogs(r: ZoneOperationLogsRequest): Promise<LogsResponse<ZoneOperationLog>> {
    const where = [f('complete', r.complete), t('operation', r.operation), t('operator_id', r.operatorId), t('region_id', r.regionId), t('service_id', r.serviceId), t('zone_id', r.zoneId)];
    return this.page('service_zone_log', where, r, (row) => ({
      complete: flag(row, 'complete'),
      createTime: time(row, 'create_time'),
      id: num(row, 'id'),
      operation: text(row, 'operation'),
      operatorId: text(row, 'operator_id'),
      regionId: text(row, 'region_id'),
      serviceId: text(row, 'service_id'),
      token: text(row, 'token'),
      updateTime: time(row, 'update_time'),
      zoneId: text(row, 'zone_id'),
    }));
  }

  /** `group-instance-logs.json`. */
  groupInstanceLogs(r: GroupInstanceLogsRequest): Promise<LogsResponse<GroupInstanceLog>> {
    const where = [n('group_id', r.groupId), t('instance_id', r.instanceId), t('operation', r.operation), t('operator_id', r.operatorId)];
    return this.page('service_group_instance_log', where, r, (row) => ({
      createTime: time(row, 'create_time'),
      groupId: num(row, 'group_id'),
      id: num(row, 'id'),
      instanceId: text(row, 'instance_id'),
      operation: text(row, 'operation'),
      operatorId: text(row, 'operator_id'),
      reason: text(row, 'reason'),
      token: text(row, 'token'),
      updateTime: time(row, 'update_time'),
    }));
  }

  /** `service-instance-logs.json`. */
  serviceInstanceLogs(r: ServiceInstanceLogsRequest): Promise<LogsResponse<ServiceInstanceLog>> {
    const where = [t('instance_id', r.instanceId), t('operation', r.operation), t('operator_id', r.operatorId), t('service_id', r.serviceId)];
    return this.page('service_instance_log', where, r, (row) => ({
      createTime: time(row, 'create_time'),
      groupId: text(row, 'group_id'),
      healthCheckUrl: text(row, 'health_check_url'),
      id: num(row, 'id'),
      instanceId: text(row, 'instance_id'),
      ip: text(row, 'ip'),
      machineName: text(row, 'machine_name'),
      metadata: text(row, 'metadata'),
      operation: text(row, 'operation'),
      operatorId: text(row, 'operator_id'),
      port: num(row, 'port'),
      protocol: text(row, 'protocol'),
      regionId: text(row, 'region_id'),
      serviceId: text(row, 'service_id'),
      token: text(row, 'token'),
      updateTime: time(row, 'update_time'),
      url: text(row, 'url'),
      zoneId: text(row, 'zone_id'),
    }));
  }
}

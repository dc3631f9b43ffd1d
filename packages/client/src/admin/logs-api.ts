import {
  Paths,
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
import type { AdminTransport } from './admin-transport.js';

const L = Paths.management.log;

/** A log query: any of the endpoint's filters, and a page (newest first; limit at most 1000). */
export type LogQuery<Request> = Partial<Request>;

/** The management logs (`/api/management/log/`), one method per log table. */
export class LogsApi {
  constructor(private readonly transport: AdminTransport) {}

  private query<Row>(path: string, query: object): Promise<LogsResponse<Row>> {
    return this.transport.call(path, query, 'read');
  }

  instanceOperations(query: LogQuery<InstanceOperationLogsRequest> = {}): Promise<LogsResponse<InstanceOperationLog>> {
    return this.query(L.instanceOperationLogs, query);
  }

  serverOperations(query: LogQuery<ServerOperationLogsRequest> = {}): Promise<LogsResponse<ServerOperationLog>> {
    return this.query(L.serverOperationLogs, query);
  }

  groupOperations(query: LogQuery<GroupOperationLogsRequest> = {}): Promise<LogsResponse<GroupOperationLog>> {
    return this.query(L.groupOperationLogs, query);
  }

  groups(query: LogQuery<GroupLogsRequest> = {}): Promise<LogsResponse<GroupLog>> {
    return this.query(L.groupLogs, query);
  }

  routeRules(query: LogQuery<RouteRuleLogsRequest> = {}): Promise<LogsResponse<RouteRuleLog>> {
    return this.query(L.routeRuleLogs, query);
  }

  routeRuleGroups(query: LogQuery<RouteRuleGroupLogsRequest> = {}): Promise<LogsResponse<RouteRuleGroupLog>> {
    return this.query(L.routeRuleGroupLogs, query);
  }

  zoneOperations(query: LogQuery<ZoneOperationLogsRequest> = {}): Promise<LogsResponse<ZoneOperationLog>> {
    return this.query(L.zoneOperationLogs, query);
  }

  groupInstances(query: LogQuery<GroupInstanceLogsRequest> = {}): Promise<LogsResponse<GroupInstanceLog>> {
    return this.query(L.groupInstanceLogs, query);
  }

  serviceInstances(query: LogQuery<ServiceInstanceLogsRequest> = {}): Promise<LogsResponse<ServiceInstanceLog>> {
    return this.query(L.serviceInstanceLogs, query);
  }
}

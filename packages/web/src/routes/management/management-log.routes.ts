import {
  groupInstanceLogsRequestSchema,
  groupLogsRequestSchema,
  groupOperationLogsRequestSchema,
  instanceOperationLogsRequestSchema,
  logsResponseSchemas,
  Paths,
  routeRuleGroupLogsRequestSchema,
  routeRuleLogsRequestSchema,
  serverOperationLogsRequestSchema,
  serviceInstanceLogsRequestSchema,
  zoneOperationLogsRequestSchema,
} from '@artemis/core';
import type { ArtemisManagement } from '@artemis/management';
import { defineRoute, type JsonRoute } from '../../http/json-route.js';

/** `/api/management/log/*.json` (docs/java-reference.md §3.10): paged, newest first. */
export function managementLogRoutes(management: ArtemisManagement): JsonRoute[] {
  const { logs } = management;
  const p = Paths.management.log;
  return [
    defineRoute({ path: p.instanceOperationLogs, operation: 'instance-operation-logs', access: 'viewer', body: instanceOperationLogsRequestSchema, response: logsResponseSchemas.instanceOperation, handle: (r) => logs.instanceOperationLogs(r) }),
    defineRoute({ path: p.serverOperationLogs, operation: 'server-operation-logs', access: 'viewer', body: serverOperationLogsRequestSchema, response: logsResponseSchemas.serverOperation, handle: (r) => logs.serverOperationLogs(r) }),
    defineRoute({ path: p.groupOperationLogs, operation: 'group-operation-logs', access: 'viewer', body: groupOperationLogsRequestSchema, response: logsResponseSchemas.groupOperation, handle: (r) => logs.groupOperationLogs(r) }),
    defineRoute({ path: p.groupLogs, operation: 'group-logs', access: 'viewer', body: groupLogsRequestSchema, response: logsResponseSchemas.group, handle: (r) => logs.groupLogs(r) }),
    defineRoute({ path: p.routeRuleLogs, operation: 'route-rule-logs', access: 'viewer', body: routeRuleLogsRequestSchema, response: logsResponseSchemas.routeRule, handle: (r) => logs.routeRuleLogs(r) }),
    defineRoute({ path: p.routeRuleGroupLogs, operation: 'route-rule-group-logs', access: 'viewer', body: routeRuleGroupLogsRequestSchema, response: logsResponseSchemas.routeRuleGroup, handle: (r) => logs.routeRuleGroupLogs(r) }),
    defineRoute({ path: p.zoneOperationLogs, operation: 'zone-operation-logs', access: 'viewer', body: zoneOperationLogsRequestSchema, response: logsResponseSchemas.zoneOperation, handle: (r) => logs.zoneOperationLogs(r) }),
    defineRoute({ path: p.groupInstanceLogs, operation: 'group-instance-logs', access: 'viewer', body: groupInstanceLogsRequestSchema, response: logsResponseSchemas.groupInstance, handle: (r) => logs.groupInstanceLogs(r) }),
    defineRoute({ path: p.serviceInstanceLogs, operation: 'service-instance-logs', access: 'viewer', body: serviceInstanceLogsRequestSchema, response: logsResponseSchemas.serviceInstance, handle: (r) => logs.serviceInstanceLogs(r) }),
  ];
}

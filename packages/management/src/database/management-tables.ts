import type { Kysely, Transaction } from 'kysely';
import type { GroupInstanceLogTable, GroupInstanceTable } from './tables/group-instance.table.js';
import type { GroupOperationLogTable, GroupOperationTable } from './tables/group-operation.table.js';
import type { GroupTagLogTable, GroupTagTable } from './tables/group-tag.table.js';
import type { GroupLogTable, GroupTable } from './tables/group.table.js';
import type { InstanceOperationLogTable, InstanceOperationTable } from './tables/instance-operation.table.js';
import type { RouteRuleGroupLogTable, RouteRuleGroupTable } from './tables/route-rule-group.table.js';
import type { RouteRuleLogTable, RouteRuleTable } from './tables/route-rule.table.js';
import type { ServerOperationLogTable, ServerOperationTable } from './tables/server-operation.table.js';
import type { ServiceInstanceLogTable, ServiceInstanceTable } from './tables/service-instance.table.js';
import type { ZoneOperationLogTable, ZoneOperationTable } from './tables/zone-operation.table.js';
import type { SecurityLogTable, TokenTable, UserTable } from './tables/security.table.js';

/**
 * The management schema as kysely sees it: Java's 20 tables (docs/java-reference.md §8.4), translated
 * to Postgres (bigserial ids, timestamptz, booleans, case-insensitive unique keys).
 */
export interface ManagementTables {
  instance: InstanceOperationTable;
  instance_log: InstanceOperationLogTable;
  server: ServerOperationTable;
  server_log: ServerOperationLogTable;
  service_group: GroupTable;
  service_group_log: GroupLogTable;
  service_group_instance: GroupInstanceTable;
  service_group_instance_log: GroupInstanceLogTable;
  service_group_operation: GroupOperationTable;
  service_group_operation_log: GroupOperationLogTable;
  service_group_tag: GroupTagTable;
  service_group_tag_log: GroupTagLogTable;
  service_instance: ServiceInstanceTable;
  service_instance_log: ServiceInstanceLogTable;
  service_route_rule: RouteRuleTable;
  service_route_rule_log: RouteRuleLogTable;
  service_route_rule_group: RouteRuleGroupTable;
  service_route_rule_group_log: RouteRuleGroupLogTable;
  service_zone: ZoneOperationTable;
  service_zone_log: ZoneOperationLogTable;
  // Security (docs/security.md): not in managementTableNames, so emptying management data keeps users and tokens.
  artemis_user: UserTable;
  artemis_token: TokenTable;
  artemis_security_log: SecurityLogTable;
}

/** A connection to the management schema, or a transaction on it: repositories take either. */
export type ManagementDb = Kysely<ManagementTables> | Transaction<ManagementTables>;

/** Every table, for tests that empty them between cases. */
export const managementTableNames: readonly (keyof ManagementTables)[] = [
  'instance',
  'instance_log',
  'server',
  'server_log',
  'service_group',
  'service_group_log',
  'service_group_instance',
  'service_group_instance_log',
  'service_group_operation',
  'service_group_operation_log',
  'service_group_tag',
  'service_group_tag_log',
  'service_instance',
  'service_instance_log',
  'service_route_rule',
  'service_route_rule_log',
  'service_route_rule_group',
  'service_route_rule_group_log',
  'service_zone',
  'service_zone_log',
];

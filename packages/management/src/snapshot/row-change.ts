import type { GroupInstanceRow } from '../database/tables/group-instance.table.js';
import type { GroupOperationRow } from '../database/tables/group-operation.table.js';
import type { GroupTagRow } from '../database/tables/group-tag.table.js';
import type { GroupRow } from '../database/tables/group.table.js';
import type { InstanceOperationRow } from '../database/tables/instance-operation.table.js';
import type { RouteRuleGroupRow } from '../database/tables/route-rule-group.table.js';
import type { RouteRuleRow } from '../database/tables/route-rule.table.js';
import type { ServerOperationRow } from '../database/tables/server-operation.table.js';
import type { ServiceInstanceRow } from '../database/tables/service-instance.table.js';
import type { ZoneOperationRow } from '../database/tables/zone-operation.table.js';

/** The rows of each table discovery depends on (the change journal records exactly these). */
export interface SnapshotRowTypes {
  instance: InstanceOperationRow;
  server: ServerOperationRow;
  service_zone: ZoneOperationRow;
  service_group: GroupRow;
  service_group_operation: GroupOperationRow;
  service_group_tag: GroupTagRow;
  service_group_instance: GroupInstanceRow;
  service_instance: ServiceInstanceRow;
  service_route_rule: RouteRuleRow;
  service_route_rule_group: RouteRuleGroupRow;
}

/** A table the snapshot holds. */
export type SnapshotTable = keyof SnapshotRowTypes;

/** Every table the snapshot holds, in the order a full load reads them. */
export const SNAPSHOT_TABLES: readonly SnapshotTable[] = [
  'instance',
  'server',
  'service_zone',
  'service_group',
  'service_group_operation',
  'service_group_tag',
  'service_group_instance',
  'service_instance',
  'service_route_rule',
  'service_route_rule_group',
];

/** One row's change: inserted (`before` null), updated, or deleted (`after` null). */
export type RowChange = {
  [T in SnapshotTable]: { readonly table: T; readonly before: SnapshotRowTypes[T] | null; readonly after: SnapshotRowTypes[T] | null };
}[SnapshotTable];

/** True for a table the snapshot holds. */
export function isSnapshotTable(name: string): name is SnapshotTable {
  return (SNAPSHOT_TABLES as readonly string[]).includes(name);
}

/**
 * A row as the journal stores it (`to_jsonb`): ids are numbers already; times are ISO text,
 * read back as Dates so a row looks the same whether it came from a full load or the journal.
 */
export function rowFromJson<T>(json: unknown): T | null {
  if (json === null || typeof json !== 'object') return null;
  const row = { ...(json as Record<string, unknown>) };
  for (const column of ['create_time', 'update_time']) {
    if (typeof row[column] === 'string') row[column] = new Date(row[column]);
  }
  return row as T;
}

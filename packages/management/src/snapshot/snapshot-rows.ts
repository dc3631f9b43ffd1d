import type { ManagementDb } from '../database/management-tables.js';
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
import { selectGroupInstances } from '../repositories/group-instance.repository.js';
import { selectGroupOperations } from '../repositories/group-operation.repository.js';
import { selectGroupTags } from '../repositories/group-tag.repository.js';
import { selectGroups } from '../repositories/group.repository.js';
import { selectInstanceOperations } from '../repositories/instance-operation.repository.js';
import { selectRouteRuleGroups } from '../repositories/route-rule-group.repository.js';
import { selectRouteRules } from '../repositories/route-rule.repository.js';
import { selectServerOperations } from '../repositories/server-operation.repository.js';
import { selectServiceInstances } from '../repositories/service-instance.repository.js';
import { selectZoneOperations } from '../repositories/zone-operation.repository.js';

/** Every management row discovery depends on (live groups and rules only). */
export interface SnapshotRows {
  readonly instanceOperations: readonly InstanceOperationRow[];
  readonly serverOperations: readonly ServerOperationRow[];
  readonly zoneOperations: readonly ZoneOperationRow[];
  readonly groups: readonly GroupRow[];
  readonly groupOperations: readonly GroupOperationRow[];
  readonly groupTags: readonly GroupTagRow[];
  readonly groupInstances: readonly GroupInstanceRow[];
  readonly serviceInstances: readonly ServiceInstanceRow[];
  readonly routeRules: readonly RouteRuleRow[];
  readonly routeRuleGroups: readonly RouteRuleGroupRow[];
}

/** No rows at all: the snapshot before the first load. */
export const EMPTY_ROWS: SnapshotRows = {
  instanceOperations: [],
  serverOperations: [],
  zoneOperations: [],
  groups: [],
  groupOperations: [],
  groupTags: [],
  groupInstances: [],
  serviceInstances: [],
  routeRules: [],
  routeRuleGroups: [],
};

/**
 * Reads every table discovery depends on in one read-only, repeatable-read transaction, so the
 * snapshot is consistent: a write's rows are seen all together or not at all.
 */
export async function loadSnapshotRows(db: ManagementDb): Promise<SnapshotRows> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => ({
      instanceOperations: await selectInstanceOperations(tx),
      serverOperations: await selectServerOperations(tx),
      zoneOperations: await selectZoneOperations(tx),
      groups: await selectGroups(tx),
      groupOperations: await selectGroupOperations(tx),
      groupTags: await selectGroupTags(tx),
      groupInstances: await selectGroupInstances(tx),
      serviceInstances: await selectServiceInstances(tx),
      routeRules: await selectRouteRules(tx),
      routeRuleGroups: await selectRouteRuleGroups(tx),
    }));
}

/** A text that changes exactly when the rows' content changes (times left out). */
export function fingerprintOf(rows: SnapshotRows): string {
  return JSON.stringify(rows, (key, value: unknown) => (key === 'create_time' || key === 'update_time' ? undefined : value));
}

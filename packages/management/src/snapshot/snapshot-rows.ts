import type { ManagementDb } from '../database/management-tables.js';
import { journalPosition } from '../repositories/change-journal.repository.js';
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
import type { RowChange, SnapshotRowTypes, SnapshotTable } from './row-change.js';

/** Every row discovery depends on (live groups and rules only), as inserts, and the journal position they reflect. */
export interface FullLoad {
  readonly seq: number;
  readonly changes: readonly RowChange[];
}

function inserts<T extends SnapshotTable>(table: T, rows: readonly SnapshotRowTypes[T][]): RowChange[] {
  return rows.map((row) => ({ table, before: null, after: row }) as RowChange);
}

/**
 * Reads every table discovery depends on, and the journal position, in one read-only,
 * repeatable-read transaction: the rows are exactly those of every write up to that position.
 */
export async function loadSnapshotRows(db: ManagementDb): Promise<FullLoad> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const seq = await journalPosition(tx);
      const changes = [
        ...inserts('instance', await selectInstanceOperations(tx)),
        ...inserts('server', await selectServerOperations(tx)),
        ...inserts('service_zone', await selectZoneOperations(tx)),
        ...inserts('service_group', await selectGroups(tx)),
        ...inserts('service_group_operation', await selectGroupOperations(tx)),
        ...inserts('service_group_tag', await selectGroupTags(tx)),
        ...inserts('service_group_instance', await selectGroupInstances(tx)),
        ...inserts('service_instance', await selectServiceInstances(tx)),
        ...inserts('service_route_rule', await selectRouteRules(tx)),
        ...inserts('service_route_rule_group', await selectRouteRuleGroups(tx)),
      ];
      return { seq, changes };
    });
}

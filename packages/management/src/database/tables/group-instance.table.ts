import type { Selectable } from 'kysely';
import type { LogColumns, RowColumns } from './common-columns.js';

/** `service_group_instance`: an instanceId listed in a group; unique per (group, instanceId). */
export interface GroupInstanceTable extends RowColumns {
  readonly group_id: number;
  readonly instance_id: string;
}

/** `service_group_instance_log`: every write of `service_group_instance`. */
export interface GroupInstanceLogTable extends LogColumns {
  readonly group_id: number;
  readonly instance_id: string;
}

/** A row of `service_group_instance`. */
export type GroupInstanceRow = Selectable<GroupInstanceTable>;

import type { Generated, Selectable } from 'kysely';
import type { LogColumns, RowColumns } from './common-columns.js';

/** `service_group_operation`: an operation recorded on a group (pulls its instances out). */
export interface GroupOperationTable extends RowColumns {
  readonly group_id: number;
  readonly operation: string;
}

/** `service_group_operation_log`: every write of `service_group_operation`. */
export interface GroupOperationLogTable extends LogColumns {
  readonly group_id: number;
  readonly complete: Generated<boolean>;
}

/** A row of `service_group_operation`. */
export type GroupOperationRow = Selectable<GroupOperationTable>;

import type { Generated, Selectable } from 'kysely';
import type { LogColumns, RowColumns } from './common-columns.js';

/** `instance`: an operation (pull-out) recorded on an instance; unique per key and operation, case-insensitively. */
export interface InstanceOperationTable extends RowColumns {
  readonly region_id: string;
  readonly service_id: string;
  readonly instance_id: string;
  readonly operation: string;
  readonly operator_id: string;
  readonly token: string;
}

/** `instance_log`: every write of `instance`; `complete` is true for a pull-in. */
export interface InstanceOperationLogTable extends LogColumns {
  readonly region_id: string;
  readonly service_id: string;
  readonly instance_id: string;
  readonly complete: Generated<boolean>;
}

/** A row of `instance`. */
export type InstanceOperationRow = Selectable<InstanceOperationTable>;

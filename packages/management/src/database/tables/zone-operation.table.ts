import type { Generated, Selectable } from 'kysely';
import type { LogColumns, RowColumns } from './common-columns.js';

/** `service_zone`: an operation recorded on a zone of a service (pulls its instances out). */
export interface ZoneOperationTable extends RowColumns {
  readonly service_id: string;
  readonly region_id: string;
  readonly zone_id: string;
  readonly operation: string;
}

/** `service_zone_log`: every write of `service_zone`. */
export interface ZoneOperationLogTable extends LogColumns {
  readonly service_id: string;
  readonly region_id: string;
  readonly zone_id: string;
  readonly complete: Generated<boolean>;
}

/** A row of `service_zone`. */
export type ZoneOperationRow = Selectable<ZoneOperationTable>;

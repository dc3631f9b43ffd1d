import type { Generated, Selectable } from 'kysely';
import type { LogColumns, RowColumns } from './common-columns.js';

/** `service_group`: a group of a service; soft-deleted (`deleted`), unique per (service, region, zone, name). */
export interface GroupTable extends RowColumns {
  readonly service_id: string;
  readonly region_id: string;
  readonly zone_id: string;
  readonly name: string;
  readonly app_id: string;
  readonly description: string | null;
  readonly status: string;
  readonly deleted: Generated<boolean>;
  readonly type: Generated<string>;
}

/** `service_group_log`: every write of `service_group`. */
export interface GroupLogTable extends LogColumns {
  readonly group_id: Generated<number>;
  readonly service_id: string;
  readonly region_id: string;
  readonly zone_id: string;
  readonly name: string;
  readonly app_id: string;
  readonly status: string;
  readonly description: string | null;
}

/** A row of `service_group`. */
export type GroupRow = Selectable<GroupTable>;

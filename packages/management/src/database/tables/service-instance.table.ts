import type { Selectable } from 'kysely';
import type { LogColumns, RowColumns } from './common-columns.js';

/** Columns of a logical instance, shared by the table and its log. */
interface ServiceInstanceColumns {
  readonly service_id: string;
  readonly instance_id: string;
  readonly ip: string;
  readonly machine_name: string;
  /** The metadata as JSON text, as Java stores it. */
  readonly metadata: string;
  readonly port: number;
  readonly protocol: string;
  readonly region_id: string;
  readonly zone_id: string;
  readonly group_id: string;
  readonly health_check_url: string;
  readonly url: string;
}

/** `service_instance`: a logical instance; unique per (service, instanceId). */
export interface ServiceInstanceTable extends RowColumns, ServiceInstanceColumns {
  readonly description: string | null;
}

/** `service_instance_log`: every write of `service_instance`. */
export interface ServiceInstanceLogTable extends LogColumns, ServiceInstanceColumns {}

/** A row of `service_instance`. */
export type ServiceInstanceRow = Selectable<ServiceInstanceTable>;

import type { Generated, Selectable } from 'kysely';
import type { LogColumns, RowColumns } from './common-columns.js';

/** `service_route_rule`: a route rule of a service; soft-deleted, unique per (service, name). */
export interface RouteRuleTable extends RowColumns {
  readonly service_id: string;
  readonly name: string;
  readonly description: string | null;
  readonly status: string;
  readonly strategy: Generated<string>;
  readonly deleted: Generated<boolean>;
}

/** `service_route_rule_log`: every write of `service_route_rule`. */
export interface RouteRuleLogTable extends LogColumns {
  readonly route_rule_id: Generated<number>;
  readonly service_id: string;
  readonly name: string;
  readonly status: string;
  readonly complete: Generated<boolean>;
}

/** A row of `service_route_rule`. */
export type RouteRuleRow = Selectable<RouteRuleTable>;

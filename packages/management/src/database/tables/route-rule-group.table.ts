import type { Selectable } from 'kysely';
import type { LogColumns, RowColumns } from './common-columns.js';

/**
 * `service_route_rule_group`: a group in a route rule. `unreleased_weight` is edited;
 * `weight` is the released value discovery serves. Unique per (rule, group).
 */
export interface RouteRuleGroupTable extends RowColumns {
  readonly route_rule_id: number;
  readonly group_id: number;
  readonly weight: number | null;
  readonly unreleased_weight: number | null;
}

/** `service_route_rule_group_log`: every write of `service_route_rule_group`. */
export interface RouteRuleGroupLogTable extends LogColumns {
  readonly route_rule_id: number;
  readonly group_id: number;
  readonly weight: number | null;
}

/** A row of `service_route_rule_group`. */
export type RouteRuleGroupRow = Selectable<RouteRuleGroupTable>;

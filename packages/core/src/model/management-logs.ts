/**
 * Log rows of management writes, as the log endpoints serve them (docs/java-reference.md §3.10).
 * Times are epoch milliseconds. Keys are declared in wire (alphabetical) order.
 */

/** Fields every log row has. */
interface LogRow {
  readonly createTime: number;
  readonly id: number;
  readonly operation: string;
  readonly operatorId: string;
  /** The `operatorId` a write's body claimed when it differed from its token's operator; '' otherwise. */
  readonly operatorNote: string;
  readonly token: string;
  readonly updateTime: number;
}

/** A row of `instance-operation-logs.json`; `complete` is true for a pull-in (operation completed). */
export interface InstanceOperationLog extends LogRow {
  readonly complete: boolean;
  readonly extensions: string;
  readonly instanceId: string;
  readonly regionId: string;
  readonly serviceId: string;
}

/** A row of `server-operation-logs.json`. */
export interface ServerOperationLog extends LogRow {
  readonly complete: boolean;
  readonly extensions: string;
  readonly regionId: string;
  readonly serverId: string;
}

/** A row of `group-operation-logs.json`. */
export interface GroupOperationLog extends LogRow {
  readonly complete: boolean;
  readonly extensions: string;
  readonly groupId: number;
  readonly reason: string;
}

/** A row of `group-logs.json`. */
export interface GroupLog extends LogRow {
  readonly appId: string;
  readonly extensions: string;
  readonly name: string;
  readonly reason: string;
  readonly regionId: string;
  readonly serviceId: string;
  readonly status: string;
  readonly zoneId: string;
}

/** A row of `route-rule-logs.json`. */
export interface RouteRuleLog extends LogRow {
  readonly complete: boolean;
  readonly extensions: string;
  readonly name: string;
  readonly reason: string;
  readonly serviceId: string;
  readonly status: string;
}

/** A row of `route-rule-group-logs.json`; `weight` is the weight the write set (released or not). */
export interface RouteRuleGroupLog extends LogRow {
  readonly extensions: string;
  readonly groupId: number;
  readonly reason: string;
  readonly routeRuleId: number;
  readonly weight: number | null;
}

/** A row of `zone-operation-logs.json`. */
export interface ZoneOperationLog extends LogRow {
  readonly complete: boolean;
  readonly regionId: string;
  readonly serviceId: string;
  readonly zoneId: string;
}

/** A row of `group-instance-logs.json`. */
export interface GroupInstanceLog extends LogRow {
  readonly groupId: number;
  readonly instanceId: string;
  readonly reason: string;
}

/** A row of `service-instance-logs.json`; `metadata` is the JSON text stored. */
export interface ServiceInstanceLog extends LogRow {
  readonly groupId: string;
  readonly healthCheckUrl: string;
  readonly instanceId: string;
  readonly ip: string;
  readonly machineName: string;
  readonly metadata: string;
  readonly port: number;
  readonly protocol: string;
  readonly regionId: string;
  readonly serviceId: string;
  readonly url: string;
  readonly zoneId: string;
}

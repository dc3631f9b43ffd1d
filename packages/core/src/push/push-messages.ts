import type { DiscoveryConfig } from '../model/discovery-config.js';
import type { InstanceChange } from '../model/instance-change.js';
import type { InstancesRequest, InstancesResponse } from '../messages/registry-messages.js';
import type { ResponseStatus } from '../response-status.js';

/** A change pushed to a socket.io subscriber, with the change-log version it created. */
export interface ChangePush {
  /** The service id as registered. */
  readonly serviceId: string;
  /** The version this change created; resume from the highest one seen. */
  readonly version: number;
  readonly change: InstanceChange;
}

/**
 * What a socket.io client subscribes to: services by id, by discovery config, or every
 * service. With `sinceVersion`, the server first replays the changes the client missed for
 * those services (or a `reload` per service when the change log no longer holds them).
 */
export interface SubscribeRequest {
  readonly serviceIds: readonly string[] | null;
  readonly discoveryConfigs: readonly DiscoveryConfig[] | null;
  /** Subscribe to every change of every service. */
  readonly all: boolean;
  /** The highest version the client has seen; absent for a fresh subscription. */
  readonly sinceVersion: number | null;
}

/** The answer to a subscribe or unsubscribe. */
export interface SubscribeReply {
  readonly responseStatus: ResponseStatus;
  /** The change-log version when the subscription took effect. */
  readonly version: number;
  /**
   * What this request changed: for a subscribe, the service ids (lowercased) it added (not those
   * the session already had); for an unsubscribe, the ids it removed. An acknowledgement never
   * repeats the whole subscription, so its size does not grow with it.
   */
  readonly serviceIds: readonly string[];
  /** True when the session receives every change. */
  readonly all: boolean;
  /** How many services the session is subscribed to after this request. */
  readonly subscriptionCount?: number;
}

/** What a socket.io client unsubscribes from. */
export interface UnsubscribeRequest {
  readonly serviceIds: readonly string[] | null;
  readonly all: boolean;
}

/**
 * Events the server emits to socket.io clients. Shared by server and client code, so both
 * sides are checked against one definition.
 */
export interface ServerToClientEvents {
  /** A change to a subscribed service. */
  'instance-change': (push: ChangePush) => void;
  /** Management data changed (any operator, any node sharing the database); to `all: true` sessions only. */
  'management-change': (push: ManagementChangePush) => void;
}

/**
 * A management write took effect on the node (docs/protocol.md, "management-change"): route
 * rules, groups, operations... Instances it hides or shows also arrive as `instance-change`;
 * this event tells viewers of management data (the console) to read it again.
 */
export interface ManagementChangePush {
  /** The node's management journal position after the change; grows with every write. */
  readonly position: number;
  /** The management tables whose rows changed, sorted; empty when anything may have (a full reload). */
  readonly tables: readonly string[];
}

/** Events socket.io clients send, each acknowledged. */
export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (reply: SubscribeReply) => void) => void;
  unsubscribe: (request: UnsubscribeRequest, ack: (reply: SubscribeReply) => void) => void;
  /** A heartbeat, answered exactly as HTTP `heartbeat.json` answers. */
  heartbeat: (request: InstancesRequest, ack: (response: InstancesResponse) => void) => void;
}

/** socket.io event names, for code that cannot use the typed maps. */
export const PushEvents = {
  instanceChange: 'instance-change',
  managementChange: 'management-change',
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  heartbeat: 'heartbeat',
} as const;

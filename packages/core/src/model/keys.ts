import type { Instance } from './instance.js';

/**
 * The identity of a service: its id, lowercased. Service identity is case-insensitive
 * everywhere (protocol.md §2); responses still carry the id as registered.
 */
export function serviceKeyOf(serviceId: string): string {
  return serviceId.toLowerCase();
}

/** An instance's identity on the wire: `{"instanceId","regionId","serviceId"}` (docs/java-reference.md §2.2). */
export interface InstanceKey {
  readonly instanceId: string | null;
  readonly regionId: string | null;
  readonly serviceId: string | null;
}

/** A server is a machine IP in a region: `{"regionId","serverId"}` (docs/java-reference.md §2.3). */
export interface ServerKey {
  readonly regionId: string | null;
  readonly serverId: string | null;
}

/** The {@link InstanceKey} of an instance. */
export function instanceKeyOf(instance: Instance): InstanceKey {
  return { instanceId: instance.instanceId, regionId: instance.regionId, serviceId: instance.serviceId };
}

/**
 * The canonical string of an instance identity, for map keys: lowercase
 * `region.service.instance`, a null part rendered as "null", exactly as Java compares them.
 */
export function instanceIdentity(key: InstanceKey): string {
  return `${String(key.regionId)}.${String(key.serviceId)}.${String(key.instanceId)}`.toLowerCase();
}

/** `status` values a client may report for its instance (Java's `Instance.Status`). */
export const InstanceStatus = {
  starting: 'starting',
  up: 'up',
  down: 'down',
  unhealthy: 'unhealthy',
  unknown: 'unknown',
} as const;

/** One of the instance status values. The server stores whatever the client sends. */
export type InstanceStatus = (typeof InstanceStatus)[keyof typeof InstanceStatus];

/** String-to-string metadata, in insertion order. */
export type Metadata = Record<string, string | null>;

/**
 * A registered instance of a service, as on the wire (docs/java-reference.md §2.1). Keys are declared
 * in alphabetical order, which is the order Java writes them; decoded instances keep it, so
 * `JSON.stringify` reproduces Java's output.
 *
 * Identity is (regionId, serviceId, instanceId), case-insensitive: see {@link instanceKeyOf}.
 */
export interface Instance {
  readonly groupId: string | null;
  readonly healthCheckUrl: string | null;
  readonly instanceId: string | null;
  readonly ip: string | null;
  readonly machineName: string | null;
  readonly metadata: Metadata | null;
  readonly port: number;
  readonly protocol: string | null;
  readonly regionId: string | null;
  readonly serviceId: string | null;
  readonly status: string | null;
  readonly url: string | null;
  readonly zoneId: string | null;
}

/** Fields a caller may give to build an {@link Instance}; the rest default to null (port to 0). */
export type InstanceInit = Partial<Instance> & Pick<Instance, 'serviceId' | 'instanceId'>;

/**
 * Builds an {@link Instance} with every field present, in wire order.
 *
 * @example
 * ```ts
 * import { createInstance } from '@artemis/core';
 * const i = createInstance({ serviceId: 'orders', instanceId: 'orders-1', url: 'http://10.0.0.1:8080', regionId: 'default', zoneId: 'default' });
 * ```
 */
export function createInstance(init: InstanceInit): Instance {
  return {
    groupId: init.groupId ?? null,
    healthCheckUrl: init.healthCheckUrl ?? null,
    instanceId: init.instanceId ?? null,
    ip: init.ip ?? null,
    machineName: init.machineName ?? null,
    metadata: init.metadata ?? null,
    port: init.port ?? 0,
    protocol: init.protocol ?? null,
    regionId: init.regionId ?? null,
    serviceId: init.serviceId ?? null,
    status: init.status ?? null,
    url: init.url ?? null,
    zoneId: init.zoneId ?? null,
  };
}

/**
 * The text Java's `Instance.toString()` gives, used in error messages:
 * lowercase `region/zone/service[/group]/instance`, the group only when not blank.
 */
export function describeInstance(instance: Instance): string {
  const parts = [instance.regionId, instance.zoneId, instance.serviceId];
  if (instance.groupId !== null && instance.groupId.trim() !== '') parts.push(instance.groupId);
  parts.push(instance.instanceId);
  return parts.map((part) => String(part)).join('/').toLowerCase();
}

/** True when the string is null, empty or only whitespace (Java's `StringValues.isBlank`). */
export function isBlank(value: string | null | undefined): value is null | undefined | '' {
  if (value === null || value === undefined || value.length === 0) return true;
  // A printable ASCII first character is not whitespace: settled without trimming (hot paths).
  const first = value.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return value.trim() === '';
}

import type { Instance } from './instance.js';

/** Kinds of instance change (docs/java-reference.md §2.8). */
export const ChangeType = {
  new: 'new',
  delete: 'delete',
  change: 'change',
  reload: 'reload',
} as const;

/** One of the change kinds. */
export type ChangeType = (typeof ChangeType)[keyof typeof ChangeType];

/** A change to one instance, as pushed and as listed in deltas. */
export interface InstanceChange {
  readonly changeTime: number;
  readonly changeType: ChangeType;
  readonly instance: Instance;
}

/**
 * The fake instance a `reload` change carries (docs/java-reference.md §2.8): it tells subscribers to
 * re-read the whole service. The url is the literal text `http://serviceId/reload`, as in Java.
 */
export function reloadInstance(serviceId: string): Instance {
  return {
    groupId: null,
    healthCheckUrl: null,
    instanceId: 'reload',
    ip: '0.0.0.0',
    machineName: null,
    metadata: null,
    port: 0,
    protocol: null,
    regionId: null,
    serviceId,
    status: null,
    url: 'http://serviceId/reload',
    zoneId: null,
  };
}

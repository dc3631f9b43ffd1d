import type { FailedInstance } from '../model/failed-instance.js';
import type { Instance } from '../model/instance.js';
import type { ResponseStatus } from '../response-status.js';

/** Body of `register.json`, `heartbeat.json` and `unregister.json` (and their replication twins). */
export interface InstancesRequest {
  readonly instances: readonly (Instance | null)[] | null;
}

/** Answer of a registry operation: `failedInstances` is null when nothing failed. */
export interface InstancesResponse {
  readonly failedInstances: readonly FailedInstance[] | null;
  readonly responseStatus: ResponseStatus;
}

/** The three registry operations. */
export const RegistryOperation = {
  register: 'register',
  heartbeat: 'heartbeat',
  unregister: 'unregister',
} as const;

/** One of the registry operations. */
export type RegistryOperation = (typeof RegistryOperation)[keyof typeof RegistryOperation];

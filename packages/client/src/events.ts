import type { Instance } from '@artemis/core';
import type { InstanceRef } from './registry/registration.js';

/** Events of an {@link ArtemisClient}: one per state change, typed. */
export interface ArtemisClientEvents {
  [event: string]: unknown;
  /** Instances were registered (by `register`). */
  registered: { readonly instances: readonly Instance[]; readonly node: string | null };
  /** A node had lost their leases (restart, expiry); they were registered again. */
  reregistered: { readonly instances: readonly Instance[]; readonly node: string; readonly reason: string };
  /** Instances were unregistered. */
  unregistered: { readonly instances: readonly InstanceRef[] };
  /** A heartbeat batch was acknowledged. */
  heartbeat: { readonly count: number; readonly transport: 'socket.io' | 'http'; readonly node: string | null };
  /** A health check turned an instance up or down. */
  'health-changed': { readonly instance: Instance; readonly status: 'up' | 'down' };
  /** The push connection is up. */
  connected: { readonly node: string };
  /** The push connection was lost or refused. */
  disconnected: { readonly node: string; readonly reason: string };
  /** The client moved to another node. */
  failover: { readonly from: string; readonly to: string; readonly channel: 'push' | 'http' };
  /** A node list was refreshed from `up-*-nodes`. */
  'nodes-refreshed': { readonly channel: 'registry' | 'discovery'; readonly nodes: readonly string[] };
  /** Something failed in the background; the client keeps its last good state and retries. */
  error: { readonly error: Error; readonly context: string };
  /** `close()` finished. */
  closed: Record<string, never>;
}

/** Turns anything thrown into an Error. */
export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

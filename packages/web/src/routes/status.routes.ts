import {
  decode,
  emptyRequestSchema,
  getClusterStatusResponseSchema,
  getConfigResponseSchema,
  getDeploymentResponseSchema,
  getLeasesRequestSchema,
  getLeasesResponseSchema,
  getNodeStatusResponseSchema,
  pushStatsResponseSchema,
  Paths,
  type Schema,
} from '@artemis/core';
import type { ArtemisEngine } from '@artemis/server';
import { clientOf } from '../http/client-key.js';
import { defineRoute, type JsonRoute, type RouteAccess } from '../http/json-route.js';

/** Open sessions per push channel, for `connections.json`. */
export interface ConnectionCounts {
  /** Sessions on `/ws/registry/heartbeat`. */
  readonly registry: number;
  /** Sessions on `/ws/discovery/instance-change`. */
  readonly discovery: number;
}

function leasesQuery(query: URLSearchParams) {
  // Java's GET form names the list `appIds`; a comma-separated value is accepted too.
  const ids = query.getAll('appIds').flatMap((value) => value.split(',')).map((id) => id.trim()).filter((id) => id !== '');
  return decode(getLeasesRequestSchema, { serviceIds: ids.length > 0 ? ids : null });
}

/** The status endpoints (docs/protocol.md), each on POST and GET, and our push counters. */
export function statusRoutes(engine: ArtemisEngine, connections: () => ConnectionCounts, pushStats: () => object, configExtra?: () => object): JsonRoute[] {
  const status = engine.status;
  const empty = () => ({});
  const simple = (path: string, operation: string, access: RouteAccess, handle: (client: string) => object, response?: Schema<unknown>): JsonRoute =>
    defineRoute({ path, operation, access, body: emptyRequestSchema, query: empty, handle: (_request, context) => handle(clientOf(context)), ...(response === undefined ? {} : { response }) });
  return [
    simple(Paths.status.node, 'get-node', 'open', () => status.node(), getNodeStatusResponseSchema),
    simple(Paths.status.cluster, 'get-cluster', 'open', (client) => status.clusterStatus(client), getClusterStatusResponseSchema),
    // Sensitive status: settings, every lease, the deployment (docs/security.md).
    simple(Paths.status.config, 'get-config', 'viewer', (client) => ({ ...status.config(client), ...(configExtra?.() ?? {}) }), getConfigResponseSchema),
    simple(Paths.status.deployment, 'get-deployment', 'viewer', (client) => status.deployment(client), getDeploymentResponseSchema),
    defineRoute({ path: Paths.status.leases, operation: 'get-leases', access: 'viewer', body: getLeasesRequestSchema, query: leasesQuery, response: getLeasesResponseSchema, handle: (r, context) => status.leases(r, false, clientOf(context)) }),
    defineRoute({
      path: Paths.status.legacyLeases,
      operation: 'get-legacy-leases',
      access: 'viewer',
      body: getLeasesRequestSchema,
      query: leasesQuery,
      response: getLeasesResponseSchema,
      handle: (r, context) => status.leases(r, true, clientOf(context)),
    }),
    defineRoute({ path: Paths.status.push, operation: 'get-push-stats', access: 'open', query: empty, response: pushStatsResponseSchema, handle: pushStats }),
    defineRoute({
      path: Paths.status.connections,
      operation: 'get-connections',
      access: 'open',
      query: empty,
      handle: () => {
        const counts = connections();
        return { registry: String(counts.registry), discovery: String(counts.discovery) };
      },
    }),
  ];
}

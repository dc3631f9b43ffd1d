import { decode, getServiceNodesResponseSchema, Paths, regionZoneRequestSchema } from '@artemis/core';
import type { ArtemisEngine, NodeRole } from '@artemis/server';
import { clientOf } from '../http/client-key.js';
import { defineRoute, queryParam, type JsonRoute } from '../http/json-route.js';

/** `up-registry-nodes.json`, `up-discovery-nodes.json` (docs/protocol.md). */
export function clusterRoutes(engine: ArtemisEngine): JsonRoute[] {
  const upNodes = (role: NodeRole, path: string): JsonRoute =>
    defineRoute({
      path,
      operation: `get-up-${role}-nodes`,
      access: 'open',
      body: regionZoneRequestSchema,
      response: getServiceNodesResponseSchema,
      query: (query) => decode(regionZoneRequestSchema, { regionId: queryParam(query, 'regionId'), zoneId: queryParam(query, 'zoneId') }),
      handle: (request, context) => engine.cluster.upNodes(role, request, clientOf(context)),
    });
  return [upNodes('registry', Paths.cluster.upRegistryNodes), upNodes('discovery', Paths.cluster.upDiscoveryNodes)];
}

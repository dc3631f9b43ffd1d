import { decodeInstancesRequest, instancesRequestSchema, instancesResponseSchema, Paths, RegistryOperation } from '@artemis/core';
import type { ArtemisEngine } from '@artemis/server';
import { clientOf } from '../http/client-key.js';
import type { BlockedIpList } from '../push/blocked-ips.js';
import { defineRoute, type JsonRoute } from '../http/json-route.js';
import { requireServiceScope } from '../http/route-access.js';

/**
 * `register.json`, `heartbeat.json`, `unregister.json` (docs/protocol.md). `blocked` holds the
 * `push.blockedIps` lists: an address on the heartbeat list is refused HTTP heartbeats too.
 */
export function registryRoutes(engine: ArtemisEngine, blocked?: BlockedIpList): JsonRoute[] {
  return Object.values(RegistryOperation).map((operation) =>
    defineRoute({
      path: Paths.registry[operation],
      operation,
      // Open by default so that unchanged Java clients work; registry auth turns it on (docs/security.md).
      access: 'registry',
      body: decodeInstancesRequest,
      schema: instancesRequestSchema,
      response: instancesResponseSchema,
      handle: (request, context) => {
        requireServiceScope(context.caller, request.instances);
        const client = clientOf(context);
        if (operation === RegistryOperation.heartbeat && blocked?.blocks('heartbeat', client) === true) {
          return { failedInstances: null, responseStatus: blocked.refusal('heartbeat', client) };
        }
        return engine.registry.execute(operation, request, client);
      },
    }),
  );
}

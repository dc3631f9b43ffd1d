import { decodeInstancesRequest, Paths, RegistryOperation } from '@artemis/core';
import type { ArtemisEngine } from '@artemis/server';
import { clientOf } from '../http/client-key.js';
import type { BlockedIpList } from '../push/blocked-ips.js';
import { defineRoute, type JsonRoute } from '../http/json-route.js';

/**
 * `register.json`, `heartbeat.json`, `unregister.json` (docs/protocol.md). `blocked` holds the
 * `push.blockedIps` lists: an address on the heartbeat list is refused HTTP heartbeats too.
 */
export function registryRoutes(engine: ArtemisEngine, blocked?: BlockedIpList): JsonRoute[] {
  return Object.values(RegistryOperation).map((operation) =>
    defineRoute({
      path: Paths.registry[operation],
      operation,
      body: decodeInstancesRequest,
      handle: (request, context) => {
        const client = clientOf(context);
        if (operation === RegistryOperation.heartbeat && blocked?.blocks('heartbeat', client) === true) {
          return { failedInstances: null, responseStatus: blocked.refusal('heartbeat', client) };
        }
        return engine.registry.execute(operation, request, client);
      },
    }),
  );
}

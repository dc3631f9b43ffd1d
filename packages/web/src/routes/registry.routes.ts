import {
  decodeInstancesRequest,
  InstanceKeyBatch,
  instancesRequestSchema,
  instancesResponseSchema,
  Paths,
  readInstanceKeys,
  RegistryOperation,
  type InstancesRequest,
} from '@artemis/core';
import { REGISTRY_SUCCESS, type ArtemisEngine } from '@artemis/server';
import { clientOf } from '../http/client-key.js';
import type { BlockedIpList } from '../push/blocked-ips.js';
import { defineRoute, type JsonRoute } from '../http/json-route.js';
import { requireServiceScope } from '../http/route-access.js';
import { sharedAnswer } from '../http/send-json.js';

// Most registry answers are this one: serialised once, not per request.
sharedAnswer(REGISTRY_SUCCESS);

/**
 * `register.json`, `heartbeat.json`, `unregister.json` (docs/protocol.md). `blocked` holds the
 * `push.blockedIps` lists: an address on the heartbeat list is refused HTTP heartbeats too.
 */
export function registryRoutes(engine: ArtemisEngine, blocked?: BlockedIpList): JsonRoute[] {
  return Object.values(RegistryOperation).map((operation) => {
    const heartbeat = operation === RegistryOperation.heartbeat;
    return defineRoute<InstancesRequest | InstanceKeyBatch>({
      path: Paths.registry[operation],
      operation,
      // Open by default so that unchanged Java clients work; registry auth turns it on (docs/security.md).
      access: 'registry',
      body: decodeInstancesRequest,
      // Heartbeats, the registry's hottest path, are read by their keys straight from the bytes.
      ...(heartbeat ? { bytes: (bytes: Buffer) => readInstanceKeys(bytes) ?? undefined } : {}),
      schema: instancesRequestSchema,
      response: instancesResponseSchema,
      handle: (request, context) => {
        const keyed = request instanceof InstanceKeyBatch;
        requireServiceScope(context.caller, keyed ? request.keys : request.instances);
        const client = clientOf(context);
        if (heartbeat && blocked?.blocks('heartbeat', client) === true) {
          return { failedInstances: null, responseStatus: blocked.refusal('heartbeat', client) };
        }
        return keyed ? engine.registry.heartbeat(request, client) : engine.registry.execute(operation, request, client);
      },
    });
  });
}

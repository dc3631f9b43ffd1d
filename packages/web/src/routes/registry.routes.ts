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
import { HeartbeatPlan, REGISTRY_SUCCESS, type ArtemisEngine } from '@artemis/server';
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
    return defineRoute<InstancesRequest | InstanceKeyBatch | HeartbeatPlan>({
      path: Paths.registry[operation],
      operation,
      // Open by default so that unchanged Java clients work; registry auth turns it on (docs/security.md).
      access: 'registry',
      body: decodeInstancesRequest,
      // Heartbeats, the registry's hottest path: by their plan when the same bytes came before,
      // else read by their keys straight from the bytes.
      ...(heartbeat ? { bytes: (bytes: Buffer) => engine.registry.plannedHeartbeat(bytes) ?? readInstanceKeys(bytes) ?? undefined } : {}),
      schema: instancesRequestSchema,
      response: instancesResponseSchema,
      handle: (read, context) => {
        const client = clientOf(context);
        if (read instanceof HeartbeatPlan) {
          // A blocked address, or a token scoped to some services (whose ids are checked on the
          // keys), takes the path below; so does a plan that no longer holds.
          const scoped = context.caller?.serviceIds !== null && context.caller?.serviceIds !== undefined;
          const answer = scoped || blocked?.blocks('heartbeat', client) === true ? undefined : engine.registry.heartbeatPlanned(read, client);
          if (answer !== undefined) return answer;
        }
        const request = read instanceof HeartbeatPlan ? (readInstanceKeys(read.bytes) ?? decodeInstancesRequest(JSON.parse(read.bytes.toString('utf8')))) : read;
        const keyed = request instanceof InstanceKeyBatch;
        requireServiceScope(context.caller, keyed ? request.keys : request.instances);
        if (heartbeat && blocked?.blocks('heartbeat', client) === true) {
          return { failedInstances: null, responseStatus: blocked.refusal('heartbeat', client) };
        }
        return keyed ? engine.registry.heartbeat(request, client) : engine.registry.execute(operation, request, client);
      },
    });
  });
}

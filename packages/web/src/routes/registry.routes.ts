import { decodeInstancesRequest, instancesRequestSchema, Paths, RegistryOperation } from '@artemis/core';
import type { ArtemisEngine } from '@artemis/server';
import { clientOf } from '../http/client-key.js';
import { defineRoute, type JsonRoute } from '../http/json-route.js';
import { requireServiceScope } from '../http/route-access.js';

/** `register.json`, `heartbeat.json`, `unregister.json` (java-reference §3.1). */
export function registryRoutes(engine: ArtemisEngine): JsonRoute[] {
  return Object.values(RegistryOperation).map((operation) =>
    defineRoute({
      path: Paths.registry[operation],
      operation,
      // Open by default so that unchanged Java clients work; registry auth turns it on (docs/security.md).
      access: 'registry',
      body: decodeInstancesRequest,
      schema: instancesRequestSchema,
      handle: (request, context) => {
        requireServiceScope(context.caller, request.instances);
        return engine.registry.execute(operation, request, clientOf(context));
      },
    }),
  );
}

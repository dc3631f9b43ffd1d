import { decodeInstancesRequest, instancesRequestSchema, Paths, RegistryOperation } from '@artemis/core';
import type { ArtemisEngine } from '@artemis/server';
import { clientOf } from '../http/client-key.js';
import { defineRoute, type JsonRoute } from '../http/json-route.js';

/** `register.json`, `heartbeat.json`, `unregister.json` (java-reference §3.1). */
export function registryRoutes(engine: ArtemisEngine): JsonRoute[] {
  return Object.values(RegistryOperation).map((operation) =>
    defineRoute({
      path: Paths.registry[operation],
      operation,
      body: decodeInstancesRequest,
      schema: instancesRequestSchema,
      handle: (request, context) => engine.registry.execute(operation, request, clientOf(context)),
    }),
  );
}

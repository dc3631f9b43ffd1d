import {
  decode,
  instanceDownRequestSchema,
  instanceOperationsRequestSchema,
  managementServiceRequestSchema,
  operateInstanceRequestSchema,
  operateServerRequestSchema,
  Paths,
  regionRequestSchema,
  regionZoneRequestSchema,
  serverKeyRequestSchema,
} from '@artemis/core';
import type { ArtemisManagement } from '@artemis/management';
import { defineRoute, queryParam, type JsonRoute } from '../../http/json-route.js';

/** `/api/management/*.json` (java-reference §3.6): instance and server operations, and the management view. */
export function managementCoreRoutes(management: ArtemisManagement): JsonRoute[] {
  const { instances, view } = management;
  const paths = Paths.management;
  const regionQuery = (query: URLSearchParams) => decode(regionRequestSchema, { regionId: queryParam(query, 'regionId') });
  return [
    defineRoute({ path: paths.operateInstance, operation: 'operate-instance', body: operateInstanceRequestSchema, handle: (r) => instances.operateInstance(r) }),
    defineRoute({ path: paths.operateServer, operation: 'operate-server', body: operateServerRequestSchema, handle: (r) => instances.operateServer(r) }),
    defineRoute({ path: paths.instanceOperations, operation: 'instance-operations', body: instanceOperationsRequestSchema, handle: (r) => instances.instanceOperations(r) }),
    defineRoute({ path: paths.serverOperations, operation: 'server-operations', body: serverKeyRequestSchema, handle: (r) => instances.serverOperations(r) }),
    defineRoute({
      path: paths.allInstanceOperations,
      operation: 'all-instance-operations',
      body: regionRequestSchema,
      query: regionQuery,
      handle: (r) => instances.allInstanceOperations(r),
    }),
    defineRoute({
      path: paths.allServerOperations,
      operation: 'all-server-operations',
      body: regionRequestSchema,
      query: regionQuery,
      handle: (r) => instances.allServerOperations(r),
    }),
    defineRoute({ path: paths.instanceDown, operation: 'instance-down', body: instanceDownRequestSchema, handle: (r) => instances.instanceDown(r) }),
    defineRoute({ path: paths.serverDown, operation: 'server-down', body: serverKeyRequestSchema, handle: (r) => instances.serverDown(r) }),
    defineRoute({
      path: paths.services,
      operation: 'management-services',
      body: regionZoneRequestSchema,
      query: (query) => decode(regionZoneRequestSchema, { regionId: queryParam(query, 'regionId'), zoneId: queryParam(query, 'zoneId') }),
      handle: () => view.services(),
    }),
    defineRoute({ path: paths.service, operation: 'management-service', body: managementServiceRequestSchema, handle: (r) => view.service(r) }),
  ];
}

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

/** `/api/management/*.json` (docs/java-reference.md §3.6): instance and server operations, and the management view. */
export function managementCoreRoutes(management: ArtemisManagement): JsonRoute[] {
  const { instances, view } = management;
  const paths = Paths.management;
  const regionQuery = (query: URLSearchParams) => decode(regionRequestSchema, { regionId: queryParam(query, 'regionId') });
  return [
    defineRoute({ path: paths.operateInstance, operation: 'operate-instance', access: 'operator', body: operateInstanceRequestSchema, handle: (r) => instances.operateInstance(r) }),
    defineRoute({ path: paths.operateServer, operation: 'operate-server', access: 'operator', body: operateServerRequestSchema, handle: (r) => instances.operateServer(r) }),
    defineRoute({ path: paths.instanceOperations, operation: 'instance-operations', access: 'viewer', body: instanceOperationsRequestSchema, handle: (r) => instances.instanceOperations(r) }),
    defineRoute({ path: paths.serverOperations, operation: 'server-operations', access: 'viewer', body: serverKeyRequestSchema, handle: (r) => instances.serverOperations(r) }),
    defineRoute({
      path: paths.allInstanceOperations,
      operation: 'all-instance-operations', access: 'viewer',
      body: regionRequestSchema,
      query: regionQuery,
      handle: (r) => instances.allInstanceOperations(r),
    }),
    defineRoute({
      path: paths.allServerOperations,
      operation: 'all-server-operations', access: 'viewer',
      body: regionRequestSchema,
      query: regionQuery,
      handle: (r) => instances.allServerOperations(r),
    }),
    defineRoute({ path: paths.instanceDown, operation: 'instance-down', access: 'viewer', body: instanceDownRequestSchema, handle: (r) => instances.instanceDown(r) }),
    defineRoute({ path: paths.serverDown, operation: 'server-down', access: 'viewer', body: serverKeyRequestSchema, handle: (r) => instances.serverDown(r) }),
    defineRoute({
      path: paths.services,
      operation: 'management-services', access: 'viewer',
      body: regionZoneRequestSchema,
      query: (query) => decode(regionZoneRequestSchema, { regionId: queryParam(query, 'regionId'), zoneId: queryParam(query, 'zoneId') }),
      handle: () => view.services(),
    }),
    defineRoute({ path: paths.service, operation: 'management-service', access: 'viewer', body: managementServiceRequestSchema, handle: (r) => view.service(r) }),
  ];
}

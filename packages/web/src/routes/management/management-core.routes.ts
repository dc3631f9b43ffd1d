import {
  allInstanceOperationsResponseSchema,
  allServerOperationsResponseSchema,
  decode,
  downResponseSchema,
  getServicesResponseSchema,
  instanceDownRequestSchema,
  instanceOperationsRequestSchema,
  instanceOperationsResponseSchema,
  managementServiceRequestSchema,
  managementServiceResponseSchema,
  operateInstanceRequestSchema,
  operateServerRequestSchema,
  Paths,
  regionRequestSchema,
  regionZoneRequestSchema,
  serverKeyRequestSchema,
  serverOperationsResponseSchema,
  statusResponseSchema,
} from '@artemis/core';
import type { ArtemisManagement } from '@artemis/management';
import { defineRoute, queryParam, type JsonRoute } from '../../http/json-route.js';

/** `/api/management/*.json` (docs/java-reference.md §3.6): instance and server operations, and the management view. */
export function managementCoreRoutes(management: ArtemisManagement): JsonRoute[] {
  const { instances, view } = management;
  const paths = Paths.management;
  const regionQuery = (query: URLSearchParams) => decode(regionRequestSchema, { regionId: queryParam(query, 'regionId') });
  return [
    defineRoute({ path: paths.operateInstance, operation: 'operate-instance', access: 'operator', body: operateInstanceRequestSchema, response: statusResponseSchema, handle: (r) => instances.operateInstance(r) }),
    defineRoute({ path: paths.operateServer, operation: 'operate-server', access: 'operator', body: operateServerRequestSchema, response: statusResponseSchema, handle: (r) => instances.operateServer(r) }),
    defineRoute({ path: paths.instanceOperations, operation: 'instance-operations', access: 'viewer', body: instanceOperationsRequestSchema, response: instanceOperationsResponseSchema, handle: (r) => instances.instanceOperations(r) }),
    defineRoute({ path: paths.serverOperations, operation: 'server-operations', access: 'viewer', body: serverKeyRequestSchema, response: serverOperationsResponseSchema, handle: (r) => instances.serverOperations(r) }),
    defineRoute({
      path: paths.allInstanceOperations,
      operation: 'all-instance-operations', access: 'viewer',
      body: regionRequestSchema,
      query: regionQuery,
      response: allInstanceOperationsResponseSchema,
      handle: (r) => instances.allInstanceOperations(r),
    }),
    defineRoute({
      path: paths.allServerOperations,
      operation: 'all-server-operations', access: 'viewer',
      body: regionRequestSchema,
      query: regionQuery,
      response: allServerOperationsResponseSchema,
      handle: (r) => instances.allServerOperations(r),
    }),
    defineRoute({ path: paths.instanceDown, operation: 'instance-down', access: 'viewer', body: instanceDownRequestSchema, response: downResponseSchema, handle: (r) => instances.instanceDown(r) }),
    defineRoute({ path: paths.serverDown, operation: 'server-down', access: 'viewer', body: serverKeyRequestSchema, response: downResponseSchema, handle: (r) => instances.serverDown(r) }),
    defineRoute({
      path: paths.services,
      operation: 'management-services', access: 'viewer',
      body: regionZoneRequestSchema,
      query: (query) => decode(regionZoneRequestSchema, { regionId: queryParam(query, 'regionId'), zoneId: queryParam(query, 'zoneId') }),
      response: getServicesResponseSchema,
      handle: () => view.services(),
    }),
    defineRoute({ path: paths.service, operation: 'management-service', access: 'viewer', body: managementServiceRequestSchema, response: managementServiceResponseSchema, handle: (r) => view.service(r) }),
  ];
}

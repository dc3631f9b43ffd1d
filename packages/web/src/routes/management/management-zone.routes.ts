import {
  allZoneOperationsResponseSchema,
  downResponseSchema,
  getZoneOperationsListRequestSchema,
  operateZoneOperationsRequestSchema,
  Paths,
  regionRequestSchema,
  statusResponseSchema,
  updateCanaryIpsRequestSchema,
  zoneKeyRequestSchema,
  zoneOperationsListResponseSchema,
  zoneOperationsResponseSchema,
} from '@artemis/core';
import type { ArtemisManagement } from '@artemis/management';
import { defineRoute, type JsonRoute } from '../../http/json-route.js';

/** `/api/management/zone/*.json` (docs/java-reference.md §3.8) and `/api/management/canary/update-canary-ips.json` (§3.9). */
export function managementZoneRoutes(management: ArtemisManagement): JsonRoute[] {
  const { zones, canary } = management;
  const p = Paths.management.zone;
  return [
    defineRoute({ path: p.operateZoneOperations, operation: 'operate-zone-operations', access: 'operator', body: operateZoneOperationsRequestSchema, response: statusResponseSchema, handle: (r) => zones.operateZoneOperations(r) }),
    defineRoute({ path: p.getAllZoneOperations, operation: 'get-all-zone-operations', access: 'viewer', body: regionRequestSchema, response: allZoneOperationsResponseSchema, handle: () => zones.allZoneOperations() }),
    defineRoute({ path: p.getZoneOperations, operation: 'get-zone-operations', access: 'viewer', body: zoneKeyRequestSchema, response: zoneOperationsResponseSchema, handle: (r) => zones.zoneOperations(r) }),
    defineRoute({ path: p.getZoneOperationsList, operation: 'get-zone-operations-list', access: 'viewer', body: getZoneOperationsListRequestSchema, response: zoneOperationsListResponseSchema, handle: (r) => zones.zoneOperationsList(r) }),
    defineRoute({ path: p.isZoneDown, operation: 'is-zone-down', access: 'viewer', body: zoneKeyRequestSchema, response: downResponseSchema, handle: (r) => zones.isZoneDown(r) }),
    defineRoute({ path: Paths.management.canary.updateCanaryIps, operation: 'update-canary-ips', access: 'operator', body: updateCanaryIpsRequestSchema, response: statusResponseSchema, handle: (r) => canary.updateCanaryIps(r) }),
  ];
}

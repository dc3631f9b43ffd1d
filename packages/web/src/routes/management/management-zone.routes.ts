import {
  getZoneOperationsListRequestSchema,
  operateZoneOperationsRequestSchema,
  Paths,
  regionRequestSchema,
  updateCanaryIpsRequestSchema,
  zoneKeyRequestSchema,
} from '@artemis/core';
import type { ArtemisManagement } from '@artemis/management';
import { defineRoute, type JsonRoute } from '../../http/json-route.js';

/** `/api/management/zone/*.json` (docs/java-reference.md §3.8) and `/api/management/canary/update-canary-ips.json` (§3.9). */
export function managementZoneRoutes(management: ArtemisManagement): JsonRoute[] {
  const { zones, canary } = management;
  const p = Paths.management.zone;
  return [
    defineRoute({ path: p.operateZoneOperations, operation: 'operate-zone-operations', access: 'operator', body: operateZoneOperationsRequestSchema, handle: (r) => zones.operateZoneOperations(r) }),
    defineRoute({ path: p.getAllZoneOperations, operation: 'get-all-zone-operations', access: 'viewer', body: regionRequestSchema, handle: () => zones.allZoneOperations() }),
    defineRoute({ path: p.getZoneOperations, operation: 'get-zone-operations', access: 'viewer', body: zoneKeyRequestSchema, handle: (r) => zones.zoneOperations(r) }),
    defineRoute({ path: p.getZoneOperationsList, operation: 'get-zone-operations-list', access: 'viewer', body: getZoneOperationsListRequestSchema, handle: (r) => zones.zoneOperationsList(r) }),
    defineRoute({ path: p.isZoneDown, operation: 'is-zone-down', access: 'viewer', body: zoneKeyRequestSchema, handle: (r) => zones.isZoneDown(r) }),
    defineRoute({ path: Paths.management.canary.updateCanaryIps, operation: 'update-canary-ips', access: 'operator', body: updateCanaryIpsRequestSchema, handle: (r) => canary.updateCanaryIps(r) }),
  ];
}

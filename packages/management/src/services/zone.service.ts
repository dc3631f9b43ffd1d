import {
  isBlank,
  SUCCESS,
  type AllZoneOperationsResponse,
  type DownResponse,
  type GetZoneOperationsListRequest,
  type OperateZoneOperationsRequest,
  type StatusResponse,
  type ZoneKey,
  type ZoneKeyRequest,
  type ZoneOperations,
  type ZoneOperationsListResponse,
  type ZoneOperationsResponse,
} from '@artemis/core';
import { deleteZoneOperations, insertZoneOperationLogs, insertZoneOperations, selectZoneOperations, type ZoneOperationInput } from '../repositories/zone-operation.repository.js';
import { zoneIdentity } from '../snapshot/management-snapshot.js';
import type { ManagementStore } from './management-store.js';
import { badRequest, requireList, requireText, writeContext } from './validation.js';

/** Zone operations (docs/java-reference.md §3.8): an operation on (service, region, zone) pulls the zone's instances out. */
export class ZoneService {
  constructor(private readonly store: ManagementStore) {}

  /** `operate-zone-operations.json`: records (complete=false) or completes zone operations. */
  async operateZoneOperations(request: OperateZoneOperationsRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request, 'operate-zone-operations');
    const operations: ZoneOperationInput[] = [];
    requireList(request.zoneOperationsList, 'zoneOperationsList').forEach((entry, i) => {
      const path = `zoneOperationsList[${i}].zoneKey`;
      const key = { serviceId: requireText(entry.zoneKey.serviceId, `${path}.serviceId`), regionId: requireText(entry.zoneKey.regionId, `${path}.regionId`), zoneId: requireText(entry.zoneKey.zoneId, `${path}.zoneId`) };
      for (const operation of entry.operations) if (!isBlank(operation)) operations.push({ ...key, operation: operation.trim() });
    });
    if (operations.length === 0) throw badRequest('zoneOperationsList has no operations');
    await this.store.write('operate zone-operations', async (tx) => {
      if (request.operationComplete) await deleteZoneOperations(tx, operations);
      else await insertZoneOperations(tx, operations);
      await insertZoneOperationLogs(
        tx,
        operations.map((o) => ({ ...context, service_id: o.serviceId, region_id: o.regionId, zone_id: o.zoneId, operation: o.operation, complete: request.operationComplete })),
      );
    });
    return { responseStatus: SUCCESS };
  }

  /** `get-all-zone-operations.json`. */
  allZoneOperations(): AllZoneOperationsResponse {
    return { allZoneOperations: this.store.snapshot.allZoneOperations(), responseStatus: SUCCESS };
  }

  /** `get-zone-operations.json`: the operations of one zone, or null. */
  zoneOperations(request: ZoneKeyRequest): ZoneOperationsResponse {
    if (request.zoneKey === null) throw badRequest('request.zoneKey is null');
    return { operations: this.store.snapshot.zoneOperations(request.zoneKey), responseStatus: SUCCESS };
  }

  /** `get-zone-operations-list.json`: zone operations matching every given field, from the database. */
  async zoneOperationsList(request: GetZoneOperationsListRequest): Promise<ZoneOperationsListResponse> {
    const rows = await this.store.read('get zone-operations-list', (db) => selectZoneOperations(db, request));
    const byZone = new Map<string, ZoneOperations>();
    for (const row of rows) {
      const zoneKey: ZoneKey = { regionId: row.region_id, serviceId: row.service_id, zoneId: row.zone_id };
      const entry = byZone.get(zoneIdentity(zoneKey));
      if (entry === undefined) byZone.set(zoneIdentity(zoneKey), { operations: [row.operation], zoneKey });
      else (entry.operations as string[]).push(row.operation);
    }
    return { responseStatus: SUCCESS, zoneOperationsList: [...byZone.values()] };
  }

  /** `is-zone-down.json`: whether the zone has an operation. */
  isZoneDown(request: ZoneKeyRequest): DownResponse {
    if (request.zoneKey === null) throw badRequest('request.zoneKey is null');
    return { down: this.store.snapshot.zoneOperations(request.zoneKey) !== null, responseStatus: SUCCESS };
  }
}

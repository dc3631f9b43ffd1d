import {
  Paths,
  type AllZoneOperationsResponse,
  type DownResponse,
  type StatusResponse,
  type ZoneKey,
  type ZoneOperations,
  type ZoneOperationsListResponse,
  type ZoneOperationsResponse,
} from '@artemis/core';
import type { AdminTransport } from './admin-transport.js';
import { operationContext, type WriteContext } from './write-context.js';

const Z = Paths.management.zone;

/** Zone pull-outs (`/api/management/zone/`). */
export class ZonesApi {
  constructor(
    private readonly transport: AdminTransport,
    private readonly defaults: WriteContext,
  ) {}

  /** Records (pull-out) or with `complete` removes (pull-in) operations on zones of services. */
  operate(zoneOperationsList: readonly ZoneOperations[], complete: boolean, context?: WriteContext): Promise<StatusResponse> {
    return this.transport.call(Z.operateZoneOperations, { ...operationContext(this.defaults, context, 'pullout'), operationComplete: complete, zoneOperationsList }, 'write');
  }

  /** Every zone operation of a region, or of all regions when null (snapshot). */
  all(regionId: string | null = null): Promise<AllZoneOperationsResponse> {
    return this.transport.call(Z.getAllZoneOperations, { regionId }, 'read');
  }

  get(zoneKey: ZoneKey): Promise<ZoneOperationsResponse> {
    return this.transport.call(Z.getZoneOperations, { zoneKey }, 'read');
  }

  /** Zone operations matching the given fields (queries the database). */
  list(filter: Partial<ZoneKey>): Promise<ZoneOperationsListResponse> {
    return this.transport.call(Z.getZoneOperationsList, { regionId: filter.regionId ?? null, serviceId: filter.serviceId ?? null, zoneId: filter.zoneId ?? null }, 'read');
  }

  isDown(zoneKey: ZoneKey): Promise<DownResponse> {
    return this.transport.call(Z.isZoneDown, { zoneKey }, 'read');
  }
}

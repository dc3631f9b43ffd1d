import { Paths, type StatusResponse } from '@artemis/core';
import type { AdminTransport } from './admin-transport.js';
import { operationContext, type WriteContext } from './write-context.js';

/** Canary IP lists (`/api/management/canary/`). */
export class CanaryApi {
  constructor(
    private readonly transport: AdminTransport,
    private readonly defaults: WriteContext,
  ) {}

  /** Makes the canary group of `appId` in `serviceId` hold exactly `canaryIps` (an empty list clears it). */
  setIps(serviceId: string, appId: string, canaryIps: readonly string[], context?: WriteContext): Promise<StatusResponse> {
    return this.transport.call(Paths.management.canary.updateCanaryIps, { ...operationContext(this.defaults, context, 'canary'), appId, canaryIps, serviceId }, 'write');
  }
}

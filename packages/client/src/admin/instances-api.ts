import {
  Paths,
  type AllInstanceOperationsResponse,
  type AllServerOperationsResponse,
  type DownResponse,
  type GetServicesResponse,
  type Instance,
  type InstanceKey,
  type InstanceOperationsResponse,
  type ManagementServiceResponse,
  type ServerKey,
  type ServerOperationsResponse,
  type StatusResponse,
} from '@artemis/core';
import type { AdminTransport } from './admin-transport.js';
import { operationContext, type WriteContext } from './write-context.js';

/** Services as operators see them, and pull-outs of instances and servers (`/api/management/`). */
export class InstancesApi {
  constructor(
    private readonly transport: AdminTransport,
    private readonly defaults: WriteContext,
  ) {}

  /** Every service with every registered instance, hidden ones shown with status `down`. */
  services(): Promise<GetServicesResponse> {
    return this.transport.call(Paths.management.services, { regionId: null, zoneId: null }, 'read');
  }

  /** One service as operators see it, with all its groups. */
  service(serviceId: string, regionId: string | null = null, zoneId: string | null = null): Promise<ManagementServiceResponse> {
    return this.transport.call(Paths.management.service, { regionId, serviceId, zoneId }, 'read');
  }

  /** Records an operation on an instance (pull-out), or with `complete` removes it (pull-in). */
  operateInstance(instanceKey: InstanceKey, complete: boolean, context?: WriteContext): Promise<StatusResponse> {
    const { operation, operatorId } = operationContext(this.defaults, context, 'pullout');
    return this.transport.call(Paths.management.operateInstance, { instanceKey, operation, operationComplete: complete, operatorId, token: null }, 'write');
  }

  /** Records an operation on every instance of an IP in a region, or with `complete` removes it. */
  operateServer(serverKey: ServerKey, complete: boolean, context?: WriteContext): Promise<StatusResponse> {
    const { operation, operatorId } = operationContext(this.defaults, context, 'pullout');
    return this.transport.call(Paths.management.operateServer, { operation, operationComplete: complete, operatorId, serverKey, token: null }, 'write');
  }

  instanceOperations(instanceKey: InstanceKey): Promise<InstanceOperationsResponse> {
    return this.transport.call(Paths.management.instanceOperations, { instanceKey }, 'read');
  }

  serverOperations(serverKey: ServerKey): Promise<ServerOperationsResponse> {
    return this.transport.call(Paths.management.serverOperations, { serverKey }, 'read');
  }

  /** Every instance operation of a region, or of all regions when null. */
  allInstanceOperations(regionId: string | null = null): Promise<AllInstanceOperationsResponse> {
    return this.transport.call(Paths.management.allInstanceOperations, { regionId }, 'read');
  }

  /** Every server operation of a region, or of all regions when null. */
  allServerOperations(regionId: string | null = null): Promise<AllServerOperationsResponse> {
    return this.transport.call(Paths.management.allServerOperations, { regionId }, 'read');
  }

  /** True when any instance, server, zone or group operation hides the instance. */
  instanceDown(instance: Instance): Promise<DownResponse> {
    return this.transport.call(Paths.management.instanceDown, { instance }, 'read');
  }

  serverDown(serverKey: ServerKey): Promise<DownResponse> {
    return this.transport.call(Paths.management.serverDown, { serverKey }, 'read');
  }
}

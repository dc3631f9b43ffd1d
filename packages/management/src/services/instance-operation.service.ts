import {
  SUCCESS,
  type AllInstanceOperationsResponse,
  type AllServerOperationsResponse,
  type DownResponse,
  type InstanceDownRequest,
  type InstanceOperationsRequest,
  type InstanceOperationsResponse,
  type OperateInstanceRequest,
  type OperateServerRequest,
  type RegionRequest,
  type ServerKeyRequest,
  type ServerOperationsResponse,
  type StatusResponse,
} from '@artemis/core';
import {
  deleteInstanceOperations,
  insertInstanceOperationLogs,
  upsertInstanceOperations,
  type InstanceOperationInput,
} from '../repositories/instance-operation.repository.js';
import { deleteServerOperations, insertServerOperationLogs, upsertServerOperations, type ServerOperationInput } from '../repositories/server-operation.repository.js';
import type { ManagementStore } from './management-store.js';
import { badRequest, optionalText, requireText } from './validation.js';

/**
 * Pull-out and pull-in of instances and servers (docs/java-reference.md §3.6): an operation recorded
 * on an instance key or a server (region + IP) hides the matching instances from discovery
 * until the operation is completed.
 *
 * @example
 * ```ts
 * await management.instances.operateInstance({ instanceKey: { regionId: 'eu', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
 * ```
 */
export class InstanceOperationService {
  constructor(private readonly store: ManagementStore) {}

  /** `operate-instance.json`: records (complete=false) or completes (true) an operation on an instance. */
  async operateInstance(request: OperateInstanceRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    if (request.instanceKey === null) throw badRequest('instanceKey is null');
    const operation: InstanceOperationInput = {
      regionId: requireText(request.instanceKey.regionId, 'regionId'),
      serviceId: requireText(request.instanceKey.serviceId, 'serviceId'),
      instanceId: requireText(request.instanceKey.instanceId, 'instanceId'),
      operation: requireText(request.operation, 'operation'),
      operatorId: requireText(request.operatorId, 'operatorId'),
      // Never stored: see writeContext.
      token: '',
    };
    await this.store.write('Update instance', async (tx) => {
      if (request.operationComplete) await deleteInstanceOperations(tx, [operation]);
      else await upsertInstanceOperations(tx, [operation]);
      await insertInstanceOperationLogs(tx, [
        {
          region_id: operation.regionId,
          service_id: operation.serviceId,
          instance_id: operation.instanceId,
          operation: operation.operation,
          operator_id: operation.operatorId,
          operator_note: optionalText(request.operatorNote),
          token: operation.token,
          complete: request.operationComplete,
        },
      ]);
    });
    return { responseStatus: SUCCESS };
  }

  /** `operate-server.json`: records or completes an operation on a server (an IP of a region). */
  async operateServer(request: OperateServerRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    if (request.serverKey === null) throw badRequest('serverKey is null');
    const operation: ServerOperationInput = {
      regionId: requireText(request.serverKey.regionId, 'regionId'),
      serverId: requireText(request.serverKey.serverId, 'serverId'),
      operation: requireText(request.operation, 'operation'),
      operatorId: requireText(request.operatorId, 'operatorId'),
      // Never stored: see writeContext.
      token: '',
    };
    await this.store.write('Update server', async (tx) => {
      if (request.operationComplete) await deleteServerOperations(tx, [operation]);
      else await upsertServerOperations(tx, [operation]);
      await insertServerOperationLogs(tx, [
        {
          region_id: operation.regionId,
          server_id: operation.serverId,
          operation: operation.operation,
          operator_id: operation.operatorId,
          operator_note: optionalText(request.operatorNote),
          token: operation.token,
          complete: request.operationComplete,
        },
      ]);
    });
    return { responseStatus: SUCCESS };
  }

  /** `instance-operations.json`: the operations on one instance, or null. */
  instanceOperations(request: InstanceOperationsRequest): InstanceOperationsResponse {
    if (request.instanceKey === null) throw badRequest('request.instanceKey is null');
    return { operations: this.store.snapshot.instanceOperations(request.instanceKey), responseStatus: SUCCESS };
  }

  /** `server-operations.json`: the operations on one server, or null. */
  serverOperations(request: ServerKeyRequest): ServerOperationsResponse {
    if (request.serverKey === null) throw badRequest('request.serverKey is null');
    return { operations: this.store.snapshot.serverOperations(request.serverKey), responseStatus: SUCCESS };
  }

  /** `all-instance-operations.json`: every instance's operations, of one region when named. */
  allInstanceOperations(request: RegionRequest): AllInstanceOperationsResponse {
    return { allInstanceOperations: this.store.snapshot.allInstanceOperations(request.regionId), responseStatus: SUCCESS };
  }

  /** `all-server-operations.json`: every server's operations, of one region when named. */
  allServerOperations(request: RegionRequest): AllServerOperationsResponse {
    return { allServerOperations: this.store.snapshot.allServerOperations(request.regionId), responseStatus: SUCCESS };
  }

  /** `instance-down.json`: whether any operation hides the instance (docs/java-reference.md §8.1). */
  instanceDown(request: InstanceDownRequest): DownResponse {
    if (request.instance === null) throw badRequest('request.instance is null');
    return { down: this.store.snapshot.isInstanceDown(request.instance), responseStatus: SUCCESS };
  }

  /** `server-down.json`: whether the server has an operation. */
  serverDown(request: ServerKeyRequest): DownResponse {
    if (request.serverKey === null) throw badRequest('request.serverKey null');
    return { down: this.store.snapshot.serverOperations(request.serverKey) !== null, responseStatus: SUCCESS };
  }
}

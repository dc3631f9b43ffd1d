import {
  SUCCESS,
  type DeleteServiceInstancesRequest,
  type GetServiceInstancesRequest,
  type ServiceInstancesRequest,
  type ServiceInstancesResponse,
  type StatusResponse,
} from '@artemis/core';
import type { ServiceInstanceRow } from '../database/tables/service-instance.table.js';
import { orEmpty, toServiceInstance } from '../mappers/management.mappers.js';
import { deleteServiceInstancesByIds, insertServiceInstanceLogs, selectServiceInstances, upsertServiceInstances, type ServiceInstanceInput } from '../repositories/service-instance.repository.js';
import type { ManagementStore } from './management-store.js';
import { requireList, requireText, writeContext, type WriteContext } from './validation.js';

function logOf(context: WriteContext, row: ServiceInstanceRow) {
  return {
    ...context,
    service_id: row.service_id,
    instance_id: row.instance_id,
    ip: row.ip,
    machine_name: row.machine_name,
    metadata: row.metadata,
    port: row.port,
    protocol: row.protocol,
    region_id: row.region_id,
    zone_id: row.zone_id,
    group_id: row.group_id,
    health_check_url: row.health_check_url,
    url: row.url,
  };
}

/** Logical instances (docs/java-reference.md §3.7): instances defined in management, served as `logicInstances`. */
export class ServiceInstanceService {
  constructor(private readonly store: ManagementStore) {}

  /** `insert-service-instances.json`: upsert by (service, instanceId); metadata stored as JSON text. */
  async insertServiceInstances(request: ServiceInstancesRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const rows: ServiceInstanceInput[] = requireList(request.serviceInstances, 'serviceInstances').map((instance, i) => ({
      service_id: requireText(instance.serviceId, `serviceInstances[${i}].serviceId`),
      instance_id: requireText(instance.instanceId, `serviceInstances[${i}].instanceId`),
      ip: orEmpty(instance.ip),
      machine_name: orEmpty(instance.machineName),
      metadata: JSON.stringify(instance.metadata ?? {}),
      port: instance.port,
      protocol: orEmpty(instance.protocol),
      region_id: orEmpty(instance.regionId),
      zone_id: orEmpty(instance.zoneId),
      group_id: orEmpty(instance.groupId),
      health_check_url: orEmpty(instance.healthCheckUrl),
      url: orEmpty(instance.url),
      description: instance.description,
    }));
    await this.store.write('insert service instances', async (tx) => insertServiceInstanceLogs(tx, (await upsertServiceInstances(tx, rows)).map((row) => logOf(context, row))));
    return { responseStatus: SUCCESS };
  }

  /** `delete-service-instances.json`: by id. */
  async deleteServiceInstances(request: DeleteServiceInstancesRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const ids = requireList(request.serviceInstanceIds, 'serviceInstanceIds');
    await this.store.write('delete service instances', async (tx) => insertServiceInstanceLogs(tx, (await deleteServiceInstancesByIds(tx, ids)).map((row) => logOf(context, row))));
    return { responseStatus: SUCCESS };
  }

  /** `get-service-instances.json`: rows matching every given field. */
  async serviceInstances(request: GetServiceInstancesRequest): Promise<ServiceInstancesResponse> {
    const rows = await this.store.read('get service instances', (db) => selectServiceInstances(db, { serviceId: request.serviceId, instanceId: request.instanceId }));
    return { responseStatus: SUCCESS, serviceInstances: rows.map(toServiceInstance) };
  }
}

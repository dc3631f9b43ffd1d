import {
  InstanceStatus,
  isBlank,
  SUCCESS,
  type DiscoveryConfig,
  type GetServicesResponse,
  type Instance,
  type ManagementServiceRequest,
  type ManagementServiceResponse,
  type Service,
} from '@artemis/core';
import type { DiscoveryFilter, Lease, ServiceRecord } from '@artemis/server';
import type { ManagementStore } from './management-store.js';
import { badRequest } from './validation.js';

/**
 * The registry as operators see it (docs/java-reference.md §8.2): every registered instance with
 * status `down` when an operation hides it and `up` otherwise, its lease times in metadata
 * (`creationTime`, `renewalTime`, `ttl`, in ms), and the group filter's data. Hidden instances
 * are shown, not removed.
 */
export class ManagementViewService {
  constructor(
    private readonly store: ManagementStore,
    private readonly groupFilter: DiscoveryFilter,
  ) {}

  /** `services.json`: every registered service; `version` is the current time (ms). */
  services(): GetServicesResponse {
    const services: Service[] = [];
    for (const record of this.store.engine.store.records()) services.push(this.view(record.serviceId, record));
    return { responseStatus: SUCCESS, services, version: this.store.engine.clock.now() };
  }

  /** `service.json`: one service and every group of it. */
  service(request: ManagementServiceRequest): ManagementServiceResponse {
    if (isBlank(request.serviceId)) throw badRequest('Request is null or request.servcieId is null.');
    const record = this.store.engine.store.service(request.serviceId);
    return {
      groups: [...this.store.snapshot.serviceGroups(request.serviceId)],
      responseStatus: SUCCESS,
      service: this.view(record?.serviceId ?? request.serviceId, record),
    };
  }

  private view(serviceId: string, record: ServiceRecord | undefined): Service {
    const instances = record === undefined ? [] : [...record.leases.values()].map((lease) => this.instanceView(lease));
    const service: Service = { instances, logicInstances: [], metadata: null, routeRules: [], serviceId };
    const config: DiscoveryConfig = { discoveryData: null, regionId: null, serviceId, zoneId: null };
    return this.groupFilter.apply(service, config);
  }

  private instanceView(lease: Lease): Instance {
    const instance = lease.instance;
    return {
      ...instance,
      metadata: { ...instance.metadata, creationTime: String(lease.creationTime), renewalTime: String(lease.renewalTime), ttl: String(lease.ttlMs) },
      status: this.store.snapshot.isInstanceDown(instance) ? InstanceStatus.down : InstanceStatus.up,
    };
  }
}

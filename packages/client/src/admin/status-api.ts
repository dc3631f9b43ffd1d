import { Paths, type GetClusterStatusResponse, type GetConfigResponse, type GetDeploymentResponse, type GetLeasesResponse, type GetNodeStatusResponse, type GetServiceNodesResponse, type PushStatsResponse } from '@artemis/core';
import type { AdminTransport } from './admin-transport.js';

/** The status endpoints (`/api/status/*`) and the cluster's node lists (`/api/cluster/*`). */
export class StatusApi {
  constructor(private readonly transport: AdminTransport) {}

  /** The answering node's state. */
  node(): Promise<GetNodeStatusResponse> {
    return this.transport.call(Paths.status.node, {}, 'read');
  }

  /** Every node the answering node knows, itself included; peers carry last contact and replication. */
  cluster(): Promise<GetClusterStatusResponse> {
    return this.transport.call(Paths.status.cluster, {}, 'read');
  }

  /** Leases and self-preservation state; all services when `serviceIds` is empty. */
  leases(serviceIds: readonly string[] = []): Promise<GetLeasesResponse> {
    return this.transport.call(Paths.status.leases, { serviceIds: serviceIds.length === 0 ? null : serviceIds }, 'read');
  }

  /** The node's push channel counters (sessions, pushes, slow sessions cut). */
  push(): Promise<PushStatsResponse> {
    return this.transport.get(Paths.status.push);
  }

  /** The node's effective configuration, secrets redacted. */
  config(): Promise<GetConfigResponse> {
    return this.transport.call(Paths.status.config, {}, 'read');
  }

  /** Where and how the node is deployed. */
  deployment(): Promise<GetDeploymentResponse> {
    return this.transport.call(Paths.status.deployment, {}, 'read');
  }

  /** The nodes that serve registration in a region and zone. */
  upRegistryNodes(regionId: string | null = null, zoneId: string | null = null): Promise<GetServiceNodesResponse> {
    return this.transport.call(Paths.cluster.upRegistryNodes, { regionId, zoneId }, 'read');
  }

  /** The nodes that serve discovery in a region and zone. */
  upDiscoveryNodes(regionId: string | null = null, zoneId: string | null = null): Promise<GetServiceNodesResponse> {
    return this.transport.call(Paths.cluster.upDiscoveryNodes, { regionId, zoneId }, 'read');
  }
}

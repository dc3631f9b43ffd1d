import {
  describeInstance,
  RATE_LIMITED,
  serviceKeyOf,
  SUCCESS,
  type GetClusterStatusResponse,
  type GetConfigResponse,
  type GetDeploymentResponse,
  type GetLeasesRequest,
  type GetLeasesResponse,
  type GetNodeStatusResponse,
  type LeaseStatus,
} from '@artemis/core';
import type { ClusterService } from '../cluster/cluster-service.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { RegistryStore } from '../registry/registry-store.js';
import type { SelfPreservation } from '../registry/self-preservation.js';
import { formatLeaseTime } from './format-time.js';

/** What `deployment.json` and `config.json` report about this node. */
export interface NodeDescription {
  readonly appId: string;
  readonly ip: string;
  readonly machineName: string;
  readonly path: string;
  readonly port: number;
  readonly protocol: string;
  readonly regionId: string;
  readonly zoneId: string;
  /** The effective configuration, flattened to `key: value`, secrets redacted. */
  readonly properties: Readonly<Record<string, string>>;
  /** Where configuration came from, with its priority (higher wins). */
  readonly sources: Readonly<Record<string, number>>;
}

/** The status endpoints (docs/protocol.md); `client` names the caller for its fair share of the rate limit. */
export class StatusService {
  constructor(
    private readonly store: RegistryStore,
    private readonly safety: SelfPreservation,
    private readonly cluster: ClusterService,
    private readonly limiter: RateLimiter,
    private readonly describe: () => NodeDescription,
  ) {}

  /** `node.json`; never rate limited, peers poll it. */
  node(): GetNodeStatusResponse {
    return { nodeStatus: this.cluster.localStatus(), responseStatus: SUCCESS };
  }

  /** `cluster.json`: every node, this one included in `nodeCount`. */
  clusterStatus(client?: string): GetClusterStatusResponse {
    if (!this.limiter.tryAcquire('get-cluster', client)) return { nodeCount: 0, nodesStatus: null, responseStatus: RATE_LIMITED };
    const nodesStatus = this.cluster.nodesStatus();
    return { nodeCount: nodesStatus.length, nodesStatus, responseStatus: SUCCESS };
  }

  /** `leases.json` (or `legacy-leases.json`): live leases by service, and self-preservation. */
  leases(request: GetLeasesRequest, legacy = false, client?: string): GetLeasesResponse {
    if (!this.limiter.tryAcquire(legacy ? 'get-legacy-leases' : 'get-leases', client)) {
      return {
        isSafe: false,
        isSafeCheckEnabled: false,
        leaseCount: 0,
        leaseUpdateCountLastTimeWindow: 0,
        leaseUpdateMaxCount: 0,
        leaseUpdateMaxCountLastUpdateTime: 0,
        leases: null,
        responseStatus: RATE_LIMITED,
      };
    }
    const wanted = request.serviceIds !== null && request.serviceIds.length > 0 ? new Set(request.serviceIds.map(serviceKeyOf)) : null;
    const leases: Record<string, LeaseStatus[]> = {};
    let leaseCount = 0;
    for (const record of this.store.records()) {
      const listed = wanted === null || wanted.has(record.serviceKey);
      for (const lease of record.leases.values()) {
        if (lease.legacy !== legacy) continue;
        leaseCount += 1;
        if (!listed) continue;
        (leases[record.serviceId] ??= []).push({
          creationTime: formatLeaseTime(lease.creationTime),
          evitionTime: formatLeaseTime(lease.evictionTime),
          instance: describeInstance(lease.instance),
          renewalTime: formatLeaseTime(lease.renewalTime),
          ttl: lease.ttlMs,
        });
      }
    }
    const state = this.safety.state();
    return {
      isSafe: state.isSafe,
      isSafeCheckEnabled: state.enabled,
      leaseCount,
      leaseUpdateCountLastTimeWindow: state.renewalsInWindow,
      leaseUpdateMaxCount: state.maxCount,
      leaseUpdateMaxCountLastUpdateTime: state.maxCountLastUpdateTime,
      leases,
      responseStatus: SUCCESS,
      selfPreservation: {
        actual: state.renewalsInWindow,
        expected: state.maxCount,
        percentageThreshold: this.safety.options.percentageThreshold,
        windowMs: this.safety.options.windowMs,
        since: state.unsafeSince === 0 ? null : state.unsafeSince,
        reason: state.reason,
      },
    };
  }

  /** `config.json`: the effective configuration. */
  config(client?: string): GetConfigResponse {
    if (!this.limiter.tryAcquire('get-config', client)) return { properties: {}, responseStatus: RATE_LIMITED, sources: {} };
    const node = this.describe();
    return { properties: node.properties, responseStatus: SUCCESS, sources: node.sources };
  }

  /** `deployment.json`: who and where this node is. */
  deployment(client?: string): GetDeploymentResponse {
    if (!this.limiter.tryAcquire('get-deployment', client)) {
      return { appId: '', ip: '', machineName: '', path: '', port: 0, properties: {}, protocol: '', regionId: '', responseStatus: RATE_LIMITED, sources: {}, zoneId: '' };
    }
    const node = this.describe();
    return {
      appId: node.appId,
      ip: node.ip,
      machineName: node.machineName,
      path: node.path,
      port: node.port,
      properties: node.properties,
      protocol: node.protocol,
      regionId: node.regionId,
      responseStatus: SUCCESS,
      sources: node.sources,
      zoneId: node.zoneId,
    };
  }
}

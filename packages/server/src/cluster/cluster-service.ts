import {
  ErrorCode,
  failStatus,
  NodeState,
  RATE_LIMITED,
  SUCCESS,
  type GetServiceNodesRequest,
  type GetServiceNodesResponse,
  type ServiceNode,
  type ServiceNodeStatus,
} from '@artemis/core';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';

/** Identity and capabilities of the local node. */
export interface LocalNodeOptions {
  readonly regionId: string;
  readonly zoneId: string;
  /** The URL other nodes and clients reach this node at; set after listening when unknown. */
  readonly url: string;
  readonly allowRegistryFromOtherZone: boolean;
  readonly allowDiscoveryFromOtherZone: boolean;
}

/** Which capability a node list is for. */
export type NodeRole = 'registry' | 'discovery';

/**
 * The cluster as this node sees it, and the node's own state machine (docs/architecture.md).
 * A node without peers is UP at once; peers, status polling and bootstrap extend this class's
 * node list when peer replication is built.
 */
export class ClusterService {
  private url: string;
  private state: NodeState;
  private peerView: (() => ServiceNodeStatus[]) | null = null;

  constructor(
    private readonly options: LocalNodeOptions,
    private readonly limiter: RateLimiter,
  ) {
    this.url = options.url;
    this.state = NodeState.up;
  }

  /**
   * Moves the node to another state: `down` takes it out of service (force-down), `up` puts it
   * back. Registry and discovery calls are refused unless the node is up.
   */
  setState(state: NodeState): void {
    this.state = state;
  }

  /** Sets the advertised URL, once the listening port is known. */
  setLocalUrl(url: string): void {
    this.url = url.replace(/\/+$/, '');
  }

  /** The local node. */
  localNode(): ServiceNode {
    return { url: this.url, zone: { metadata: null, regionId: this.options.regionId, zoneId: this.options.zoneId } };
  }

  /** The local node's status, as `node.json` serves it. */
  localStatus(): ServiceNodeStatus {
    const up = this.state === NodeState.up;
    return {
      allowDiscoveryFromOtherZone: this.options.allowDiscoveryFromOtherZone,
      allowRegistryFromOtherZone: this.options.allowRegistryFromOtherZone,
      canServiceDiscovery: up,
      canServiceRegistry: up,
      node: this.localNode(),
      status: this.state,
    };
  }

  /** Every known node's status, the local one first. */
  nodesStatus(): ServiceNodeStatus[] {
    return this.peerView === null ? [this.localStatus()] : [this.localStatus(), ...this.peerView()];
  }

  /** Cluster: sets where the peers' statuses come from (docs/scale.md). */
  setPeerView(view: (() => ServiceNodeStatus[]) | null): void {
    this.peerView = view;
  }

  /** The node's state now. */
  currentState(): NodeState {
    return this.state;
  }

  /** True when this node accepts registry calls now. */
  canServeRegistry(): boolean {
    return this.state === NodeState.up;
  }

  /** True when this node answers discovery calls now. */
  canServeDiscovery(): boolean {
    return this.state === NodeState.up;
  }

  /** A short description of the node's state for "not in up state" messages. */
  describeState(): string {
    return JSON.stringify(this.localStatus());
  }

  /**
   * The nodes a client in (regionId, zoneId) may use for `role` (docs/protocol.md); a node
   * that allows other zones qualifies for any zone. `data-not-found` when none does.
   */
  upNodes(role: NodeRole, request: GetServiceNodesRequest, client?: string): GetServiceNodesResponse {
    if (!this.limiter.tryAcquire(role === 'registry' ? 'up-registry-nodes' : 'up-discovery-nodes', client)) {
      return { nodes: null, responseStatus: RATE_LIMITED };
    }
    const region = request.regionId?.toLowerCase();
    const zone = request.zoneId?.toLowerCase();
    const nodes: ServiceNode[] = [];
    for (const status of this.nodesStatus()) {
      const serves = role === 'registry' ? status.canServiceRegistry : status.canServiceDiscovery;
      if (status.node === null || serves !== true) continue;
      const otherZones = role === 'registry' ? status.allowRegistryFromOtherZone : status.allowDiscoveryFromOtherZone;
      const sameZone = status.node.zone.regionId?.toLowerCase() === region && status.node.zone.zoneId?.toLowerCase() === zone;
      if (otherZones === true || sameZone) nodes.push(status.node);
    }
    if (nodes.length === 0) return { nodes: null, responseStatus: failStatus(ErrorCode.dataNotFound, 'No available service nodes.') };
    return { nodes, responseStatus: SUCCESS };
  }
}

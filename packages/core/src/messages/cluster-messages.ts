import type { ServiceNode, ServiceNodeStatus } from '../model/service-node.js';
import type { ResponseStatus } from '../response-status.js';

/** Body of `up-registry-nodes.json` / `up-discovery-nodes.json`. */
export interface GetServiceNodesRequest {
  readonly regionId: string | null;
  readonly zoneId: string | null;
}

/** The nodes a client may use; `nodes` is null when none qualifies (`data-not-found`). */
export interface GetServiceNodesResponse {
  readonly nodes: readonly ServiceNode[] | null;
  readonly responseStatus: ResponseStatus;
}

/** Answer of `/api/status/node.json`. */
export interface GetNodeStatusResponse {
  readonly nodeStatus: ServiceNodeStatus;
  readonly responseStatus: ResponseStatus;
}

/** Answer of `/api/status/cluster.json`. `nodeCount` counts the answering node itself. */
export interface GetClusterStatusResponse {
  readonly nodeCount: number;
  readonly nodesStatus: readonly ServiceNodeStatus[] | null;
  readonly responseStatus: ResponseStatus;
}

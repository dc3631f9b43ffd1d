/**
 * Every REST path of the protocol, relative to a node's base URL (java-reference §3).
 *
 * @example
 * ```ts
 * import { Paths } from '@artemis/core';
 * await fetch(new URL(Paths.registry.heartbeat, 'http://127.0.0.1:8080'), { method: 'POST', body });
 * ```
 */
export const Paths = {
  registry: {
    register: '/api/registry/register.json',
    heartbeat: '/api/registry/heartbeat.json',
    unregister: '/api/registry/unregister.json',
  },
  discovery: {
    lookup: '/api/discovery/lookup.json',
    service: '/api/discovery/service.json',
    services: '/api/discovery/services.json',
    servicesDelta: '/api/discovery/services-delta.json',
  },
  cluster: {
    upRegistryNodes: '/api/cluster/up-registry-nodes.json',
    upDiscoveryNodes: '/api/cluster/up-discovery-nodes.json',
  },
  replication: {
    register: '/api/replication/registry/register.json',
    heartbeat: '/api/replication/registry/heartbeat.json',
    unregister: '/api/replication/registry/unregister.json',
    services: '/api/replication/registry/services.json',
  },
  status: {
    node: '/api/status/node.json',
    cluster: '/api/status/cluster.json',
    leases: '/api/status/leases.json',
    legacyLeases: '/api/status/legacy-leases.json',
    config: '/api/status/config.json',
    deployment: '/api/status/deployment.json',
    connections: '/api/status/message/connections.json',
    push: '/api/status/push.json',
  },
  health: {
    live: '/health/live',
    ready: '/health/ready',
  },
  ws: {
    heartbeat: '/ws/registry/heartbeat',
    instanceChange: '/ws/discovery/instance-change',
    allInstanceChange: '/ws/discovery/all-instance-change',
  },
} as const;

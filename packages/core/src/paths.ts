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
  management: {
    operateInstance: '/api/management/operate-instance.json',
    operateServer: '/api/management/operate-server.json',
    instanceOperations: '/api/management/instance-operations.json',
    serverOperations: '/api/management/server-operations.json',
    allInstanceOperations: '/api/management/all-instance-operations.json',
    allServerOperations: '/api/management/all-server-operations.json',
    instanceDown: '/api/management/instance-down.json',
    serverDown: '/api/management/server-down.json',
    services: '/api/management/services.json',
    service: '/api/management/service.json',
    group: {
      insertRouteRules: '/api/management/group/insert-route-rules.json',
      updateRouteRules: '/api/management/group/update-route-rules.json',
      deleteRouteRules: '/api/management/group/delete-route-rules.json',
      getAllRouteRules: '/api/management/group/get-all-route-rules.json',
      getRouteRules: '/api/management/group/get-route-rules.json',
      insertRouteRuleGroups: '/api/management/group/insert-route-rule-groups.json',
      updateRouteRuleGroups: '/api/management/group/update-route-rule-groups.json',
      releaseRouteRuleGroups: '/api/management/group/release-route-rule-groups.json',
      deleteRouteRuleGroups: '/api/management/group/delete-route-rule-groups.json',
      getAllRouteRuleGroups: '/api/management/group/get-all-route-rule-groups.json',
      getRouteRuleGroups: '/api/management/group/get-route-rule-groups.json',
      insertGroups: '/api/management/group/insert-groups.json',
      updateGroups: '/api/management/group/update-groups.json',
      deleteGroups: '/api/management/group/delete-groups.json',
      getAllGroups: '/api/management/group/get-all-groups.json',
      getGroups: '/api/management/group/get-groups.json',
      insertGroupTags: '/api/management/group/insert-group-tags.json',
      updateGroupTags: '/api/management/group/update-group-tags.json',
      deleteGroupTags: '/api/management/group/delete-group-tags.json',
      getAllGroupTags: '/api/management/group/get-all-group-tags.json',
      getGroupTags: '/api/management/group/get-group-tags.json',
      operateGroupOperations: '/api/management/group/operate-group-operations.json',
      operateGroupOperation: '/api/management/group/operate-group-operation.json',
      getAllGroupOperations: '/api/management/group/get-all-group-operations.json',
      getGroupOperations: '/api/management/group/get-group-operations.json',
      createRouteRule: '/api/management/group/create-route-rule.json',
      insertGroupInstances: '/api/management/group/insert-group-instances.json',
      deleteGroupInstances: '/api/management/group/delete-group-instances.json',
      getGroupInstances: '/api/management/group/get-group-instances.json',
      insertServiceInstances: '/api/management/group/insert-service-instances.json',
      deleteServiceInstances: '/api/management/group/delete-service-instances.json',
      getServiceInstances: '/api/management/group/get-service-instances.json',
    },
    zone: {
      operateZoneOperations: '/api/management/zone/operate-zone-operations.json',
      getAllZoneOperations: '/api/management/zone/get-all-zone-operations.json',
      getZoneOperations: '/api/management/zone/get-zone-operations.json',
      getZoneOperationsList: '/api/management/zone/get-zone-operations-list.json',
      isZoneDown: '/api/management/zone/is-zone-down.json',
    },
    canary: {
      updateCanaryIps: '/api/management/canary/update-canary-ips.json',
    },
    log: {
      instanceOperationLogs: '/api/management/log/instance-operation-logs.json',
      serverOperationLogs: '/api/management/log/server-operation-logs.json',
      groupOperationLogs: '/api/management/log/group-operation-logs.json',
      groupLogs: '/api/management/log/group-logs.json',
      routeRuleLogs: '/api/management/log/route-rule-logs.json',
      routeRuleGroupLogs: '/api/management/log/route-rule-group-logs.json',
      zoneOperationLogs: '/api/management/log/zone-operation-logs.json',
      groupInstanceLogs: '/api/management/log/group-instance-logs.json',
      serviceInstanceLogs: '/api/management/log/service-instance-logs.json',
    },
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

import { Paths } from '@artemis/core';
import { context } from './management-fixtures.js';

/** One management endpoint as the tests exercise it. */
export interface EndpointCase {
  readonly path: string;
  /** A valid body, answered with success on an empty database. */
  readonly body: Record<string, unknown>;
  /** The keys of the answer, in order. */
  readonly keys: readonly string[];
  /** A body with a field of the wrong JSON type, and the message it must get. */
  readonly wrongType: readonly [Record<string, unknown>, string];
  /** For writes: a body that parses but breaks a rule, and the message it must get. */
  readonly semantic?: readonly [Record<string, unknown>, string];
}

const status = ['responseStatus'];
const m = Paths.management;
const g = m.group;
const instanceKey = { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' };
const serverKey = { regionId: 'default', serverId: '10.0.0.1' };
const zoneKey = { regionId: 'default', serviceId: 'orders', zoneId: 'zone-a' };
const group = { appId: 'a', name: 'blue', regionId: 'default', serviceId: 'orders', status: 'active', zoneId: 'zone-a' };
const rule = { name: 'split', serviceId: 'orders', status: 'active' };

/** Every management endpoint (docs/java-reference.md §3.6-§3.10). */
export const endpointCases: readonly EndpointCase[] = [
  { path: m.operateInstance, body: { instanceKey, operation: 'pullout', operatorId: 'ops' }, keys: status, wrongType: [{ operationComplete: 'yes' }, 'operationComplete: Invalid input: expected boolean, received string'], semantic: [{ instanceKey, operatorId: 'ops' }, 'operation is null or empty'] },
  { path: m.operateServer, body: { serverKey, operation: 'pullout', operatorId: 'ops' }, keys: status, wrongType: [{ serverKey: 'x' }, 'serverKey: Invalid input: expected object, received string'], semantic: [{ serverKey: { regionId: 'default' }, operation: 'p', operatorId: 'o' }, 'serverId is null or empty'] },
  { path: m.instanceOperations, body: { instanceKey }, keys: ['operations', 'responseStatus'], wrongType: [{ instanceKey: [] }, 'instanceKey: Invalid input: expected object, received array'] },
  { path: m.serverOperations, body: { serverKey }, keys: ['operations', 'responseStatus'], wrongType: [{ serverKey: 1 }, 'serverKey: Invalid input: expected object, received number'] },
  { path: m.allInstanceOperations, body: { regionId: 'default' }, keys: ['allInstanceOperations', 'responseStatus'], wrongType: [{ regionId: 1 }, 'regionId: Invalid input: expected string, received number'] },
  { path: m.allServerOperations, body: {}, keys: ['allServerOperations', 'responseStatus'], wrongType: [{ regionId: true }, 'regionId: Invalid input: expected string, received boolean'] },
  { path: m.instanceDown, body: { instance: { ...instanceKey, zoneId: 'zone-a', ip: '10.0.0.1' } }, keys: ['down', 'responseStatus'], wrongType: [{ instance: { port: 'x' } }, 'instance.port: Invalid input: expected number, received string'] },
  { path: m.serverDown, body: { serverKey }, keys: ['down', 'responseStatus'], wrongType: [{ serverKey: { serverId: 5 } }, 'serverKey.serverId: Invalid input: expected string, received number'] },
  { path: m.services, body: {}, keys: ['responseStatus', 'services', 'version'], wrongType: [{ zoneId: [] }, 'zoneId: Invalid input: expected string, received array'] },
  { path: m.service, body: { serviceId: 'orders' }, keys: ['groups', 'responseStatus', 'service'], wrongType: [{ serviceId: {} }, 'serviceId: Invalid input: expected string, received object'] },
  { path: g.insertRouteRules, body: { ...context, routeRules: [rule] }, keys: status, wrongType: [{ routeRules: {} }, 'routeRules: Invalid input: expected array, received object'], semantic: [{ ...context, routeRules: [{ name: 'x', status: 'active' }] }, 'routeRules[0].serviceId is null or empty'] },
  { path: g.updateRouteRules, body: { ...context, routeRules: [rule] }, keys: status, wrongType: [{ routeRules: [{ routeRuleId: 'one' }] }, 'routeRules[0].routeRuleId: Invalid input: expected number, received string'], semantic: [{ ...context, operation: ' ', routeRules: [rule] }, 'operation is null or empty'] },
  { path: g.deleteRouteRules, body: { ...context, routeRuleIds: [1] }, keys: status, wrongType: [{ routeRuleIds: [1.5] }, 'routeRuleIds[0]: must be an integer'], semantic: [{ ...context, routeRuleIds: [] }, 'routeRuleIds is null or empty'] },
  { path: g.getAllRouteRules, body: {}, keys: ['responseStatus', 'routeRules'], wrongType: [{ regionId: 1 }, 'regionId: Invalid input: expected string, received number'] },
  { path: g.getRouteRules, body: { serviceId: 'orders' }, keys: ['responseStatus', 'routeRules'], wrongType: [{ routeRuleId: '1' }, 'routeRuleId: Invalid input: expected number, received string'] },
  { path: g.insertRouteRuleGroups, body: { ...context, routeRuleGroups: [{ routeRuleId: 1, groupId: 2, unreleasedWeight: 10 }] }, keys: status, wrongType: [{ routeRuleGroups: [{ unreleasedWeight: 'heavy' }] }, 'routeRuleGroups[0].unreleasedWeight: Invalid input: expected number, received string'], semantic: [{ ...context, routeRuleGroups: [{ groupId: 2 }] }, 'routeRuleGroups[0].routeRuleId is null'] },
  { path: g.updateRouteRuleGroups, body: { ...context, routeRuleGroups: [{ routeRuleId: 1, groupId: 2, unreleasedWeight: 10 }] }, keys: status, wrongType: [{ routeRuleGroups: 'x' }, 'routeRuleGroups: Invalid input: expected array, received string'], semantic: [{ ...context, routeRuleGroups: [{ routeRuleId: 1 }] }, 'routeRuleGroups[0].groupId is null'] },
  { path: g.releaseRouteRuleGroups, body: { ...context, routeRuleGroups: [{ routeRuleId: 1, groupId: 2 }] }, keys: status, wrongType: [{ routeRuleGroups: [{ groupId: true }] }, 'routeRuleGroups[0].groupId: Invalid input: expected number, received boolean'], semantic: [{ ...context, routeRuleGroups: null }, 'routeRuleGroups is null or empty'] },
  { path: g.deleteRouteRuleGroups, body: { ...context, routeRuleGroupIds: [1] }, keys: status, wrongType: [{ routeRuleGroupIds: ['1'] }, 'routeRuleGroupIds[0]: Invalid input: expected number, received string'], semantic: [{ ...context, routeRuleGroupIds: [] }, 'routeRuleGroupIds is null or empty'] },
  { path: g.getAllRouteRuleGroups, body: {}, keys: ['responseStatus', 'routeRuleGroups'], wrongType: [{ regionId: [] }, 'regionId: Invalid input: expected string, received array'] },
  { path: g.getRouteRuleGroups, body: { routeRuleId: 1 }, keys: ['responseStatus', 'routeRuleGroups'], wrongType: [{ groupId: 'x' }, 'groupId: Invalid input: expected number, received string'] },
  { path: g.insertGroups, body: { ...context, groups: [group] }, keys: status, wrongType: [{ groups: [{ metadata: [] }] }, 'groups[0].metadata: Invalid input: expected record, received array'], semantic: [{ ...context, groups: [{ ...group, appId: '' }] }, 'groups[0].appId is null or empty'] },
  { path: g.updateGroups, body: { ...context, groups: [group] }, keys: status, wrongType: [{ groups: [{ groupId: 'x' }] }, 'groups[0].groupId: Invalid input: expected number, received string'], semantic: [{ ...context, operation: null, groups: [group] }, 'operation is null or empty'] },
  { path: g.deleteGroups, body: { ...context, groupIds: [1] }, keys: status, wrongType: [{ groupIds: [-1] }, 'groupIds[0]: must not be negative'], semantic: [{ ...context }, 'groupIds is null or empty'] },
  { path: g.getAllGroups, body: {}, keys: ['groups', 'responseStatus'], wrongType: [{ regionId: 2 }, 'regionId: Invalid input: expected string, received number'] },
  { path: g.getGroups, body: { serviceId: 'orders' }, keys: ['groups', 'responseStatus'], wrongType: [{ groupId: 'x' }, 'groupId: Invalid input: expected number, received string'] },
  { path: g.insertGroupTags, body: { ...context, groupTagsList: [{ groupId: 1, tags: { a: 'b' } }] }, keys: status, wrongType: [{ groupTagsList: [{ tags: { a: 1 } }] }, 'groupTagsList[0].tags.a: Invalid input: expected string, received number'], semantic: [{ ...context, groupTagsList: [{ tags: {} }] }, 'groupTagsList[0].groupId is null'] },
  { path: g.updateGroupTags, body: { ...context, groupTagsList: [{ groupId: 1, tags: { a: 'c' } }] }, keys: status, wrongType: [{ groupTagsList: 1 }, 'groupTagsList: Invalid input: expected array, received number'], semantic: [{ ...context, groupTagsList: [] }, 'groupTagsList is null or empty'] },
  { path: g.deleteGroupTags, body: { ...context, groupId: 1 }, keys: status, wrongType: [{ tag: 1 }, 'tag: Invalid input: expected string, received number'], semantic: [{ ...context }, 'groupId, tag or value is required'] },
  { path: g.getAllGroupTags, body: {}, keys: ['allGroupTags', 'responseStatus'], wrongType: [{ regionId: 1 }, 'regionId: Invalid input: expected string, received number'] },
  { path: g.getGroupTags, body: { groupId: 1 }, keys: ['groupTags', 'responseStatus'], wrongType: [{ groupId: '1' }, 'groupId: Invalid input: expected number, received string'] },
  { path: g.operateGroupOperations, body: { ...context, groupOperationsList: [{ groupId: 1, operations: ['pullout'] }] }, keys: status, wrongType: [{ operationComplete: 1 }, 'operationComplete: Invalid input: expected boolean, received number'], semantic: [{ ...context, groupOperationsList: [{ operations: ['x'] }] }, 'groupOperationsList[0].groupId is null'] },
  { path: g.operateGroupOperation, body: { ...context, ...group, operation: 'pullout' }, keys: status, wrongType: [{ name: 1 }, 'name: Invalid input: expected string, received number'], semantic: [{ ...context, ...group, zoneId: null }, 'zoneId is null or empty'] },
  { path: g.getAllGroupOperations, body: {}, keys: ['allGroupOperations', 'responseStatus'], wrongType: [{ regionId: 1 }, 'regionId: Invalid input: expected string, received number'] },
  { path: g.getGroupOperations, body: { groupId: 1 }, keys: ['groupOperations', 'responseStatus'], wrongType: [{ groupId: [] }, 'groupId: Invalid input: expected number, received array'] },
  { path: g.createRouteRule, body: { ...context, routeRule: rule, groups: [{ ...group, weight: 10 }] }, keys: status, wrongType: [{ groups: [{ weight: '10' }] }, 'groups[0].weight: Invalid input: expected number, received string'], semantic: [{ ...context, routeRule: rule, groups: [{ ...group, serviceId: 'pay', weight: 1 }] }, 'groups[0].serviceId not equals to: orders'] },
  { path: g.insertGroupInstances, body: { ...context, groupInstances: [{ groupId: 1, instanceId: 'i' }] }, keys: status, wrongType: [{ groupInstances: [{ instanceId: 1 }] }, 'groupInstances[0].instanceId: Invalid input: expected string, received number'], semantic: [{ ...context, groupInstances: [{ groupId: 1 }] }, 'groupInstances[0].instanceId is null or empty'] },
  { path: g.deleteGroupInstances, body: { ...context, groupInstanceIds: [1] }, keys: status, wrongType: [{ groupInstanceIds: 1 }, 'groupInstanceIds: Invalid input: expected array, received number'], semantic: [{ ...context, groupInstanceIds: [] }, 'groupInstanceIds is null or empty'] },
  { path: g.getGroupInstances, body: { groupId: 1 }, keys: ['groupInstances', 'responseStatus'], wrongType: [{ instanceId: 1 }, 'instanceId: Invalid input: expected string, received number'] },
  { path: g.insertServiceInstances, body: { ...context, serviceInstances: [{ serviceId: 'orders', instanceId: 'l-1', port: 80 }] }, keys: status, wrongType: [{ serviceInstances: [{ port: 70000 }] }, 'serviceInstances[0].port: must be between 0 and 65535'], semantic: [{ ...context, serviceInstances: [{ serviceId: 'orders' }] }, 'serviceInstances[0].instanceId is null or empty'] },
  { path: g.deleteServiceInstances, body: { ...context, serviceInstanceIds: [1] }, keys: status, wrongType: [{ serviceInstanceIds: 'all' }, 'serviceInstanceIds: Invalid input: expected array, received string'], semantic: [{ ...context, serviceInstanceIds: [] }, 'serviceInstanceIds is null or empty'] },
  { path: g.getServiceInstances, body: { serviceId: 'orders' }, keys: ['responseStatus', 'serviceInstances'], wrongType: [{ serviceId: 1 }, 'serviceId: Invalid input: expected string, received number'] },
  { path: m.zone.operateZoneOperations, body: { ...context, zoneOperationsList: [{ zoneKey, operations: ['pullout'] }] }, keys: status, wrongType: [{ zoneOperationsList: [{ operations: 'x' }] }, 'zoneOperationsList[0].operations: Invalid input: expected array, received string'], semantic: [{ ...context, zoneOperationsList: [{ zoneKey: { ...zoneKey, zoneId: '' }, operations: ['p'] }] }, 'zoneOperationsList[0].zoneKey.zoneId is null or empty'] },
  { path: m.zone.getAllZoneOperations, body: {}, keys: ['allZoneOperations', 'responseStatus'], wrongType: [{ regionId: 1 }, 'regionId: Invalid input: expected string, received number'] },
  { path: m.zone.getZoneOperations, body: { zoneKey }, keys: ['operations', 'responseStatus'], wrongType: [{ zoneKey: 'z' }, 'zoneKey: Invalid input: expected object, received string'] },
  { path: m.zone.getZoneOperationsList, body: { serviceId: 'orders' }, keys: ['responseStatus', 'zoneOperationsList'], wrongType: [{ zoneId: 1 }, 'zoneId: Invalid input: expected string, received number'] },
  { path: m.zone.isZoneDown, body: { zoneKey }, keys: ['down', 'responseStatus'], wrongType: [{ zoneKey: { zoneId: 1 } }, 'zoneKey.zoneId: Invalid input: expected string, received number'] },
  { path: m.canary.updateCanaryIps, body: { ...context, appId: 'app', serviceId: 'orders', canaryIps: ['10.0.0.1'] }, keys: status, wrongType: [{ canaryIps: '10.0.0.1' }, 'canaryIps: Invalid input: expected array, received string'], semantic: [{ ...context, serviceId: 'orders', canaryIps: [] }, 'appId is null or empty'] },
  { path: m.log.instanceOperationLogs, body: { serviceId: 'orders' }, keys: ['logs', 'responseStatus'], wrongType: [{ complete: 'yes' }, 'complete: Invalid input: expected boolean, received string'] },
  { path: m.log.serverOperationLogs, body: {}, keys: ['logs', 'responseStatus'], wrongType: [{ limit: 0 }, 'limit: must be at least 1'] },
  { path: m.log.groupOperationLogs, body: { groupId: 1 }, keys: ['logs', 'responseStatus'], wrongType: [{ limit: 1001 }, 'limit: must be at most 1000'] },
  { path: m.log.groupLogs, body: {}, keys: ['logs', 'responseStatus'], wrongType: [{ offset: -1 }, 'offset: must not be negative'] },
  { path: m.log.routeRuleLogs, body: {}, keys: ['logs', 'responseStatus'], wrongType: [{ name: 1 }, 'name: Invalid input: expected string, received number'] },
  { path: m.log.routeRuleGroupLogs, body: {}, keys: ['logs', 'responseStatus'], wrongType: [{ routeRuleId: 'x' }, 'routeRuleId: Invalid input: expected number, received string'] },
  { path: m.log.zoneOperationLogs, body: {}, keys: ['logs', 'responseStatus'], wrongType: [{ zoneId: 1 }, 'zoneId: Invalid input: expected string, received number'] },
  { path: m.log.groupInstanceLogs, body: {}, keys: ['logs', 'responseStatus'], wrongType: [{ groupId: 'x' }, 'groupId: Invalid input: expected number, received string'] },
  { path: m.log.serviceInstanceLogs, body: {}, keys: ['logs', 'responseStatus'], wrongType: [{ limit: 'all' }, 'limit: Invalid input: expected number, received string'] },
];

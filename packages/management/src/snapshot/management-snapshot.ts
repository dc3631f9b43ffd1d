import {
  fixWeight,
  instanceIdentity,
  ManagementStatus,
  serviceKeyOf,
  type Group,
  type GroupOperations,
  type GroupTags,
  type Instance,
  type InstanceKey,
  type InstanceOperations,
  type RouteRule,
  type RouteRuleGroup,
  type ServerKey,
  type ServerOperations,
  type ServiceGroup,
  type ServiceRouteRule,
  type ZoneKey,
  type ZoneOperations,
} from '@artemis/core';
import { toGroup, toLogicalInstance, toRouteRuleGroup, toServiceRouteRule } from '../mappers/management.mappers.js';
import { groupKeyPath, instanceGroupPath, pathPrefixes } from './group-key-path.js';
import { EMPTY_ROWS, fingerprintOf, type SnapshotRows } from './snapshot-rows.js';

/** The map key of a server: region and IP, lowercased. */
export function serverIdentity(key: ServerKey): string {
  return `${String(key.regionId)}\u0000${String(key.serverId)}`.toLowerCase();
}

/** The map key of a zone of a service, lowercased. */
export function zoneIdentity(key: ZoneKey): string {
  return `${String(key.regionId)}\u0000${String(key.serviceId)}\u0000${String(key.zoneId)}`.toLowerCase();
}

function isActive(status: string): boolean {
  return status.toLowerCase() === ManagementStatus.active;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Management data as discovery needs it, built once per load and never changed: operations by
 * key, groups and their tags, members and operations, logical instances and the active route
 * rules per service. Discovery filters read it without touching the database. Every lookup is
 * case-insensitive (protocol.md §2).
 */
export class ManagementSnapshot {
  /** The content's fingerprint: equal fingerprints mean equal data. */
  readonly fingerprint: string;
  private readonly instanceOperationsByKey = new Map<string, InstanceOperations>();
  private readonly serverOperationsByKey = new Map<string, ServerOperations>();
  private readonly zoneOperationsByKey = new Map<string, ZoneOperations>();
  private readonly groupsById = new Map<number, Group>();
  private readonly groupOperationsById = new Map<number, GroupOperations>();
  private readonly groupTagsById = new Map<number, GroupTags>();
  private readonly downGroupKeys = new Set<string>();
  private readonly logicInstancesByService = new Map<string, Instance[]>();
  private readonly routeRulesByService = new Map<string, RouteRule[]>();
  private readonly groupsByService = new Map<string, ServiceGroup[]>();
  private readonly signaturesByService = new Map<string, string>();
  private readonly routeRuleList: ServiceRouteRule[];
  private readonly routeRuleGroupList: RouteRuleGroup[];

  constructor(readonly rows: SnapshotRows = EMPTY_ROWS) {
    this.fingerprint = fingerprintOf(rows);
    for (const row of rows.instanceOperations) {
      const key: InstanceKey = { instanceId: row.instance_id, regionId: row.region_id, serviceId: row.service_id };
      const entry = this.instanceOperationsByKey.get(instanceIdentity(key));
      if (entry === undefined) this.instanceOperationsByKey.set(instanceIdentity(key), { instanceKey: key, operations: [row.operation] });
      else (entry.operations as string[]).push(row.operation);
    }
    for (const row of rows.serverOperations) {
      const key: ServerKey = { regionId: row.region_id, serverId: row.server_id };
      const entry = this.serverOperationsByKey.get(serverIdentity(key));
      if (entry === undefined) this.serverOperationsByKey.set(serverIdentity(key), { operations: [row.operation], serverKey: key });
      else (entry.operations as string[]).push(row.operation);
    }
    for (const row of rows.zoneOperations) {
      const key: ZoneKey = { regionId: row.region_id, serviceId: row.service_id, zoneId: row.zone_id };
      const entry = this.zoneOperationsByKey.get(zoneIdentity(key));
      if (entry === undefined) this.zoneOperationsByKey.set(zoneIdentity(key), { operations: [row.operation], zoneKey: key });
      else (entry.operations as string[]).push(row.operation);
    }
    for (const row of rows.groups) this.groupsById.set(row.id, toGroup(row));
    for (const row of rows.groupOperations) {
      const entry = this.groupOperationsById.get(row.group_id);
      if (entry === undefined) this.groupOperationsById.set(row.group_id, { groupId: row.group_id, operations: [row.operation] });
      else (entry.operations as string[]).push(row.operation);
    }
    for (const [groupId] of this.groupOperationsById) {
      const group = this.groupsById.get(groupId);
      const path = group === undefined ? [] : groupKeyPath(group.groupKey ?? '');
      if (path.length > 0) this.downGroupKeys.add(path.join('/'));
    }
    for (const row of rows.groupTags) {
      const entry = this.groupTagsById.get(row.group_id);
      if (entry === undefined) this.groupTagsById.set(row.group_id, { groupId: row.group_id, tags: { [row.tag]: row.value } });
      else (entry.tags as Record<string, string>)[row.tag] = row.value;
    }
    const instanceIdsByGroup = new Map<number, string[]>();
    for (const row of rows.groupInstances) push(instanceIdsByGroup, row.group_id, row.instance_id);
    for (const row of rows.serviceInstances) push(this.logicInstancesByService, serviceKeyOf(row.service_id), toLogicalInstance(row));

    const serviceGroup = (groupId: number, group: Group, weight: number | null): ServiceGroup => ({
      groupKey: group.groupKey ?? '',
      instanceIds: instanceIdsByGroup.get(groupId) ?? [],
      instances: null,
      metadata: this.groupTagsById.get(groupId)?.tags ?? null,
      weight,
    });
    for (const [groupId, group] of this.groupsById) push(this.groupsByService, serviceKeyOf(group.serviceId ?? ''), serviceGroup(groupId, group, null));

    const membersByRule = new Map<number, typeof rows.routeRuleGroups[number][]>();
    for (const row of rows.routeRuleGroups) push(membersByRule, row.route_rule_id, row);
    for (const rule of rows.routeRules) {
      if (!isActive(rule.status)) continue;
      const groups: ServiceGroup[] = [];
      for (const member of membersByRule.get(rule.id) ?? []) {
        const group = this.groupsById.get(member.group_id);
        if (group === undefined || !isActive(group.status ?? '')) continue;
        groups.push(serviceGroup(member.group_id, group, fixWeight(member.weight)));
      }
      if (groups.length > 0) push(this.routeRulesByService, serviceKeyOf(rule.service_id), { groups, routeId: rule.name, strategy: rule.strategy });
    }
    this.routeRuleList = rows.routeRules.map(toServiceRouteRule);
    this.routeRuleGroupList = rows.routeRuleGroups.map(toRouteRuleGroup);
    this.buildSignatures();
  }

  /** True when any instance, server, zone or group operation pulls `instance` out (java-reference §8.1). */
  isInstanceDown(instance: Instance): boolean {
    if (this.instanceOperationsByKey.has(instanceIdentity(instance))) return true;
    if (this.serverOperationsByKey.has(serverIdentity({ regionId: instance.regionId, serverId: instance.ip }))) return true;
    if (this.zoneOperationsByKey.has(zoneIdentity({ regionId: instance.regionId, serviceId: instance.serviceId, zoneId: instance.zoneId }))) return true;
    return this.isInDownGroup(instance);
  }

  /** True when a group with an operation lies on the instance's group-key path. */
  isInDownGroup(instance: Instance): boolean {
    if (this.downGroupKeys.size === 0) return false;
    return pathPrefixes(instanceGroupPath(instance)).some((prefix) => this.downGroupKeys.has(prefix));
  }

  /** The operations on an instance, or null. */
  instanceOperations(key: InstanceKey): InstanceOperations | null {
    return this.instanceOperationsByKey.get(instanceIdentity(key)) ?? null;
  }

  /** Every instance's operations; of one region when given (case-insensitive). */
  allInstanceOperations(regionId: string | null): InstanceOperations[] {
    const all = [...this.instanceOperationsByKey.values()];
    return regionId === null || regionId.trim() === '' ? all : all.filter((o) => o.instanceKey.regionId?.toLowerCase() === regionId.toLowerCase());
  }

  /** The operations on a server, or null. */
  serverOperations(key: ServerKey): ServerOperations | null {
    return this.serverOperationsByKey.get(serverIdentity(key)) ?? null;
  }

  /** Every server's operations; of one region when given (case-insensitive). */
  allServerOperations(regionId: string | null): ServerOperations[] {
    const all = [...this.serverOperationsByKey.values()];
    return regionId === null || regionId.trim() === '' ? all : all.filter((o) => o.serverKey.regionId?.toLowerCase() === regionId.toLowerCase());
  }

  /** The operations on a zone of a service, or null. */
  zoneOperations(key: ZoneKey): ZoneOperations | null {
    return this.zoneOperationsByKey.get(zoneIdentity(key)) ?? null;
  }

  /** Every zone's operations. */
  allZoneOperations(): ZoneOperations[] {
    return [...this.zoneOperationsByKey.values()];
  }

  /** Every live group (metadata null). */
  allGroups(): Group[] {
    return [...this.groupsById.values()];
  }

  /** Every live route rule, any status. */
  allRouteRules(): ServiceRouteRule[] {
    return this.routeRuleList;
  }

  /** Every route-rule-group row. */
  allRouteRuleGroups(): RouteRuleGroup[] {
    return this.routeRuleGroupList;
  }

  /** The tags of a group, or null. */
  groupTags(groupId: number): GroupTags | null {
    return this.groupTagsById.get(groupId) ?? null;
  }

  /** Every group's tags. */
  allGroupTags(): GroupTags[] {
    return [...this.groupTagsById.values()];
  }

  /** The operations on a group, or null. */
  groupOperations(groupId: number): GroupOperations | null {
    return this.groupOperationsById.get(groupId) ?? null;
  }

  /** Every group's operations. */
  allGroupOperations(): GroupOperations[] {
    return [...this.groupOperationsById.values()];
  }

  /** The logical instances of a service (status `up`). */
  logicInstances(serviceId: string): readonly Instance[] {
    return this.logicInstancesByService.get(serviceKeyOf(serviceId)) ?? [];
  }

  /** The route rules discovery serves for a service: active rules with active groups, released weights. */
  routeRules(serviceId: string): readonly RouteRule[] {
    return this.routeRulesByService.get(serviceKeyOf(serviceId)) ?? [];
  }

  /** Every live group of a service as a ServiceGroup (weight null), for the management view. */
  serviceGroups(serviceId: string): readonly ServiceGroup[] {
    return this.groupsByService.get(serviceKeyOf(serviceId)) ?? [];
  }

  /**
   * What a service's clients must re-read on change: its route rules, logical instances, zone
   * operations and the groups with operations. Services absent from the map have none.
   */
  signatures(): ReadonlyMap<string, string> {
    return this.signaturesByService;
  }

  private buildSignatures(): void {
    const parts = new Map<string, unknown[]>();
    const add = (serviceId: string | null, part: unknown): void => push(parts, serviceKeyOf(serviceId ?? ''), part);
    for (const [key, rules] of this.routeRulesByService) push(parts, key, { rules });
    for (const [key, instances] of this.logicInstancesByService) push(parts, key, { instances });
    for (const zone of this.zoneOperationsByKey.values()) add(zone.zoneKey.serviceId, { zone: zoneIdentity(zone.zoneKey) });
    for (const groupId of this.groupOperationsById.keys()) {
      const group = this.groupsById.get(groupId);
      if (group !== undefined) add(group.serviceId, { downGroup: group.groupKey });
    }
    for (const [key, list] of parts) this.signaturesByService.set(key, JSON.stringify(list.map((part) => JSON.stringify(part)).sort()));
  }
}

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
import type { GroupRow } from '../database/tables/group.table.js';
import type { RouteRuleGroupRow } from '../database/tables/route-rule-group.table.js';
import type { RouteRuleRow } from '../database/tables/route-rule.table.js';
import { toGroup, toLogicalInstance, toRouteRuleGroup, toServiceRouteRule } from '../mappers/management.mappers.js';
import { groupKeyPath, instanceGroupPath, pathPrefixes } from './group-key-path.js';
import type { RowChange, SnapshotRowTypes } from './row-change.js';
import { Buckets } from './buckets.js';

/** The map key of a server: region and IP, lowercased. */
export function serverIdentity(key: ServerKey): string {
  return `${String(key.regionId)}\u0000${String(key.serverId)}`.toLowerCase();
}

/** The map key of a zone of a service, lowercased. */
export function zoneIdentity(key: ZoneKey): string {
  return `${String(key.regionId)}\u0000${String(key.serviceId)}\u0000${String(key.zoneId)}`.toLowerCase();
}

function isActive(status: string | null): boolean {
  return (status ?? '').toLowerCase() === ManagementStatus.active;
}

/** What applying changes touched: each service whose served data may differ, with its signature before. */
export interface AppliedChanges {
  readonly services: ReadonlyMap<string, string | undefined>;
}

/**
 * Management data as discovery needs it: operations by key, groups and their tags, members
 * and operations, logical instances and the active route rules per service. Discovery filters
 * read it without touching the database. Every lookup is case-insensitive (docs/protocol.md).
 *
 * It changes in place, row by row ({@link apply}): only the keys and services the changed rows
 * touch are recomputed, so the cost of a write does not grow with the data. Readers run on the
 * same thread and never see a half-applied batch, since `apply` is synchronous.
 */
export class ManagementSnapshot {
  private readonly instanceOperationRows = new Buckets<string, SnapshotRowTypes['instance']>();
  private readonly serverOperationRows = new Buckets<string, SnapshotRowTypes['server']>();
  private readonly zoneOperationRows = new Buckets<string, SnapshotRowTypes['service_zone']>();
  private readonly groupOperationRows = new Buckets<number, SnapshotRowTypes['service_group_operation']>();
  private readonly groupTagRows = new Buckets<number, SnapshotRowTypes['service_group_tag']>();
  private readonly groupInstanceRows = new Buckets<number, SnapshotRowTypes['service_group_instance']>();
  private readonly serviceInstanceRows = new Buckets<string, SnapshotRowTypes['service_instance']>();
  private readonly membersByRule = new Buckets<number, RouteRuleGroupRow>();
  private readonly membersByGroup = new Buckets<number, RouteRuleGroupRow>();
  private readonly groupIdsByService = new Buckets<string, { id: number }>();
  private readonly ruleIdsByService = new Buckets<string, { id: number }>();
  private readonly zonesByService = new Buckets<string, { id: number; zone: string }>();

  private readonly instanceOperationsByKey = new Map<string, InstanceOperations>();
  private readonly serverOperationsByKey = new Map<string, ServerOperations>();
  private readonly zoneOperationsByKey = new Map<string, ZoneOperations>();
  private readonly groupRows = new Map<number, GroupRow>();
  private readonly groupsById = new Map<number, Group>();
  private readonly ruleRows = new Map<number, RouteRuleRow>();
  private readonly memberRows = new Map<number, RouteRuleGroupRow>();
  private readonly groupOperationsById = new Map<number, GroupOperations>();
  private readonly groupTagsById = new Map<number, GroupTags>();
  private readonly downGroupKeys = new Map<string, number>();
  private readonly downGroupPathById = new Map<number, string>();
  private readonly logicInstancesByService = new Map<string, Instance[]>();
  private readonly routeRulesByService = new Map<string, RouteRule[]>();
  private readonly groupsByService = new Map<string, ServiceGroup[]>();
  private readonly signaturesByService = new Map<string, string>();
  private routeRuleList: ServiceRouteRule[] | null = null;
  private routeRuleGroupList: RouteRuleGroup[] | null = null;

  /** A snapshot of these rows (every row an insert). */
  static of(changes: readonly RowChange[]): ManagementSnapshot {
    const snapshot = new ManagementSnapshot();
    snapshot.apply(changes);
    return snapshot;
  }

  /**
   * Applies row changes in order and recomputes what they touched. Returns the services whose
   * served data may have changed, each with its signature before, so that the caller can tell
   * their clients.
   */
  apply(changes: readonly RowChange[]): AppliedChanges {
    const dirty = new Dirty(this.signaturesByService);
    for (const change of changes) {
      if (change.before !== null) this.remove(change, dirty);
      if (change.after !== null) this.add(change, dirty);
    }
    for (const key of dirty.instanceKeys) this.rebuildInstanceOperations(key);
    for (const key of dirty.serverKeys) this.rebuildServerOperations(key);
    for (const key of dirty.zoneKeys) this.rebuildZoneOperations(key);
    for (const groupId of dirty.groupIds) this.rebuildGroup(groupId, dirty);
    for (const service of dirty.services.keys()) this.rebuildService(service);
    if (dirty.rules) this.routeRuleList = null;
    if (dirty.members) this.routeRuleGroupList = null;
    return { services: dirty.services };
  }

  private servicesOfGroup(groupId: number, dirty: Dirty): void {
    const group = this.groupRows.get(groupId);
    if (group !== undefined) dirty.service(group.service_id);
    for (const member of this.membersByGroup.rows(groupId)) {
      const rule = this.ruleRows.get(member.route_rule_id);
      if (rule !== undefined) dirty.service(rule.service_id);
    }
  }

  private remove(change: RowChange, dirty: Dirty): void {
    this.touch(change, 'before', dirty);
  }

  private add(change: RowChange, dirty: Dirty): void {
    this.touch(change, 'after', dirty);
  }

  /** Takes the `side` row of a change out (`before`) or puts it in (`after`), marking what it touches. */
  private touch(change: RowChange, side: 'before' | 'after', dirty: Dirty): void {
    const adding = side === 'after';
    switch (change.table) {
      case 'instance': {
        const row = change[side]!;
        const key = instanceIdentity({ instanceId: row.instance_id, regionId: row.region_id, serviceId: row.service_id });
        this.instanceOperationRows.set(key, row, adding);
        dirty.instanceKeys.add(key);
        return;
      }
      case 'server': {
        const row = change[side]!;
        const key = serverIdentity({ regionId: row.region_id, serverId: row.server_id });
        this.serverOperationRows.set(key, row, adding);
        dirty.serverKeys.add(key);
        return;
      }
      case 'service_zone': {
        const row = change[side]!;
        const key = zoneIdentity({ regionId: row.region_id, serviceId: row.service_id, zoneId: row.zone_id });
        this.zoneOperationRows.set(key, row, adding);
        this.zonesByService.set(serviceKeyOf(row.service_id), { id: row.id, zone: key }, adding);
        dirty.zoneKeys.add(key);
        dirty.service(row.service_id);
        return;
      }
      case 'service_group': {
        const row = change[side]!;
        if (!adding) {
          this.servicesOfGroup(row.id, dirty);
          this.groupRows.delete(row.id);
          this.groupIdsByService.set(serviceKeyOf(row.service_id), { id: row.id }, false);
        } else if (!row.deleted) {
          this.groupRows.set(row.id, row);
          this.groupIdsByService.set(serviceKeyOf(row.service_id), { id: row.id }, true);
          this.servicesOfGroup(row.id, dirty);
        }
        dirty.groupIds.add(row.id);
        return;
      }
      case 'service_group_operation': {
        const row = change[side]!;
        this.groupOperationRows.set(row.group_id, row, adding);
        dirty.groupIds.add(row.group_id);
        this.servicesOfGroup(row.group_id, dirty);
        return;
      }
      case 'service_group_tag': {
        const row = change[side]!;
        this.groupTagRows.set(row.group_id, row, adding);
        dirty.groupIds.add(row.group_id);
        this.servicesOfGroup(row.group_id, dirty);
        return;
      }
      case 'service_group_instance': {
        const row = change[side]!;
        this.groupInstanceRows.set(row.group_id, row, adding);
        this.servicesOfGroup(row.group_id, dirty);
        return;
      }
      case 'service_instance': {
        const row = change[side]!;
        this.serviceInstanceRows.set(serviceKeyOf(row.service_id), row, adding);
        dirty.service(row.service_id);
        return;
      }
      case 'service_route_rule': {
        const row = change[side]!;
        if (!adding) {
          this.ruleRows.delete(row.id);
          this.ruleIdsByService.set(serviceKeyOf(row.service_id), { id: row.id }, false);
        } else if (!row.deleted) {
          this.ruleRows.set(row.id, row);
          this.ruleIdsByService.set(serviceKeyOf(row.service_id), { id: row.id }, true);
        }
        dirty.service(row.service_id);
        dirty.rules = true;
        return;
      }
      case 'service_route_rule_group': {
        const row = change[side]!;
        if (adding) this.memberRows.set(row.id, row);
        else this.memberRows.delete(row.id);
        this.membersByRule.set(row.route_rule_id, row, adding);
        this.membersByGroup.set(row.group_id, row, adding);
        const rule = this.ruleRows.get(row.route_rule_id);
        if (rule !== undefined) dirty.service(rule.service_id);
        dirty.members = true;
        return;
      }
    }
  }

  private rebuildInstanceOperations(key: string): void {
    const rows = this.instanceOperationRows.rows(key);
    const [first] = rows;
    if (first === undefined) this.instanceOperationsByKey.delete(key);
    else this.instanceOperationsByKey.set(key, { instanceKey: { instanceId: first.instance_id, regionId: first.region_id, serviceId: first.service_id }, operations: rows.map((row) => row.operation) });
  }

  private rebuildServerOperations(key: string): void {
    const rows = this.serverOperationRows.rows(key);
    const [first] = rows;
    if (first === undefined) this.serverOperationsByKey.delete(key);
    else this.serverOperationsByKey.set(key, { operations: rows.map((row) => row.operation), serverKey: { regionId: first.region_id, serverId: first.server_id } });
  }

  private rebuildZoneOperations(key: string): void {
    const rows = this.zoneOperationRows.rows(key);
    const [first] = rows;
    if (first === undefined) this.zoneOperationsByKey.delete(key);
    else this.zoneOperationsByKey.set(key, { operations: rows.map((row) => row.operation), zoneKey: { regionId: first.region_id, serviceId: first.service_id, zoneId: first.zone_id } });
  }

  /** Recomputes a group's wire form, operations, tags and whether it pulls its instances out. */
  private rebuildGroup(groupId: number, dirty: Dirty): void {
    const row = this.groupRows.get(groupId);
    if (row === undefined) this.groupsById.delete(groupId);
    else this.groupsById.set(groupId, toGroup(row));
    const operations = this.groupOperationRows.rows(groupId);
    if (operations.length === 0) this.groupOperationsById.delete(groupId);
    else this.groupOperationsById.set(groupId, { groupId, operations: operations.map((o) => o.operation) });
    const tags = this.groupTagRows.rows(groupId);
    if (tags.length === 0) this.groupTagsById.delete(groupId);
    else this.groupTagsById.set(groupId, { groupId, tags: Object.fromEntries(tags.map((t) => [t.tag, t.value])) });

    const oldPath = this.downGroupPathById.get(groupId);
    if (oldPath !== undefined) {
      const count = (this.downGroupKeys.get(oldPath) ?? 1) - 1;
      if (count <= 0) this.downGroupKeys.delete(oldPath);
      else this.downGroupKeys.set(oldPath, count);
      this.downGroupPathById.delete(groupId);
    }
    const path = row === undefined || operations.length === 0 ? [] : groupKeyPath(this.groupsById.get(groupId)?.groupKey ?? '');
    if (path.length > 0) {
      const key = path.join('/');
      this.downGroupKeys.set(key, (this.downGroupKeys.get(key) ?? 0) + 1);
      this.downGroupPathById.set(groupId, key);
    }
    if (row !== undefined) dirty.service(row.service_id);
  }

  private serviceGroup(groupId: number, group: Group, weight: number | null): ServiceGroup {
    return {
      groupKey: group.groupKey ?? '',
      instanceIds: this.groupInstanceRows.rows(groupId).map((row) => row.instance_id),
      instances: null,
      metadata: this.groupTagsById.get(groupId)?.tags ?? null,
      weight,
    };
  }

  /** Recomputes what discovery serves for one service, and its signature. */
  private rebuildService(key: string): void {
    const logicInstances = this.serviceInstanceRows.rows(key).map(toLogicalInstance);
    setOrDelete(this.logicInstancesByService, key, logicInstances);

    const groups: ServiceGroup[] = [];
    const downGroups: string[] = [];
    for (const { id } of this.groupIdsByService.rows(key)) {
      const group = this.groupsById.get(id);
      if (group === undefined) continue;
      groups.push(this.serviceGroup(id, group, null));
      if (this.groupOperationsById.has(id)) downGroups.push(group.groupKey ?? '');
    }
    setOrDelete(this.groupsByService, key, groups);

    const rules: RouteRule[] = [];
    for (const { id } of this.ruleIdsByService.rows(key)) {
      const rule = this.ruleRows.get(id);
      if (rule === undefined || !isActive(rule.status)) continue;
      const ruleGroups: ServiceGroup[] = [];
      for (const member of this.membersByRule.rows(id)) {
        const group = this.groupsById.get(member.group_id);
        if (group === undefined || !isActive(group.status)) continue;
        ruleGroups.push(this.serviceGroup(member.group_id, group, fixWeight(member.weight)));
      }
      if (ruleGroups.length > 0) rules.push({ groups: ruleGroups, routeId: rule.name, strategy: rule.strategy });
    }
    setOrDelete(this.routeRulesByService, key, rules);

    const parts: unknown[] = [];
    if (rules.length > 0) parts.push({ rules });
    if (logicInstances.length > 0) parts.push({ instances: logicInstances });
    for (const { zone } of this.zonesByService.rows(key)) if (this.zoneOperationsByKey.has(zone)) parts.push({ zone });
    for (const groupKey of downGroups) parts.push({ downGroup: groupKey });
    if (parts.length === 0) this.signaturesByService.delete(key);
    else this.signaturesByService.set(key, JSON.stringify([...new Set(parts.map((part) => JSON.stringify(part)))].sort()));
  }

  /** True when any instance, server, zone or group operation pulls `instance` out (docs/management.md). */
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

  /** Every live group (metadata null), oldest first. */
  allGroups(): Group[] {
    return [...this.groupsById.values()].sort((a, b) => (a.groupId ?? 0) - (b.groupId ?? 0));
  }

  /** Every live route rule, any status, oldest first. */
  allRouteRules(): ServiceRouteRule[] {
    this.routeRuleList ??= [...this.ruleRows.values()].sort((a, b) => a.id - b.id).map(toServiceRouteRule);
    return this.routeRuleList;
  }

  /** Every route-rule-group row, oldest first. */
  allRouteRuleGroups(): RouteRuleGroup[] {
    this.routeRuleGroupList ??= [...this.memberRows.values()].sort((a, b) => a.id - b.id).map(toRouteRuleGroup);
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
}

function setOrDelete<V>(map: Map<string, V[]>, key: string, list: V[]): void {
  if (list.length === 0) map.delete(key);
  else map.set(key, list);
}

/** What one {@link ManagementSnapshot.apply} must recompute. */
class Dirty {
  readonly instanceKeys = new Set<string>();
  readonly serverKeys = new Set<string>();
  readonly zoneKeys = new Set<string>();
  readonly groupIds = new Set<number>();
  readonly services = new Map<string, string | undefined>();
  rules = false;
  members = false;

  constructor(private readonly signatures: ReadonlyMap<string, string>) {}

  /** Marks a service, remembering its signature before the first change that touched it. */
  service(serviceId: string): void {
    const key = serviceKeyOf(serviceId);
    if (!this.services.has(key)) this.services.set(key, this.signatures.get(key));
  }
}

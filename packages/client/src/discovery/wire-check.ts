import { instanceSchema, type Instance, type RouteRule, type Service, type ServiceGroup } from '@artemis/core';
import { MalformedResponseError } from '../errors.js';

/** Checks an instance from a node; null when it is malformed (it is then left out). */
export function checkInstance(value: unknown): Instance | null {
  const parsed = instanceSchema.safeParse(value);
  if (!parsed.success) return null;
  const instance = parsed.data;
  if (instance.serviceId === null || instance.instanceId === null) return null;
  return instance;
}

function list(value: unknown, field: string): unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new MalformedResponseError(`${field} is not a list`);
  return value;
}

function checkGroup(value: unknown): ServiceGroup | null {
  const record = value as Record<string, unknown> | null;
  if (record === null || typeof record !== 'object' || typeof record['groupKey'] !== 'string') return null;
  const weight = record['weight'];
  const ids = list(record['instanceIds'], 'instanceIds').filter((id): id is string => typeof id === 'string');
  return {
    groupKey: record['groupKey'],
    instanceIds: ids,
    instances: list(record['instances'], 'group.instances').map(checkInstance).filter((i): i is Instance => i !== null),
    metadata: null,
    weight: typeof weight === 'number' && Number.isFinite(weight) ? weight : null,
  };
}

function checkRule(value: unknown): RouteRule | null {
  const record = value as Record<string, unknown> | null;
  if (record === null || typeof record !== 'object' || typeof record['routeId'] !== 'string') return null;
  return {
    routeId: record['routeId'],
    strategy: typeof record['strategy'] === 'string' ? record['strategy'] : 'weighted-round-robin',
    groups: list(record['groups'], 'groups').map(checkGroup).filter((g): g is ServiceGroup => g !== null),
  };
}

/** Checks a service from a node; a wrong type throws {@link MalformedResponseError}, bad items are dropped. */
export function checkService(value: unknown, expectedKey: string): Service {
  const record = value as Record<string, unknown> | null;
  if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new MalformedResponseError('a service is not an object');
  if (typeof record['serviceId'] !== 'string' || record['serviceId'].toLowerCase() !== expectedKey) throw new MalformedResponseError(`the answer is not about service ${expectedKey}`);
  return {
    serviceId: record['serviceId'],
    instances: list(record['instances'], 'instances').map(checkInstance).filter((i): i is Instance => i !== null),
    logicInstances: null,
    metadata: null,
    routeRules: list(record['routeRules'], 'routeRules').map(checkRule).filter((r): r is RouteRule => r !== null),
  };
}

import type { Instance, Metadata } from '@artemis/core';

function sameMetadata(a: Metadata | null, b: Metadata | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.hasOwn(b, key) || a[key] !== b[key]) return false;
  return true;
}

/** True when two instances carry exactly the same data (a re-register that changes nothing). */
export function sameInstanceData(a: Instance, b: Instance): boolean {
  return (
    a.instanceId === b.instanceId &&
    a.serviceId === b.serviceId &&
    a.regionId === b.regionId &&
    a.zoneId === b.zoneId &&
    a.groupId === b.groupId &&
    a.url === b.url &&
    a.ip === b.ip &&
    a.port === b.port &&
    a.status === b.status &&
    a.protocol === b.protocol &&
    a.machineName === b.machineName &&
    a.healthCheckUrl === b.healthCheckUrl &&
    sameMetadata(a.metadata, b.metadata)
  );
}

import type { Instance } from '@artemis/core';

/** What an object and its fields cost beyond their characters, in bytes (a rough V8 figure). */
const OBJECT_OVERHEAD = 160;
/** What one metadata entry costs beyond its characters. */
const ENTRY_OVERHEAD = 48;

function textBytes(value: string | null): number {
  return value === null ? 0 : value.length;
}

/**
 * The memory an instance holds, approximately: its characters plus a fixed cost per object and
 * per metadata entry. Cheap enough to run on every change; bounds compare it, they do not need it
 * exact.
 */
export function approximateInstanceBytes(instance: Instance): number {
  let bytes =
    OBJECT_OVERHEAD +
    textBytes(instance.groupId) +
    textBytes(instance.healthCheckUrl) +
    textBytes(instance.instanceId) +
    textBytes(instance.ip) +
    textBytes(instance.machineName) +
    textBytes(instance.protocol) +
    textBytes(instance.regionId) +
    textBytes(instance.serviceId) +
    textBytes(instance.status) +
    textBytes(instance.url) +
    textBytes(instance.zoneId);
  const metadata = instance.metadata;
  if (metadata !== null) {
    for (const key in metadata) bytes += ENTRY_OVERHEAD + key.length + textBytes(metadata[key] ?? null);
  }
  return bytes;
}

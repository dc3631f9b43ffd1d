import { createInstance, InstanceStatus, Limits, type Instance, type Metadata } from '@artemis/core';
import { InvalidArgumentError } from '../errors.js';

/** An instance to register: the wire fields, plus an optional health check. */
export interface Registration {
  readonly serviceId: string;
  readonly instanceId: string;
  /** The URL callers use to reach the instance. */
  readonly url: string;
  readonly ip?: string;
  readonly port?: number;
  /** Default: the client's regionId. */
  readonly regionId?: string;
  /** Default: the client's zoneId. */
  readonly zoneId?: string;
  readonly groupId?: string;
  readonly machineName?: string;
  readonly protocol?: string;
  readonly healthCheckUrl?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /** Status sent while no health check says otherwise; default `up`. */
  readonly status?: string;
  /**
   * Checked before each heartbeat: false (or a throw, or no answer within the heartbeat
   * interval) turns the instance's status `down`; true turns it back `up`. It stays registered.
   */
  readonly health?: () => Promise<boolean> | boolean;
}

/** Which instance to unregister. */
export interface InstanceRef {
  readonly serviceId: string;
  readonly instanceId: string;
  readonly regionId?: string;
}

const ID_FIELDS = ['serviceId', 'instanceId', 'regionId', 'zoneId', 'groupId', 'ip', 'protocol', 'status'] as const;
const TEXT_FIELDS = ['url', 'machineName', 'healthCheckUrl'] as const;

function checkString(value: unknown, field: string, max: number, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string') throw new InvalidArgumentError(field, required ? 'is required and must be a string' : 'must be a string');
  if (value.trim() === '') throw new InvalidArgumentError(field, 'must not be blank');
  if (value.length > max) throw new InvalidArgumentError(field, `must be at most ${max} characters`);
}

function checkMetadata(value: unknown, field: string): Metadata | null {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidArgumentError(field, 'must be an object of strings');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > Limits.maxMetadataEntries) throw new InvalidArgumentError(field, `must have at most ${Limits.maxMetadataEntries} entries`);
  let chars = 0;
  for (const [key, entry] of entries) {
    if (typeof entry !== 'string') throw new InvalidArgumentError(`${field}.${key}`, 'must be a string');
    chars += key.length + entry.length;
  }
  if (chars > Limits.maxMetadataChars) throw new InvalidArgumentError(field, `must total at most ${Limits.maxMetadataChars} characters`);
  return Object.fromEntries(entries) as Metadata;
}

/** Validates one registration; a bad field throws {@link InvalidArgumentError} naming it (`instances[2].url`). */
export function toInstance(registration: Registration, field: string, defaults: { regionId: string; zoneId: string }): Instance {
  if (registration === null || typeof registration !== 'object') throw new InvalidArgumentError(field, 'must be an object');
  const raw = registration as unknown as Record<string, unknown>;
  for (const name of ID_FIELDS) checkString(raw[name], `${field}.${name}`, Limits.maxIdLength, name === 'serviceId' || name === 'instanceId');
  for (const name of TEXT_FIELDS) checkString(raw[name], `${field}.${name}`, Limits.maxTextLength, name === 'url');
  if (raw['port'] !== undefined && (typeof raw['port'] !== 'number' || !Number.isInteger(raw['port']) || raw['port'] < 0 || raw['port'] > 65_535)) {
    throw new InvalidArgumentError(`${field}.port`, 'must be an integer between 0 and 65535');
  }
  if (raw['health'] !== undefined && typeof raw['health'] !== 'function') throw new InvalidArgumentError(`${field}.health`, 'must be a function');
  return createInstance({
    serviceId: registration.serviceId,
    instanceId: registration.instanceId,
    url: registration.url,
    ip: registration.ip ?? null,
    port: registration.port ?? 0,
    regionId: registration.regionId ?? defaults.regionId,
    zoneId: registration.zoneId ?? defaults.zoneId,
    groupId: registration.groupId ?? null,
    machineName: registration.machineName ?? null,
    protocol: registration.protocol ?? null,
    healthCheckUrl: registration.healthCheckUrl ?? null,
    metadata: checkMetadata(raw['metadata'], `${field}.metadata`),
    status: registration.status ?? InstanceStatus.up,
  });
}

/** Validates a list argument of `register` / `unregister`. */
export function checkList(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new InvalidArgumentError(field, 'must be an array');
  if (value.length === 0) throw new InvalidArgumentError(field, 'must not be empty');
  return value;
}

/** Validates one unregister reference. */
export function checkRef(ref: InstanceRef, field: string): void {
  if (ref === null || typeof ref !== 'object') throw new InvalidArgumentError(field, 'must be an object');
  const raw = ref as unknown as Record<string, unknown>;
  checkString(raw['serviceId'], `${field}.serviceId`, Limits.maxIdLength, true);
  checkString(raw['instanceId'], `${field}.instanceId`, Limits.maxIdLength, true);
  checkString(raw['regionId'], `${field}.regionId`, Limits.maxIdLength, false);
}

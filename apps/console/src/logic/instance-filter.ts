import type { LiveInstance, LiveService } from '../live/live-reducer';

/** What the instances page filters by; empty strings match everything. */
export interface InstanceFilter {
  readonly service: string;
  readonly zone: string;
  /** A prefix of the IP (`10.0.` matches `10.0.3.4`). */
  readonly ip: string;
  readonly status: 'any' | 'serving' | 'pulled-out' | 'client-down';
  /** Free text matched against instance id and URL. */
  readonly text: string;
}

export const emptyInstanceFilter: InstanceFilter = { service: '', zone: '', ip: '', status: 'any', text: '' };

const same = (value: string | null, wanted: string): boolean => wanted === '' || (value ?? '').toLowerCase() === wanted.toLowerCase();

/** True when the row passes every part of the filter. Rows just deleted never pass. */
export function matchesInstance(row: LiveInstance, filter: InstanceFilter): boolean {
  if (row.mark === 'delete') return false;
  const instance = row.instance;
  if (!same(instance.serviceId, filter.service) || !same(instance.zoneId, filter.zone)) return false;
  if (filter.ip.trim() !== '' && !(instance.ip ?? '').startsWith(filter.ip.trim())) return false;
  if (filter.status === 'serving' && row.pulledOut) return false;
  if (filter.status === 'pulled-out' && !row.pulledOut) return false;
  if (filter.status === 'client-down' && (row.pulledOut || (instance.status ?? 'up').toLowerCase() === 'up')) return false;
  const text = filter.text.trim().toLowerCase();
  if (text !== '' && !`${instance.instanceId ?? ''} ${instance.url ?? ''}`.toLowerCase().includes(text)) return false;
  return true;
}

/** Every instance of every service passing the filter, by service then instance id. */
export function filterInstances(services: Iterable<LiveService>, filter: InstanceFilter): LiveInstance[] {
  const rows: LiveInstance[] = [];
  for (const service of services) for (const row of service.instances.values()) if (matchesInstance(row, filter)) rows.push(row);
  return rows.sort((a, b) => `${a.instance.serviceId}/${a.instance.instanceId}`.localeCompare(`${b.instance.serviceId}/${b.instance.instanceId}`));
}

/** A service's row in the services list. */
export interface ServiceRow {
  readonly serviceId: string;
  readonly total: number;
  readonly pulledOut: number;
  /** Instances per zone, by zone id. */
  readonly zones: Readonly<Record<string, number>>;
}

/** How the services list is sorted. */
export type ServiceSort = 'name' | 'instances' | 'pulled-out';

/** The services list: matching `query` (part of the id), sorted, with counts per zone. */
export function serviceRows(services: Iterable<LiveService>, query: string, sort: ServiceSort, descending: boolean): ServiceRow[] {
  const wanted = query.trim().toLowerCase();
  const rows: ServiceRow[] = [];
  for (const service of services) {
    if (wanted !== '' && !service.serviceId.toLowerCase().includes(wanted)) continue;
    let total = 0;
    let pulledOut = 0;
    const zones: Record<string, number> = {};
    for (const row of service.instances.values()) {
      if (row.mark === 'delete') continue;
      total += 1;
      if (row.pulledOut) pulledOut += 1;
      const zone = row.instance.zoneId ?? '?';
      zones[zone] = (zones[zone] ?? 0) + 1;
    }
    rows.push({ serviceId: service.serviceId, total, pulledOut, zones });
  }
  const key = (row: ServiceRow): number | string => (sort === 'instances' ? row.total : sort === 'pulled-out' ? row.pulledOut : row.serviceId.toLowerCase());
  rows.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const order = x < y ? -1 : x > y ? 1 : a.serviceId.localeCompare(b.serviceId);
    return descending ? -order : order;
  });
  return rows;
}

/** The distinct values of one field over the instances, sorted, for filter drop-downs. */
export function distinct(services: Iterable<LiveService>, field: 'serviceId' | 'zoneId'): string[] {
  const values = new Set<string>();
  for (const service of services) for (const row of service.instances.values()) if (row.instance[field] !== null) values.add(row.instance[field]!);
  return [...values].sort();
}

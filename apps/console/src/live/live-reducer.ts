import { instanceIdentity, instanceKeyOf, serviceKeyOf, type ChangePush, type Instance, type Service } from '@artemis/core';

/** How a row changed lately, for highlighting. */
export type Mark = 'new' | 'change' | 'delete';

/** An instance as the console shows it. */
export interface LiveInstance {
  readonly key: string;
  readonly instance: Instance;
  /** Hidden from discovery by a management operation (the management view's `down`). */
  readonly pulledOut: boolean;
  readonly mark: Mark | null;
  /** When the mark was set (ms), to clear it later. */
  readonly markedAt: number;
}

/** A service and its instances, keyed by instance identity. */
export interface LiveService {
  readonly serviceId: string;
  readonly instances: ReadonlyMap<string, LiveInstance>;
  readonly service: Service | null;
}

/** Changes seen in one second, for the dashboard's charts. */
export interface SecondCounts {
  readonly second: number;
  readonly new: number;
  readonly change: number;
  readonly delete: number;
}

/** Everything the live views show. */
export interface LiveState {
  /** False until the first snapshot; pushes before it are kept in `pending`. */
  readonly loaded: boolean;
  readonly services: ReadonlyMap<string, LiveService>;
  /** The highest change-log version seen: a reconnect resumes from it. */
  readonly version: number | null;
  readonly pending: readonly ChangePush[];
  /** Services a `reload` push named: read them again. */
  readonly stale: ReadonlySet<string>;
  /** The last {@link RATE_WINDOW} seconds of change counts, oldest first. */
  readonly rates: readonly SecondCounts[];
}

/** What changes the live state. */
export type LiveAction =
  | { readonly type: 'snapshot'; readonly services: readonly Service[]; readonly at: number }
  | { readonly type: 'service'; readonly service: Service; readonly at: number }
  | { readonly type: 'push'; readonly push: ChangePush; readonly at: number }
  | { readonly type: 'settle'; readonly at: number };

/** Seconds of change counts kept. */
export const RATE_WINDOW = 60;
/** How long a mark stays, and a deleted row with it. */
export const MARK_MS = 4_000;
/** Pushes kept while the first snapshot is read; more than this and the snapshot is simply trusted. */
const MAX_PENDING = 10_000;

export const initialLiveState: LiveState = { loaded: false, services: new Map(), version: null, pending: [], stale: new Set(), rates: [] };

function serviceFrom(service: Service): LiveService {
  const instances = new Map<string, LiveInstance>();
  for (const instance of service.instances ?? []) {
    const key = instanceIdentity(instanceKeyOf(instance));
    instances.set(key, { key, instance, pulledOut: instance.status === 'down', mark: null, markedAt: 0 });
  }
  return { serviceId: service.serviceId, instances, service };
}

function count(rates: readonly SecondCounts[], at: number, type: Mark): readonly SecondCounts[] {
  const second = Math.floor(at / 1000);
  const last = rates[rates.length - 1];
  const next = last !== undefined && last.second === second ? rates.slice(0, -1) : rates.slice(rates.length >= RATE_WINDOW ? 1 : 0);
  const base = last !== undefined && last.second === second ? last : { second, new: 0, change: 0, delete: 0 };
  return [...next, { ...base, [type]: base[type] + 1 }];
}

function applyPush(state: LiveState, push: ChangePush, at: number): LiveState {
  const serviceKey = serviceKeyOf(push.serviceId);
  const version = state.version === null ? push.version : Math.max(state.version, push.version);
  const { changeType, instance } = push.change;
  if (changeType === 'reload') {
    return { ...state, version, stale: new Set([...state.stale, serviceKey]) };
  }
  const services = new Map(state.services);
  const existing = services.get(serviceKey);
  const instances = new Map(existing?.instances ?? []);
  const key = instanceIdentity(instanceKeyOf(instance));
  const previous = instances.get(key);
  if (changeType === 'delete') {
    if (previous === undefined) return { ...state, version };
    instances.set(key, { ...previous, mark: 'delete', markedAt: at });
  } else {
    // A push carries the registry's view; whether management hides it is kept from before.
    const mark: Mark = previous === undefined || previous.mark === 'delete' ? 'new' : 'change';
    instances.set(key, { key, instance, pulledOut: previous?.pulledOut ?? false, mark, markedAt: at });
  }
  services.set(serviceKey, { serviceId: existing?.serviceId ?? push.serviceId, instances, service: existing?.service ?? null });
  return { ...state, version, services, rates: count(state.rates, at, changeType) };
}

/**
 * The live view of the registry: a snapshot of the management view, then every pushed change
 * applied in order. Pushes that arrive before the snapshot are replayed on top of it (new and
 * change are upserts and a delete of an unknown instance is nothing, so a push the snapshot
 * already holds changes nothing).
 */
export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'snapshot': {
      const services = new Map<string, LiveService>();
      for (const service of action.services) services.set(serviceKeyOf(service.serviceId), serviceFrom(service));
      let next: LiveState = { ...state, loaded: true, services, pending: [], stale: new Set() };
      for (const push of state.pending) next = applyPush(next, push, action.at);
      return next;
    }
    case 'service': {
      const serviceKey = serviceKeyOf(action.service.serviceId);
      const services = new Map(state.services);
      services.set(serviceKey, serviceFrom(action.service));
      const stale = new Set(state.stale);
      stale.delete(serviceKey);
      return { ...state, services, stale };
    }
    case 'push':
      if (!state.loaded) {
        if (state.pending.length >= MAX_PENDING) return state;
        return { ...state, pending: [...state.pending, action.push], version: Math.max(state.version ?? 0, action.push.version) };
      }
      return applyPush(state, action.push, action.at);
    case 'settle': {
      let changed = false;
      const services = new Map<string, LiveService>();
      for (const [serviceKey, service] of state.services) {
        let instances: Map<string, LiveInstance> | null = null;
        for (const [key, row] of service.instances) {
          if (row.mark === null || action.at - row.markedAt < MARK_MS) continue;
          instances ??= new Map(service.instances);
          if (row.mark === 'delete') instances.delete(key);
          else instances.set(key, { ...row, mark: null });
        }
        if (instances === null) services.set(serviceKey, service);
        else {
          changed = true;
          if (instances.size > 0 || service.service !== null) services.set(serviceKey, { ...service, instances });
        }
      }
      return changed ? { ...state, services } : state;
    }
  }
}

/** Instances of a service, sorted by id. */
export function instancesOf(service: LiveService | undefined): LiveInstance[] {
  if (service === undefined) return [];
  return [...service.instances.values()].sort((a, b) => String(a.instance.instanceId).localeCompare(String(b.instance.instanceId)));
}

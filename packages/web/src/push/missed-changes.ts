import { ChangeType, reloadInstance, type ChangePush } from '@artemis/core';
import type { ArtemisEngine } from '@artemis/server';

/**
 * What a subscriber that last saw `sinceVersion` missed, for the services it subscribes to (or
 * all of them): the changes from the change log, in order; or, when the log no longer holds
 * them, one `reload` per service, telling it to read each service again.
 */
export function missedChanges(engine: ArtemisEngine, sinceVersion: number, serviceKeys: ReadonlySet<string> | 'all'): ChangePush[] {
  const current = engine.changeLog.version;
  const events = engine.changeLog.eventsSince(sinceVersion);
  const wanted = (serviceKey: string): boolean => serviceKeys === 'all' || serviceKeys.has(serviceKey);
  if (events !== null) {
    return events.filter((event) => wanted(event.serviceKey)).map((event) => ({ serviceId: event.serviceId, version: event.version, change: event.change }));
  }
  const reloads: ChangePush[] = [];
  const now = engine.clock.now();
  const reload = (serviceId: string): void => {
    reloads.push({ serviceId, version: current, change: { changeTime: now, changeType: ChangeType.reload, instance: reloadInstance(serviceId) } });
  };
  if (serviceKeys === 'all') {
    for (const record of engine.store.records()) reload(record.serviceId);
  } else {
    for (const serviceKey of serviceKeys) reload(engine.store.service(serviceKey)?.serviceId ?? serviceKey);
  }
  return reloads;
}

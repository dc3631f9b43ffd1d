import { createInstance, type Instance, type InstanceInit } from '@artemis/core';
import { ArtemisEngine, type ChangeEvent, type EngineOptions } from '../src/index.js';
import { ManualClock } from '../src/testing.js';

/** An engine on a manual clock, with every change it publishes recorded. */
export function testEngine(options: Partial<EngineOptions> = {}): { engine: ArtemisEngine; clock: ManualClock; events: ChangeEvent[] } {
  const clock = new ManualClock();
  const engine = new ArtemisEngine({ regionId: 'default', zoneId: 'zone-a', clock, scheduler: clock, ...options });
  const events: ChangeEvent[] = [];
  engine.changes.subscribe((event) => events.push(event));
  engine.start();
  return { engine, clock, events };
}

/** An instance of `serviceId` in the test engine's region. */
export function instance(serviceId: string, instanceId: string, init: Partial<InstanceInit> = {}): Instance {
  return createInstance({
    regionId: 'default',
    zoneId: 'zone-a',
    url: `http://10.0.0.1:8080/${instanceId}`,
    ip: '10.0.0.1',
    port: 8080,
    status: 'up',
    ...init,
    serviceId,
    instanceId,
  });
}

/** A discovery request for one service, from the test engine's region. */
export function serviceRequest(serviceId: string) {
  return {
    discoveryConfig: { discoveryData: null, regionId: 'default', serviceId, zoneId: 'zone-a' },
    regionId: 'default',
    zoneId: 'zone-a',
  };
}

import { describe, expect, it } from '@jest/globals';
import { RegistryOperation } from '@artemis/core';
import { ChangeLog } from '../src/changes/change-log.js';
import { instance, testEngine } from './fixtures.js';

const bulky = (serviceId: string, instanceId: string, round: number) =>
  instance(serviceId, instanceId, { metadata: { java_registry: 'true', payload: `${round}-${'x'.repeat(3000)}` } });

describe('memory bounds under churn', () => {
  it('keeps one expiry-wheel entry per live lease however often the same instances re-register', () => {
    const { engine } = testEngine();
    for (let round = 0; round < 50; round++) {
      const instances = Array.from({ length: 20 }, (_, n) => bulky('churn', `i-${n}`, round));
      engine.registry.execute(RegistryOperation.register, { instances });
    }
    expect(engine.store.size).toBe(20);
    expect(engine.store.scheduledLeases).toBe(20);
    engine.registry.execute(RegistryOperation.unregister, { instances: [instance('churn', 'i-0')] });
    expect(engine.store.scheduledLeases).toBe(19);
  });

  it('still expires a re-registered lease on its own TTL', () => {
    const { engine, clock } = testEngine();
    engine.registry.execute(RegistryOperation.register, { instances: [instance('a', 'one')] });
    clock.advance(15_000);
    engine.registry.execute(RegistryOperation.register, { instances: [instance('a', 'one', { url: 'http://10.0.0.2' })] });
    clock.advance(15_000);
    expect(engine.store.size).toBe(1);
    clock.advance(6_000);
    expect(engine.store.size).toBe(0);
    expect(engine.store.scheduledLeases).toBe(0);
  });

  it('drops the oldest changes once the change log passes its byte bound, and answers an older delta with a full re-read', () => {
    const { engine } = testEngine({ changeLogMaxBytes: 200_000 });
    const start = engine.changeLog.version;
    for (let round = 0; round < 500; round++) engine.registry.execute(RegistryOperation.register, { instances: [bulky('churn', 'i-1', round)] });
    expect(engine.changeLog.heldBytes).toBeLessThanOrEqual(200_000);
    expect(engine.changeLog.length).toBeGreaterThan(10);
    expect(engine.changeLog.length).toBeLessThan(100);
    expect(engine.changeLog.deltaSince(start)).toBeNull();
    expect(engine.changeLog.deltaSince(engine.changeLog.version - 5)?.get('churn')).toHaveLength(1);
  });

  it('bounds the log by count as before', () => {
    const log = new ChangeLog(3, 1000);
    for (let n = 0; n < 10; n++) log.append('a', 'a', { changeTime: n, changeType: 'new', instance: instance('a', `i-${n}`) });
    expect(log.length).toBe(3);
    expect(log.eventsSince(1007)?.map((event) => event.version)).toEqual([1008, 1009, 1010]);
    expect(log.eventsSince(1006)).toBeNull();
  });

  it('bounds the served-service cache by bytes', () => {
    const { engine } = testEngine({ servedCacheMaxBytes: 100_000 });
    for (let n = 0; n < 100; n++) {
      engine.registry.execute(RegistryOperation.register, { instances: [bulky(`svc-${n}`, 'i-1', n)] });
      const served = engine.discovery.getService({ discoveryConfig: { discoveryData: null, regionId: 'default', serviceId: `svc-${n}`, zoneId: 'zone-a' }, regionId: 'default', zoneId: 'zone-a' });
      expect(served.service?.instances).toHaveLength(1);
    }
    const cache = (engine.discovery as unknown as { cache: { heldBytes: number; size: number } }).cache;
    expect(cache.heldBytes).toBeLessThanOrEqual(100_000);
    expect(cache.size).toBeLessThan(100);
  });
});

import { describe, expect, it } from '@jest/globals';
import { RegistryOperation } from '@artemis/core';
import type { LogFields } from '../src/index.js';
import { instance, testEngine } from './fixtures.js';

describe('lease cleaning', () => {
  it('expires a mass of leases over several slices, pushing one delete per lease', () => {
    const { engine, clock, events } = testEngine();
    const count = 30_000;
    for (let batch = 0; batch < count / 1000; batch++) {
      const instances = Array.from({ length: 1000 }, (_, n) => instance(`svc-${batch}`, `i-${n}`));
      engine.registry.execute(RegistryOperation.register, { instances });
    }
    expect(engine.store.size).toBe(count);
    let slices = 0;
    const deferred = clock.defer.bind(clock);
    clock.defer = (task) => {
      slices += 1;
      return deferred(task);
    };
    clock.advance(20_200);
    clock.flush();
    expect(engine.store.size).toBe(0);
    expect(engine.store.serviceCount).toBe(0);
    expect(events.filter((e) => e.change.changeType === 'delete')).toHaveLength(count);
    expect(slices).toBeGreaterThan(0);
  });

  it('files renewed leases under their new expiry instead of removing them', () => {
    const { engine, clock } = testEngine();
    engine.registry.execute(RegistryOperation.register, { instances: [instance('a', 'renewed'), instance('a', 'silent')] });
    clock.advance(15_000);
    engine.registry.execute(RegistryOperation.heartbeat, { instances: [instance('a', 'renewed')] });
    clock.advance(6_000);
    expect([...(engine.store.service('a')?.leases.keys() ?? [])]).toEqual(['renewed']);
    clock.advance(15_000);
    expect(engine.store.size).toBe(0);
  });

  it('logs each pass that removed leases with its count, wall time and slices', () => {
    const lines: { message: string; fields?: LogFields }[] = [];
    const record = (message: string, fields?: LogFields): void => {
      lines.push({ message, ...(fields === undefined ? {} : { fields }) });
    };
    const { engine, clock } = testEngine({ logger: { error: record, warn: record, info: record, debug: record } });
    engine.registry.execute(RegistryOperation.register, { instances: [instance('a', 'one'), instance('a', 'two')] });
    clock.advance(20_200);
    clock.flush();
    const cleaned = lines.filter((line) => line.fields?.['event'] === 'leases-cleaned');
    expect(cleaned).toHaveLength(1);
    expect(cleaned[0]?.fields).toEqual({ event: 'leases-cleaned', count: 2, passMs: expect.any(Number), slices: 1 });
  });
});

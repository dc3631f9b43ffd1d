import { describe, expect, it } from '@jest/globals';
import { RegistryOperation } from '@artemis/core';
import { instance, testEngine } from './fixtures.js';

const fleet = Array.from({ length: 20 }, (_, n) => instance('orders', `o-${n}`));

describe('self-preservation', () => {
  it('stops expiring leases when renewals collapse, and expires them again once renewals recover', () => {
    const { engine, clock } = testEngine();
    engine.registry.execute(RegistryOperation.register, { instances: fleet });
    // Every instance heartbeats each second: 200 renewals per 10 s window, above the minimum of 50.
    for (let s = 0; s < 15; s++) {
      clock.advance(1_000);
      engine.registry.execute(RegistryOperation.heartbeat, { instances: fleet });
    }
    expect(engine.selfPreservation.state().isSafe).toBe(true);
    expect(engine.selfPreservation.state().maxCount).toBeGreaterThanOrEqual(180);

    // A partition: no heartbeat arrives any more.
    clock.advance(5_000);
    expect(engine.selfPreservation.state().isSafe).toBe(false);
    clock.advance(60_000);
    expect(engine.store.size).toBe(fleet.length);

    // Half the fleet comes back: renewals recover above 85 % of the max (10 per second is 100 per window, so send 20).
    const back = fleet.slice(0, 10);
    engine.registry.execute(RegistryOperation.register, { instances: back });
    for (let s = 0; s < 10; s++) {
      engine.registry.execute(RegistryOperation.heartbeat, { instances: [...back, ...back] });
      clock.advance(1_000);
    }
    expect(engine.selfPreservation.state().isSafe).toBe(true);
    clock.advance(500);
    expect(engine.store.size).toBe(back.length);
  });

  it('removes unregistered instances even while preserving', () => {
    const { engine, clock } = testEngine();
    engine.registry.execute(RegistryOperation.register, { instances: fleet });
    for (let s = 0; s < 12; s++) {
      clock.advance(1_000);
      engine.registry.execute(RegistryOperation.heartbeat, { instances: fleet });
    }
    clock.advance(6_000);
    expect(engine.selfPreservation.state().isSafe).toBe(false);
    engine.registry.execute(RegistryOperation.unregister, { instances: [fleet[0]!] });
    expect(engine.store.size).toBe(fleet.length - 1);
  });

  it('never judges before the highest count reaches the minimum', () => {
    const { engine, clock } = testEngine();
    const few = fleet.slice(0, 2);
    engine.registry.execute(RegistryOperation.register, { instances: few });
    for (let s = 0; s < 12; s++) {
      clock.advance(1_000);
      engine.registry.execute(RegistryOperation.heartbeat, { instances: few });
    }
    clock.advance(30_000);
    expect(engine.selfPreservation.state().isSafe).toBe(true);
    expect(engine.store.size).toBe(0);
  });

  it('can be disabled', () => {
    const { engine, clock } = testEngine({ selfPreservation: { enabled: false } });
    engine.registry.execute(RegistryOperation.register, { instances: fleet });
    for (let s = 0; s < 12; s++) {
      clock.advance(1_000);
      engine.registry.execute(RegistryOperation.heartbeat, { instances: fleet });
    }
    clock.advance(30_000);
    expect(engine.store.size).toBe(0);
  });
});

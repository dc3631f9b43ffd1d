import { describe, expect, it } from '@jest/globals';
import { RegistryOperation } from '@artemis/core';
import { instance, testEngine } from './fixtures.js';

// Above the default minimum of 50 leases before the check judges.
const fleet = Array.from({ length: 60 }, (_, n) => instance('orders', `o-${n}`));

describe('self-preservation', () => {
  it('stops expiring leases when renewals collapse, and expires them again once renewals recover', () => {
    const { engine, clock } = testEngine();
    engine.registry.execute(RegistryOperation.register, { instances: fleet });
    for (let s = 0; s < 15; s++) {
      clock.advance(1_000);
      engine.registry.execute(RegistryOperation.heartbeat, { instances: fleet });
    }
    expect(engine.selfPreservation.state()).toMatchObject({ isSafe: true, maxCount: 60, renewalsInWindow: 60, reason: null, unsafeSince: 0 });

    // A partition: no heartbeat arrives any more.
    const cut = clock.now();
    clock.advance(11_000);
    const preserving = engine.selfPreservation.state();
    expect(preserving.isSafe).toBe(false);
    expect(preserving.unsafeSince).toBeGreaterThan(cut);
    expect(preserving.reason).toMatch(/^0 of the 60 leases expected renewed within 10 s, below 85 %/);
    clock.advance(60_000);
    expect(engine.store.size).toBe(fleet.length);

    // 55 of the 60 come back (over 85 %): the five others expire.
    const back = fleet.slice(0, 55);
    engine.registry.execute(RegistryOperation.register, { instances: back });
    for (let s = 0; s < 3; s++) {
      engine.registry.execute(RegistryOperation.heartbeat, { instances: back });
      clock.advance(1_000);
    }
    expect(engine.selfPreservation.state().isSafe).toBe(true);
    clock.advance(500);
    expect(engine.store.size).toBe(back.length);
  });

  it('is not switched on by a burst of renewals of a few leases', () => {
    const { engine, clock } = testEngine();
    engine.registry.execute(RegistryOperation.register, { instances: fleet });
    for (let s = 0; s < 12; s++) {
      clock.advance(1_000);
      engine.registry.execute(RegistryOperation.heartbeat, { instances: fleet });
    }
    // One client renews its own ten instances 100,000 times within a second.
    const own = fleet.slice(0, 10);
    const batch = Array.from({ length: 1000 }, (_, n) => own[n % own.length]!);
    for (let n = 0; n < 100; n++) engine.registry.execute(RegistryOperation.heartbeat, { instances: batch });
    expect(engine.selfPreservation.state().maxCount).toBe(60);
    // One instance dies; the others keep renewing every second.
    const alive = fleet.slice(1);
    for (let s = 0; s < 25; s++) {
      clock.advance(1_000);
      engine.registry.execute(RegistryOperation.heartbeat, { instances: alive });
      expect(engine.selfPreservation.state().isSafe).toBe(true);
    }
    expect(engine.store.lease('orders', 'o-0')).toBeUndefined();
    expect(engine.store.size).toBe(59);
  });

  it('stays safe under steady load however uneven its rate', () => {
    const { engine, clock } = testEngine();
    engine.registry.execute(RegistryOperation.register, { instances: fleet });
    // Twenty times a second for 30 s, then once every 4 s for a minute: the raw renewal count
    // falls to a fiftieth, the leases renewed do not.
    for (let t = 0; t < 600; t++) {
      clock.advance(50);
      engine.registry.execute(RegistryOperation.heartbeat, { instances: fleet });
    }
    for (let t = 0; t < 15; t++) {
      clock.advance(4_000);
      engine.registry.execute(RegistryOperation.heartbeat, { instances: fleet });
      expect(engine.selfPreservation.state().isSafe).toBe(true);
    }
    expect(engine.selfPreservation.state().renewalsInWindow).toBe(60);
  });

  it('lowers the expectation when instances unregister, so a scale-down does not switch it on', () => {
    const { engine, clock } = testEngine();
    engine.registry.execute(RegistryOperation.register, { instances: fleet });
    for (let s = 0; s < 12; s++) {
      clock.advance(1_000);
      engine.registry.execute(RegistryOperation.heartbeat, { instances: fleet });
    }
    engine.registry.execute(RegistryOperation.unregister, { instances: fleet.slice(0, 30) });
    const rest = fleet.slice(30);
    for (let s = 0; s < 15; s++) {
      clock.advance(1_000);
      engine.registry.execute(RegistryOperation.heartbeat, { instances: rest });
      expect(engine.selfPreservation.state().isSafe).toBe(true);
    }
    expect(engine.selfPreservation.state().maxCount).toBe(30);
  });

  it('removes unregistered instances even while preserving', () => {
    const { engine, clock } = testEngine();
    engine.registry.execute(RegistryOperation.register, { instances: fleet });
    for (let s = 0; s < 12; s++) {
      clock.advance(1_000);
      engine.registry.execute(RegistryOperation.heartbeat, { instances: fleet });
    }
    clock.advance(11_000);
    expect(engine.selfPreservation.state().isSafe).toBe(false);
    engine.registry.execute(RegistryOperation.unregister, { instances: [fleet[0]!] });
    expect(engine.store.size).toBe(fleet.length - 1);
  });

  it('never judges before the highest count reaches the minimum', () => {
    const { engine, clock } = testEngine();
    const few = fleet.slice(0, 20);
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

import { describe, expect, it } from '@jest/globals';
import { decodeInstancesRequest, readInstanceKeys, RegistryOperation, type InstancesResponse } from '@artemis/core';
import type { ArtemisEngine, EngineOptions } from '../src/index.js';
import { instance, testEngine } from './fixtures.js';

const { register, unregister } = RegistryOperation;

/** A heartbeat body as the HTTP route serves it: by its plan when one holds, else read by its keys. */
function heartbeatBytes(engine: ArtemisEngine, bytes: Buffer, client = '10.0.0.9'): { answer: InstancesResponse; planned: boolean } {
  const plan = engine.registry.plannedHeartbeat(bytes);
  const answer = plan === undefined ? undefined : engine.registry.heartbeatPlanned(plan, client);
  if (answer !== undefined) return { answer, planned: true };
  const batch = readInstanceKeys(bytes);
  return { answer: batch === null ? engine.registry.execute(RegistryOperation.heartbeat, decodeInstancesRequest(JSON.parse(bytes.toString('utf8'))), client) : engine.registry.heartbeat(batch, client), planned: false };
}

/** An engine, and what its write observer was told. */
function observed(options: Partial<EngineOptions>) {
  const node = testEngine(options);
  const told: string[] = [];
  node.engine.registry.setWriteObserver({
    renewed: (lease) => told.push(`renewed ${lease.serviceKey}/${lease.instanceKey}`),
    written: (operation, i) => told.push(`${operation} ${String(i.serviceId)}/${String(i.instanceId)}`),
  });
  return { ...node, told };
}

const ids = ['a-1', 'a-2', 'a-3', 'b-1', 'b-2'];
const serviceOf = (id: string): string => (id.startsWith('a') ? 'alpha' : 'beta');
/** Heartbeat bodies the clients send again and again: sets of instances, one with a stranger, one in another zone. */
const bodies = [
  ['a-1', 'a-2', 'a-3'],
  ['b-1', 'b-2'],
  ['a-1', 'b-1', 'a-1'],
  ['a-2', 'ghost'],
  ['b-2'],
].map((set) => Buffer.from(JSON.stringify({ instances: set.map((id) => instance(id === 'ghost' ? 'beta' : serviceOf(id), id)) })));
const otherZone = Buffer.from(JSON.stringify({ instances: [instance('alpha', 'a-1', { zoneId: 'zone-b' })] }));

describe('heartbeat plans', () => {
  it('answer and renew exactly as reading every body, through re-registrations, removals, expiry and cleaning', () => {
    const planned = observed({});
    const unplanned = observed({ heartbeatPlanMaxBytes: 0 });
    const nodes = [planned, unplanned];
    for (const node of nodes) node.engine.registry.execute(register, { instances: ids.map((id) => instance(serviceOf(id), id)) });
    let seed = 11;
    const random = (below: number): number => (seed = (seed * 48271) % 2147483647) % below;
    let plannedAnswers = 0;
    const ttl = planned.engine.store.options.ttlMs;
    for (let step = 0; step < 600; step++) {
      const roll = random(100);
      const id = ids[random(ids.length)] as string;
      const body = roll < 3 ? otherZone : (bodies[random(bodies.length)] as Buffer);
      const port = 8000 + random(3);
      const answers: unknown[] = [];
      for (const node of nodes) {
        if (roll < 60) {
          const { answer, planned: byPlan } = heartbeatBytes(node.engine, body);
          if (byPlan && node === planned) plannedAnswers += 1;
          answers.push(answer);
        } else if (roll < 70) {
          // Re-registered: a new lease replaces the one a plan holds.
          answers.push(node.engine.registry.execute(register, { instances: [instance(serviceOf(id), id, { port })] }));
        } else if (roll < 76) {
          answers.push(node.engine.registry.execute(unregister, { instances: [instance(serviceOf(id), id)] }));
        } else if (roll < 96) {
          node.clock.advance(roll < 80 ? ttl + 1 : 1_000);
        } else {
          node.engine.cleanLeases();
        }
      }
      expect(answers[0]).toEqual(answers[1]);
      const times = (node: typeof planned): number[] => ids.map((i) => node.engine.store.lease(serviceOf(i), i)?.renewalTime ?? -1);
      expect(times(planned)).toEqual(times(unplanned));
    }
    expect(planned.told).toEqual(unplanned.told);
    expect(plannedAnswers).toBeGreaterThan(50);
    expect(unplanned.engine.registry.plans.size).toBe(0);
  });

  it('use the rate limit once per batch, as reading the body does', () => {
    const answers = [{}, { heartbeatPlanMaxBytes: 0 }].map((options) => {
      const { engine } = testEngine({ ...options, rateLimits: { registry: { defaultLimit: 6 } } });
      engine.registry.execute(RegistryOperation.register, { instances: [instance('alpha', 'a-1')] });
      const body = Buffer.from(JSON.stringify({ instances: [instance('alpha', 'a-1'), instance('alpha', 'a-1')] }));
      return Array.from({ length: 8 }, () => heartbeatBytes(engine, body));
    });
    const [planned, unplanned] = answers as [ReturnType<typeof heartbeatBytes>[], ReturnType<typeof heartbeatBytes>[]];
    expect(planned.map(({ answer }) => answer)).toEqual(unplanned.map(({ answer }) => answer));
    expect(planned.filter(({ planned: byPlan }) => byPlan).length).toBeGreaterThan(1);
    expect(planned.filter(({ answer }) => answer.responseStatus.errorCode === 'rate-limited').length).toBeGreaterThan(0);
  });

  it('stay within their bound in bytes, the oldest dropped first', () => {
    const { engine } = testEngine({ heartbeatPlanMaxBytes: 64 * 1024 });
    const all = Array.from({ length: 400 }, (_, n) => instance('alpha', `a-${n}`));
    engine.registry.execute(RegistryOperation.register, { instances: all });
    const bodyOf = (n: number): Buffer => Buffer.from(JSON.stringify({ instances: [all[n], all[(n + 1) % 400], all[(n + 2) % 400]] }));
    for (let n = 0; n < 400; n++) heartbeatBytes(engine, bodyOf(n));
    const plans = engine.registry.plans;
    expect(plans.heldBytes).toBeLessThanOrEqual(64 * 1024);
    expect(plans.size).toBeGreaterThan(50);
    expect(plans.size).toBeLessThan(400);
    expect(engine.registry.plannedHeartbeat(bodyOf(0))).toBeUndefined();
    expect(engine.registry.plannedHeartbeat(bodyOf(399))).toBeDefined();
    // A body too short to be worth a plan is read each time.
    const short = Buffer.from(JSON.stringify({ instances: [{ serviceId: 'alpha', instanceId: 'a-1', regionId: 'default', zoneId: 'zone-a' }] }));
    heartbeatBytes(engine, short);
    expect(heartbeatBytes(engine, short).planned).toBe(false);
  });
});

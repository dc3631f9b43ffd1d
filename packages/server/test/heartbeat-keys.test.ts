import { describe, expect, it } from '@jest/globals';
import { decodeInstancesRequest, RegistryOperation, readInstanceKeys, type Instance } from '@artemis/core';
import type { EngineOptions, WriteObserver } from '../src/index.js';
import { instance, testEngine } from './fixtures.js';

const { register, heartbeat } = RegistryOperation;

/** Two engines in the same state: one answers heartbeats decoded whole, the other read by their keys. */
function twins(options: Partial<EngineOptions> = {}) {
  const whole = testEngine(options);
  const keyed = testEngine(options);
  const told: Record<'whole' | 'keyed', string[]> = { whole: [], keyed: [] };
  // Renewals hand over the lease they renewed (its registered instance), writes their instance.
  const observe = (into: string[]): WriteObserver => ({
    renewed: (lease) => into.push(`heartbeat ${String(lease.instance.serviceId)}/${String(lease.instance.instanceId)} ${String(lease.instance.groupId)}`),
    written: (operation, i) => into.push(`${operation} ${String(i.serviceId)}/${String(i.instanceId)} ${String(i.regionId)}/${String(i.zoneId)}`),
  });
  whole.engine.registry.setWriteObserver(observe(told.whole));
  keyed.engine.registry.setWriteObserver(observe(told.keyed));
  const registered: Instance[] = [instance('Orders.API', 'Node-1'), instance('orders.api', 'node-2'), instance('billing', 'b-1', { groupId: 'g' }), instance('billing', 'b-2')];
  for (const { engine } of [whole, keyed]) engine.registry.execute(register, { instances: registered });
  return {
    whole,
    keyed,
    told,
    /** Sends one body to both; expects the keyed path to have read it, and answers both answers. */
    send(body: unknown) {
      const bytes = Buffer.from(JSON.stringify(body));
      const batch = readInstanceKeys(bytes);
      expect(batch).not.toBeNull();
      if (batch === null) throw new Error('not read');
      return { whole: whole.engine.registry.execute(heartbeat, decodeInstancesRequest(JSON.parse(bytes.toString('utf8')))), keyed: keyed.engine.registry.heartbeat(batch) };
    },
    renewals(): [number[], number[]] {
      const times = (engine: typeof whole.engine) => registered.map((i) => engine.store.lease(i.serviceId as string, i.instanceId as string)?.renewalTime ?? -1);
      return [times(whole.engine), times(keyed.engine)];
    },
  };
}

describe('heartbeats read by their keys', () => {
  it('answer and renew exactly as heartbeats decoded whole: successes, unknown, blank, other-region and null instances', () => {
    const pair = twins();
    const bodies: unknown[] = [
      { instances: [instance('orders.api', 'node-1'), instance('ORDERS.API', 'NODE-2')] },
      { instances: [{ serviceId: 'billing', instanceId: 'b-1', regionId: 'default', zoneId: 'zone-a' }, null, { serviceId: 'billing', instanceId: 'b-2', regionId: 'default', zoneId: 'zone-a' }] },
      // Failures quote their instance whole: full instances, with groups, metadata and unknown fields.
      { instances: [instance('billing', 'ghost', { groupId: 'g', metadata: { k: 'v' } }), instance('billing', 'b-1'), { ...instance('nowhere', 'n-1'), extra: [1, 2] }] },
      { instances: [instance('billing', ' '), instance('', 'x'), { serviceId: 'billing' }, {}, null] },
      { instances: [instance('billing', 'b-1', { regionId: 'mars' }), instance('billing', 'b-2', { regionId: null }), instance('billing', 'b-2', { zoneId: 'zone-b' })] },
      { instances: Array.from({ length: 6 }, (_, n) => instance(n % 2 === 0 ? 'billing' : 'orders.api', n % 2 === 0 ? `b-${(n % 3) + 1}` : `node-${(n % 2) + 1}`)) },
      { instances: [] },
      { instances: [null, null] },
    ];
    for (const body of bodies) {
      pair.whole.clock.advance(1_000);
      pair.keyed.clock.advance(1_000);
      const { whole, keyed } = pair.send(body);
      expect(keyed).toEqual(whole);
      const [a, b] = pair.renewals();
      expect(b).toEqual(a);
    }
    expect(pair.told.keyed).toEqual(pair.told.whole);
    expect(pair.told.whole.length).toBeGreaterThan(5);
  });

  it('refuse an expired lease as heartbeats decoded whole do', () => {
    const pair = twins();
    pair.whole.clock.advance(pair.whole.engine.store.options.ttlMs + 1);
    pair.keyed.clock.advance(pair.keyed.engine.store.options.ttlMs + 1);
    const body = { instances: [instance('billing', 'b-1'), instance('orders.api', 'node-1')] };
    const { whole, keyed } = pair.send(body);
    expect(whole.responseStatus.status).toBe('partial_fail');
    expect(keyed).toEqual(whole);
  });

  it('use the rate limit as heartbeats decoded whole do', () => {
    const pair = twins({ rateLimits: { registry: { defaultLimit: 2 } } });
    const answers = [0, 1, 2].map(() => pair.send({ instances: [instance('billing', 'b-1')] }));
    for (const { whole, keyed } of answers) expect(keyed).toEqual(whole);
    expect(answers.map(({ keyed }) => keyed.responseStatus.errorCode)).toEqual(['success', 'success', 'rate-limited']);
  });
});

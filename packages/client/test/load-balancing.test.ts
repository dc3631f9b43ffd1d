import { describe, expect, it } from '@jest/globals';
import { createInstance, type Instance, type Service } from '@artemis/core';
import { ServiceView, type ServiceViewOptions } from '../src/index.js';
import { HashRing } from '../src/lb/consistent-hash.js';
import { OutlierEjector } from '../src/lb/outlier-ejection.js';
import { SmoothWeightedRoundRobin } from '../src/lb/smooth-wrr.js';

const deployment = { regionId: 'sha', zoneId: 'z1' };

function view(service: Service, options: ServiceViewOptions = {}): ServiceView {
  const feed = { requestRead: () => undefined, isLive: () => true, changed: () => undefined, deployment };
  const result = new ServiceView(service.serviceId, options, feed, () => undefined);
  result.applyService(service, 'server');
  return result;
}

const instance = (instanceId: string, extra: Partial<Instance> = {}): Instance =>
  createInstance({ serviceId: 'orders', instanceId, url: `http://${instanceId}`, regionId: 'sha', zoneId: 'z1', status: 'up', ...extra });

function counts(pick: () => Instance | undefined, n: number): Map<string, number> {
  const result = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = String(pick()?.instanceId);
    result.set(id, (result.get(id) ?? 0) + 1);
  }
  return result;
}

describe('load balancing', () => {
  it('weighted round robin follows group weight x instance weight within 2 % over 10,000 picks', () => {
    const a = [instance('a1', { groupId: 'ga' }), instance('a2', { groupId: 'ga', metadata: { weight: '3' } })];
    const b = [instance('b1', { groupId: 'gb' })];
    const service: Service = {
      serviceId: 'orders',
      instances: [...a, ...b],
      logicInstances: null,
      metadata: null,
      routeRules: [
        {
          routeId: 'default-route-rule',
          strategy: 'weighted-round-robin',
          groups: [
            { groupKey: 'orders/sha/z1/ga', weight: 60, instanceIds: null, instances: null, metadata: null },
            { groupKey: 'orders/sha/z1/gb', weight: 40, instanceIds: null, instances: null, metadata: null },
          ],
        },
      ],
    };
    const v = view(service);
    const n = 10_000;
    const seen = counts(() => v.pick(), n);
    // ga 60 % split 1:3 between a1 and a2; gb 40 %.
    const expected = { a1: 0.15, a2: 0.45, b1: 0.4 };
    for (const [id, share] of Object.entries(expected)) expect(Math.abs((seen.get(id) ?? 0) / n - share)).toBeLessThan(0.02);
  });

  it('smooth WRR spreads picks instead of bursting (5,1,1 -> a a b a c a a)', () => {
    const wrr = new SmoothWeightedRoundRobin(['a', 'b', 'c'], [5, 1, 1]);
    expect(Array.from({ length: 7 }, () => wrr.next())).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a']);
  });

  it('an emptied group falls back: its weight goes to the groups that still have instances', () => {
    const service: Service = {
      serviceId: 'orders',
      instances: [instance('a1', { groupId: 'ga' })],
      logicInstances: null,
      metadata: null,
      routeRules: [
        {
          routeId: 'default-route-rule',
          strategy: 'weighted-round-robin',
          groups: [
            { groupKey: 'orders/sha/z1/ga', weight: 1, instanceIds: null, instances: null, metadata: null },
            { groupKey: 'orders/sha/z1/gb', weight: 99, instanceIds: null, instances: null, metadata: null },
          ],
        },
      ],
    };
    const v = view(service);
    expect(counts(() => v.pick(), 100).get('a1')).toBe(100);
  });

  it('close-by-visit serves the own zone first, then the region, then anything', () => {
    const rule = (instances: Instance[]): Service => ({
      serviceId: 'orders',
      instances,
      logicInstances: null,
      metadata: null,
      routeRules: [{ routeId: 'default-route-rule', strategy: 'close-by-visit', groups: [{ groupKey: 'g', weight: 5, instanceIds: instances.map((i) => String(i.instanceId)), instances: null, metadata: null }] }],
    });
    const local = instance('local', { zoneId: 'z1' });
    const sameRegion = instance('region', { zoneId: 'z2' });
    const far = instance('far', { regionId: 'other', zoneId: 'z9' });
    expect([...counts(() => view(rule([local, sameRegion, far])).pick(), 50).keys()]).toEqual(['local']);
    const v = view(rule([local, sameRegion, far]));
    expect([...counts(() => v.pick(), 200).keys()]).toEqual(['local']);
    expect([...counts(() => view(rule([sameRegion, far])).pick(), 50).keys()]).toEqual(['region']);
    expect([...counts(() => view(rule([far])).pick(), 50).keys()]).toEqual(['far']);
    // The own zone's only instance excluded for this call: spill over to the region.
    expect(v.pick({ exclude: (i) => i.instanceId === 'local' })?.instanceId).toBe('region');
  });

  it('picks only servable instances and builds a default rule when none is served', () => {
    const v = view({ serviceId: 'orders', instances: [instance('up1'), instance('down1', { status: 'down' })], logicInstances: null, metadata: null, routeRules: null });
    expect(v.instances().map((i) => i.instanceId)).toEqual(['up1']);
    expect(v.allInstances()).toHaveLength(2);
    expect(v.routeRules().map((rule) => rule.routeId)).toEqual(['default-route-rule']);
    expect([...counts(() => v.pick(), 20).keys()]).toEqual(['up1']);
  });

  it('consistent hashing keeps a key on one instance and moves few keys when one instance leaves', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `i${i}`);
    const ring = new HashRing(ids, (id) => id, ids.map(() => 1));
    const smaller = new HashRing(ids.slice(1), (id) => id, ids.slice(1).map(() => 1));
    let moved = 0;
    for (let k = 0; k < 5000; k++) {
      const before = ring.get(`user-${k}`);
      expect(ring.get(`user-${k}`)).toBe(before);
      if (before !== 'i0' && smaller.get(`user-${k}`) !== before) moved += 1;
    }
    // Keys of the instances that stayed do not move.
    expect(moved).toBe(0);
    const v = view({ serviceId: 'orders', instances: ids.map((id) => instance(id)), logicInstances: null, metadata: null, routeRules: null });
    const first = v.pick({ hashKey: 'user-42' });
    expect(new Set(Array.from({ length: 20 }, () => v.pick({ hashKey: 'user-42' })?.instanceId))).toEqual(new Set([first?.instanceId]));
  });

  it('outlier ejection leaves out an instance after consecutive failures, at most 10 % of them, and takes it back later', () => {
    let now = 0;
    const ejector = new OutlierEjector({ consecutiveFailures: 3, baseEjectionMs: 1000 }, () => now);
    for (let i = 0; i < 3; i++) ejector.report('a', false, 20);
    expect(ejector.isEjected('a')).toBe(true);
    ejector.report('b', false, 20);
    ejector.report('b', true, 20);
    ejector.report('b', false, 20);
    ejector.report('b', false, 20);
    expect(ejector.isEjected('b')).toBe(false);
    // 10 % of 20 = 2: a third outlier waits.
    for (let i = 0; i < 3; i++) ejector.report('c', false, 20);
    for (let i = 0; i < 3; i++) ejector.report('d', false, 20);
    expect([ejector.isEjected('c'), ejector.isEjected('d')]).toEqual([true, false]);
    now = 1001;
    expect(ejector.isEjected('a')).toBe(false);
    // A second ejection lasts twice as long.
    for (let i = 0; i < 3; i++) ejector.report('a', false, 20);
    now = 2500;
    expect(ejector.isEjected('a')).toBe(true);
    now = 3002;
    expect(ejector.isEjected('a')).toBe(false);
  });

  it('a view with outlier ejection stops picking a failing instance, and never ejects the last one', () => {
    const v = view({ serviceId: 'orders', instances: [instance('good'), instance('bad')], logicInstances: null, metadata: null, routeRules: null }, { outlierEjection: { consecutiveFailures: 2, baseEjectionMs: 60_000, maxEjectionPercent: 50 } });
    const bad = v.allInstances().find((i) => i.instanceId === 'bad') as Instance;
    v.report(bad, { ok: false, latencyMs: 5 });
    v.report(bad, { ok: false, latencyMs: 5 });
    expect(v.isEjected(bad)).toBe(true);
    expect([...counts(() => v.pick(), 50).keys()]).toEqual(['good']);
    // Only 'bad' is left after excluding 'good': ejection yields rather than returning nothing.
    expect(v.pick({ exclude: (i) => i.instanceId === 'good' })?.instanceId).toBe('bad');
  });

  it('refuses bad view options naming the field', () => {
    expect(() => view({ serviceId: 'orders', instances: [], logicInstances: null, metadata: null, routeRules: null }, { outlierEjection: { consecutiveFailures: -1 } })).toThrow(/outlierEjection\.consecutiveFailures/);
    expect(() => view({ serviceId: 'orders', instances: [], logicInstances: null, metadata: null, routeRules: null }, { emptyProtection: 'never' as 'off' })).toThrow(/emptyProtection/);
  });
});

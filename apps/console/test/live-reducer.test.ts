import { describe, expect, it } from 'vitest';
import { createInstance, type ChangePush, type ChangeType, type Service } from '@artemis/core';
import { initialLiveState, instancesOf, liveReducer, MARK_MS, RATE_WINDOW, type LiveState } from '../src/live/live-reducer';

const instance = (serviceId: string, instanceId: string, status = 'up') => createInstance({ serviceId, instanceId, regionId: 'default', zoneId: 'z1', status, url: `http://10.0.0.1/${instanceId}` });
const service = (serviceId: string, ...instances: ReturnType<typeof instance>[]): Service => ({ serviceId, instances, logicInstances: null, metadata: null, routeRules: null });
const push = (version: number, changeType: ChangeType, serviceId: string, instanceId: string): ChangePush => ({
  serviceId,
  version,
  change: { changeTime: version, changeType, instance: instance(serviceId, instanceId) },
});
const ids = (state: LiveState, serviceId: string) => instancesOf(state.services.get(serviceId.toLowerCase())).map((row) => `${String(row.instance.instanceId)}:${row.mark ?? '-'}`);

describe('live reducer', () => {
  it('loads a snapshot, keeping which instances management hides', () => {
    const state = liveReducer(initialLiveState, { type: 'snapshot', services: [service('Orders', instance('Orders', 'o-1'), instance('Orders', 'o-2', 'down'))], at: 0 });
    expect(state.loaded).toBe(true);
    const rows = instancesOf(state.services.get('orders'));
    expect(rows.map((row) => [row.instance.instanceId, row.pulledOut])).toEqual([
      ['o-1', false],
      ['o-2', true],
    ]);
  });

  it('marks new, changed and deleted instances, then settles the marks and drops the deleted', () => {
    let state = liveReducer(initialLiveState, { type: 'snapshot', services: [service('orders', instance('orders', 'o-1'), instance('orders', 'o-2'))], at: 0 });
    state = liveReducer(state, { type: 'push', push: push(1, 'new', 'orders', 'o-3'), at: 1_000 });
    state = liveReducer(state, { type: 'push', push: push(2, 'change', 'orders', 'o-1'), at: 1_000 });
    state = liveReducer(state, { type: 'push', push: push(3, 'delete', 'orders', 'o-2'), at: 1_000 });
    expect(ids(state, 'orders')).toEqual(['o-1:change', 'o-2:delete', 'o-3:new']);
    expect(state.version).toBe(3);
    state = liveReducer(state, { type: 'settle', at: 1_000 + MARK_MS - 1 });
    expect(ids(state, 'orders')).toEqual(['o-1:change', 'o-2:delete', 'o-3:new']);
    state = liveReducer(state, { type: 'settle', at: 1_000 + MARK_MS });
    expect(ids(state, 'orders')).toEqual(['o-1:-', 'o-3:-']);
  });

  it('keeps a pulled-out instance pulled out across a change push', () => {
    let state = liveReducer(initialLiveState, { type: 'snapshot', services: [service('orders', instance('orders', 'o-1', 'down'))], at: 0 });
    state = liveReducer(state, { type: 'push', push: push(5, 'change', 'orders', 'o-1'), at: 10 });
    expect(instancesOf(state.services.get('orders'))[0]?.pulledOut).toBe(true);
  });

  it('adds a service it has not seen from a push, matching ids case-insensitively', () => {
    let state = liveReducer(initialLiveState, { type: 'snapshot', services: [], at: 0 });
    state = liveReducer(state, { type: 'push', push: push(1, 'new', 'Payments', 'p-1'), at: 0 });
    state = liveReducer(state, { type: 'push', push: push(2, 'change', 'PAYMENTS', 'p-1'), at: 0 });
    expect(state.services.get('payments')?.serviceId).toBe('Payments');
    expect(ids(state, 'payments')).toEqual(['p-1:change']);
  });

  it('replays pushes that came before the snapshot on top of it, in order', () => {
    let state = liveReducer(initialLiveState, { type: 'push', push: push(7, 'new', 'orders', 'o-9'), at: 0 });
    state = liveReducer(state, { type: 'push', push: push(8, 'delete', 'orders', 'o-1'), at: 0 });
    expect(state.loaded).toBe(false);
    expect(state.version).toBe(8);
    // The snapshot already holds o-9 (read after the push) and still o-1 (read before the delete).
    state = liveReducer(state, { type: 'snapshot', services: [service('orders', instance('orders', 'o-1'), instance('orders', 'o-9'))], at: 0 });
    expect(ids(state, 'orders')).toEqual(['o-1:delete', 'o-9:change']);
    expect(state.pending).toEqual([]);
  });

  it('ignores the delete of an instance it never had', () => {
    const loaded = liveReducer(initialLiveState, { type: 'snapshot', services: [service('orders', instance('orders', 'o-1'))], at: 0 });
    const state = liveReducer(loaded, { type: 'push', push: push(1, 'delete', 'orders', 'ghost'), at: 0 });
    expect(ids(state, 'orders')).toEqual(['o-1:-']);
  });

  it('marks a service stale on reload and fresh again when it is read', () => {
    let state = liveReducer(initialLiveState, { type: 'snapshot', services: [service('orders', instance('orders', 'o-1'))], at: 0 });
    state = liveReducer(state, { type: 'push', push: push(4, 'reload', 'Orders', 'reload'), at: 0 });
    expect([...state.stale]).toEqual(['orders']);
    expect(ids(state, 'orders')).toEqual(['o-1:-']);
    state = liveReducer(state, { type: 'service', service: service('orders', instance('orders', 'o-2')), at: 0 });
    expect([...state.stale]).toEqual([]);
    expect(ids(state, 'orders')).toEqual(['o-2:-']);
  });

  it('counts changes per second over a bounded window', () => {
    let state = liveReducer(initialLiveState, { type: 'snapshot', services: [], at: 0 });
    state = liveReducer(state, { type: 'push', push: push(1, 'new', 'a', 'a-1'), at: 500 });
    state = liveReducer(state, { type: 'push', push: push(2, 'new', 'a', 'a-2'), at: 900 });
    state = liveReducer(state, { type: 'push', push: push(3, 'delete', 'a', 'a-1'), at: 1_200 });
    expect(state.rates).toEqual([
      { second: 0, new: 2, change: 0, delete: 0 },
      { second: 1, new: 0, change: 0, delete: 1 },
    ]);
    for (let second = 2; second < RATE_WINDOW + 10; second += 1) state = liveReducer(state, { type: 'push', push: push(second + 2, 'change', 'a', 'a-2'), at: second * 1000 });
    expect(state.rates.length).toBe(RATE_WINDOW);
    expect(state.rates[state.rates.length - 1]?.second).toBe(RATE_WINDOW + 9);
  });
});

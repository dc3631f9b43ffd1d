import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createInstance, type Service } from '@artemis/core';
import { LiveContext, type Live } from '../src/live/live-context';
import { initialLiveState, liveReducer } from '../src/live/live-reducer';
import { ServicesPage } from '../src/pages/services-page';

afterEach(cleanup);

const inst = (serviceId: string, instanceId: string, zoneId: string, status = 'up') => createInstance({ serviceId, instanceId, zoneId, status, regionId: 'default' });
const svc = (serviceId: string, ...instances: ReturnType<typeof inst>[]): Service => ({ serviceId, instances, logicInstances: null, metadata: null, routeRules: null });

function live(services: Service[], loaded = true): Live {
  const state = loaded ? liveReducer(initialLiveState, { type: 'snapshot', services, at: 0 }) : initialLiveState;
  return { state, push: 'connected', error: null, managementChanges: 0, refresh: async () => undefined };
}

function renderWith(value: Live) {
  return render(
    <LiveContext.Provider value={value}>
      <ServicesPage />
    </LiveContext.Provider>,
  );
}

const serviceNames = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]?.textContent);

describe('services page', () => {
  const services = [svc('orders', inst('orders', 'o-1', 'z1'), inst('orders', 'o-2', 'z2', 'down')), svc('payments', inst('payments', 'p-1', 'z1')), svc('billing', inst('billing', 'b-1', 'z1'), inst('billing', 'b-2', 'z1'), inst('billing', 'b-3', 'z1'))];

  it('lists services with counts per zone, filters by the search box, and sorts by a header', () => {
    renderWith(live(services));
    expect(serviceNames()).toEqual(['billing', 'orders', 'payments']);
    const orders = screen.getByRole('row', { name: /orders/ });
    expect(within(orders).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['orders', '2', '1', 'z1: 1, z2: 1']);
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'ORD' } });
    expect(serviceNames()).toEqual(['orders']);
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: /Instances/ }));
    expect(serviceNames()).toEqual(['billing', 'orders', 'payments']);
    expect(screen.getByRole('columnheader', { name: /Instances/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByRole('button', { name: /Instances/ }));
    expect(serviceNames()).toEqual(['payments', 'orders', 'billing']);
  });

  it('says when nothing matches, when nothing is registered, and while loading', () => {
    renderWith(live(services));
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'nope' } });
    expect(screen.getByText(/No service matches/)).toBeTruthy();
    cleanup();
    renderWith(live([]));
    expect(screen.getByText(/No service is registered yet/)).toBeTruthy();
    cleanup();
    renderWith(live([], false));
    expect(screen.getByRole('status').textContent).toContain('Loading services');
  });
});

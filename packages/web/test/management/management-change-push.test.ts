import { describe, expect, it } from '@jest/globals';
import { Paths, type ManagementChangePush, type SubscribeReply } from '@artemis/core';
import { post } from '../http-client.js';
import { openIo, type TestIo } from '../push-clients.js';
import { context, startManagedHttpNode, useDatabase } from './management-fixtures.js';

function subscribe(socket: TestIo, request: { serviceIds: string[] | null; all: boolean }): Promise<SubscribeReply> {
  return new Promise((resolve) => socket.emit('subscribe', { discoveryConfigs: null, sinceVersion: null, ...request }, resolve));
}

function nextManagementChange(socket: TestIo): Promise<ManagementChangePush> {
  return new Promise((resolve) => socket.once('management-change', resolve));
}

const group = { appId: 'orders', name: 'blue', regionId: 'default', serviceId: 'orders', status: 'active', zoneId: 'zone-a' };

// Only Postgres: the change push follows the snapshot, which every database kind keeps alike.
describe('socket.io management-change', () => {
  const test = useDatabase('postgres');

  it('tells all-changes sessions, over a real socket.io client, of a management write made over HTTP', async () => {
    await using node = await startManagedHttpNode(test());
    await using watcher = await openIo(node.url);
    await using serviceOnly = await openIo(node.url);
    expect((await subscribe(watcher, { serviceIds: null, all: true })).responseStatus.status).toBe('success');
    expect((await subscribe(serviceOnly, { serviceIds: ['orders'], all: false })).responseStatus.status).toBe('success');
    const missed: ManagementChangePush[] = [];
    serviceOnly.on('management-change', (push) => missed.push(push));
    const before = node.management.position;

    const pushed = nextManagementChange(watcher);
    expect((await post(node.url, Paths.management.group.insertGroups, { ...context, groups: [group] })).json()).toMatchObject({ responseStatus: { status: 'success' } });
    const push = await pushed;
    expect(push.position).toBeGreaterThan(before);
    expect(push.tables).toContain('service_group');

    const second = nextManagementChange(watcher);
    await post(node.url, Paths.management.zone.operateZoneOperations, { ...context, operationComplete: false, zoneOperationsList: [{ zoneKey: { regionId: 'default', serviceId: 'orders', zoneId: 'zone-a' }, operations: ['pullout'] }] });
    expect((await second).position).toBeGreaterThan(push.position);
    // A session that did not ask for all changes is not told.
    expect(missed).toEqual([]);
  }, 30_000);
});

import { describe, expect, it } from '@jest/globals';
import {
  deleteInstanceOperations,
  deleteInstanceOperationsByIds,
  selectInstanceOperations,
  selectInstanceOperationsByKey,
  upsertInstanceOperations,
} from '../../src/repositories/instance-operation.repository.js';
import { deleteGroupOperations, insertGroupOperations, selectGroupOperations } from '../../src/repositories/group-operation.repository.js';
import { deleteServerOperations, destroyServers, selectServerOperations, selectServerOperationsByKey, upsertServerOperations } from '../../src/repositories/server-operation.repository.js';
import { deleteZoneOperations, insertZoneOperations, selectZoneOperations } from '../../src/repositories/zone-operation.repository.js';
import { testDatabaseKinds } from '../../src/testing.js';
import { insertParents, useDatabase } from '../fixtures.js';

const pullout = { regionId: 'default', serviceId: 'orders', instanceId: 'o-1', operation: 'pullout', operatorId: 'ops', token: 't' };

describe.each(testDatabaseKinds)('operation repositories on %s', (kind) => {
  const test = useDatabase(kind);

  it('upserts an instance operation: the same key in another case updates operator and token instead of adding a row', async () => {
    const db = test().database.db;
    await upsertInstanceOperations(db, [pullout]);
    await upsertInstanceOperations(db, [{ ...pullout, serviceId: 'ORDERS', instanceId: 'O-1', operatorId: 'other', token: 't2' }]);
    const rows = await selectInstanceOperations(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ service_id: 'orders', instance_id: 'o-1', operator_id: 'other', token: 't2' });
  });

  it('queries instance operations by key, by region and by services, and deletes them by key or id', async () => {
    const db = test().database.db;
    await upsertInstanceOperations(db, [pullout, { ...pullout, operation: 'maintenance' }, { ...pullout, regionId: 'eu', serviceId: 'pay', instanceId: 'p-1' }]);
    expect(await selectInstanceOperationsByKey(db, { regionId: 'DEFAULT', serviceId: 'orders', instanceId: 'o-1' })).toHaveLength(2);
    expect((await selectInstanceOperations(db, { regionId: 'eu' })).map((r) => r.instance_id)).toEqual(['p-1']);
    expect(await selectInstanceOperations(db, { serviceIds: ['Orders'] })).toHaveLength(2);
    expect(await selectInstanceOperations(db, { serviceIds: [] })).toEqual([]);
    expect(await deleteInstanceOperations(db, [{ ...pullout, operation: 'PULLOUT' }])).toBe(1);
    const [left] = await selectInstanceOperationsByKey(db, pullout);
    expect(await deleteInstanceOperationsByIds(db, [left!.id])).toBe(1);
    expect(await selectInstanceOperations(db, { regionId: 'default' })).toEqual([]);
  });

  it('upserts, queries, deletes and destroys server operations', async () => {
    const db = test().database.db;
    const server = { regionId: 'default', serverId: '10.0.0.1', operation: 'pullout', operatorId: 'ops', token: '' };
    await upsertServerOperations(db, [server, { ...server, operation: 'reboot' }, { ...server, serverId: '10.0.0.2' }]);
    await upsertServerOperations(db, [{ ...server, operatorId: 'again' }]);
    expect(await selectServerOperations(db)).toHaveLength(3);
    expect((await selectServerOperationsByKey(db, { regionId: 'default', serverId: '10.0.0.1' })).map((r) => r.operator_id)).toEqual(['again', 'ops']);
    expect(await deleteServerOperations(db, [{ ...server, operation: 'reboot' }])).toBe(1);
    expect(await destroyServers(db, [{ regionId: 'DEFAULT', serverId: '10.0.0.1' }])).toBe(1);
    expect((await selectServerOperations(db, { regionId: 'default' })).map((r) => r.server_id)).toEqual(['10.0.0.2']);
  });

  it('inserts zone operations once (INSERT IGNORE), selects them by filter and deletes them by key', async () => {
    const db = test().database.db;
    const zone = { serviceId: 'orders', regionId: 'default', zoneId: 'zone-a', operation: 'pullout' };
    await insertZoneOperations(db, [zone, { ...zone, zoneId: 'ZONE-A' }, { ...zone, zoneId: 'zone-b' }]);
    expect(await selectZoneOperations(db)).toHaveLength(2);
    expect(await selectZoneOperations(db, { zoneId: 'zone-b' })).toHaveLength(1);
    expect(await selectZoneOperations(db, { serviceId: 'nobody' })).toHaveLength(0);
    expect(await deleteZoneOperations(db, [zone])).toBe(1);
    expect((await selectZoneOperations(db)).map((r) => r.zone_id)).toEqual(['zone-b']);
  });

  it('inserts group operations once per (group, operation) and deletes them', async () => {
    const db = test().database.db;
    await insertParents(db, { groups: 2 });
    await insertGroupOperations(db, [{ groupId: 1, operation: 'pullout' }, { groupId: 1, operation: 'PullOut' }, { groupId: 2, operation: 'pullout' }]);
    expect(await selectGroupOperations(db)).toHaveLength(2);
    expect(await selectGroupOperations(db, 2)).toHaveLength(1);
    expect(await deleteGroupOperations(db, [{ groupId: 1, operation: 'pullout' }])).toBe(1);
    expect((await selectGroupOperations(db)).map((r) => r.group_id)).toEqual([2]);
  });
});

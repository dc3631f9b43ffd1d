import { describe, expect, it } from '@jest/globals';
import { deleteGroupInstancesByFilter, deleteGroupInstancesByIds, insertGroupInstances, selectGroupInstances } from '../../src/repositories/group-instance.repository.js';
import { deleteGroupTags, selectGroupTags, upsertGroupTags } from '../../src/repositories/group-tag.repository.js';
import { generateGroup, insertGroups, insertOrUpdateGroups, selectGroups, selectGroupsByIds, softDeleteGroups } from '../../src/repositories/group.repository.js';
import {
  deleteServiceInstancesByFilter,
  deleteServiceInstancesByIds,
  selectServiceInstances,
  upsertServiceInstances,
  type ServiceInstanceInput,
} from '../../src/repositories/service-instance.repository.js';
import { testDatabaseKinds } from '../../src/testing.js';
import { insertParents, useDatabase } from '../fixtures.js';

const blue = { serviceId: 'orders', regionId: 'default', zoneId: 'zone-a', name: 'blue', appId: 'app', description: 'first', status: 'active' };

function logical(instanceId: string, init: Partial<ServiceInstanceInput> = {}): ServiceInstanceInput {
  return {
    service_id: 'orders',
    instance_id: instanceId,
    ip: '10.0.0.9',
    machine_name: 'm',
    metadata: '{"k":"v"}',
    port: 80,
    protocol: 'http',
    region_id: 'default',
    zone_id: 'zone-a',
    group_id: '',
    health_check_url: '',
    url: `http://10.0.0.9/${instanceId}`,
    description: null,
    ...init,
  };
}

describe.each(testDatabaseKinds)('group repositories on %s', (kind) => {
  const test = useDatabase(kind);

  it('generates a group once: get-or-create by (service, region, zone, name), case-insensitively', async () => {
    const db = test().database.db;
    const created = await generateGroup(db, blue);
    const again = await generateGroup(db, { ...blue, name: 'BLUE', description: 'ignored' });
    expect(again.id).toBe(created.id);
    expect(again.description).toBe('first');
    expect(await selectGroups(db)).toHaveLength(1);
  });

  it('upserts groups (new attributes win), while insert leaves an existing group as it is', async () => {
    const db = test().database.db;
    await insertGroups(db, [blue]);
    await insertGroups(db, [{ ...blue, status: 'inactive' }]);
    expect((await selectGroups(db))[0]?.status).toBe('active');
    await insertOrUpdateGroups(db, [{ ...blue, status: 'inactive', appId: 'app2', description: null }]);
    expect((await selectGroups(db))[0]).toMatchObject({ status: 'inactive', app_id: 'app2', description: null });
  });

  it('soft-deletes groups: hidden from selects, and revived by an upsert with the same id', async () => {
    const db = test().database.db;
    const [row] = await insertOrUpdateGroups(db, [blue]);
    expect(await softDeleteGroups(db, [row!.id])).toHaveLength(1);
    expect(await selectGroups(db)).toEqual([]);
    expect(await selectGroupsByIds(db, [row!.id])).toEqual([]);
    const [revived] = await insertOrUpdateGroups(db, [blue]);
    expect(revived!.id).toBe(row!.id);
    expect(await selectGroups(db)).toHaveLength(1);
  });

  it('selects groups by every filter field and ignores blank ones', async () => {
    const db = test().database.db;
    await insertOrUpdateGroups(db, [blue, { ...blue, name: 'green', status: 'inactive' }, { ...blue, serviceId: 'pay', appId: 'other' }]);
    expect(await selectGroups(db, { serviceId: 'ORDERS' })).toHaveLength(2);
    expect(await selectGroups(db, { status: 'inactive' })).toHaveLength(1);
    expect(await selectGroups(db, { appId: 'other', name: '  ' })).toHaveLength(1);
    const [first] = await selectGroups(db, { name: 'blue', serviceId: 'orders' });
    expect(await selectGroups(db, { id: first!.id })).toHaveLength(1);
    expect(await selectGroups(db, { zoneId: 'zone-z' })).toEqual([]);
  });

  it('upserts tags per (group, tag) and deletes them by any combination of group, tag and value', async () => {
    const db = test().database.db;
    await insertParents(db, { groups: 2 });
    await upsertGroupTags(db, [
      { groupId: 1, tag: 'color', value: 'blue' },
      { groupId: 1, tag: 'size', value: 'L' },
      { groupId: 2, tag: 'color', value: 'blue' },
    ]);
    await upsertGroupTags(db, [{ groupId: 1, tag: 'COLOR', value: 'red' }]);
    expect((await selectGroupTags(db, 1)).map((t) => `${t.tag}=${t.value}`)).toEqual(['COLOR=red', 'size=L']);
    expect(await deleteGroupTags(db, {})).toEqual([]);
    expect(await deleteGroupTags(db, { value: 'blue' })).toHaveLength(1);
    expect(await deleteGroupTags(db, { groupId: 1, tag: 'color' })).toHaveLength(1);
    expect((await selectGroupTags(db)).map((t) => t.tag)).toEqual(['size']);
  });

  it('lists an instanceId in a group once, and deletes group instances by id or by (group, instanceId)', async () => {
    const db = test().database.db;
    await insertParents(db, { groups: 2 });
    await insertGroupInstances(db, [
      { groupId: 1, instanceId: 'a' },
      { groupId: 1, instanceId: 'A' },
      { groupId: 1, instanceId: 'b' },
      { groupId: 2, instanceId: 'a' },
    ]);
    expect(await selectGroupInstances(db)).toHaveLength(3);
    expect(await selectGroupInstances(db, { instanceId: 'A' })).toHaveLength(2);
    const [first] = await selectGroupInstances(db, { groupId: 1, instanceId: 'a' });
    expect(await deleteGroupInstancesByIds(db, [first!.id])).toHaveLength(1);
    expect(await deleteGroupInstancesByFilter(db, [{ groupId: 2, instanceId: 'A' }])).toHaveLength(1);
    expect((await selectGroupInstances(db)).map((r) => `${r.group_id}/${r.instance_id}`)).toEqual(['1/b']);
  });

  it('upserts logical instances by (service, instanceId) and deletes them by id or key', async () => {
    const db = test().database.db;
    await upsertServiceInstances(db, [logical('l-1'), logical('l-2')]);
    await upsertServiceInstances(db, [logical('L-1', { ip: '10.0.0.10', port: 81 })]);
    const rows = await selectServiceInstances(db, { serviceId: 'orders' });
    expect(rows.map((r) => `${r.instance_id}:${r.ip}:${r.port}`)).toEqual(['L-1:10.0.0.10:81', 'l-2:10.0.0.9:80']);
    expect(await selectServiceInstances(db, { instanceId: 'l-2' })).toHaveLength(1);
    expect(await deleteServiceInstancesByIds(db, [rows[0]!.id])).toHaveLength(1);
    expect(await deleteServiceInstancesByFilter(db, [{ serviceId: 'ORDERS', instanceId: 'L-2' }])).toHaveLength(1);
    expect(await selectServiceInstances(db)).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { managementTableNames, migrateDown, migrateTo, migrateToLatest } from '../src/index.js';
import { testDatabaseKinds } from '../src/testing.js';
import { useDatabase } from './fixtures.js';

async function tables(db: Parameters<typeof migrateToLatest>[0]): Promise<string[]> {
  const result = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'artemis_migration%' order by table_name`.execute(db);
  return result.rows.map((row) => row.table_name);
}

describe.each(testDatabaseKinds)('migrations on %s', (kind) => {
  const test = useDatabase(kind, { migrate: false });

  it('creates the 20 management tables, is idempotent, and its down steps remove them all', async () => {
    const db = test().database.db;
    expect(await migrateToLatest(db)).toEqual(['20251130000000_management-schema', '20261204000000_change-journal-and-references']);
    expect(await tables(db)).toEqual(expect.arrayContaining([...managementTableNames]));
    expect(await migrateToLatest(db)).toEqual([]);
    expect(await migrateDown(db)).toEqual(['20261204000000_change-journal-and-references']);
    expect(await tables(db)).toEqual([...managementTableNames].sort());
    expect(await migrateDown(db)).toEqual(['20251130000000_management-schema']);
    expect(await tables(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual(['20251130000000_management-schema', '20261204000000_change-journal-and-references']);
  });

  it('removes rows naming a group or route rule that does not exist, with their log rows, before adding the foreign keys', async () => {
    const db = test().database.db;
    await migrateTo(db, '20251130000000_management-schema');
    await sql`insert into service_group (id, service_id, region_id, zone_id, name) values (1, 'orders', 'default', 'zone-a', 'blue')`.execute(db);
    await sql`insert into service_route_rule (id, service_id, name) values (1, 'orders', 'split')`.execute(db);
    await sql`insert into service_group_operation (group_id, operation) values (1, 'pullout'), (999999, 'pullout'), (-1, 'pullout')`.execute(db);
    await sql`insert into service_group_operation_log (group_id, operation) values (1, 'pullout'), (999999, 'pullout')`.execute(db);
    await sql`insert into service_group_tag (group_id, tag) values (1, 'a'), (0, 'a')`.execute(db);
    await sql`insert into service_route_rule_group (route_rule_id, group_id) values (1, 1), (1, 7), (7, 1)`.execute(db);
    await migrateToLatest(db);
    const rows = async (query: string) => (await sql.raw<Record<string, unknown>>(query).execute(db)).rows;
    expect(await rows('select group_id from service_group_operation')).toEqual([{ group_id: 1 }]);
    expect(await rows('select group_id from service_group_operation_log')).toEqual([{ group_id: 1 }]);
    expect(await rows('select group_id from service_group_tag')).toEqual([{ group_id: 1 }]);
    expect(await rows('select route_rule_id, group_id from service_route_rule_group')).toEqual([{ route_rule_id: 1, group_id: 1 }]);
    await migrateDown(db);
    await migrateDown(db);
  });
});

import { describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { managementTableNames, migrateDown, migrateTo, migrateToLatest } from '../src/index.js';
import { testDatabaseKinds } from '../src/testing.js';
import { useDatabase } from './fixtures.js';

const securityTables = ['artemis_security_log', 'artemis_token', 'artemis_user'];
const allMigrations = ['20251130000000_management-schema', '20261204000000_change-journal-and-references', '20261204100000_security', '20261204200000_operator-note'];

async function tables(db: Parameters<typeof migrateToLatest>[0]): Promise<string[]> {
  const result = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'artemis_migration%' order by table_name`.execute(db);
  return result.rows.map((row) => row.table_name);
}

describe.each(testDatabaseKinds)('migrations on %s', (kind) => {
  const test = useDatabase(kind, { migrate: false });

  it('creates the 20 management tables and the security tables, is idempotent, and its down steps remove them all', async () => {
    const db = test().database.db;
    expect(await migrateToLatest(db)).toEqual(allMigrations);
    expect(await tables(db)).toEqual(expect.arrayContaining([...managementTableNames, ...securityTables]));
    expect(await migrateToLatest(db)).toEqual([]);
    expect(await migrateDown(db)).toEqual(['20261204200000_operator-note']);
    expect(await migrateDown(db)).toEqual(['20261204100000_security']);
    expect(await tables(db)).toEqual(expect.not.arrayContaining(securityTables));
    expect(await migrateDown(db)).toEqual(['20261204000000_change-journal-and-references']);
    expect(await tables(db)).toEqual([...managementTableNames].sort());
    expect(await migrateDown(db)).toEqual(['20251130000000_management-schema']);
    expect(await tables(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual(allMigrations);
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
  });

  it('blanks the tokens that older versions stored in the Java-shaped tables', async () => {
    const db = test().database.db;
    await migrateTo(db, '20261204000000_change-journal-and-references');
    await sql`insert into instance_log (region_id, service_id, instance_id, operation, operator_id, token) values ('r', 's', 'i', 'pullout', 'ops', 'secret-1')`.execute(db);
    await sql`insert into server (region_id, server_id, operation, operator_id, token) values ('r', '10.0.0.1', 'pullout', 'ops', 'secret-2')`.execute(db);
    await migrateToLatest(db);
    const left = await sql<{ n: number }>`select (select count(*) from instance_log where token <> '') + (select count(*) from server where token <> '') as n`.execute(db);
    expect(Number(left.rows[0]?.n)).toBe(0);
  });

  it('adds operator_note to every log table, empty on rows written before it', async () => {
    const db = test().database.db;
    await migrateTo(db, '20261204100000_security');
    await sql`insert into instance_log (region_id, service_id, instance_id, operation, operator_id) values ('r', 's', 'i', 'pullout', 'before-the-note')`.execute(db);
    await migrateToLatest(db);
    const columns = await sql<{ table_name: string }>`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'operator_note' order by table_name`.execute(db);
    expect(columns.rows.map((row) => row.table_name)).toEqual(managementTableNames.filter((table) => table.endsWith('_log')).sort());
    expect((await sql<{ operator_note: string }>`select operator_note from instance_log where operator_id = 'before-the-note'`.execute(db)).rows).toEqual([{ operator_note: '' }]);
  });
});

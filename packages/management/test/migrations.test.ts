import { describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { managementTableNames, migrateDown, migrateToLatest } from '../src/index.js';
import { testDatabaseKinds } from '../src/testing.js';
import { useDatabase } from './fixtures.js';

const securityTables = ['artemis_security_log', 'artemis_token', 'artemis_user'];

async function tables(db: Parameters<typeof migrateToLatest>[0]): Promise<string[]> {
  const result = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'artemis_migration%' order by table_name`.execute(db);
  return result.rows.map((row) => row.table_name);
}

describe.each(testDatabaseKinds)('migrations on %s', (kind) => {
  const test = useDatabase(kind, { migrate: false });

  it('creates the 20 management tables and the security tables, is idempotent, and its down steps remove them all', async () => {
    const db = test().database.db;
    expect(await migrateToLatest(db)).toEqual(['20251130000000_management-schema', '20261204100000_security']);
    expect(await tables(db)).toEqual([...managementTableNames, ...securityTables].sort());
    expect(await migrateToLatest(db)).toEqual([]);
    expect(await migrateDown(db)).toEqual(['20261204100000_security']);
    expect(await tables(db)).toEqual([...managementTableNames].sort());
    expect(await migrateDown(db)).toEqual(['20251130000000_management-schema']);
    expect(await tables(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual(['20251130000000_management-schema', '20261204100000_security']);
  });

  it('blanks the tokens that older versions stored in the Java-shaped tables', async () => {
    const db = test().database.db;
    await migrateDown(db);
    await sql`insert into instance_log (region_id, service_id, instance_id, operation, operator_id, token) values ('r', 's', 'i', 'pullout', 'ops', 'secret-1')`.execute(db);
    await sql`insert into server (region_id, server_id, operation, operator_id, token) values ('r', '10.0.0.1', 'pullout', 'ops', 'secret-2')`.execute(db);
    await migrateToLatest(db);
    const left = await sql<{ n: number }>`select (select count(*) from instance_log where token <> '') + (select count(*) from server where token <> '') as n`.execute(db);
    expect(Number(left.rows[0]?.n)).toBe(0);
  });
});

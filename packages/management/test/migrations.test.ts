import { describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { managementTableNames, migrateDown, migrateToLatest } from '../src/index.js';
import { testDatabaseKinds } from '../src/testing.js';
import { useDatabase } from './fixtures.js';

async function tables(db: Parameters<typeof migrateToLatest>[0]): Promise<string[]> {
  const result = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'artemis_migration%' order by table_name`.execute(db);
  return result.rows.map((row) => row.table_name);
}

describe.each(testDatabaseKinds)('migrations on %s', (kind) => {
  const test = useDatabase(kind, { migrate: false });

  it('creates the 20 management tables, is idempotent, and its down step removes them all', async () => {
    const db = test().database.db;
    expect(await migrateToLatest(db)).toEqual(['20251130000000_management-schema']);
    expect(await tables(db)).toEqual([...managementTableNames].sort());
    expect(await migrateToLatest(db)).toEqual([]);
    expect(await migrateDown(db)).toEqual(['20251130000000_management-schema']);
    expect(await tables(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual(['20251130000000_management-schema']);
  });
});

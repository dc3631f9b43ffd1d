import { describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase } from '../src/testing.js';

describe('a pooled session the server ends mid-transaction', () => {
  it('fails the transaction and leaves the process and the pool working', async () => {
    await using test = await createTestDatabase('postgres');
    const db = test.database.db;
    const killer = new pg.Client({ connectionString: test.url });
    killer.on('error', () => undefined);
    await killer.connect();
    try {
      const outcome = db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        // The server ends this session while the transaction waits, as
        // idle_in_transaction_session_timeout does on a starved node.
        await killer.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql`select 1`.execute(trx);
      });
      await expect(outcome).rejects.toThrow();
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await killer.end();
    }
  });
});

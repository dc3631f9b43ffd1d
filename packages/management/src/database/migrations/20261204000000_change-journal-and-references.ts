import { sql, type Kysely } from 'kysely';

/*
 * 1. A change journal: every insert, update and delete of the tables discovery depends on is
 *    recorded by a trigger in `artemis_change` (the row before and after, as jsonb), so a node
 *    applies each write to its in-memory snapshot row by row instead of reloading everything
 *    (docs/architecture.md). The trigger takes the same transaction-scoped advisory lock as
 *    the node's writes, so any writer, even plain SQL, is serialised: journal sequence numbers
 *    are handed out in commit order, and a node that has read up to `seq` has missed nothing
 *    below it. `artemis_change_horizon` says up to which `seq` old rows were pruned.
 *    A TRUNCATE is journalled too, and makes nodes reload whole.
 * 2. References between management rows, enforced by the database: a tag, operation, listed
 * instance or route-rule membership names a group (and a membership a route rule) that exists.
 * Groups and route rules are only ever soft-deleted, so these keys never block a delete of ours.
 * Java had no foreign keys; the writes it accepted for ids that do not exist (-1, 0, a future
 * id) hid the instances of whichever group got that id later (docs/management.md).
 */

/** Child table, its column, the parent table, and the log table whose rows describe the child's. */
const references = [
  { table: 'service_group_instance', column: 'group_id', parent: 'service_group', log: 'service_group_instance_log' },
  { table: 'service_group_operation', column: 'group_id', parent: 'service_group', log: 'service_group_operation_log' },
  { table: 'service_group_tag', column: 'group_id', parent: 'service_group', log: 'service_group_tag_log' },
  { table: 'service_route_rule_group', column: 'group_id', parent: 'service_group', log: 'service_route_rule_group_log' },
  { table: 'service_route_rule_group', column: 'route_rule_id', parent: 'service_route_rule', log: 'service_route_rule_group_log' },
] as const;

function constraintName(reference: (typeof references)[number]): string {
  return `${reference.table}_${reference.column}_fk`;
}

/**
 * Rows that name a parent that does not exist were accepted by mistake and would attach
 * themselves to whichever row gets that id later; they are removed, with the log rows that
 * describe them (else the log would show them as changes of that future row). Each removal is
 * raised as a WARNING, which the node's log shows.
 */
async function removeOrphans(db: Kysely<unknown>): Promise<void> {
  for (const { table, column, parent, log } of references) {
    await sql
      .raw(
        `do $$ declare removed bigint; logs bigint; begin
          delete from ${table} c where not exists (select 1 from ${parent} p where p.id = c.${column});
          get diagnostics removed = row_count;
          delete from ${log} l where not exists (select 1 from ${parent} p where p.id = l.${column});
          get diagnostics logs = row_count;
          if removed > 0 or logs > 0 then
            raise warning 'artemis migration: removed % rows of ${table} and % rows of ${log} naming a ${parent}.id that does not exist', removed, logs;
          end if;
        end $$`,
      )
      .execute(db);
  }
}

/** The tables the journal covers: exactly those a node's snapshot holds. */
const journalled = [
  'instance',
  'server',
  'service_zone',
  'service_group',
  'service_group_operation',
  'service_group_tag',
  'service_group_instance',
  'service_instance',
  'service_route_rule',
  'service_route_rule_group',
] as const;

/** The advisory lock key of management writes (`MANAGEMENT_WRITE_LOCK`, "ARTE"). */
const WRITE_LOCK = 0x41525445;

async function createJournal(db: Kysely<unknown>): Promise<void> {
  await sql`create table artemis_change (seq bigserial primary key, table_name text not null, op text not null,
    old_row jsonb, new_row jsonb, change_time timestamptz not null default now())`.execute(db);
  await sql`create table artemis_change_horizon (id integer primary key default 1 check (id = 1), pruned_through bigint not null default 0)`.execute(db);
  await sql`insert into artemis_change_horizon default values`.execute(db);
  await sql
    .raw(
      `create function artemis_record_change() returns trigger language plpgsql as $$
      begin
        perform pg_advisory_xact_lock(${WRITE_LOCK});
        if tg_op = 'TRUNCATE' then
          insert into artemis_change (table_name, op) values (tg_table_name, 'truncate');
        elsif tg_op = 'DELETE' then
          insert into artemis_change (table_name, op, old_row) values (tg_table_name, 'delete', to_jsonb(old));
        elsif tg_op = 'UPDATE' then
          insert into artemis_change (table_name, op, old_row, new_row) values (tg_table_name, 'update', to_jsonb(old), to_jsonb(new));
        else
          insert into artemis_change (table_name, op, new_row) values (tg_table_name, 'insert', to_jsonb(new));
        end if;
        return null;
      end $$`,
    )
    .execute(db);
  for (const table of journalled) {
    await sql.raw(`create trigger artemis_change_row after insert or update or delete on ${table} for each row execute function artemis_record_change()`).execute(db);
    await sql.raw(`create trigger artemis_change_truncate after truncate on ${table} for each statement execute function artemis_record_change()`).execute(db);
  }
}

async function dropJournal(db: Kysely<unknown>): Promise<void> {
  for (const table of journalled) {
    await sql.raw(`drop trigger if exists artemis_change_row on ${table}`).execute(db);
    await sql.raw(`drop trigger if exists artemis_change_truncate on ${table}`).execute(db);
  }
  await sql`drop function if exists artemis_record_change()`.execute(db);
  await sql`drop table if exists artemis_change_horizon`.execute(db);
  await sql`drop table if exists artemis_change`.execute(db);
}

/** Removes orphans, adds the foreign keys, then the journal. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await removeOrphans(db);
  for (const reference of references) {
    await sql
      .raw(`alter table ${reference.table} add constraint ${constraintName(reference)} foreign key (${reference.column}) references ${reference.parent} (id)`)
      .execute(db);
  }
  await createJournal(db);
}

/** Drops the journal and the foreign keys (removed orphans stay removed). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await dropJournal(db);
  for (const reference of [...references].reverse()) {
    await sql.raw(`alter table ${reference.table} drop constraint if exists ${constraintName(reference)}`).execute(db);
  }
}

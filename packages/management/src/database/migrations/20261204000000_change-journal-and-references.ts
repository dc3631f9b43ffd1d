import { sql, type Kysely } from 'kysely';

/*
 * References between management rows, enforced by the database: a tag, operation, listed
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

/** Removes orphans, then adds the foreign keys. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await removeOrphans(db);
  for (const reference of references) {
    await sql
      .raw(`alter table ${reference.table} add constraint ${constraintName(reference)} foreign key (${reference.column}) references ${reference.parent} (id)`)
      .execute(db);
  }
}

/** Drops the foreign keys (removed orphans stay removed). */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const reference of [...references].reverse()) {
    await sql.raw(`alter table ${reference.table} drop constraint if exists ${constraintName(reference)}`).execute(db);
  }
}

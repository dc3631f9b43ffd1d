import { sql, type Kysely } from 'kysely';

/*
 * Log rows record the operator a bearer token names; when a write's body claimed another
 * `operatorId`, that claim is kept beside it in `operator_note` rather than lost
 * (docs/security.md). Plain `alter table ... add column` with a constant default: Postgres
 * (the real server and the embedded one alike) adds it without rewriting the table.
 */

const logTables = [
  'instance_log',
  'server_log',
  'service_group_log',
  'service_group_instance_log',
  'service_group_operation_log',
  'service_group_tag_log',
  'service_instance_log',
  'service_route_rule_log',
  'service_route_rule_group_log',
  'service_zone_log',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of logTables) await sql`alter table ${sql.table(table)} add column if not exists operator_note text not null default ''`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of logTables) await sql`alter table ${sql.table(table)} drop column if exists operator_note`.execute(db);
}

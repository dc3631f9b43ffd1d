import { sql, type Kysely } from 'kysely';

/*
 * Users, API tokens and the security log (docs/security.md). Tokens are kept as a SHA-256 of
 * the secret only; passwords as scrypt hashes. The `token` column of the Java-shaped
 * management tables stays for the wire shape but is blanked: Java clients put credentials
 * there, and the log endpoints used to hand them out.
 */

const javaTokenTables = [
  'instance',
  'instance_log',
  'server',
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
  await sql`create table artemis_user (id bigserial primary key, user_name text not null, role text not null,
    password_hash text not null, disabled boolean not null default false, created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(), last_login_at timestamptz)`.execute(db);
  await sql`create unique index artemis_user_name_uq on artemis_user (lower(user_name))`.execute(db);
  await sql`create table artemis_token (id text primary key, token_hash text not null, name text not null, kind text not null,
    role text not null, owner text not null, service_ids text, created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(), expires_at timestamptz, last_used_at timestamptz, revoked_at timestamptz)`.execute(db);
  await sql`create unique index artemis_token_hash_uq on artemis_token (token_hash)`.execute(db);
  await sql`create table artemis_security_log (id bigserial primary key, event text not null, operator text not null,
    subject text, remote_address text, detail text, created_at timestamptz not null default now())`.execute(db);
  await sql`create index artemis_security_log_time_ix on artemis_security_log (created_at desc)`.execute(db);
  for (const table of javaTokenTables) {
    const exists = await sql<{ exists: boolean }>`select to_regclass(${table}) is not null as exists`.execute(db);
    const hasToken = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns where table_name = ${table} and column_name = 'token'`.execute(db);
    if (exists.rows[0]?.exists === true && (hasToken.rows[0]?.n ?? 0) > 0) await sql`update ${sql.table(table)} set token = '' where token <> ''`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists artemis_security_log`.execute(db);
  await sql`drop table if exists artemis_token`.execute(db);
  await sql`drop table if exists artemis_user`.execute(db);
}

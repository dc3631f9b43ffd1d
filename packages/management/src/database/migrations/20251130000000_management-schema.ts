import { sql, type Kysely, type RawBuilder } from 'kysely';

/*
 * Java's 20 management tables (docs/java-reference.md §8.4) in Postgres terms: bigserial ids,
 * timestamptz times, booleans, text instead of varchar(255) (inputs are bounded at the edge),
 * and the same unique keys built on lower(...), because Java's MySQL collation compared ids
 * case-insensitively and protocol.md makes identity case-insensitive everywhere.
 * No foreign keys: Java has none, and its semantics (rows that name a group that is gone)
 * depend on that.
 */

const times = sql`create_time timestamptz not null default now(), update_time timestamptz not null default now()`;
const context = sql`operation text not null default '', operator_id text not null default '', token text not null default '',
  extensions text not null default '{}', reason text not null default ''`;

const statements: readonly RawBuilder<unknown>[] = [
  sql`create table instance (id bigserial primary key, region_id text not null, service_id text not null, instance_id text not null,
    operation text not null, operator_id text not null default '', token text not null default '', ${times})`,
  sql`create unique index instance_key_uq on instance (lower(region_id), lower(service_id), lower(instance_id), lower(operation))`,
  sql`create table instance_log (id bigserial primary key, region_id text not null, service_id text not null, instance_id text not null,
    complete boolean not null default false, ${context}, ${times})`,
  sql`create index instance_log_key_ix on instance_log (lower(service_id), lower(instance_id))`,

  sql`create table server (id bigserial primary key, region_id text not null, server_id text not null, operation text not null,
    operator_id text not null default '', token text not null default '', ${times})`,
  sql`create unique index server_key_uq on server (lower(region_id), lower(server_id), lower(operation))`,
  sql`create table server_log (id bigserial primary key, region_id text not null, server_id text not null,
    complete boolean not null default false, ${context}, ${times})`,
  sql`create index server_log_key_ix on server_log (lower(server_id))`,

  sql`create table service_group (id bigserial primary key, service_id text not null, region_id text not null, zone_id text not null,
    name text not null, app_id text not null default '', description text, status text not null default '',
    deleted boolean not null default false, type text not null default 'physical', ${times})`,
  sql`create unique index service_group_key_uq on service_group (lower(service_id), lower(region_id), lower(zone_id), lower(name))`,
  sql`create index service_group_service_ix on service_group (lower(service_id)) where not deleted`,
  sql`create table service_group_log (id bigserial primary key, group_id bigint not null default 0, service_id text not null,
    region_id text not null, zone_id text not null, name text not null, app_id text not null default '', status text not null default '',
    description text, ${context}, ${times})`,
  sql`create index service_group_log_service_ix on service_group_log (lower(service_id))`,

  sql`create table service_group_instance (id bigserial primary key, group_id bigint not null, instance_id text not null, ${times})`,
  sql`create unique index service_group_instance_uq on service_group_instance (group_id, lower(instance_id))`,
  sql`create table service_group_instance_log (id bigserial primary key, group_id bigint not null, instance_id text not null, ${context}, ${times})`,
  sql`create index service_group_instance_log_ix on service_group_instance_log (group_id)`,

  sql`create table service_group_operation (id bigserial primary key, group_id bigint not null, operation text not null, ${times})`,
  sql`create unique index service_group_operation_uq on service_group_operation (group_id, lower(operation))`,
  sql`create table service_group_operation_log (id bigserial primary key, group_id bigint not null,
    complete boolean not null default false, ${context}, ${times})`,
  sql`create index service_group_operation_log_ix on service_group_operation_log (group_id)`,

  sql`create table service_group_tag (id bigserial primary key, group_id bigint not null, tag text not null, value text not null default '', ${times})`,
  sql`create unique index service_group_tag_uq on service_group_tag (group_id, lower(tag))`,
  sql`create table service_group_tag_log (id bigserial primary key, group_id bigint not null, tag text not null default '',
    value text not null default '', ${context}, ${times})`,

  sql`create table service_instance (id bigserial primary key, service_id text not null, instance_id text not null,
    ip text not null default '', machine_name text not null default '', metadata text not null default '',
    port integer not null default 80, protocol text not null default 'http', region_id text not null default '',
    zone_id text not null default '', group_id text not null default '', health_check_url text not null default '',
    url text not null default '', description text, ${times})`,
  sql`create unique index service_instance_uq on service_instance (lower(service_id), lower(instance_id))`,
  sql`create table service_instance_log (id bigserial primary key, service_id text not null, instance_id text not null,
    ip text not null default '', machine_name text not null default '', metadata text not null default '',
    port integer not null default 80, protocol text not null default 'http', region_id text not null default '',
    zone_id text not null default '', group_id text not null default '', health_check_url text not null default '',
    url text not null default '', ${context}, ${times})`,
  sql`create index service_instance_log_ix on service_instance_log (lower(service_id), lower(instance_id))`,

  sql`create table service_route_rule (id bigserial primary key, service_id text not null, name text not null, description text,
    status text not null default '', strategy text not null default 'weighted-round-robin', deleted boolean not null default false, ${times})`,
  sql`create unique index service_route_rule_uq on service_route_rule (lower(service_id), lower(name))`,
  sql`create table service_route_rule_log (id bigserial primary key, route_rule_id bigint not null default 0, service_id text not null,
    name text not null, status text not null default '', complete boolean not null default false, ${context}, ${times})`,
  sql`create index service_route_rule_log_ix on service_route_rule_log (lower(service_id))`,

  sql`create table service_route_rule_group (id bigserial primary key, route_rule_id bigint not null, group_id bigint not null,
    weight integer, unreleased_weight integer, ${times})`,
  sql`create unique index service_route_rule_group_uq on service_route_rule_group (route_rule_id, group_id)`,
  sql`create table service_route_rule_group_log (id bigserial primary key, route_rule_id bigint not null, group_id bigint not null,
    weight integer, ${context}, ${times})`,
  sql`create index service_route_rule_group_log_ix on service_route_rule_group_log (route_rule_id, group_id)`,

  sql`create table service_zone (id bigserial primary key, service_id text not null, region_id text not null, zone_id text not null,
    operation text not null, ${times})`,
  sql`create unique index service_zone_uq on service_zone (lower(service_id), lower(region_id), lower(zone_id), lower(operation))`,
  sql`create table service_zone_log (id bigserial primary key, service_id text not null, region_id text not null, zone_id text not null,
    complete boolean not null default false, ${context}, ${times})`,
  sql`create index service_zone_log_ix on service_zone_log (lower(service_id))`,
];

const tables = [
  'instance',
  'instance_log',
  'server',
  'server_log',
  'service_group',
  'service_group_log',
  'service_group_instance',
  'service_group_instance_log',
  'service_group_operation',
  'service_group_operation_log',
  'service_group_tag',
  'service_group_tag_log',
  'service_instance',
  'service_instance_log',
  'service_route_rule',
  'service_route_rule_log',
  'service_route_rule_group',
  'service_route_rule_group_log',
  'service_zone',
  'service_zone_log',
];

/** Creates the 20 management tables and their keys. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...tables].reverse()) await sql`drop table if exists ${sql.table(table)}`.execute(db);
}

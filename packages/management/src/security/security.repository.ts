import { sql } from 'kysely';
import type { ManagementDb } from '../database/management-tables.js';
import type { SecurityLogRow, TokenRow, UserRow } from '../database/tables/security.table.js';

/** A new token row. */
export interface NewToken {
  readonly id: string;
  readonly tokenHash: string;
  readonly name: string;
  readonly kind: string;
  readonly role: string;
  readonly owner: string;
  readonly serviceIds: readonly string[] | null;
  readonly expiresAt: Date | null;
}

/** A new security log row. */
export interface NewSecurityLog {
  readonly event: string;
  readonly operator: string;
  readonly subject?: string | null;
  readonly remoteAddress?: string | null;
  readonly detail?: string | null;
}

/** True while the database holds neither users nor tokens (a fresh database). */
export async function securityIsEmpty(db: ManagementDb): Promise<boolean> {
  const row = await sql<{ users: number; tokens: number }>`select (select count(*)::int from artemis_user) as users, (select count(*)::int from artemis_token) as tokens`.execute(db);
  return row.rows[0]?.users === 0 && row.rows[0]?.tokens === 0;
}

/**
 * A value that changes whenever a token or user is added, changed or removed: nodes compare it
 * to find changes whose notification they missed.
 */
export async function securityFingerprint(db: ManagementDb): Promise<string> {
  const result = await sql<{ f: string }>`select concat_ws('/',
      (select count(*) from artemis_token), (select max(updated_at) from artemis_token),
      (select count(*) from artemis_user), (select max(updated_at) from artemis_user)) as f`.execute(db);
  return result.rows[0]?.f ?? '';
}

/** The user named `userName` (any case), or undefined. */
export function findUser(db: ManagementDb, userName: string): Promise<UserRow | undefined> {
  return db.selectFrom('artemis_user').selectAll().where(sql<boolean>`lower(user_name) = lower(${userName})`).executeTakeFirst();
}

/** Every user, by name. */
export function listUsers(db: ManagementDb): Promise<UserRow[]> {
  return db.selectFrom('artemis_user').selectAll().orderBy('user_name').execute();
}

/** Inserts a user; a duplicate name (any case) fails with a unique violation. */
export function insertUser(db: ManagementDb, user: { userName: string; role: string; passwordHash: string }): Promise<UserRow> {
  return db.insertInto('artemis_user').values({ user_name: user.userName, role: user.role, password_hash: user.passwordHash }).returningAll().executeTakeFirstOrThrow();
}

/** Changes the given fields of a user; undefined when there is no such user. */
export function updateUser(db: ManagementDb, userName: string, change: { role?: string; passwordHash?: string; disabled?: boolean }): Promise<UserRow | undefined> {
  return db
    .updateTable('artemis_user')
    .set({
      updated_at: sql<Date>`now()`,
      ...(change.role === undefined ? {} : { role: change.role }),
      ...(change.passwordHash === undefined ? {} : { password_hash: change.passwordHash }),
      ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
    })
    .where(sql<boolean>`lower(user_name) = lower(${userName})`)
    .returningAll()
    .executeTakeFirst();
}

/** Records a successful login. */
export async function touchUserLogin(db: ManagementDb, userName: string): Promise<void> {
  await db.updateTable('artemis_user').set({ last_login_at: sql<Date>`now()` }).where(sql<boolean>`lower(user_name) = lower(${userName})`).execute();
}

/** Deletes a user; true when there was one. */
export async function deleteUser(db: ManagementDb, userName: string): Promise<boolean> {
  const result = await db.deleteFrom('artemis_user').where(sql<boolean>`lower(user_name) = lower(${userName})`).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Inserts a token. */
export function insertToken(db: ManagementDb, token: NewToken): Promise<TokenRow> {
  return db
    .insertInto('artemis_token')
    .values({
      id: token.id,
      token_hash: token.tokenHash,
      name: token.name,
      kind: token.kind,
      role: token.role,
      owner: token.owner,
      service_ids: token.serviceIds === null ? null : JSON.stringify(token.serviceIds),
      expires_at: token.expiresAt,
      last_used_at: null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The token whose secret hashes to `tokenHash`, revoked or not, or undefined. */
export function findTokenByHash(db: ManagementDb, tokenHash: string): Promise<TokenRow | undefined> {
  return db.selectFrom('artemis_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** The token `id`, or undefined. */
export function findToken(db: ManagementDb, id: string): Promise<TokenRow | undefined> {
  return db.selectFrom('artemis_token').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Tokens not revoked and not expired for longer than a day, newest first (at most `limit`). */
export function listTokens(db: ManagementDb, limit: number): Promise<TokenRow[]> {
  return db
    .selectFrom('artemis_token')
    .selectAll()
    .where(sql<boolean>`revoked_at is null and (expires_at is null or expires_at > now() - interval '1 day')`)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Revokes a token; the revoked row, or undefined when it did not exist or was revoked already. */
export function revokeToken(db: ManagementDb, id: string): Promise<TokenRow | undefined> {
  return db
    .updateTable('artemis_token')
    .set({ revoked_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Revokes every live token of `owner` (a deleted or disabled user's sessions); the ids revoked. */
export async function revokeTokensOf(db: ManagementDb, owner: string, kind: string): Promise<string[]> {
  const rows = await db
    .updateTable('artemis_token')
    .set({ revoked_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where(sql<boolean>`lower(owner) = lower(${owner})`)
    .where('kind', '=', kind)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Writes last-use times of many tokens in one statement (does not touch `updated_at`). */
export async function touchTokens(db: ManagementDb, uses: ReadonlyMap<string, Date>): Promise<void> {
  if (uses.size === 0) return;
  const ids = [...uses.keys()];
  const times = ids.map((id) => uses.get(id)!.toISOString());
  await sql`update artemis_token t set last_used_at = greatest(coalesce(t.last_used_at, v.at), v.at)
    from unnest(${ids}::text[], ${times}::timestamptz[]) as v(id, at) where t.id = v.id`.execute(db);
}

/** Appends a security log row. */
export async function insertSecurityLog(db: ManagementDb, entry: NewSecurityLog): Promise<void> {
  await db
    .insertInto('artemis_security_log')
    .values({ event: entry.event, operator: entry.operator, subject: entry.subject ?? null, remote_address: entry.remoteAddress ?? null, detail: entry.detail ?? null })
    .execute();
}

/** Security log rows, newest first. */
export function selectSecurityLog(db: ManagementDb, query: { since?: Date; operator?: string; limit: number }): Promise<SecurityLogRow[]> {
  let select = db.selectFrom('artemis_security_log').selectAll();
  if (query.since !== undefined) select = select.where('created_at', '>=', query.since);
  if (query.operator !== undefined) select = select.where(sql<boolean>`lower(operator) = lower(${query.operator})`);
  return select.orderBy('id', 'desc').limit(query.limit).execute();
}

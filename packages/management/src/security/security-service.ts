import { randomUUID } from 'node:crypto';
import {
  AccessDeniedError,
  ArtemisError,
  ErrorCode,
  isRole,
  roleAllows,
  SUCCESS,
  type CreateTokenRequest,
  type CreateUserRequest,
  type DeleteUserRequest,
  type IssuedTokenResponse,
  type ListTokensResponse,
  type ListUsersResponse,
  type LoginRequest,
  type Principal,
  type RevokeTokenRequest,
  type SecurityEvent,
  type SecurityLogQuery,
  type SecurityLogResponse,
  type TokenInfo,
  type TokenKind,
  type UpdateUserRequest,
  type UserInfo,
  type UserResponse,
  type WhoAmIResponse,
} from '@artemis/core';
import { silentLogger, type Logger } from '@artemis/server';
import { sql, type Transaction } from 'kysely';
import { toArtemisError } from '../database/database-errors.js';
import type { ManagementDatabase, Unlisten } from '../database/management-database.js';
import type { ManagementTables } from '../database/management-tables.js';
import type { TokenRow, UserRow } from '../database/tables/security.table.js';
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import * as repo from './security.repository.js';
import { TokenCache, type CachedToken } from './token-cache.js';
import { hashTokenSecret, looksLikeTokenSecret, newTokenId, newTokenSecret } from './token-secret.js';

/** The default NOTIFY channel of security changes. */
export const SECURITY_CHANNEL = 'artemis_security';

/** Advisory lock key held while a node decides whether to make the bootstrap token ("artemis-bootstrap"). */
const BOOTSTRAP_LOCK_KEY = 0x41525442;

/** How security runs on a node. */
export interface SecurityServiceOptions {
  readonly database: ManagementDatabase;
  readonly logger?: Logger;
  /** Lifetime of a login's session token (default 12 h). */
  readonly sessionTtlMs?: number;
  /** How often the node checks for changes whose NOTIFY it missed (default 1000 ms). */
  readonly checkIntervalMs?: number;
  /** How often last-use times are written (default 10 s). */
  readonly lastUseFlushMs?: number;
  readonly throttle?: Partial<LoginThrottleOptions>;
  /** The NOTIFY channel (default `artemis_security`). */
  readonly channel?: string;
}

/** A request's caller as authentication found it. */
export interface Authenticated {
  readonly principal: Principal;
  readonly expiresAt: string | null;
  /** Service ids a registry-scoped token may register, or null for any. */
  readonly serviceIds: readonly string[] | null;
}

/** What the bootstrap step did at start. */
export interface BootstrapResult {
  /** `created`: a new token, its secret returned once; `environment`: the given secret's hash was stored; `skipped`: the database had users or tokens. */
  readonly outcome: 'created' | 'environment' | 'skipped';
  /** The new secret, only when `created`. */
  readonly secret?: string;
}

/** Where a security call comes from. */
export interface CallSource {
  readonly remoteAddress?: string | null;
}

const MAX_LISTED = 1000;

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

function userInfo(row: UserRow): UserInfo {
  return {
    userName: row.user_name,
    role: isRole(row.role) ? row.role : 'viewer',
    disabled: row.disabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastLoginAt: iso(row.last_login_at),
  };
}

function tokenKind(kind: string): TokenKind {
  return kind === 'session' || kind === 'bootstrap' ? kind : 'api';
}

function tokenInfo(row: TokenRow): TokenInfo {
  return {
    tokenId: row.id,
    name: row.name,
    kind: tokenKind(row.kind),
    role: isRole(row.role) ? row.role : 'viewer',
    owner: row.owner,
    createdAt: row.created_at.toISOString(),
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

function principalName(token: CachedToken): string {
  return token.kind === 'session' ? token.owner : `token:${token.name}`;
}

/**
 * Users, tokens, logins and the security log of a node (docs/security.md), over the management
 * database. Every change runs in a transaction with its audit row and a NOTIFY; each node keeps
 * a {@link TokenCache} that the NOTIFY (or, when one is missed, a check every second) clears, so
 * a revocation takes effect on every node sharing the database within about a second.
 *
 * @example
 * ```ts
 * const security = await SecurityService.start({ database });
 * const caller = await security.authenticate('art_...');
 * ```
 */
export class SecurityService {
  private readonly logger: Logger;
  private readonly channel: string;
  private readonly nodeId = randomUUID();
  private readonly cache: TokenCache;
  private readonly throttle: LoginThrottle;
  private readonly lastUses = new Map<string, Date>();
  private unlisten: Unlisten | null = null;
  private checkTimer: NodeJS.Timeout | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private fingerprint = '';
  private checking = false;

  private constructor(private readonly options: SecurityServiceOptions) {
    this.logger = options.logger ?? silentLogger;
    this.channel = options.channel ?? SECURITY_CHANNEL;
    this.cache = new TokenCache((hash) => repo.findTokenByHash(this.db, hash));
    this.throttle = new LoginThrottle(options.throttle);
  }

  private get db() {
    return this.options.database.db;
  }

  /** Listens for changes and starts the periodic check. The schema must be migrated. */
  static async start(options: SecurityServiceOptions): Promise<SecurityService> {
    const service = new SecurityService(options);
    service.unlisten = await options.database.listen(service.channel, {
      onNotify: (payload) => {
        if (payload !== service.nodeId) service.cache.invalidate();
      },
      // Back after a cut: changes made meanwhile sent notifications this node never got.
      onConnection: (connected) => {
        if (connected) service.cache.invalidate();
      },
    });
    service.fingerprint = await repo.securityFingerprint(service.db);
    service.checkTimer = setInterval(() => void service.check(), options.checkIntervalMs ?? 1_000);
    service.checkTimer.unref();
    service.flushTimer = setInterval(() => void service.flushLastUses(), options.lastUseFlushMs ?? 10_000);
    service.flushTimer.unref();
    return service;
  }

  /** Stops listening, writes pending last-use times. */
  async stop(): Promise<void> {
    if (this.checkTimer !== null) clearInterval(this.checkTimer);
    if (this.flushTimer !== null) clearInterval(this.flushTimer);
    this.checkTimer = this.flushTimer = null;
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.();
    await this.flushLastUses();
  }

  /** The throttle, for tests of its bounds. */
  get loginThrottle(): LoginThrottle {
    return this.throttle;
  }

  /** The cache, for tests of its bounds. */
  get tokenCache(): TokenCache {
    return this.cache;
  }

  /**
   * At the first start of an empty database (no users, no tokens), makes an admin bootstrap
   * token under an advisory lock, so that of several nodes starting together exactly one does.
   * With `secret` given (`ARTEMIS_BOOTSTRAP_TOKEN`) its hash is stored instead of a new one.
   */
  async bootstrap(secret?: string): Promise<BootstrapResult> {
    if (secret !== undefined && !looksLikeTokenSecret(secret)) {
      throw new ArtemisError(ErrorCode.badRequest, 'ARTEMIS_BOOTSTRAP_TOKEN must start with art_ and hold at least 16 more characters (make one with: node -e "console.log(\'art_\'+require(\'crypto\').randomBytes(32).toString(\'base64url\'))")');
    }
    return this.write('bootstrap', async (tx) => {
      await sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`.execute(tx);
      if (!(await repo.securityIsEmpty(tx))) return { outcome: 'skipped' } as const;
      const value = secret ?? newTokenSecret();
      const row = await repo.insertToken(tx, { id: newTokenId(), tokenHash: hashTokenSecret(value), name: 'bootstrap', kind: 'bootstrap', role: 'admin', owner: 'bootstrap', serviceIds: null, expiresAt: null });
      await repo.insertSecurityLog(tx, { event: 'bootstrap-token-created', operator: 'node', subject: row.id, detail: secret === undefined ? 'printed to the log' : 'from ARTEMIS_BOOTSTRAP_TOKEN' });
      return secret === undefined ? ({ outcome: 'created', secret: value } as const) : ({ outcome: 'environment' } as const);
    });
  }

  /** The caller a bearer secret names, or null when it is unknown, revoked or expired. */
  async authenticate(secret: string): Promise<Authenticated | null> {
    if (!looksLikeTokenSecret(secret)) return null;
    let token: CachedToken | null;
    try {
      token = await this.cache.lookup(hashTokenSecret(secret));
    } catch (error) {
      throw toArtemisError(error, 'authenticate');
    }
    if (token === null || token.revoked || !isRole(token.role)) return null;
    if (token.expiresAt !== null && token.expiresAt <= Date.now()) return null;
    if (this.lastUses.size < 10_000 || this.lastUses.has(token.id)) this.lastUses.set(token.id, new Date());
    return {
      principal: { name: principalName(token), role: token.role, tokenId: token.id, tokenKind: tokenKind(token.kind) },
      expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
      serviceIds: token.serviceIds,
    };
  }

  /** `login.json`: a session token for a user's name and password, throttled per user and address. */
  async login(request: LoginRequest, source: CallSource = {}): Promise<IssuedTokenResponse> {
    const address = source.remoteAddress ?? '';
    const wait = this.throttle.blockedFor(request.userName, address);
    if (wait > 0) {
      await this.audit('login-failed', request.userName, request.userName, address, 'throttled');
      throw new AccessDeniedError('throttled', 'too many failed logins; retry later', Math.ceil(wait / 1000));
    }
    const user = await this.read('login', (db) => repo.findUser(db, request.userName));
    const ok = await verifyPassword(request.password, user?.password_hash ?? null);
    if (user === undefined || !ok || user.disabled || !isRole(user.role)) {
      this.throttle.failed(request.userName, address);
      await this.audit('login-failed', request.userName, request.userName, address, user?.disabled === true ? 'disabled' : null);
      throw new AccessDeniedError('unauthenticated', 'wrong user name or password');
    }
    this.throttle.succeeded(request.userName);
    const secret = newTokenSecret();
    const ttl = this.options.sessionTtlMs ?? 12 * 3_600_000;
    const row = await this.write('login', async (tx) => {
      const token = await repo.insertToken(tx, {
        id: newTokenId(),
        tokenHash: hashTokenSecret(secret),
        name: `session:${user.user_name}`,
        kind: 'session',
        role: user.role,
        owner: user.user_name,
        serviceIds: null,
        expiresAt: new Date(Date.now() + ttl),
      });
      await repo.touchUserLogin(tx, user.user_name);
      await repo.insertSecurityLog(tx, { event: 'login', operator: user.user_name, subject: token.id, remoteAddress: address });
      return token;
    });
    return { responseStatus: SUCCESS, token: secret, tokenInfo: tokenInfo(row) };
  }

  /** `logout.json`: revokes the token the request presented. */
  async logout(principal: Principal, source: CallSource = {}): Promise<{ responseStatus: typeof SUCCESS }> {
    await this.write('logout', async (tx) => {
      await repo.revokeToken(tx, principal.tokenId);
      await repo.insertSecurityLog(tx, { event: 'logout', operator: principal.name, subject: principal.tokenId, remoteAddress: source.remoteAddress ?? null });
    });
    return { responseStatus: SUCCESS };
  }

  /** `whoami.json`. */
  whoami(caller: Authenticated): WhoAmIResponse {
    return { responseStatus: SUCCESS, principal: caller.principal, expiresAt: caller.expiresAt };
  }

  /** `users.json`. */
  async listUsers(): Promise<ListUsersResponse> {
    const rows = await this.read('list users', (db) => repo.listUsers(db));
    return { responseStatus: SUCCESS, users: rows.map(userInfo) };
  }

  /** `users/create.json`. */
  async createUser(request: CreateUserRequest, by: Principal, source: CallSource = {}): Promise<UserResponse> {
    const passwordHash = await hashPassword(request.password);
    const row = await this.write('create user', async (tx) => {
      if ((await repo.findUser(tx, request.userName)) !== undefined) throw new ArtemisError(ErrorCode.badRequest, `user ${request.userName} exists already`);
      const user = await repo.insertUser(tx, { userName: request.userName, role: request.role, passwordHash });
      await repo.insertSecurityLog(tx, { event: 'user-created', operator: by.name, subject: user.user_name, remoteAddress: source.remoteAddress ?? null, detail: `role ${user.role}` });
      return user;
    });
    return { responseStatus: SUCCESS, user: userInfo(row) };
  }

  /** `users/update.json`: a new role, password or disabled flag; a disabled user's sessions end. */
  async updateUser(request: UpdateUserRequest, by: Principal, source: CallSource = {}): Promise<UserResponse> {
    const passwordHash = request.password === undefined ? undefined : await hashPassword(request.password);
    const row = await this.write('update user', async (tx) => {
      const user = await repo.updateUser(tx, request.userName, {
        ...(request.role === undefined ? {} : { role: request.role }),
        ...(passwordHash === undefined ? {} : { passwordHash }),
        ...(request.disabled === undefined ? {} : { disabled: request.disabled }),
      });
      if (user === undefined) throw new ArtemisError(ErrorCode.dataNotFound, `no user ${request.userName}`);
      // A changed role, password or a disabling ends the user's sessions: they log in again.
      const ended = await repo.revokeTokensOf(tx, user.user_name, 'session');
      const changed = [request.role === undefined ? null : `role ${request.role}`, passwordHash === undefined ? null : 'password', request.disabled === undefined ? null : `disabled ${request.disabled}`].filter((part) => part !== null);
      await repo.insertSecurityLog(tx, { event: 'user-updated', operator: by.name, subject: user.user_name, remoteAddress: source.remoteAddress ?? null, detail: `${changed.join(', ')}; ${ended.length} sessions ended` });
      return user;
    });
    return { responseStatus: SUCCESS, user: userInfo(row) };
  }

  /** `users/delete.json`: the user and their sessions. */
  async deleteUser(request: DeleteUserRequest, by: Principal, source: CallSource = {}): Promise<{ responseStatus: typeof SUCCESS }> {
    await this.write('delete user', async (tx) => {
      if (!(await repo.deleteUser(tx, request.userName))) throw new ArtemisError(ErrorCode.dataNotFound, `no user ${request.userName}`);
      await repo.revokeTokensOf(tx, request.userName, 'session');
      await repo.insertSecurityLog(tx, { event: 'user-deleted', operator: by.name, subject: request.userName, remoteAddress: source.remoteAddress ?? null });
    });
    return { responseStatus: SUCCESS };
  }

  /** `tokens.json`: live tokens (and those expired within a day), newest first. */
  async listTokens(): Promise<ListTokensResponse> {
    const rows = await this.read('list tokens', (db) => repo.listTokens(db, MAX_LISTED));
    return { responseStatus: SUCCESS, tokens: rows.map(tokenInfo) };
  }

  /**
   * `tokens/create.json`: an API token for a program; the secret is in the answer only. A
   * token may be scoped to service ids (`serviceIds`) for registry writes (docs/security.md).
   */
  async createToken(request: CreateTokenRequest, by: Principal, source: CallSource = {}): Promise<IssuedTokenResponse> {
    if (!roleAllows(by.role, request.role)) throw new AccessDeniedError('forbidden', `a ${by.role} cannot create a ${request.role} token`);
    const secret = newTokenSecret();
    const row = await this.write('create token', async (tx) => {
      const token = await repo.insertToken(tx, {
        id: newTokenId(),
        tokenHash: hashTokenSecret(secret),
        name: request.name,
        kind: 'api',
        role: request.role,
        owner: by.name,
        serviceIds: request.serviceIds ?? null,
        expiresAt: request.expiresInSeconds === undefined ? null : new Date(Date.now() + request.expiresInSeconds * 1000),
      });
      const scope = request.serviceIds === undefined ? '' : `; services ${request.serviceIds.join(',')}`;
      await repo.insertSecurityLog(tx, { event: 'token-created', operator: by.name, subject: token.id, remoteAddress: source.remoteAddress ?? null, detail: `${token.name} (${token.role})${scope}` });
      return token;
    });
    return { responseStatus: SUCCESS, token: secret, tokenInfo: tokenInfo(row) };
  }

  /** `tokens/revoke.json`: takes effect on every node within about a second. */
  async revokeToken(request: RevokeTokenRequest, by: Principal, source: CallSource = {}): Promise<{ responseStatus: typeof SUCCESS }> {
    await this.write('revoke token', async (tx) => {
      const revoked = await repo.revokeToken(tx, request.tokenId);
      if (revoked === undefined) throw new ArtemisError(ErrorCode.dataNotFound, `no live token ${request.tokenId}`);
      await repo.insertSecurityLog(tx, { event: 'token-revoked', operator: by.name, subject: revoked.id, remoteAddress: source.remoteAddress ?? null, detail: revoked.name });
    });
    return { responseStatus: SUCCESS };
  }

  /** `log.json`: newest first, at most `limit` (default 100). */
  async log(query: SecurityLogQuery): Promise<SecurityLogResponse> {
    const rows = await this.read('read security log', (db) =>
      repo.selectSecurityLog(db, { limit: query.limit ?? 100, ...(query.since === undefined ? {} : { since: new Date(query.since) }), ...(query.operator === undefined ? {} : { operator: query.operator }) }),
    );
    return {
      responseStatus: SUCCESS,
      entries: rows.map((row) => ({
        id: Number(row.id),
        event: row.event as SecurityEvent,
        operator: row.operator,
        subject: row.subject,
        remoteAddress: row.remote_address,
        detail: row.detail,
        createdAt: row.created_at.toISOString(),
      })),
    };
  }

  /** Writes the last-use times gathered since the last flush, in one statement. */
  async flushLastUses(): Promise<void> {
    if (this.lastUses.size === 0) return;
    const batch = new Map(this.lastUses);
    this.lastUses.clear();
    try {
      await repo.touchTokens(this.db, batch);
    } catch (error) {
      this.logger.warn('token last-use times not written', { error: error instanceof Error ? error.message : String(error), tokens: batch.size });
    }
  }

  /** Clears the cache when the tables changed without a notification reaching this node. */
  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const fingerprint = await repo.securityFingerprint(this.db);
      if (fingerprint !== this.fingerprint) {
        this.fingerprint = fingerprint;
        this.cache.invalidate();
      }
    } catch {
      // The database is away; the cache stays (revocations wait for it) and the next check retries.
    } finally {
      this.checking = false;
    }
  }

  private async audit(event: SecurityEvent, operator: string, subject: string | null, address: string, detail: string | null): Promise<void> {
    try {
      await repo.insertSecurityLog(this.db, { event, operator: operator.slice(0, 128), subject: subject?.slice(0, 128) ?? null, remoteAddress: address, detail });
    } catch (error) {
      this.logger.warn('security log row not written', { event, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async read<T>(action: string, work: (db: ManagementDatabase['db']) => Promise<T>): Promise<T> {
    try {
      return await work(this.db);
    } catch (error) {
      throw toArtemisError(error, action);
    }
  }

  private async write<T>(action: string, work: (tx: Transaction<ManagementTables>) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await this.db.transaction().execute(async (tx) => {
        const value = await work(tx);
        await sql`select pg_notify(${this.channel}, ${this.nodeId})`.execute(tx);
        return value;
      });
    } catch (error) {
      throw toArtemisError(error, action);
    }
    this.cache.invalidate();
    return result;
  }
}


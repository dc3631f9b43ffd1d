import { describe, expect, it } from '@jest/globals';
import { AccessDeniedError, type Principal } from '@artemis/core';
import { sql, type Kysely } from 'kysely';
import { hashTokenSecret, LoginThrottle, newTokenSecret, SecurityService, TokenCache, verifyPassword, type ManagementTables } from '../src/index.js';
import { testDatabaseKinds } from '../src/testing.js';
import { useDatabase } from './fixtures.js';

const admin: Principal = { name: 'token:bootstrap', role: 'admin', tokenId: 'x', tokenKind: 'bootstrap' };
const from = { remoteAddress: '10.1.1.1' };

async function emptySecurity(db: Kysely<ManagementTables>): Promise<void> {
  await sql`truncate artemis_user, artemis_token, artemis_security_log restart identity`.execute(db);
}

describe.each(testDatabaseKinds)('security on %s', (kind) => {
  const test = useDatabase(kind);

  async function withService<T>(work: (security: SecurityService) => Promise<T>, options: Partial<Parameters<typeof SecurityService.start>[0]> = {}): Promise<T> {
    await emptySecurity(test().database.db);
    const security = await SecurityService.start({ database: test().database, ...options });
    try {
      return await work(security);
    } finally {
      await security.stop();
    }
  }

  it('makes one admin bootstrap token on an empty database, stores only its hash, and none later', () =>
    withService(async (security) => {
      const first = await security.bootstrap();
      expect(first.outcome).toBe('created');
      const secret = first.secret!;
      expect(secret).toMatch(/^art_[A-Za-z0-9_-]{43}$/);
      expect(await security.bootstrap()).toEqual({ outcome: 'skipped' });
      const rows = await test().database.db.selectFrom('artemis_token').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.token_hash).toBe(hashTokenSecret(secret));
      expect(JSON.stringify(rows)).not.toContain(secret);
      const caller = await security.authenticate(secret);
      expect(caller?.principal).toMatchObject({ name: 'token:bootstrap', role: 'admin', tokenKind: 'bootstrap' });
      expect(await security.authenticate(newTokenSecret())).toBeNull();
      const log = await security.log({});
      expect(log.entries.map((entry) => entry.event)).toEqual(['bootstrap-token-created']);
    }));

  it('takes the bootstrap secret from the caller (ARTEMIS_BOOTSTRAP_TOKEN) and refuses a weak one', () =>
    withService(async (security) => {
      await expect(security.bootstrap('short')).rejects.toThrow(/ARTEMIS_BOOTSTRAP_TOKEN/);
      const secret = newTokenSecret();
      expect(await security.bootstrap(secret)).toEqual({ outcome: 'environment' });
      expect((await security.authenticate(secret))?.principal.role).toBe('admin');
    }));

  it('logs users in with scrypt-hashed passwords, audits failures, and logs them out', () =>
    withService(async (security) => {
      await security.createUser({ userName: 'alice', password: 'correct horse battery', role: 'operator' }, admin, from);
      const stored = await test().database.db.selectFrom('artemis_user').select('password_hash').executeTakeFirstOrThrow();
      expect(stored.password_hash).toMatch(/^scrypt\$/);
      expect(await verifyPassword('correct horse battery', stored.password_hash)).toBe(true);
      await expect(security.login({ userName: 'alice', password: 'wrong' }, from)).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(security.login({ userName: 'nobody', password: 'wrong' }, from)).rejects.toMatchObject({ denial: 'unauthenticated' });
      const issued = await security.login({ userName: 'ALICE', password: 'correct horse battery' }, from);
      expect(issued.tokenInfo).toMatchObject({ kind: 'session', role: 'operator', owner: 'alice' });
      expect(issued.tokenInfo?.expiresAt).not.toBeNull();
      const caller = await security.authenticate(issued.token!);
      expect(caller?.principal).toMatchObject({ name: 'alice', role: 'operator' });
      await security.logout(caller!.principal, from);
      expect(await security.authenticate(issued.token!)).toBeNull();
      const events = (await security.log({})).entries.map((entry) => entry.event);
      expect(events).toEqual(['logout', 'login', 'login-failed', 'login-failed', 'user-created']);
      expect((await security.log({ operator: 'nobody' })).entries[0]).toMatchObject({ event: 'login-failed', remoteAddress: '10.1.1.1' });
    }));

  it('throttles logins per user after repeated failures, even with the right password', () =>
    withService(
      async (security) => {
        await security.createUser({ userName: 'bob', password: 'correct horse battery', role: 'viewer' }, admin);
        for (let i = 0; i < 3; i += 1) await expect(security.login({ userName: 'bob', password: 'nope' }, { remoteAddress: `10.0.0.${i}` })).rejects.toMatchObject({ denial: 'unauthenticated' });
        await expect(security.login({ userName: 'bob', password: 'correct horse battery' }, { remoteAddress: '10.0.0.9' })).rejects.toMatchObject({ denial: 'throttled' });
        // Another user from another address is not affected.
        await security.createUser({ userName: 'carol', password: 'correct horse battery', role: 'viewer' }, admin);
        expect((await security.login({ userName: 'carol', password: 'correct horse battery' }, { remoteAddress: '10.0.0.8' })).token).toBeDefined();
      },
      { throttle: { maxFailuresPerUser: 3 } },
    ));

  it('throttles logins per address after failures across many user names, and not other addresses', () =>
    withService(
      async (security) => {
        await security.createUser({ userName: 'dave', password: 'correct horse battery', role: 'viewer' }, admin);
        // A sprayer guesses a different user each time: no user reaches its limit, the address does.
        for (let i = 0; i < 4; i += 1) await expect(security.login({ userName: `guess-${i}`, password: 'nope' }, { remoteAddress: '10.9.9.9' })).rejects.toMatchObject({ denial: 'unauthenticated' });
        await expect(security.login({ userName: 'dave', password: 'correct horse battery' }, { remoteAddress: '10.9.9.9' })).rejects.toMatchObject({ denial: 'throttled' });
        expect((await security.login({ userName: 'dave', password: 'correct horse battery' }, { remoteAddress: '10.9.9.10' })).token).toBeDefined();
      },
      { throttle: { maxFailuresPerUser: 100, maxFailuresPerAddress: 4 } },
    ));

  it('revokes API tokens, ends sessions of a disabled user, and writes last-use times in batches', () =>
    withService(async (security) => {
      const api = await security.createToken({ name: 'deploy', role: 'operator' }, admin, from);
      const caller = await security.authenticate(api.token!);
      expect(caller?.principal).toMatchObject({ name: 'token:deploy', role: 'operator', tokenKind: 'api' });
      await security.flushLastUses();
      expect((await security.listTokens()).tokens.find((t) => t.tokenId === api.tokenInfo!.tokenId)?.lastUsedAt).not.toBeNull();
      await security.revokeToken({ tokenId: api.tokenInfo!.tokenId }, admin, from);
      expect(await security.authenticate(api.token!)).toBeNull();
      await expect(security.revokeToken({ tokenId: api.tokenInfo!.tokenId }, admin)).rejects.toMatchObject({ code: 'data-not-found' });

      await security.createUser({ userName: 'dave', password: 'correct horse battery', role: 'admin' }, admin);
      const session = await security.login({ userName: 'dave', password: 'correct horse battery' });
      expect(await security.authenticate(session.token!)).not.toBeNull();
      await security.updateUser({ userName: 'dave', disabled: true }, admin);
      expect(await security.authenticate(session.token!)).toBeNull();
      await expect(security.login({ userName: 'dave', password: 'correct horse battery' })).rejects.toMatchObject({ denial: 'unauthenticated' });
      const viewer: Principal = { name: 'v', role: 'viewer', tokenId: 'y', tokenKind: 'session' };
      await expect(security.createToken({ name: 'escalate', role: 'admin' }, viewer)).rejects.toMatchObject({ denial: 'forbidden' });
    }));

  it('lets a revocation on one node reach another node on the same database within a second', async () => {
    await emptySecurity(test().database.db);
    const a = await SecurityService.start({ database: test().database });
    const b = await SecurityService.start({ database: test().database });
    try {
      const issued = await a.createToken({ name: 'shared', role: 'viewer' }, admin);
      expect(await b.authenticate(issued.token!)).not.toBeNull();
      await a.revokeToken({ tokenId: issued.tokenInfo!.tokenId }, admin);
      const start = Date.now();
      while ((await b.authenticate(issued.token!)) !== null && Date.now() - start < 1_000) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await b.authenticate(issued.token!)).toBeNull();
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});

describe('bounds', () => {
  it('the login throttle and the negative token cache stay bounded under a spray', async () => {
    const throttle = new LoginThrottle({ maxEntries: 100 });
    for (let i = 0; i < 1_000; i += 1) throttle.failed(`user-${i}`, `10.0.${i >> 8}.${i & 255}`);
    expect(throttle.sizes).toEqual({ users: 100, addresses: 100 });
    let loads = 0;
    const cache = new TokenCache(() => {
      loads += 1;
      return Promise.resolve(undefined);
    }, { maxNegativeEntries: 50 });
    for (let i = 0; i < 500; i += 1) await cache.lookup(`h${i}`);
    expect(cache.sizes.unknown).toBe(50);
    await cache.lookup('h499');
    expect(loads).toBe(500);
  });
});

import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { createEmptyPostgresDatabase, dropPostgresDatabase, testDatabaseUrl } from '@artemis/management/testing';
import { newBootstrapToken, removeDataDir, startProcess, tempDataDir } from './artemis-process.js';

async function call(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const pullout = { instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops' };

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe('artemis server security', () => {
  it('on a fresh database prints a bootstrap token once, refuses anonymous management writes, and lets the token make a token for scripts', async () => {
    const dataDir = tempDataDir();
    try {
      let scriptToken = '';
      {
        await using node = await startProcess(['--data-dir', dataDir], { ARTEMIS_BOOTSTRAP_TOKEN: '' });
        const line = node.lines.map((l) => JSON.parse(l) as { event?: string; token?: string }).find((l) => l.event === 'bootstrap-token');
        const bootstrap = line?.token ?? '';
        expect(bootstrap).toMatch(/^art_[A-Za-z0-9_-]{43}$/);
        const anonymous = await call(node.url, Paths.management.operateInstance, pullout);
        expect(anonymous.status).toBe(401);
        expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(anonymous.json).toMatchObject({ responseStatus: { errorCode: 'no-permission', status: 'fail' } });
        const created = await call(node.url, Paths.auth.createToken, { name: 'deploy-script', role: 'operator' }, bearer(bootstrap));
        scriptToken = String(created.json['token']);
        expect(scriptToken).toMatch(/^art_/);
        expect((await call(node.url, Paths.management.operateInstance, pullout, bearer(scriptToken))).json).toMatchObject({ responseStatus: { errorCode: 'success' } });
        const viewer = await call(node.url, Paths.auth.createToken, { name: 'reader', role: 'viewer' }, bearer(bootstrap));
        expect((await call(node.url, Paths.management.operateInstance, pullout, bearer(String(viewer.json['token'])))).status).toBe(403);
        expect(await node.stop()).toBe(0);
      }
      await using again = await startProcess(['--data-dir', dataDir], { ARTEMIS_BOOTSTRAP_TOKEN: '' });
      expect(again.lines.some((l) => (JSON.parse(l) as { event?: string }).event === 'bootstrap-token')).toBe(false);
      const logs = await call(again.url, Paths.management.log.instanceOperationLogs, { serviceId: 'orders' }, bearer(scriptToken));
      expect((logs.json['logs'] as { operatorId: string }[])[0]?.operatorId).toBe('token:deploy-script');
    } finally {
      await removeDataDir(dataDir);
    }
  }, 90_000);

  it('revokes a token on node A and node B refuses it within a second, both on one Postgres', async () => {
    const database = await createEmptyPostgresDatabase();
    try {
      const env = { ARTEMIS_DATABASE_URL: testDatabaseUrl(database) };
      await using a = await startProcess([], env);
      await using b = await startProcess([], env);
      const issued = await call(a.url, Paths.auth.createToken, { name: 'shared', role: 'viewer' }, a.auth);
      const token = String(issued.json['token']);
      expect((await call(b.url, Paths.auth.whoami, {}, bearer(token))).status).toBe(200);
      await call(a.url, Paths.auth.revokeToken, { tokenId: (issued.json['tokenInfo'] as { tokenId: string }).tokenId }, a.auth);
      const elapsed = await waitFor(async () => (await call(b.url, Paths.auth.whoami, {}, bearer(token))).status === 401, 1_000);
      expect(elapsed).toBeLessThan(1_000);
    } finally {
      await dropPostgresDatabase(database);
    }
  }, 90_000);

  it('throttles logins per user, answers a foreign origin no CORS grant, and warns loudly with --auth disabled', async () => {
    await using node = await startProcess([]);
    await call(node.url, Paths.auth.createUser, { userName: 'ops', password: 'correct horse battery', role: 'operator' }, node.auth);
    for (let i = 0; i < 5; i += 1) expect((await call(node.url, Paths.auth.login, { userName: 'ops', password: 'wrong password' })).status).toBe(401);
    const throttled = await call(node.url, Paths.auth.login, { userName: 'ops', password: 'correct horse battery' });
    expect(throttled.status).toBe(429);
    expect(throttled.json).toMatchObject({ responseStatus: { errorCode: 'rate-limited' } });
    const preflight = await fetch(`${node.url}${Paths.management.operateInstance}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();

    await using open = await startProcess(['--auth', 'disabled'], { ARTEMIS_BOOTSTRAP_TOKEN: newBootstrapToken() });
    expect(open.lines.some((l) => (JSON.parse(l) as { event?: string; level?: string }).event === 'auth-disabled')).toBe(true);
    const config = await fetch(`${open.url}${Paths.status.config}`);
    expect(config.status).toBe(200);
    expect(await config.json()).toMatchObject({ security: { auth: 'disabled' } });
  }, 90_000);
});

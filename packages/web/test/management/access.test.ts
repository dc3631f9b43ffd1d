import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Paths, type Role } from '@artemis/core';
import type { RouteAccess } from '../../src/index.js';
import { send, type TestResponse } from '../http-client.js';
import { startManagedHttpNode, useDatabase, type ManagedHttpNode } from './management-fixtures.js';

const m = Paths.management;
const g = m.group;
const z = m.zone;
const l = m.log;
const s = Paths.status;
const a = Paths.auth;

/**
 * The access rule of every protocol route a node serves. A route added without a row here
 * fails the first test; a route whose declared rule differs fails it too.
 */
const expected: Readonly<Record<string, RouteAccess>> = {
  [Paths.registry.register]: 'registry',
  [Paths.registry.heartbeat]: 'registry',
  [Paths.registry.unregister]: 'registry',
  [Paths.discovery.lookup]: 'open',
  [Paths.discovery.service]: 'open',
  [Paths.discovery.services]: 'open',
  [Paths.discovery.servicesDelta]: 'open',
  [Paths.cluster.upRegistryNodes]: 'open',
  [Paths.cluster.upDiscoveryNodes]: 'open',
  [s.node]: 'open',
  [s.cluster]: 'open',
  [s.config]: 'viewer',
  [s.deployment]: 'viewer',
  [s.leases]: 'viewer',
  [s.legacyLeases]: 'viewer',
  [s.push]: 'open',
  [s.connections]: 'open',
  [m.operateInstance]: 'operator',
  [m.operateServer]: 'operator',
  [m.instanceOperations]: 'viewer',
  [m.serverOperations]: 'viewer',
  [m.allInstanceOperations]: 'viewer',
  [m.allServerOperations]: 'viewer',
  [m.instanceDown]: 'viewer',
  [m.serverDown]: 'viewer',
  [m.services]: 'viewer',
  [m.service]: 'viewer',
  [g.insertRouteRules]: 'operator',
  [g.updateRouteRules]: 'operator',
  [g.deleteRouteRules]: 'operator',
  [g.getAllRouteRules]: 'viewer',
  [g.getRouteRules]: 'viewer',
  [g.insertRouteRuleGroups]: 'operator',
  [g.updateRouteRuleGroups]: 'operator',
  [g.releaseRouteRuleGroups]: 'operator',
  [g.deleteRouteRuleGroups]: 'operator',
  [g.getAllRouteRuleGroups]: 'viewer',
  [g.getRouteRuleGroups]: 'viewer',
  [g.insertGroups]: 'operator',
  [g.updateGroups]: 'operator',
  [g.deleteGroups]: 'operator',
  [g.getAllGroups]: 'viewer',
  [g.getGroups]: 'viewer',
  [g.insertGroupTags]: 'operator',
  [g.updateGroupTags]: 'operator',
  [g.deleteGroupTags]: 'operator',
  [g.getAllGroupTags]: 'viewer',
  [g.getGroupTags]: 'viewer',
  [g.operateGroupOperations]: 'operator',
  [g.operateGroupOperation]: 'operator',
  [g.getGroupOperations]: 'viewer',
  [g.getAllGroupOperations]: 'viewer',
  [g.insertGroupInstances]: 'operator',
  [g.deleteGroupInstances]: 'operator',
  [g.getGroupInstances]: 'viewer',
  [g.insertServiceInstances]: 'operator',
  [g.deleteServiceInstances]: 'operator',
  [g.getServiceInstances]: 'viewer',
  [g.createRouteRule]: 'operator',
  [z.operateZoneOperations]: 'operator',
  [z.isZoneDown]: 'viewer',
  [z.getZoneOperations]: 'viewer',
  [z.getAllZoneOperations]: 'viewer',
  [z.getZoneOperationsList]: 'viewer',
  [m.canary.updateCanaryIps]: 'operator',
  [l.instanceOperationLogs]: 'viewer',
  [l.serverOperationLogs]: 'viewer',
  [l.groupOperationLogs]: 'viewer',
  [l.routeRuleLogs]: 'viewer',
  [l.routeRuleGroupLogs]: 'viewer',
  [l.zoneOperationLogs]: 'viewer',
  [l.groupLogs]: 'viewer',
  [l.groupInstanceLogs]: 'viewer',
  [l.serviceInstanceLogs]: 'viewer',
  [a.login]: 'open',
  [a.logout]: 'viewer',
  [a.whoami]: 'viewer',
  [a.users]: 'admin',
  [a.createUser]: 'admin',
  [a.updateUser]: 'admin',
  [a.deleteUser]: 'admin',
  [a.tokens]: 'admin',
  [a.createToken]: 'admin',
  [a.revokeToken]: 'admin',
  [a.log]: 'admin',
};

const ranks: readonly (Role | 'anonymous')[] = ['anonymous', 'viewer', 'operator', 'admin'];

describe('access rules', () => {
  let node: ManagedHttpNode | undefined;
  // Declared before the database's own hooks, so the node stops before its database is dropped.
  afterAll(async () => {
    await node?.[Symbol.asyncDispose]();
  });
  const test = useDatabase('postgres');
  const tokens = new Map<Role, string>();
  beforeAll(async () => {
    node = await startManagedHttpNode(test());
    for (const role of ['viewer', 'operator', 'admin'] as const) {
      const issued = await node!.security.createToken({ name: `as-${role}`, role }, { name: 'setup', role: 'admin', tokenId: '', tokenKind: 'api' });
      tokens.set(role, issued.token!);
    }
  }, 60_000);

  it('every route a node serves has a rule in this table, and the rule it declares', () => {
    // The server of a full node: the fixture mounts management and auth routes like run-server.
    const served = Object.fromEntries(node!.http.routeTable.map((route) => [route.path, route.access]));
    expect(Object.keys(served).length).toBeGreaterThan(80);
    expect(served).toEqual(expected);
  });

  async function call(path: string, as: Role | 'anonymous', fresh = false): Promise<TestResponse> {
    let token = as === 'anonymous' ? undefined : tokens.get(as);
    if (fresh && as !== 'anonymous') token = (await node!.security.createToken({ name: `fresh-${as}`, role: as }, { name: 'setup', role: 'admin', tokenId: '', tokenKind: 'api' })).token!;
    return send(node!.url, { path, body: {}, anonymous: true, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  }

  const cases = Object.entries(expected).flatMap(([path, access]) => ranks.map((as) => [path, as, access] as const));
  it.each(cases)('%s as %s (needs %s)', async (path, as, access) => {
    // Logout revokes the token it is called with: give it one of its own.
    const response = await call(path, as, path === a.logout);
    const body = response.json<{ responseStatus?: { errorCode: string } }>();
    const needed = access === 'open' || access === 'registry' ? null : access;
    if (needed === null || (as !== 'anonymous' && ranks.indexOf(as) >= ranks.indexOf(needed))) {
      expect([401, 403]).not.toContain(response.status);
      expect(response.status).toBeLessThan(500);
    } else if (as === 'anonymous') {
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(body.responseStatus?.errorCode).toBe('no-permission');
    } else {
      expect(response.status).toBe(403);
      expect(body.responseStatus?.errorCode).toBe('no-permission');
    }
  });

  it('refuses unknown, malformed and revoked tokens with 401', async () => {
    for (const authorization of ['Bearer art_made-up-token-that-is-long-enough', 'Bearer', 'Basic dXNlcjpwYXNz', `Bearer ${'x'.repeat(5000)}`]) {
      const response = await send(node!.url, { path: m.services, body: {}, anonymous: true, headers: { authorization } });
      expect(response.status).toBe(401);
    }
  });

  it('records the operator from the token; a differing body operatorId is kept as operatorNote in the log row and its token is never stored', async () => {
    const operator = tokens.get('operator')!;
    const headers = { authorization: `Bearer ${operator}` };
    const key = { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' };
    const write = await send(node!.url, { path: m.operateInstance, body: { instanceKey: key, operation: 'pullout', operatorId: 'mallory', token: 'leaked-secret' }, anonymous: true, headers });
    expect(write.json()).toMatchObject({ responseStatus: { errorCode: 'success' } });
    const rules = await send(node!.url, { path: g.insertRouteRules, body: { operation: 'create', operatorId: 'mallory', token: 'leaked-secret', routeRules: [{ name: 'r', serviceId: 'orders', status: 'active' }] }, anonymous: true, headers });
    expect(rules.json()).toMatchObject({ responseStatus: { errorCode: 'success' } });
    // A caller cannot write the note itself, nor get one when it names its own operator.
    const server = await send(node!.url, { path: m.operateServer, body: { serverKey: { regionId: 'default', serverId: '10.0.0.9' }, operation: 'pullout', operatorId: 'token:as-operator', operatorNote: 'forged', token: 'leaked-secret' }, anonymous: true, headers });
    expect(server.json()).toMatchObject({ responseStatus: { errorCode: 'success' } });
    const logs = await send(node!.url, { path: l.instanceOperationLogs, body: { serviceId: 'orders' }, anonymous: true, headers });
    expect(logs.json<{ logs: Record<string, unknown>[] }>().logs[0]).toMatchObject({ operatorId: 'token:as-operator', operatorNote: 'mallory', token: '' });
    const ruleLogs = await send(node!.url, { path: l.routeRuleLogs, body: { serviceId: 'orders' }, anonymous: true, headers });
    expect(ruleLogs.json<{ logs: Record<string, unknown>[] }>().logs[0]).toMatchObject({ operatorId: 'token:as-operator', operatorNote: 'mallory', reason: '', token: '' });
    const serverLogs = await send(node!.url, { path: l.serverOperationLogs, body: { serverId: '10.0.0.9' }, anonymous: true, headers });
    expect(serverLogs.json<{ logs: Record<string, unknown>[] }>().logs[0]).toMatchObject({ operatorId: 'token:as-operator', operatorNote: '', token: '' });
    // The note is filterable by neither field: who acted is the token's operator.
    const byClaim = await send(node!.url, { path: l.instanceOperationLogs, body: { operatorId: 'mallory' }, anonymous: true, headers });
    expect(byClaim.json<{ logs: unknown[] }>().logs).toEqual([]);
    expect(logs.text + ruleLogs.text + serverLogs.text).not.toContain('leaked-secret');
    expect(serverLogs.text).not.toContain('forged');
  });

  it('logs in over HTTP, answers whoami, and logs out', async () => {
    const admin = { authorization: `Bearer ${tokens.get('admin')!}` };
    const created = await send(node!.url, { path: a.createUser, body: { userName: 'erin', password: 'correct horse battery', role: 'viewer' }, anonymous: true, headers: admin });
    expect(created.json()).toMatchObject({ user: { userName: 'erin', role: 'viewer', disabled: false } });
    expect(created.text).not.toContain('correct horse');
    const wrong = await send(node!.url, { path: a.login, body: { userName: 'erin', password: 'nope' }, anonymous: true });
    expect(wrong.status).toBe(401);
    const login = await send(node!.url, { path: a.login, body: { userName: 'erin', password: 'correct horse battery' }, anonymous: true });
    const token = login.json<{ token: string }>().token;
    expect(token).toMatch(/^art_/);
    const who = await send(node!.url, { path: a.whoami, anonymous: true, headers: { authorization: `Bearer ${token}` } });
    expect(who.json()).toMatchObject({ principal: { name: 'erin', role: 'viewer', tokenKind: 'session' } });
    await send(node!.url, { path: a.logout, body: {}, anonymous: true, headers: { authorization: `Bearer ${token}` } });
    expect((await send(node!.url, { path: a.whoami, anonymous: true, headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    const log = await send(node!.url, { path: `${a.log}?operator=erin`, anonymous: true, headers: admin });
    expect(log.json<{ entries: { event: string }[] }>().entries.map((entry) => entry.event)).toEqual(['logout', 'login', 'login-failed']);
  });
});

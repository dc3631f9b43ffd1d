import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Paths } from '@artemis/core';
import { ClusterReplication, defaultClusterReplicationOptions, HttpReplicationTransport } from '@artemis/server';
import { ArtemisHttpServer, OtelRequestTracer } from '../src/index.js';
import { instance, startNode, type TestNode } from './fixtures.js';
import { send } from './http-client.js';

const SECRET = 'a-test-cluster-secret-0123456789';
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const named = (name: string) => exporter.getFinishedSpans().filter((span) => span.name === name);
/** The request spans a node made for replication calls it served, by path. */
const served = (path: string) => exporter.getFinishedSpans().filter((span) => span.attributes['http.route'] === path);

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('OpenTelemetry spans of the cluster', () => {
  const running: { node: TestNode; cluster: ClusterReplication }[] = [];

  beforeAll(() => {
    // The server package reaches the SDK through the API's globals only, as in a node.
    context.setGlobalContextManager(contextManager.enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
  });
  afterEach(async () => {
    for (const { node, cluster } of running.splice(0)) {
      cluster.stop();
      await node[Symbol.asyncDispose]();
    }
  });
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('traces bootstrap, replication batches and anti-entropy rounds, and the peer continues each trace', async () => {
    const tracer = new OtelRequestTracer({ tracer: provider.getTracer('artemis-web-test'), sampledPaths: ArtemisHttpServer.hotPaths, sampleRatio: 0 });
    const a = await startNode({}, { observability: { tracer } });
    const b = await startNode({}, { observability: { tracer } });
    const clusterOf = (node: TestNode, peer: TestNode) =>
      new ClusterReplication(node.engine, {
        ...defaultClusterReplicationOptions,
        probeIntervalMs: 200,
        // Rounds are run by the test, one at a time.
        antiEntropyIntervalMs: 3_600_000,
        peers: [{ url: peer.url, zoneId: null }],
        transport: new HttpReplicationTransport(() => node.url, SECRET),
      });
    // A comes up alone (B is not in the cluster yet) and holds one instance; B then bootstraps from A.
    const clusterA = clusterOf(a, b);
    a.http.attachReplication({ cluster: clusterA, secret: SECRET });
    running.push({ node: a, cluster: clusterA });
    clusterA.start();
    await waitFor(() => a.engine.cluster.canServeRegistry());
    await send(a.url, { path: Paths.registry.register, body: { instances: [instance('orders', 'o-1')] } });
    exporter.reset();
    const clusterB = clusterOf(b, a);
    b.http.attachReplication({ cluster: clusterB, secret: SECRET });
    running.push({ node: b, cluster: clusterB });
    clusterB.start();
    await waitFor(() => b.engine.cluster.canServeRegistry() && b.engine.store.size === 1);

    const [bootstrap] = named('artemis.cluster.bootstrap');
    expect(bootstrap).toBeDefined();
    expect(parentOf(bootstrap!)).toBeUndefined();
    // The instance may have reached B first in A's retried batch: the count is of records new to B.
    expect(bootstrap!.attributes).toMatchObject({ 'artemis.peer': a.url, 'artemis.cluster.instances': expect.any(Number) as unknown });
    const pages = served(Paths.replication.records);
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      expect(page.spanContext().traceId).toBe(bootstrap!.spanContext().traceId);
      expect(parentOf(page)).toBe(bootstrap!.spanContext().spanId);
    }

    // A registration on B, traced by its caller: the batch that carries it to A is B's own
    // work, in a trace of its own, not a child of the registration that armed its timer.
    await send(b.url, { path: Paths.registry.register, body: { instances: [instance('orders', 'o-2')] }, headers: { traceparent: `00-${CALLER_TRACE}-00f067aa0ba902b7-01` } });
    // (A's own batch to B, retried since B joined, may be there too: only B's to A is this one.)
    const batchesToA = () => named('artemis.replication.batch').filter((span) => span.attributes['artemis.peer'] === a.url);
    // B's span ends once A has answered, so A's span of the same batch is in by then.
    await waitFor(() => a.engine.store.size === 2 && batchesToA().length > 0);
    const register = served(Paths.registry.register).find((span) => span.spanContext().traceId === CALLER_TRACE);
    expect(register).toBeDefined();
    const batches = batchesToA();
    expect(batches).toHaveLength(1);
    const batch = batches[0]!;
    expect(parentOf(batch)).toBeUndefined();
    expect(batch.spanContext().traceId).not.toBe(CALLER_TRACE);
    expect(batch.attributes).toMatchObject({ 'artemis.peer': a.url, 'artemis.replication.items': 1, 'artemis.replication.outcome': 'ok' });
    const received = served(Paths.replication.batch).find((span) => span.spanContext().traceId === batch.spanContext().traceId);
    expect(received).toBeDefined();
    expect(received!.spanContext().traceId).toBe(batch.spanContext().traceId);
    expect(parentOf(received!)).toBe(batch.spanContext().spanId);

    // One anti-entropy round: its digest exchange with A continues its trace on A.
    expect(await clusterB.antiEntropyRound()).toBe(0);
    const [round] = named('artemis.cluster.anti_entropy');
    expect(round).toBeDefined();
    expect(parentOf(round!)).toBeUndefined();
    expect(round!.attributes).toMatchObject({ 'artemis.peer': a.url, 'artemis.cluster.differing_buckets': 0 });
    const digests = served(Paths.replication.digest).filter((span) => span.spanContext().traceId === round!.spanContext().traceId);
    expect(digests).toHaveLength(1);
    expect(parentOf(digests[0]!)).toBe(round!.spanContext().spanId);
    // Probes belong to no traced round: at a sample ratio of 0 they make no span on the peer.
    expect(served(Paths.replication.status)).toHaveLength(0);
  }, 30_000);
});

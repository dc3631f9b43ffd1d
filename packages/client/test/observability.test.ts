import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import * as prom from 'prom-client';
import { ArtemisClient, promClientMetrics, type SpanLike, type TracerLike } from '../src/index.js';
import { servedIds, startNode, waitFor } from './support/artemis-node.js';

describe('observability and shutdown', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("fills a host's prom-client registry and gives its tracer a span per request", async () => {
    const node = await startNode();
    cleanups.push(() => node.close());
    const registry = new prom.Registry();
    const spans: { name: string; attributes: Record<string, unknown>; ended: boolean }[] = [];
    const tracer: TracerLike = {
      startSpan(name, options) {
        const span = { name, attributes: { ...options?.attributes } as Record<string, unknown>, ended: false };
        spans.push(span);
        const handle: SpanLike = {
          setAttribute: (key, value) => (span.attributes[key] = value),
          recordException: () => undefined,
          end: () => void (span.ended = true),
        };
        return handle;
      },
    };
    const client = new ArtemisClient({ servers: [node.url], heartbeatIntervalMs: 200, drainMs: 0, metrics: promClientMetrics(prom, registry), tracer });
    cleanups.push(() => client.close());
    await client.register([{ serviceId: 'orders', instanceId: 'o-1', url: 'http://10.0.0.1' }]);
    await waitFor(async () => (await registry.metrics()).includes('artemis_client_heartbeats_total{transport="socket.io",result="ok"}'), 5000, 'heartbeat metric');
    const text = await registry.metrics();
    expect(text).toContain('artemis_client_requests_total{path="/api/registry/register.json",result="ok"} 1');
    expect(text).toContain('artemis_client_push_connected 1');
    expect(spans.find((span) => span.name === 'artemis /api/registry/register.json')).toMatchObject({ ended: true, attributes: { 'artemis.node': node.url, 'artemis.error_code': 'success' } });
  });

  it('with handleSignals, SIGTERM unregisters the instances and the process exits', async () => {
    const node = await startNode();
    cleanups.push(() => node.close());
    const dist = new URL('../dist/index.js', import.meta.url).href;
    const script = `
      const { ArtemisClient } = await import(${JSON.stringify(dist)});
      const client = new ArtemisClient({ servers: [${JSON.stringify(node.url)}], handleSignals: true, drainMs: 100 });
      await client.register([{ serviceId: 'orders', instanceId: 'o-1', url: 'http://10.0.0.1' }]);
      console.log('registered');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('..', import.meta.url)) });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('registered') && resolve()));
    expect(await servedIds(node.url, 'orders')).toEqual(['o-1']);
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(await servedIds(node.url, 'orders')).toEqual([]);
  });
});

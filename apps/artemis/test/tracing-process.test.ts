import { createServer, type Server } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { tracingRequested } from '../src/server/tracing.js';
import { startProcess } from './artemis-process.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

/** An OTLP/HTTP JSON receiver: collects the spans posted to /v1/traces. */
async function startReceiver(): Promise<{ url: string; spans: OtlpSpan[]; server: Server }> {
  const spans: OtlpSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
        for (const resource of body.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, spans, server };
}

describe('tracing of artemis server', () => {
  it('is on only when the OTEL_* variables ask for traces', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_SERVICE_NAME: 'x' })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
    expect(tracingRequested({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toBe(false);
  });

  it('exports a management write\'s span under the caller\'s traceparent, with its statements, over OTLP', async () => {
    const receiver = await startReceiver();
    try {
      await using node = await startProcess([], {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      });
      const traceId = '0af7651916cd43dd8448eb211c80319c';
      const caller = 'b7ad6b7169203331';
      const body = { instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops' };
      const response = await fetch(`${node.url}${Paths.management.operateInstance}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${caller}-01`, ...node.auth },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      const started = Date.now();
      const server = () => receiver.spans.find((span) => span.name === `POST ${Paths.management.operateInstance}`);
      while (server() === undefined && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server()).toMatchObject({ traceId, parentSpanId: caller });
      const statements = receiver.spans.filter((span) => span.parentSpanId === server()!.spanId);
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.every((span) => span.name.startsWith('db ') && span.traceId === traceId)).toBe(true);
      // The node's log lines of the request (through its winston format) carry its request id and trace id.
      const requestId = response.headers.get('x-request-id');
      const lines = node.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['requestId'] === requestId);
      expect(lines.map((line) => line['event'])).toContain('access');
      for (const line of lines) expect(line['traceId']).toBe(traceId);
    } finally {
      await new Promise((resolve) => receiver.server.close(resolve));
    }
  }, 40_000);
});

import { trace, type Tracer } from '@opentelemetry/api';
import type { Logger } from '@artemis/server';

/** The OpenTelemetry SDK of a node, when tracing is on. */
export interface NodeTracing {
  readonly tracer: Tracer;
  /** Flushes the spans still buffered and stops the exporter. */
  shutdown(): Promise<void>;
}

/**
 * Whether the standard `OTEL_*` variables ask for traces: an OTLP endpoint, or a traces
 * exporter other than `none`; `OTEL_SDK_DISABLED=true` wins over both.
 */
export function tracingRequested(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return false;
  const exporter = env['OTEL_TRACES_EXPORTER']?.trim().toLowerCase();
  if (exporter !== undefined && exporter !== '') return exporter !== 'none';
  return Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);
}

/**
 * Starts the OpenTelemetry Node SDK when the environment asks for traces, else returns null
 * and nothing of OpenTelemetry runs (the SDK is not even loaded: it costs half a second of
 * start-up). The SDK reads the standard variables itself (exporter, endpoint, protocol,
 * headers, sampler, service name, resource attributes).
 */
export async function startTracing(env: Readonly<Record<string, string | undefined>>, logger: Logger): Promise<NodeTracing | null> {
  if (!tracingRequested(env)) return null;
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({ ...(env['OTEL_SERVICE_NAME'] ? {} : { serviceName: 'artemis' }), instrumentations: [] });
  sdk.start();
  logger.info('tracing on: spans go to the OpenTelemetry exporter the OTEL_* variables name', {
    event: 'tracing-started',
    exporter: env['OTEL_TRACES_EXPORTER'] ?? 'otlp',
    endpoint: env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] ?? env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? '(default)',
  });
  return { tracer: trace.getTracer('artemis'), shutdown: () => sdk.shutdown() };
}

import type { QueryEvent, QueryObserver } from '@artemis/management';
import type { Logger } from '@artemis/server';
import { ArtemisHttpServer, dbQuerySpans, NodeMetrics, OtelRequestTracer, type HttpObservability } from '@artemis/web';
import type { NodeConfig } from '../config/node-config.schema.js';
import { startTracing } from './tracing.js';

/** What a node observes itself with, from its configuration. */
export interface NodeObservability {
  /** The node's metrics, when `metrics.enabled`. */
  readonly metrics?: NodeMetrics;
  /** For the HTTP server: metrics, access log, tracer. */
  readonly http: HttpObservability;
  /** For the management database: statement durations (metrics) and spans (tracing). */
  readonly onQuery?: QueryObserver;
  /** Flushes and stops tracing. */
  close(): Promise<void>;
}

/** Builds the node's metrics, access log and tracing as configured (tracing from the `OTEL_*` variables). */
export async function nodeObservability(config: NodeConfig, logger: Logger, env: Readonly<Record<string, string | undefined>> = process.env): Promise<NodeObservability> {
  const metrics = config.metrics.enabled ? new NodeMetrics() : undefined;
  const tracing = await startTracing(env, logger);
  const tracer =
    tracing === null ? undefined : new OtelRequestTracer({ tracer: tracing.tracer, sampledPaths: ArtemisHttpServer.hotPaths, sampleRatio: config.tracing.registrySampleRatio });
  const http: HttpObservability = {
    ...(metrics === undefined ? {} : { metrics }),
    ...(config.accessLog.enabled ? { accessLog: { sampleRate: config.accessLog.sampleRate } } : {}),
    ...(tracer === undefined ? {} : { tracer }),
  };
  const observers = [metrics?.onQuery, tracing === null ? undefined : dbQuerySpans(tracing.tracer)].filter((observer): observer is QueryObserver => observer !== undefined);
  const onQuery: QueryObserver | undefined =
    observers.length <= 1
      ? observers[0]
      : (query: QueryEvent) => {
          for (const observer of observers) observer(query);
        };
  return {
    ...(metrics === undefined ? {} : { metrics }),
    ...(onQuery === undefined ? {} : { onQuery }),
    http,
    close: async () => {
      await tracing?.shutdown().catch((error: unknown) => logger.warn('tracing did not shut down cleanly', { error: String(error) }));
    },
  };
}

import type { QueryObserver } from '@artemis/management';
import type { Logger } from '@artemis/server';
import { NodeMetrics, type HttpObservability } from '@artemis/web';
import type { NodeConfig } from '../config/node-config.schema.js';

/** What a node observes itself with, from its configuration. */
export interface NodeObservability {
  /** The node's metrics, when `metrics.enabled`. */
  readonly metrics?: NodeMetrics;
  /** For the HTTP server: metrics, access log, tracer. */
  readonly http: HttpObservability;
  /** For the management database: statement durations (metrics) and spans (tracing). */
  readonly onQuery?: QueryObserver;
}

/** Builds the node's metrics, access log and tracing as configured. */
export function nodeObservability(config: NodeConfig, _logger: Logger): NodeObservability {
  const metrics = config.metrics.enabled ? new NodeMetrics() : undefined;
  const http: HttpObservability = {
    ...(metrics === undefined ? {} : { metrics }),
    ...(config.accessLog.enabled ? { accessLog: { sampleRate: config.accessLog.sampleRate } } : {}),
  };
  return { ...(metrics === undefined ? {} : { metrics, onQuery: metrics.onQuery }), http };
}

import type { PageRoute } from '../http/page-route.js';
import type { NodeMetrics } from './node-metrics.js';

/** The path Prometheus scrapes. */
export const METRICS_PATH = '/metrics';

/** `GET /metrics`: the Prometheus exposition of the node's metrics. */
export function metricsPage(metrics: NodeMetrics): PageRoute {
  return { path: METRICS_PATH, operation: 'metrics', contentType: metrics.contentType, render: () => metrics.metrics() };
}

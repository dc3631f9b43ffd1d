import type { Logger } from '@artemis/server';
import type { RouteResult } from './json-route.js';
import type { Exchange, RequestObserver } from './request-observer.js';

/** Access log settings. */
export interface AccessLogOptions {
  /** Share of requests on sampled paths (registry, discovery, cluster) that get a line, 0 to 1. */
  readonly sampleRate: number;
}

/**
 * One structured line per answered request: every management and status request, and a sample
 * of the registry and discovery traffic, which is too heavy to log whole. Each line carries
 * the request id that the answer's `x-request-id` header shows.
 */
export class AccessLog implements RequestObserver {
  constructor(
    private readonly logger: Logger,
    private readonly options: AccessLogOptions,
    /** Paths logged only at `sampleRate`. */
    private readonly sampledPaths: ReadonlySet<string>,
  ) {}

  answered(exchange: Exchange, status: number, result: RouteResult | undefined): void {
    const route = exchange.route;
    const sampled = this.sampledPaths.has(route.path);
    // At a rate of 0 the hot paths cost one set look-up: no random draw.
    if (sampled && (this.options.sampleRate === 0 || !(Math.random() < this.options.sampleRate))) return;
    const method = exchange.request.method ?? 'GET';
    const durationMs = Math.round((performance.now() - exchange.startedAt) * 1000) / 1000;
    this.logger.info(`${method} ${route.path} ${status}`, {
      event: 'access',
      requestId: exchange.requestId,
      operation: route.operation,
      method,
      path: route.path,
      status,
      result: resultOf(result),
      durationMs,
      remoteAddress: exchange.request.socket.remoteAddress ?? '',
      ...(sampled ? { sampleRate: this.options.sampleRate } : {}),
    });
  }
}

function resultOf(result: RouteResult | undefined): string {
  if (result === undefined) return 'error';
  const status = (result as { responseStatus?: { status?: unknown } }).responseStatus?.status;
  return typeof status === 'string' ? status : 'ok';
}

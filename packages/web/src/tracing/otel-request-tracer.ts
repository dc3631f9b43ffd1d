import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Context, type Tracer } from '@opentelemetry/api';
import type { Exchange } from '../http/request-observer.js';
import type { RequestScope, RequestTracer } from '../http/serve-route.js';

/** How requests are traced. */
export interface OtelRequestTracerOptions {
  readonly tracer: Tracer;
  /** Paths traced only at {@link sampleRatio} (registry, discovery, cluster): the rest is traced whole. */
  readonly sampledPaths: ReadonlySet<string>;
  /** Share of requests on sampled paths that get a span when the caller did not ask for one, 0 to 1. */
  readonly sampleRatio: number;
}

/** Header names as `node:http` gives them, for the W3C propagator. */
const headerGetter = {
  keys: (carrier: Exchange['request']['headers']) => Object.keys(carrier),
  get: (carrier: Exchange['request']['headers'], key: string) => carrier[key],
};

class SpanScope implements RequestScope {
  readonly traceId: string;

  constructor(
    private readonly span: ReturnType<Tracer['startSpan']>,
    private readonly active: Context,
  ) {
    this.traceId = span.spanContext().traceId;
  }

  run(handler: () => void): void {
    context.with(this.active, handler);
  }

  end(status: number): void {
    this.span.setAttribute('http.response.status_code', status);
    if (status >= 500) this.span.setStatus({ code: SpanStatusCode.ERROR });
    this.span.end();
  }
}

/**
 * Traces protocol requests with OpenTelemetry: a server span per request, child of the caller's
 * `traceparent` when it sent one, with the handler (and the database statements it runs) inside
 * it. Registry and discovery requests are sampled: traced when the caller's trace is sampled,
 * else at `sampleRatio`. Built only when tracing is on; without it requests are not scoped at all.
 */
export class OtelRequestTracer implements RequestTracer {
  constructor(private readonly options: OtelRequestTracerOptions) {}

  start(exchange: Exchange): RequestScope | null {
    const request = exchange.request;
    const parent = request.headers.traceparent === undefined ? ROOT_CONTEXT : propagation.extract(ROOT_CONTEXT, request.headers, headerGetter);
    if (this.options.sampledPaths.has(exchange.route.path)) {
      const callerSampled = ((trace.getSpanContext(parent)?.traceFlags ?? 0) & TraceFlags.SAMPLED) !== 0;
      if (!callerSampled && !(Math.random() < this.options.sampleRatio)) return null;
    }
    const method = request.method ?? 'GET';
    const span = this.options.tracer.startSpan(
      `${method} ${exchange.route.path}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': method,
          'http.route': exchange.route.path,
          'artemis.operation': exchange.route.operation,
          'artemis.request_id': exchange.requestId,
        },
      },
      parent,
    );
    return new SpanScope(span, trace.setSpan(parent, span));
  }
}

/** A statement as {@link dbQuerySpans} receives it (the management database's `onQuery`). */
export interface TracedQuery {
  readonly sql: string;
  readonly durationMs: number;
  readonly failed: boolean;
}

/**
 * A statement observer that records each statement run inside a traced request as a child span
 * (started `durationMs` before it was reported). Statements outside any request (the periodic
 * reload) make no span.
 */
export function dbQuerySpans(tracer: Tracer): (query: TracedQuery) => void {
  return (query) => {
    const active = context.active();
    if (trace.getSpan(active) === undefined) return;
    const end = Date.now();
    const span = tracer.startSpan(
      `db ${query.sql.split(' ', 1)[0]?.toLowerCase() ?? 'query'}`,
      { kind: SpanKind.CLIENT, startTime: end - query.durationMs, attributes: { 'db.system.name': 'postgresql', 'db.query.text': query.sql } },
      active,
    );
    if (query.failed) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(end);
  };
}

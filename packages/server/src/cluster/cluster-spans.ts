import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/** The instrumentation scope of the cluster's spans. */
export const CLUSTER_TRACER = '@artemis/server/cluster';

/**
 * Runs one round of cluster work (a replication batch, a bootstrap, an anti-entropy round) in a
 * span of its own, active while it runs so that the replication calls it makes carry it to the
 * peers (`traceparent`). The span starts a trace of the node's own: the work was triggered by a
 * timer that some client request may have armed, and it belongs to no request. Without an
 * OpenTelemetry SDK registered the tracer is the API's no-op one, and this costs next to nothing
 * (and it runs per batch or round, never per request).
 */
export function inClusterSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return trace.getTracer(CLUSTER_TRACER).startActiveSpan(name, { kind: SpanKind.INTERNAL, attributes }, ROOT_CONTEXT, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Marks a span failed without an exception (a refused batch, a round given up). */
export function failSpan(span: Span, message: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

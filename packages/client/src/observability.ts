/**
 * Hooks the host application passes in: a logger, a metrics sink and a tracer. The SDK has no
 * hard dependency on winston, prom-client or OpenTelemetry; these interfaces are the small
 * parts of them it calls, so their objects fit as they are.
 */

/** Structured fields of a log line. */
export type LogFields = Readonly<Record<string, unknown>>;

/** A logger: a winston logger (or `console`) fits. Every method is optional. */
export interface ClientLogger {
  debug?(message: string, fields?: LogFields): void;
  info?(message: string, fields?: LogFields): void;
  warn?(message: string, fields?: LogFields): void;
  error?(message: string, fields?: LogFields): void;
}

/** A counter of prom-client (`new Counter({ name, help, labelNames, registers })`). */
export interface CounterLike {
  inc(labels: Readonly<Record<string, string>>, value?: number): void;
}

/** A gauge of prom-client. */
export interface GaugeLike {
  set(labels: Readonly<Record<string, string>>, value: number): void;
}

/** What a metric is created with, as prom-client's constructors take it; `R` is the registry type. */
export interface MetricConfigLike<R> {
  name: string;
  help: string;
  labelNames: string[];
  registers: R[];
}

/** Where the SDK's metrics go: something that makes labelled counters and gauges. */
export interface ClientMetricsOptions {
  counter(name: string, help: string, labelNames: string[]): CounterLike;
  gauge(name: string, help: string, labelNames: string[]): GaugeLike;
}

/**
 * Metrics into a prom-client registry, with no dependency on prom-client:
 *
 * @example
 * ```ts
 * import * as prom from 'prom-client';
 * import { ArtemisClient, promClientMetrics } from '@artemis/client';
 * const client = new ArtemisClient({ servers, metrics: promClientMetrics(prom, prom.register) });
 * ```
 */
export function promClientMetrics<R>(
  prom: { readonly Counter: new (config: MetricConfigLike<R>) => CounterLike; readonly Gauge: new (config: MetricConfigLike<R>) => GaugeLike },
  registry: R,
  prefix = 'artemis_client_',
): ClientMetricsOptions {
  return {
    counter: (name, help, labelNames) => new prom.Counter({ name: prefix + name, help, labelNames, registers: [registry] }),
    gauge: (name, help, labelNames) => new prom.Gauge({ name: prefix + name, help, labelNames, registers: [registry] }),
  };
}

/** A span as OpenTelemetry's `Span` offers it (only what the SDK calls). */
export interface SpanLike {
  setAttribute(key: string, value: string | number | boolean): unknown;
  recordException(exception: Error): unknown;
  end(): void;
}

/** A tracer as OpenTelemetry's `Tracer` offers it (`trace.getTracer('my-app')`). */
export interface TracerLike {
  startSpan(name: string, options?: { attributes?: Record<string, string | number | boolean> }): SpanLike;
}

/** The metrics the SDK keeps, created once per client. */
export class ClientMetrics {
  private readonly requests: CounterLike | null;
  private readonly heartbeats: CounterLike | null;
  private readonly failovers: CounterLike | null;
  private readonly reregisters: CounterLike | null;
  private readonly pushes: CounterLike | null;
  private readonly connected: GaugeLike | null;

  constructor(options: ClientMetricsOptions | undefined) {
    this.requests = options?.counter('requests_total', 'HTTP requests the client sent to Artemis nodes, by path and result.', ['path', 'result']) ?? null;
    this.heartbeats = options?.counter('heartbeats_total', 'Heartbeat batches sent, by transport and result.', ['transport', 'result']) ?? null;
    this.failovers = options?.counter('failovers_total', 'Moves from one Artemis node to another, by channel.', ['channel']) ?? null;
    this.reregisters = options?.counter('reregistrations_total', 'Instances registered again after the node lost their lease.', []) ?? null;
    this.pushes = options?.counter('push_changes_total', 'Instance changes received by push, by type.', ['type']) ?? null;
    this.connected = options?.gauge('push_connected', '1 while the push connection is up.', []) ?? null;
  }

  request(path: string, result: string): void {
    this.requests?.inc({ path, result });
  }

  heartbeat(transport: string, result: string): void {
    this.heartbeats?.inc({ transport, result });
  }

  failover(channel: string): void {
    this.failovers?.inc({ channel });
  }

  reregistered(count: number): void {
    this.reregisters?.inc({}, count);
  }

  push(type: string): void {
    this.pushes?.inc({ type });
  }

  pushConnected(up: boolean): void {
    this.connected?.set({}, up ? 1 : 0);
  }
}

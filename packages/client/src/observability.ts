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

/** What a metric is created with, as prom-client's constructors take it. */
export interface MetricConfigLike {
  name: string;
  help: string;
  labelNames: string[];
  registers?: unknown[];
}

/**
 * Metrics: pass prom-client's `Counter` and `Gauge` classes and, optionally, a registry
 * (`{ Counter, Gauge, registry }` from `import * as prom from 'prom-client'`).
 */
export interface ClientMetricsOptions {
  readonly Counter: new (config: MetricConfigLike) => CounterLike;
  readonly Gauge: new (config: MetricConfigLike) => GaugeLike;
  readonly registry?: unknown;
  /** Prefix of every metric name; default `artemis_client_`. */
  readonly prefix?: string;
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
    const prefix = options?.prefix ?? 'artemis_client_';
    const registers = options?.registry === undefined ? undefined : [options.registry];
    const make = <T>(Kind: (new (config: MetricConfigLike) => T) | undefined, name: string, help: string, labelNames: string[]): T | null =>
      Kind === undefined ? null : new Kind({ name: prefix + name, help, labelNames, ...(registers === undefined ? {} : { registers }) });
    this.requests = make(options?.Counter, 'requests_total', 'HTTP requests the client sent to Artemis nodes, by path and result.', ['path', 'result']);
    this.heartbeats = make(options?.Counter, 'heartbeats_total', 'Heartbeat batches sent, by transport and result.', ['transport', 'result']);
    this.failovers = make(options?.Counter, 'failovers_total', 'Moves from one Artemis node to another, by channel.', ['channel']);
    this.reregisters = make(options?.Counter, 'reregistrations_total', 'Instances registered again after the node lost their lease.', []);
    this.pushes = make(options?.Counter, 'push_changes_total', 'Instance changes received by push, by type.', ['type']);
    this.connected = make(options?.Gauge, 'push_connected', '1 while the push connection is up.', []);
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

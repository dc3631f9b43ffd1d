import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import { InstanceStatus } from '@artemis/core';
import type { ArtemisEngine } from '@artemis/server';
import type { ConnectionLimiter } from '../http/connection-limits.js';
import type { JsonRoute, RouteResult } from '../http/json-route.js';
import type { Exchange, RequestObserver } from '../http/request-observer.js';
import type { PushChannelName, PushStats } from '../push/push-stats.js';
import { DURATION_BUCKETS, DurationHistogram, type DurationSeries } from './duration-histogram.js';
import { EngineCounters } from './engine-counters.js';

/** Management operations that change data: their outcomes are counted per operation. */
const MANAGEMENT_WRITE = /^(operate|insert|update|delete|release|create)-/;
const KNOWN_STATUSES: ReadonlySet<string> = new Set(Object.values(InstanceStatus));
const SUM_GAUGES_NAMED_LIKE_COUNTERS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];
const PUSH_CHANNELS: readonly PushChannelName[] = ['heartbeat', 'instanceChange', 'allInstanceChange', 'socketIo'];

/** What the metrics keep per route, so that a request costs a comparison, or a map look-up by number. */
interface RouteMetrics {
  readonly write: boolean;
  /** The key and series of the route's last answer, bound: a hot route answers the same way over and over. */
  lastKey: number;
  last: DurationSeries | null;
  /** Duration series by `code * 3 + (GET 0, POST 1, other 2)`. */
  readonly series: Map<number, DurationSeries>;
}

/** How a statement went, as the management database reports it. */
export interface ObservedQuery {
  readonly durationMs: number;
  readonly failed: boolean;
}

/** What to collect besides the node's own metrics. */
export interface NodeMetricsOptions {
  /** prom-client's process and Node.js metrics (default true). */
  readonly defaultMetrics?: boolean;
}

/** A counter whose value is read from a plain number at scrape time. */
export function counterOf<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[], read: () => readonly (readonly [Partial<Record<L, string>>, number])[]): Counter<L> {
  return new Counter<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of read()) this.inc(labels, value);
    },
  });
}

/** A gauge whose values are computed at scrape time. */
export function gaugeOf<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[], read: () => readonly (readonly [Partial<Record<L, string>>, number])[]): Gauge<L> {
  return new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of read()) this.set(labels, value);
    },
  });
}

/**
 * The node's Prometheus metrics, served at `GET /metrics`. Hot-path counters are plain numbers
 * the engine and the HTTP layer add to; gauges are computed when scraped; nothing here runs on
 * a timer. Other parts of the node add their own metrics to {@link registry} (the cluster's
 * per-peer metrics register there).
 *
 * @example
 * ```ts
 * import { ArtemisHttpServer, NodeMetrics } from '@artemis/web';
 * const metrics = new NodeMetrics();
 * const http = new ArtemisHttpServer({ engine, observability: { metrics } });
 * ```
 */
export class NodeMetrics implements RequestObserver {
  /** Every metric of the node; register more here (`registers: [metrics.registry]`). */
  readonly registry = new Registry();
  /** The engine's counters, fed through `engine.observe`. */
  readonly engineCounters = new EngineCounters();
  /** `artemis_http_request_duration_seconds`. */
  readonly requestDurations = new DurationHistogram(
    'artemis_http_request_duration_seconds',
    'Time from a request reaching its route to its answer being written, by route, method and status code.',
  );
  private readonly managementWrites: Counter<'operation' | 'result'>;
  private readonly dbQueries: Histogram;
  private readonly pushFanout: Histogram;
  private databaseUp: (() => boolean) | null = null;
  private readonly routes = new Map<JsonRoute, RouteMetrics>();

  constructor(options: NodeMetricsOptions = {}) {
    if (options.defaultMetrics ?? true) {
      collectDefaultMetrics({ register: this.registry });
      // Gauges named like counters fail `promtool check metrics`; their per-type series stay.
      for (const name of SUM_GAUGES_NAMED_LIKE_COUNTERS) this.registry.removeSingleMetric(name);
    }
    const registry = this.registry;
    const counters = this.engineCounters;
    registry.registerMetric(this.requestDurations as unknown as Metric);
    counterOf(registry, 'artemis_registrations_total', 'Instances registered (new, changed or unchanged).', [], () => [[{}, counters.registrations]]);
    counterOf(registry, 'artemis_heartbeats_total', 'Heartbeats by result: renewed, or unknown (the instance must register again).', ['result'], () => [
      [{ result: 'renewed' }, counters.heartbeatsRenewed],
      [{ result: 'unknown' }, counters.heartbeatsUnknown],
    ]);
    counterOf(registry, 'artemis_unregistrations_total', 'Instances unregistered by their owner.', [], () => [[{}, counters.unregistrations]]);
    counterOf(registry, 'artemis_lease_expirations_total', 'Leases removed because they were not renewed in time.', [], () => [[{}, counters.leaseExpirations]]);
    this.managementWrites = new Counter({
      name: 'artemis_management_writes_total',
      help: 'Management writes by operation and result: the answer\'s status (success, partial_fail, fail), rejected (bad request) or error.',
      labelNames: ['operation', 'result'],
      registers: [registry],
    });
    this.dbQueries = new Histogram({
      name: 'artemis_db_query_duration_seconds',
      help: 'Management database statements by result (ok, error).',
      labelNames: ['result'],
      buckets: [...DURATION_BUCKETS],
      registers: [registry],
    });
    this.pushFanout = new Histogram({
      name: 'artemis_push_fanout_seconds',
      help: 'Time to hand one change to every push session subscribed to it.',
      buckets: [...DURATION_BUCKETS],
      registers: [registry],
    });
    gaugeOf(registry, 'artemis_db_up', '1 while the management database answers, 0 when it does not.', [], () => (this.databaseUp === null ? [] : [[{}, this.databaseUp() ? 1 : 0]]));
  }

  /** Observes an engine: its counters, and the registry's gauges computed at scrape time. */
  observeEngine(engine: ArtemisEngine): void {
    engine.observe(this.engineCounters);
    gaugeOf(this.registry, 'artemis_instances', 'Registered instances by the status they report.', ['status'], () => {
      const counts = new Map<string, number>();
      for (const status of KNOWN_STATUSES) counts.set(status, 0);
      for (const record of engine.store.records()) {
        for (const lease of record.leases.values()) {
          const reported = (lease.instance.status ?? '').toLowerCase();
          const status = KNOWN_STATUSES.has(reported) ? reported : 'other';
          counts.set(status, (counts.get(status) ?? 0) + 1);
        }
      }
      return [...counts].map(([status, count]) => [{ status }, count] as const);
    });
    gaugeOf(this.registry, 'artemis_services', 'Services with at least one registered instance.', [], () => [[{}, engine.store.serviceCount]]);
    gaugeOf(this.registry, 'artemis_self_preservation_active', '1 while self-preservation keeps expired leases, else 0.', [], () => [[{}, engine.selfPreservation.isSafe() ? 0 : 1]]);
  }

  /** Observes the push channels: sessions, pushes and fan-out time. */
  observePush(stats: PushStats): void {
    stats.fanoutObserver = (seconds) => this.pushFanout.observe(seconds);
    gaugeOf(this.registry, 'artemis_push_sessions', 'Open push sessions by channel.', ['channel'], () => PUSH_CHANNELS.map((channel) => [{ channel }, stats.sessions[channel]] as const));
    counterOf(this.registry, 'artemis_push_total', 'Pushes by channel and result: delivered, or the session cut as too slow.', ['channel', 'result'], () =>
      PUSH_CHANNELS.flatMap((channel) => [[{ channel, result: 'delivered' }, stats.delivered[channel]] as const, [{ channel, result: 'slow' }, stats.slow[channel]] as const]),
    );
  }

  /** Observes the connection bounds: open connections and those refused (`http.maxConnections*`). */
  observeConnections(connections: Pick<ConnectionLimiter, 'open' | 'refusedPerAddress' | 'refusedAtCapacity'>): void {
    gaugeOf(this.registry, 'artemis_http_connections', 'Open TCP connections (HTTP, WebSocket, socket.io).', [], () => [[{}, connections.open]]);
    counterOf(this.registry, 'artemis_http_connections_refused_total', 'Connections refused: their address had its maximum open (address), or the node had (capacity).', ['reason'], () => [
      [{ reason: 'address' }, connections.refusedPerAddress],
      [{ reason: 'capacity' }, connections.refusedAtCapacity],
    ]);
  }

  /** Reports the management database's state in `artemis_db_up`. */
  observeDatabase(up: () => boolean): void {
    this.databaseUp = up;
  }

  /** A statement observer for `openManagementDatabase({ onQuery })`. */
  readonly onQuery = (query: ObservedQuery): void => {
    this.dbQueries.observe({ result: query.failed ? 'error' : 'ok' }, query.durationMs / 1000);
  };

  answered(exchange: Exchange, status: number, result: RouteResult | undefined): void {
    const seconds = (performance.now() - exchange.startedAt) / 1000;
    const route = exchange.route;
    let metrics = this.routes.get(route);
    if (metrics === undefined) {
      metrics = { write: MANAGEMENT_WRITE.test(route.operation), lastKey: -1, last: null, series: new Map() };
      this.routes.set(route, metrics);
    }
    const method = exchange.request.method;
    const kind = method === 'POST' ? 1 : method === 'GET' ? 0 : 2;
    const key = status * 3 + kind;
    let series = key === metrics.lastKey ? metrics.last : metrics.series.get(key);
    if (series === undefined || series === null) {
      // Methods a route refuses (405) share one label, so a scanner cannot add series at will.
      series = this.requestDurations.seriesOf(route.path, kind === 1 ? 'POST' : kind === 0 ? 'GET' : 'OTHER', status);
      metrics.series.set(key, series);
    }
    metrics.lastKey = key;
    metrics.last = series;
    series.observe(seconds);
    if (metrics.write) this.managementWrites.inc({ operation: route.operation, result: outcomeOf(status, result) });
  }

  /** The exposition text of every metric. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  /** The exposition's content type. */
  get contentType(): string {
    return this.registry.contentType;
  }
}

function outcomeOf(code: number, result: RouteResult | undefined): string {
  if (result === undefined) return code >= 400 && code < 500 ? 'rejected' : 'error';
  const status = (result as { responseStatus?: { status?: unknown } }).responseStatus?.status;
  return typeof status === 'string' && /^[a-z_]{1,20}$/.test(status) ? status : 'error';
}

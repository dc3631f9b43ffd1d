import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { Limits, Paths, type ManagementChangePush } from '@artemis/core';
import { silentLogger, type ArtemisEngine, type Logger } from '@artemis/server';
import { createExpressApp, type Readiness } from './express/express-app.js';
import type { JsonRoute } from './http/json-route.js';
import { answerClientError } from './http/client-error.js';
import { leanDispatcher } from './http/lean-dispatcher.js';
import { FastLane } from './http/fast-lane.js';
import type { FastLaneLimits } from './http/fast-lane-limits.js';
import { frontConnections } from './http/front-connections.js';
import { authorise, type HttpSecurity } from './http/route-access.js';
import { CorsPolicy, type CorsOptions } from './http/cors.js';
import { ConnectionLimiter, defaultConnectionLimits, effectiveConnectionLimits, type ConnectionLimitOptions } from './http/connection-limits.js';
import { clusterRoutes } from './routes/cluster.routes.js';
import { discoveryRoutes } from './routes/discovery.routes.js';
import { registryRoutes } from './routes/registry.routes.js';
import { BlockedIpList } from './push/blocked-ips.js';
import { PushChannels } from './push/push-channels.js';
import { defaultPushOptions, type PushOptions } from './push/push-options.js';
import { statusRoutes } from './routes/status.routes.js';
import { replicationHandler, type ReplicationEndpointOptions } from './routes/replication.routes.js';
import type { StaticFilesOptions } from './static/static-files.js';
import { AccessLog, type AccessLogOptions } from './http/access-log.js';
import type { PageRoute } from './http/page-route.js';
import { combineObservers } from './http/request-observer.js';
import type { RequestTracer } from './http/serve-route.js';
import type { NodeMetrics } from './metrics/node-metrics.js';
import { metricsPage } from './metrics/metrics-page.js';
import { openApiPage } from './openapi/openapi-page.js';

/** Metrics, access log and traces of a node's HTTP face; each is off when absent. */
export interface HttpObservability {
  /** Serves `GET /metrics` and feeds it from the engine, the routes and the push channels. */
  readonly metrics?: NodeMetrics;
  /** One log line per management request, sampled for registry and discovery. */
  readonly accessLog?: AccessLogOptions;
  /** Runs each protocol request inside a trace span. */
  readonly tracer?: RequestTracer;
  /** More non-JSON GET endpoints (the OpenAPI document). */
  readonly pages?: readonly PageRoute[];
}

/** How to serve an engine over HTTP. */
export interface ArtemisHttpServerOptions {
  readonly engine: ArtemisEngine;
  readonly logger?: Logger;
  /** Largest accepted request body, after decompression (default 1 MiB). */
  readonly bodyLimitBytes?: number;
  /** Open connections in all and per remote address (defaults: {@link defaultConnectionLimits}). */
  readonly connections?: Partial<ConnectionLimitOptions>;
  /** Extra checks (database...) shown by `/health/ready`; a failing one makes the node `degraded`, not unready. */
  readonly readinessChecks?: () => Readonly<Record<string, boolean>>;
  /** Push channel settings (Java WebSocket endpoints and socket.io). */
  readonly push?: Partial<PushOptions>;
  /** More routes, served through express (management, ...). */
  readonly routes?: readonly JsonRoute[];
  /**
   * Where management changes come from (`ArtemisManagement.onSnapshotChange`): each is pushed as
   * socket.io `management-change` to sessions subscribed to all changes. Returns the way to stop.
   */
  readonly managementChanges?: (listener: (change: ManagementChangePush) => void) => () => void;
  /** Cluster: the node's replication and the secret its peers sign with (docs/scale.md). */
  readonly replication?: ReplicationEndpointOptions;
  /** The built console to serve at `/console/` (docs/console.md); absent, no console. */
  readonly staticFiles?: StaticFilesOptions;
  /** Metrics, access log, traces (all off by default). */
  readonly observability?: HttpObservability;
  // ---- security (docs/security.md) ----
  /** How callers are authenticated; without it every route that is not open answers 401. */
  readonly security?: HttpSecurity;
  /** Extra fields of `/api/status/config.json` (the node's auth mode, ...). */
  readonly configStatus?: () => object;
  /** Browser origins allowed (default: none for management, any without credentials for discovery). */
  readonly cors?: CorsOptions;
  /**
   * Serve HTTPS (and WSS, socket.io over TLS) on the one port: a PEM certificate and key.
   * Every answer then carries `Strict-Transport-Security` for `hstsMaxAgeSeconds` (default one year).
   */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer; readonly hstsMaxAgeSeconds?: number };
  /**
   * The fast lane for the registry and discovery routes on plain HTTP (docs/architecture.md):
   * on by default, with node:http's bounds and timeouts; false serves every request through
   * node:http. Ignored under TLS.
   */
  readonly fastLane?: boolean | Partial<FastLaneLimits>;
}

/** How long browsers keep to HTTPS after a TLS answer, by default: one year. */
export const DEFAULT_HSTS_MAX_AGE_SECONDS = 31_536_000;

/** Grace given to in-flight requests on close before connections are cut. */
const DEFAULT_CLOSE_GRACE_MS = 5_000;
/** How often a closing server looks for connections that turned idle. */
const IDLE_SWEEP_MS = 25;

/**
 * The HTTP face of a node: registry, discovery and cluster paths on the lean dispatcher,
 * status, health and everything else on express, the push channels (Java WebSocket and
 * socket.io) on the upgrade path, all on one `node:http` server and port.
 *
 * @example
 * ```ts
 * import { ArtemisEngine } from '@artemis/server';
 * import { ArtemisHttpServer } from '@artemis/web';
 * const engine = new ArtemisEngine({ regionId: 'default', zoneId: 'default' });
 * const http = new ArtemisHttpServer({ engine });
 * const address = await http.listen(8080, '0.0.0.0');
 * ```
 */
export class ArtemisHttpServer {
  readonly server: Server;
  readonly app: Express;
  /** The push channels: Java WebSocket endpoints and socket.io, on this server's port. */
  readonly push: PushChannels;
  /** Every protocol route the node serves (the lean table's, then express's): the OpenAPI document lists them. */
  readonly routeTable: readonly JsonRoute[];
  /** The paths of the lean table (registry, discovery, cluster): sampled in the access log and traces. */
  static readonly hotPaths: ReadonlySet<string> = new Set([...Object.values(Paths.registry), ...Object.values(Paths.discovery), ...Object.values(Paths.cluster), ...Object.values(Paths.replication)]);
  /** The non-JSON GET endpoints (`/metrics`, `/api/openapi.json`). */
  readonly pages: readonly PageRoute[];
  /** Counts and bounds open connections, in all and per remote address. */
  readonly connections: ConnectionLimiter;
  /** The fast lane, when on: it serves the hot routes of each connection until it hands the connection to node:http. */
  readonly fastLane: FastLane | null;
  private readonly logger: Logger;
  private replicationEndpoint: ReplicationEndpointOptions | null;
  private readonly stopManagementChanges: (() => void) | null;

  constructor(readonly options: ArtemisHttpServerOptions) {
    const engine = options.engine;
    this.logger = options.logger ?? silentLogger;
    const blocked = new BlockedIpList(options.push?.blockedIps ?? defaultPushOptions.blockedIps);
    const hot: JsonRoute[] = [...registryRoutes(engine, blocked), ...discoveryRoutes(engine), ...clusterRoutes(engine)];
    const observability = options.observability ?? {};
    const accessLog = observability.accessLog === undefined ? undefined : new AccessLog(this.logger, observability.accessLog, new Set(hot.map((route) => route.path)));
    const observer = combineObservers([observability.metrics, accessLog]);
    const serve = {
      bodyLimitBytes: options.bodyLimitBytes ?? Limits.defaultBodyLimitBytes,
      logger: this.logger,
      ...(observer === undefined ? {} : { observer }),
      ...(observability.tracer === undefined ? {} : { tracer: observability.tracer }),
      ...(options.security === undefined ? {} : { security: options.security }),
    };
    const served: JsonRoute[] = [...statusRoutes(engine, () => this.push.connections(), () => this.push.stats, options.configStatus), ...(options.routes ?? [])];
    this.routeTable = [...hot, ...served];
    this.pages = [
      ...(observability.metrics === undefined ? [] : [metricsPage(observability.metrics)]),
      ...(observability.pages ?? []),
      openApiPage(() => this.routeTable, () => this.pages),
    ];
    const cors = new CorsPolicy(options.cors);
    this.app = createExpressApp({
      ...serve,
      cors,
      routes: served,
      readiness: () => this.readiness(),
      pages: this.pages,
      ...(options.staticFiles === undefined ? {} : { staticFiles: options.staticFiles }),
    });
    const lean = leanDispatcher(hot, this.app, { ...serve, cors });
    // Cluster: the signed peer-to-peer paths go first; everything else as before.
    this.replicationEndpoint = options.replication ?? null;
    const replication = replicationHandler(() => this.replicationEndpoint, serve);
    // HSTS only over TLS: on plain HTTP the header is meaningless and browsers ignore it (RFC 6797 §8.1).
    const hsts = options.tls === undefined ? null : `max-age=${options.tls.hstsMaxAgeSeconds ?? DEFAULT_HSTS_MAX_AGE_SECONDS}`;
    const listener =
      hsts === null
        ? (request: IncomingMessage, response: ServerResponse): void => {
            if (!replication(request, response)) lean(request, response);
          }
        : (request: IncomingMessage, response: ServerResponse): void => {
            // Set before any handler: writeHead merges it with the headers each answer adds.
            response.setHeader('Strict-Transport-Security', hsts);
            if (!replication(request, response)) lean(request, response);
          };
    const timeouts = { requestTimeout: 30_000, headersTimeout: 10_000 };
    const laneTimeouts = { requestTimeoutMs: timeouts.requestTimeout, headersTimeoutMs: timeouts.headersTimeout };
    // An https.Server is an http.Server over TLS: the push channels attach to either alike.
    this.server = options.tls === undefined ? createServer(timeouts, listener) : (createTlsServer({ ...timeouts, cert: options.tls.cert, key: options.tls.key }, listener) as unknown as Server);
    this.server.on('clientError', answerClientError);
    this.fastLane = options.tls === undefined && options.fastLane !== false ? this.takeConnections(hot, serve, { keepAliveTimeoutMs: this.server.keepAliveTimeout, ...laneTimeouts, ...(typeof options.fastLane === 'object' ? options.fastLane : {}) }) : null;
    const requested = { ...defaultConnectionLimits, ...options.connections };
    const limits = effectiveConnectionLimits(requested);
    if (limits.maxConnections < requested.maxConnections) {
      // A limit the operator chose deserves a warning; the default lowered to the common
      // `ulimit -n` of 1024 would warn at every start on most machines, so it is a debug line.
      const chosen = requested.maxConnections !== defaultConnectionLimits.maxConnections;
      this.logger[chosen ? 'warn' : 'debug']('http.maxConnections lowered to fit the open-file limit (raise ulimit -n to allow more)', { event: 'connection-limit-lowered', requested: requested.maxConnections, applied: limits.maxConnections });
    }
    // Before the push channels attach: a refused connection must reach neither HTTP nor them.
    this.connections = new ConnectionLimiter(limits, this.logger, options.tls !== undefined);
    this.connections.attach(this.server);
    this.push = new PushChannels(this.server, engine, { ...defaultPushOptions, maxMessageBytes: serve.bodyLimitBytes, ...options.push }, this.logger);
    if (hsts !== null) this.push.socketIo.addAnswerHeader('Strict-Transport-Security', hsts);
    if (observability.metrics !== undefined) {
      observability.metrics.observeEngine(engine);
      observability.metrics.observePush(this.push.stats);
      observability.metrics.observeConnections(this.connections);
    }
    const security = options.security;
    if (security?.registry !== undefined) {
      const heartbeat: JsonRoute = { path: Paths.ws.heartbeat, methods: [], operation: 'ws-heartbeat', access: 'registry', serve: () => ({}) };
      this.push.heartbeatGuard = async (request) => {
        await authorise(request, heartbeat, security);
      };
      // socket.io heartbeats are registry writes too; its subscriptions stay open.
      this.push.socketIo.registryGuard = this.push.heartbeatGuard;
    }
    this.stopManagementChanges = options.managementChanges?.((change) => this.push.socketIo.announceManagementChange(change)) ?? null;
  }

  /** Puts the fast lane in front of node:http: every connection goes to it first. */
  private takeConnections(hot: readonly JsonRoute[], serve: ConstructorParameters<typeof FastLane>[1], limits: Partial<FastLaneLimits>): FastLane {
    const lane = new FastLane(hot, serve, limits);
    frontConnections(this.server, (socket, handOver) => lane.adopt(socket, handOver));
    return lane;
  }

  /** Cluster: serves replication once the node knows its peers (after listening on port 0, say). */
  attachReplication(endpoint: ReplicationEndpointOptions | null): void {
    this.replicationEndpoint = endpoint;
  }

  /** Starts listening; resolves with the bound address (useful with port 0). */
  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        // Once listening, a failed accept (out of descriptors, say) is logged, never thrown.
        this.server.on('error', (error: Error) => this.logger.error('the HTTP server failed to accept a connection', { event: 'accept-failed', error: error.message }));
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /**
   * Whether the node can take traffic, and why: ready while it can serve registry and discovery,
   * which do not need the database (discovery serves the last management data). A failed extra
   * check (the database) leaves the node ready and reports it `degraded`, so that a load
   * balancer does not remove a node that serves.
   */
  readiness(): Readiness {
    const checks: Record<string, string> = {};
    const ready = this.options.engine.cluster.canServeRegistry() && this.options.engine.cluster.canServeDiscovery();
    checks['node'] = this.options.engine.cluster.localStatus().status;
    let degraded = false;
    for (const [name, ok] of Object.entries(this.options.readinessChecks?.() ?? {})) {
      checks[name] = ok ? 'up' : 'down';
      degraded ||= !ok;
    }
    return { ready, degraded, checks };
  }

  /**
   * Closes push sessions, stops accepting connections, lets in-flight requests finish, closes
   * idle keep-alive connections, and cuts whatever is left after `graceMs`.
   */
  close(graceMs = DEFAULT_CLOSE_GRACE_MS): Promise<void> {
    this.stopManagementChanges?.();
    this.push.close();
    return new Promise((resolve) => {
      if (!this.server.listening) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        this.logger.warn('connections still open after the grace period; closing them', { graceMs });
        this.server.closeAllConnections();
        this.fastLane?.closeAll();
      }, graceMs);
      timer.unref();
      // Keep-alive connections turn idle as their last response ends; close each soon after.
      const sweeper = setInterval(() => this.closeIdleConnections(), IDLE_SWEEP_MS);
      sweeper.unref();
      this.server.close(() => {
        clearTimeout(timer);
        clearInterval(sweeper);
        resolve();
      });
      this.closeIdleConnections();
    });
  }

  private closeIdleConnections(): void {
    this.server.closeIdleConnections();
    this.fastLane?.closeIdle();
  }
}

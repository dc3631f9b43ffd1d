import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { Limits, Paths } from '@artemis/core';
import { silentLogger, type ArtemisEngine, type Logger } from '@artemis/server';
import { createExpressApp, type Readiness } from './express/express-app.js';
import type { JsonRoute } from './http/json-route.js';
import { leanDispatcher } from './http/lean-dispatcher.js';
import { authorise, type HttpSecurity } from './http/route-access.js';
import { CorsPolicy, type CorsOptions } from './http/cors.js';
import { clusterRoutes } from './routes/cluster.routes.js';
import { discoveryRoutes } from './routes/discovery.routes.js';
import { registryRoutes } from './routes/registry.routes.js';
import { PushChannels } from './push/push-channels.js';
import { defaultPushOptions, type PushOptions } from './push/push-options.js';
import { statusRoutes } from './routes/status.routes.js';

/** How to serve an engine over HTTP. */
export interface ArtemisHttpServerOptions {
  readonly engine: ArtemisEngine;
  readonly logger?: Logger;
  /** Largest accepted request body, after decompression (default 1 MiB). */
  readonly bodyLimitBytes?: number;
  /** Extra readiness checks (database...), merged with the node's own state. */
  readonly readinessChecks?: () => Readonly<Record<string, boolean>>;
  /** Push channel settings (Java WebSocket endpoints and socket.io). */
  readonly push?: Partial<PushOptions>;
  /** More routes, served through express (management, ...). */
  readonly routes?: readonly JsonRoute[];
  // ---- security (docs/security.md) ----
  /** How callers are authenticated; without it every route that is not open answers 401. */
  readonly security?: HttpSecurity;
  /** Extra fields of `/api/status/config.json` (the node's auth mode, ...). */
  readonly configStatus?: () => object;
  /** Browser origins allowed (default: none for management, any without credentials for discovery). */
  readonly cors?: CorsOptions;
  /** Serve HTTPS (and WSS, socket.io over TLS) on the one port: a PEM certificate and key. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
}

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
  /** Every protocol route this server answers, with its access rule. */
  readonly routes: readonly JsonRoute[];
  private readonly logger: Logger;

  constructor(readonly options: ArtemisHttpServerOptions) {
    const engine = options.engine;
    this.logger = options.logger ?? silentLogger;
    const serve = { bodyLimitBytes: options.bodyLimitBytes ?? Limits.defaultBodyLimitBytes, logger: this.logger, ...(options.security === undefined ? {} : { security: options.security }) };
    const hot: JsonRoute[] = [...registryRoutes(engine), ...discoveryRoutes(engine), ...clusterRoutes(engine)];
    const other: JsonRoute[] = [...statusRoutes(engine, () => this.push.connections(), () => this.push.stats, options.configStatus), ...(options.routes ?? [])];
    this.routes = [...hot, ...other];
    const cors = new CorsPolicy(options.cors);
    this.app = createExpressApp({
      ...serve,
      cors,
      routes: other,
      readiness: () => this.readiness(),
    });
    const listener = leanDispatcher(hot, this.app, { ...serve, cors });
    const timeouts = { requestTimeout: 30_000, headersTimeout: 10_000 };
    // An https.Server is an http.Server over TLS: the push channels attach to either alike.
    this.server = options.tls === undefined ? createServer(timeouts, listener) : (createTlsServer({ ...timeouts, cert: options.tls.cert, key: options.tls.key }, listener) as unknown as Server);
    this.push = new PushChannels(this.server, engine, { ...defaultPushOptions, maxMessageBytes: serve.bodyLimitBytes, ...options.push }, this.logger);
    const security = options.security;
    if (security?.registry !== undefined) {
      const heartbeat: JsonRoute = { path: Paths.ws.heartbeat, methods: [], operation: 'ws-heartbeat', access: 'registry', serve: () => ({}) };
      this.push.heartbeatGuard = async (request) => {
        await authorise(request, heartbeat, security);
      };
    }
  }

  /** Starts listening; resolves with the bound address (useful with port 0). */
  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** Whether the node can take traffic, and why. */
  readiness(): Readiness {
    const checks: Record<string, string> = {};
    let ready = this.options.engine.cluster.canServeRegistry() && this.options.engine.cluster.canServeDiscovery();
    checks['node'] = this.options.engine.cluster.localStatus().status;
    for (const [name, ok] of Object.entries(this.options.readinessChecks?.() ?? {})) {
      checks[name] = ok ? 'up' : 'down';
      ready &&= ok;
    }
    return { ready, checks };
  }

  /**
   * Closes push sessions, stops accepting connections, lets in-flight requests finish, closes
   * idle keep-alive connections, and cuts whatever is left after `graceMs`.
   */
  close(graceMs = DEFAULT_CLOSE_GRACE_MS): Promise<void> {
    this.push.close();
    return new Promise((resolve) => {
      if (!this.server.listening) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        this.logger.warn('connections still open after the grace period; closing them', { graceMs });
        this.server.closeAllConnections();
      }, graceMs);
      timer.unref();
      // Keep-alive connections turn idle as their last response ends; close each soon after.
      const sweeper = setInterval(() => this.server.closeIdleConnections(), IDLE_SWEEP_MS);
      sweeper.unref();
      this.server.close(() => {
        clearTimeout(timer);
        clearInterval(sweeper);
        resolve();
      });
      this.server.closeIdleConnections();
    });
  }
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { Limits } from '@artemis/core';
import { silentLogger, type ArtemisEngine, type Logger } from '@artemis/server';
import { createExpressApp, type Readiness } from './express/express-app.js';
import type { JsonRoute } from './http/json-route.js';
import { answerClientError } from './http/client-error.js';
import { leanDispatcher } from './http/lean-dispatcher.js';
import { clusterRoutes } from './routes/cluster.routes.js';
import { discoveryRoutes } from './routes/discovery.routes.js';
import { registryRoutes } from './routes/registry.routes.js';
import { BlockedIpList } from './push/blocked-ips.js';
import { PushChannels } from './push/push-channels.js';
import { defaultPushOptions, type PushOptions } from './push/push-options.js';
import { statusRoutes } from './routes/status.routes.js';

/** How to serve an engine over HTTP. */
export interface ArtemisHttpServerOptions {
  readonly engine: ArtemisEngine;
  readonly logger?: Logger;
  /** Largest accepted request body, after decompression (default 1 MiB). */
  readonly bodyLimitBytes?: number;
  /** Extra checks (database...) shown by `/health/ready`; a failing one makes the node `degraded`, not unready. */
  readonly readinessChecks?: () => Readonly<Record<string, boolean>>;
  /** Push channel settings (Java WebSocket endpoints and socket.io). */
  readonly push?: Partial<PushOptions>;
  /** More routes, served through express (management, ...). */
  readonly routes?: readonly JsonRoute[];
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
  private readonly logger: Logger;

  constructor(readonly options: ArtemisHttpServerOptions) {
    const engine = options.engine;
    this.logger = options.logger ?? silentLogger;
    const serve = { bodyLimitBytes: options.bodyLimitBytes ?? Limits.defaultBodyLimitBytes, logger: this.logger };
    const blocked = new BlockedIpList(options.push?.blockedIps ?? defaultPushOptions.blockedIps);
    const hot: JsonRoute[] = [...registryRoutes(engine, blocked), ...discoveryRoutes(engine), ...clusterRoutes(engine)];
    this.app = createExpressApp({
      ...serve,
      routes: [...statusRoutes(engine, () => this.push.connections(), () => this.push.stats), ...(options.routes ?? [])],
      readiness: () => this.readiness(),
    });
    this.server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, leanDispatcher(hot, this.app, serve));
    this.server.on('clientError', answerClientError);
    this.push = new PushChannels(this.server, engine, { ...defaultPushOptions, maxMessageBytes: serve.bodyLimitBytes, ...options.push }, this.logger);
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

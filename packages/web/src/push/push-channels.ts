import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { Paths, type ChangePush } from '@artemis/core';
import type { ArtemisEngine, Logger } from '@artemis/server';
import { WebSocketServer, type WebSocket } from 'ws';
import type { PushOptions } from './push-options.js';
import { isWebSocketUpgrade, servePlainHttp } from './plain-http-upgrade.js';
import { PushStats, type PushChannelName } from './push-stats.js';
import { remoteIp } from './remote-ip.js';
import { SocketIoChannel } from './socket-io-channel.js';
import { SubscriptionBudget } from './subscription-budget.js';
import { WsChangeChannels } from './ws-change-channel.js';
import { serveHeartbeatSession } from './ws-heartbeat-channel.js';
import { WsSession } from './ws-session.js';

interface JavaEndpoint {
  readonly channel: Exclude<PushChannelName, 'socketIo'>;
  readonly blocked: ReadonlySet<string>;
}

/** Refuses an upgrade with an HTTP answer in the protocol's error shape. */
function refuse(socket: Duplex, status: string, errorCode: string, message: string): void {
  const body = JSON.stringify({ responseStatus: { errorCode, message, status: 'fail' } });
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/**
 * Every push channel on the node's one HTTP server and port: the Java WebSocket endpoints
 * (heartbeat, per-service changes, all changes) and socket.io. Changes come from the engine's
 * change bus, in version order, and are serialised once per channel kind.
 */
export class PushChannels {
  readonly stats = new PushStats();
  readonly socketIo: SocketIoChannel;
  private readonly wss: WebSocketServer;
  /** Sessions per address and subscriptions, across every channel. */
  readonly budget: SubscriptionBudget;
  private readonly changes: WsChangeChannels;
  private readonly endpoints: ReadonlyMap<string, JavaEndpoint>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly server: HttpServer,
    private readonly engine: ArtemisEngine,
    private readonly options: PushOptions,
    private readonly logger: Logger,
  ) {
    this.endpoints = new Map<string, JavaEndpoint>([
      [Paths.ws.heartbeat, { channel: 'heartbeat', blocked: new Set(options.blockedIps.heartbeat) }],
      [Paths.ws.instanceChange, { channel: 'instanceChange', blocked: new Set(options.blockedIps.instanceChange) }],
      [Paths.ws.allInstanceChange, { channel: 'allInstanceChange', blocked: new Set(options.blockedIps.allInstanceChange) }],
    ]);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
    this.budget = new SubscriptionBudget(options, this.stats);
    this.changes = new WsChangeChannels(this.budget, logger);
    this.socketIo = new SocketIoChannel(server, engine, options, this.stats, logger, this.budget);
    server.on('upgrade', this.onUpgrade);
    // A mass expiry publishes thousands of changes at once: serialise only those someone receives.
    this.unsubscribe = engine.changes.subscribe((event) => {
      const ws = this.changes.hasSubscribers(event.serviceKey);
      const io = this.socketIo.hasSubscribers(event.serviceKey);
      if (!ws && !io) return;
      const fanout = this.stats.fanoutObserver;
      const started = fanout === null ? 0 : performance.now();
      if (ws) this.changes.deliver(event.serviceKey, Buffer.from(JSON.stringify(event.change)));
      if (io) {
        const push: ChangePush = { serviceId: event.serviceId, version: event.version, change: event.change };
        this.socketIo.deliver(event.serviceKey, push);
      }
      if (fanout !== null) fanout((performance.now() - started) / 1000);
    });
  }

  /** Open sessions of the Java heartbeat and per-service change endpoints, as `connections.json` counts them. */
  connections(): { registry: number; discovery: number } {
    return { registry: this.stats.sessions.heartbeat, discovery: this.stats.sessions.instanceChange };
  }

  /** Stops pushing and closes every session. */
  close(): void {
    this.unsubscribe();
    this.server.off('upgrade', this.onUpgrade);
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.socketIo.close();
  }

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = request.url ?? '/';
    const path = url.split('?', 1)[0] ?? '/';
    if (path.startsWith('/socket.io/')) return; // engine.io answers these
    if (!isWebSocketUpgrade(request)) {
      servePlainHttp(this.server, request, socket, head);
      return;
    }
    const endpoint = this.endpoints.get(path);
    if (endpoint === undefined) {
      refuse(socket, '404 Not Found', 'bad-request', `no WebSocket endpoint at ${path}`);
      return;
    }
    const ip = remoteIp(request);
    if (endpoint.blocked.has(ip)) {
      this.stats.refusedHandshakes += 1;
      refuse(socket, '403 Forbidden', 'no-permission', `${ip} is blocked from ${path} (push.blockedIps)`);
      return;
    }
    if (!this.budget.openSession(ip)) {
      this.stats.refusedSessions += 1;
      refuse(socket, '429 Too Many Requests', 'rate-limited', `${ip} has its maximum of ${this.options.maxSessionsPerAddress} push sessions open (push.maxSessionsPerAddress)`);
      return;
    }
    socket.once('close', () => this.budget.closeSession(ip));
    const guard = endpoint.channel === 'heartbeat' ? this.heartbeatGuard : null;
    if (guard !== null) {
      // Registry auth (docs/security.md): heartbeats over WebSocket are registry writes too.
      guard(request).then(
        () => this.upgrade(request, socket, head, endpoint, ip),
        (error: unknown) => {
          this.stats.refusedHandshakes += 1;
          const unauthenticated = (error as { denial?: string }).denial === 'unauthenticated';
          refuse(socket, unauthenticated ? '401 Unauthorized' : '403 Forbidden', 'no-permission', error instanceof Error ? error.message : 'registry writes need a token');
        },
      );
      return;
    }
    this.upgrade(request, socket, head, endpoint, ip);
  };

  /** Checks heartbeat handshakes (registry auth); rejects to refuse. Null: none. */
  heartbeatGuard: ((request: IncomingMessage) => Promise<void>) | null = null;

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, endpoint: JavaEndpoint, ip: string): void {
    this.wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      const session = new WsSession(ws, endpoint.channel, ip, this.stats, this.options.maxBacklogBytes, this.options.sessionLifetimeMs);
      ws.on('error', () => ws.terminate());
      if (endpoint.channel === 'heartbeat') serveHeartbeatSession(this.engine, session, this.logger);
      else if (endpoint.channel === 'instanceChange') this.changes.servePerService(session);
      else this.changes.serveEverything(session);
    });
  }
}

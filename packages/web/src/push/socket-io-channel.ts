import type { IncomingMessage, Server as HttpServer } from 'node:http';
import {
  ArtemisError,
  decode,
  decodeInstancesRequest,
  ErrorCode,
  failStatus,
  isBlank,
  RegistryOperation,
  serviceKeyOf,
  subscribeRequestSchema,
  SUCCESS,
  unsubscribeRequestSchema,
  type ChangePush,
  type ClientToServerEvents,
  type InstancesResponse,
  type ManagementChangePush,
  type ResponseStatus,
  type ServerToClientEvents,
  type SubscribeReply,
} from '@artemis/core';
import type { ArtemisEngine, Logger } from '@artemis/server';
import { Server, type Socket } from 'socket.io';
import { sessionClient } from '../http/client-key.js';
import { missedChanges } from './missed-changes.js';
import type { PushOptions } from './push-options.js';
import { BlockedIpList, type BlockedUse } from './blocked-ips.js';
import type { PushStats } from './push-stats.js';
import type { SubscriptionBudget } from './subscription-budget.js';
import { pushErrorStatus } from './push-errors.js';

/** What a socket.io session is subscribed to, and where it comes from. */
interface SessionData {
  serviceKeys: Set<string>;
  all: boolean;
  ip: string;
}

type ArtemisSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SessionData>;

/** How often sessions are checked for a backlog over the bound. */
const BACKLOG_SWEEP_MS = 100;
const ALL_ROOM = 'all';
const roomOf = (serviceKey: string): string => `svc:${serviceKey}`;


/** Unsent bytes and packets of a session: engine.io's queue plus the WebSocket's buffer. */
function backlogOf(socket: ArtemisSocket): { packets: number; bytes: number } {
  const connection = socket.conn as unknown as { writeBuffer?: unknown[]; transport?: { socket?: { bufferedAmount?: number } } };
  return { packets: connection.writeBuffer?.length ?? 0, bytes: connection.transport?.socket?.bufferedAmount ?? 0 };
}

function terminate(socket: ArtemisSocket): void {
  const connection = socket.conn as unknown as { transport?: { socket?: { terminate?: () => void } } };
  socket.disconnect(true);
  // A stalled peer would hold the close handshake (and its buffers) for 30 s; cut it now.
  connection.transport?.socket?.terminate?.();
}

/**
 * The socket.io channel of our SDK and console: subscribe and unsubscribe by service, pushes
 * to per-service rooms (one serialisation per change however many subscribers), resume by
 * version, and heartbeats acknowledged with the HTTP heartbeat's answer.
 */
export class SocketIoChannel {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SessionData>;
  private readonly sweeper: NodeJS.Timeout;
  private readonly blocked: BlockedIpList;
  /**
   * Registry auth (docs/security.md): checks a session's right to heartbeat, from its handshake
   * (the `Authorization` header, or the `auth.token` a browser client sends); rejects to refuse.
   * Null while registry writes are open. Discovery on the same session stays open either way.
   */
  registryGuard: ((request: IncomingMessage) => Promise<void>) | null = null;

  constructor(
    httpServer: HttpServer,
    private readonly engine: ArtemisEngine,
    private readonly options: PushOptions,
    private readonly stats: PushStats,
    private readonly logger: Logger,
    private readonly budget: SubscriptionBudget,
  ) {
    this.blocked = new BlockedIpList(options.blockedIps);
    this.io = new Server(httpServer, { maxHttpBufferSize: options.maxMessageBytes, destroyUpgrade: false, serveClient: false, cors: { origin: '*' } });
    this.io.use((socket, next) => {
      const address = socket.handshake.address;
      const ip = address.startsWith('::ffff:') ? address.slice(7) : address;
      if (!this.budget.openSession(ip)) {
        this.stats.refusedSessions += 1;
        next(new Error(`${ip} has its maximum of ${this.options.maxSessionsPerAddress} push sessions open (push.maxSessionsPerAddress)`));
        return;
      }
      socket.conn.once('close', () => this.budget.closeSession(ip));
      next();
    });
    this.io.on('connection', (socket) => this.serve(socket));
    this.sweeper = setInterval(() => this.sweepBacklogs(), BACKLOG_SWEEP_MS);
    this.sweeper.unref();
  }

  /** True when some session would receive a change of this service. */
  hasSubscribers(serviceKey: string): boolean {
    const rooms = this.io.sockets.adapter.rooms;
    return rooms.has(ALL_ROOM) || rooms.has(roomOf(serviceKey));
  }

  /** Pushes a change to the rooms of its service and of all-changes subscribers. */
  deliver(serviceKey: string, push: ChangePush): void {
    const rooms = this.io.sockets.adapter.rooms;
    this.stats.delivered.socketIo += (rooms.get(roomOf(serviceKey))?.size ?? 0) + (rooms.get(ALL_ROOM)?.size ?? 0);
    this.io.to([roomOf(serviceKey), ALL_ROOM]).emit('instance-change', push);
  }

  /** Tells every session subscribed to all changes (the console) that management data changed. */
  announceManagementChange(push: ManagementChangePush): void {
    const reached = this.io.sockets.adapter.rooms.get(ALL_ROOM)?.size ?? 0;
    if (reached === 0) return;
    this.stats.delivered.socketIo += reached;
    this.io.to(ALL_ROOM).emit('management-change', push);
  }

  /**
   * Adds a header to every answer engine.io writes itself (the handshake and long-polling
   * requests), which never pass through the node's own request listener.
   */
  addAnswerHeader(name: string, value: string): void {
    this.io.engine.on('headers', (headers: Record<string, string>) => {
      headers[name] = value;
    });
  }

  /** Disconnects every session; the HTTP server itself is closed by its owner. */
  close(): void {
    clearInterval(this.sweeper);
    this.io.disconnectSockets(true);
    this.io.engine.close();
  }

  private serve(socket: ArtemisSocket): void {
    this.stats.sessions.socketIo += 1;
    const address = socket.handshake.address;
    socket.data = { serviceKeys: new Set(), all: false, ip: address.startsWith('::ffff:') ? address.slice(7) : address };
    socket.on('disconnect', () => {
      this.stats.sessions.socketIo -= 1;
      this.budget.release(socket.data.serviceKeys.size);
      socket.data.serviceKeys.clear();
    });
    socket.on('subscribe', (request, ack) => this.answer(ack, () => this.subscribe(socket, request)));
    socket.on('unsubscribe', (request, ack) => this.answer(ack, () => this.unsubscribe(socket, request)));
    let registryAccess: Promise<ResponseStatus | null> | null = null;
    socket.on('heartbeat', (request, ack) => {
      const guard = this.registryGuard;
      if (guard === null) {
        this.heartbeat(socket, request, ack);
        return;
      }
      // Checked once per session: its token and address do not change.
      registryAccess ??= guard(handshakeWithToken(socket)).then(
        () => null,
        (error: unknown) => failStatus(ErrorCode.noPermission, error instanceof Error ? error.message : 'registry writes need a token'),
      );
      void registryAccess.then((refusal) => {
        if (refusal === null) this.heartbeat(socket, request, ack);
        else if (typeof ack === 'function') ack({ failedInstances: null, responseStatus: refusal });
      });
    });
  }

  private heartbeat(socket: ArtemisSocket, request: unknown, ack: unknown): void {
    this.answer(ack, (): InstancesResponse => {
      if (this.blocked.blocks('heartbeat', socket.data.ip)) {
        this.stats.blockedRequests += 1;
        return { failedInstances: null, responseStatus: this.blocked.refusal('heartbeat', socket.data.ip) };
      }
      try {
        return this.engine.registry.execute(RegistryOperation.heartbeat, decodeInstancesRequest(request), sessionClient('socket.io', socket.id));
      } catch (error) {
        return { failedInstances: null, responseStatus: pushErrorStatus(error, this.logger, 'socket.io heartbeat') };
      }
    });
  }

  /** Runs a handler and acknowledges its answer; a client that sent no callback gets nothing. */
  private answer<T>(ack: unknown, handle: () => T): void {
    let reply: T;
    try {
      reply = handle();
    } catch (error) {
      if (typeof ack === 'function') ack({ responseStatus: pushErrorStatus(error, this.logger, 'socket.io request'), version: this.engine.changeLog.version, serviceIds: [], all: false });
      return;
    }
    if (typeof ack === 'function') ack(reply);
  }

  private subscribe(socket: ArtemisSocket, raw: unknown): SubscribeReply {
    const request = decode(subscribeRequestSchema, raw);
    const added = new Set<string>();
    for (const id of request.serviceIds ?? []) added.add(serviceKeyOf(id));
    for (const config of request.discoveryConfigs ?? []) {
      if (isBlank(config.serviceId)) throw new ArtemisError(ErrorCode.badRequest, 'discoveryConfigs: serviceId must not be blank');
      added.add(serviceKeyOf(config.serviceId));
    }
    if (added.size === 0 && !request.all) throw new ArtemisError(ErrorCode.badRequest, 'name serviceIds, discoveryConfigs, or all: true');
    const uses: BlockedUse[] = [];
    if (added.size > 0) uses.push('instanceChange');
    if (request.all) uses.push('allInstanceChange');
    for (const refused of uses) {
      if (this.blocked.blocks(refused, socket.data.ip)) {
        this.stats.blockedRequests += 1;
        throw new ArtemisError(ErrorCode.noPermission, this.blocked.refusal(refused, socket.data.ip).message);
      }
    }
    const fresh = [...added].filter((serviceKey) => !socket.data.serviceKeys.has(serviceKey));
    this.budget.take(socket.data.serviceKeys.size, fresh.length);
    for (const serviceKey of fresh) {
      socket.data.serviceKeys.add(serviceKey);
      void socket.join(roomOf(serviceKey));
    }
    if (request.all) {
      socket.data.all = true;
      void socket.join(ALL_ROOM);
    }
    // Joining and replaying happen in one turn of the event loop, so no change falls between them.
    if (request.sinceVersion !== null) {
      for (const push of missedChanges(this.engine, request.sinceVersion, request.all ? 'all' : added)) socket.emit('instance-change', push);
    }
    return this.reply(socket, fresh);
  }

  private unsubscribe(socket: ArtemisSocket, raw: unknown): SubscribeReply {
    const request = decode(unsubscribeRequestSchema, raw);
    const removed: string[] = [];
    for (const id of request.serviceIds ?? []) {
      const serviceKey = serviceKeyOf(id);
      if (!socket.data.serviceKeys.delete(serviceKey)) continue;
      removed.push(serviceKey);
      void socket.leave(roomOf(serviceKey));
    }
    this.budget.release(removed.length);
    if (request.all) {
      socket.data.all = false;
      void socket.leave(ALL_ROOM);
    }
    return this.reply(socket, removed);
  }

  /** The acknowledgement: what this request changed, never the whole subscription. */
  private reply(socket: ArtemisSocket, changed: readonly string[]): SubscribeReply {
    return { responseStatus: SUCCESS, version: this.engine.changeLog.version, serviceIds: changed, all: socket.data.all, subscriptionCount: socket.data.serviceKeys.size };
  }

  private sweepBacklogs(): void {
    for (const socket of this.io.of('/').sockets.values()) {
      const backlog = backlogOf(socket);
      if (backlog.bytes > this.options.maxBacklogBytes || backlog.packets > this.options.maxBacklogPackets) {
        this.stats.closedSlow += 1;
        this.stats.slow.socketIo += 1;
        this.logger.warn('closing a socket.io session that does not keep up', { id: socket.id, ...backlog });
        terminate(socket);
      }
    }
  }
}

/** The session's handshake request, with a browser's `auth.token` as its bearer header. */
function handshakeWithToken(socket: ArtemisSocket): IncomingMessage {
  const request = socket.request;
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (request.headers.authorization !== undefined || typeof token !== 'string') return request;
  return Object.assign(Object.create(request) as IncomingMessage, { headers: { ...request.headers, authorization: `Bearer ${token}` } });
}

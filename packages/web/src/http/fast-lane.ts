import type { Socket } from 'node:net';
import type { JsonRoute } from './json-route.js';
import { defaultFastLaneLimits, type FastLaneLimits } from './fast-lane-limits.js';
import { LaneConnection, type LaneContext } from './lane-connection.js';
import type { ServeOptions } from './serve-route.js';

/** Connections the lane kept to the end, and those it handed to node:http. */
export interface FastLaneStats {
  adopted: number;
  handedOver: number;
}

/**
 * The fast lane (docs/architecture.md): reads the requests of each new plain-HTTP connection
 * itself and serves the hot routes (registry, discovery) straight from the socket, answering
 * with the bytes node:http would write, without node:http's per-request parser callbacks,
 * message objects and streams. The first request that is not a plain HTTP/1.1 GET or POST of a
 * hot route (any other path, an upgrade, a chunked body, anything malformed) hands the
 * connection to node:http for good, from that request's first byte: node:http and express
 * then serve it exactly as without the lane.
 */
export class FastLane implements LaneContext {
  readonly stats: FastLaneStats = { adopted: 0, handedOver: 0 };
  readonly limits: FastLaneLimits;
  /** The `Connection` and `Keep-Alive` lines of a kept-alive answer. */
  readonly keepAliveLine: string;
  private readonly table = new Map<string, JsonRoute>();
  private readonly open = new Set<LaneConnection>();

  constructor(
    routes: readonly JsonRoute[],
    readonly options: ServeOptions,
    limits: Partial<FastLaneLimits> = {},
  ) {
    for (const route of routes) this.table.set(route.path, route);
    this.limits = { ...defaultFastLaneLimits, ...limits };
    this.keepAliveLine = `Connection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(this.limits.keepAliveTimeoutMs / 1000)}\r\n\r\n`;
  }

  /** The route the lane serves at `path`, if any. */
  routeAt(path: string): JsonRoute | undefined {
    return this.table.get(path);
  }

  /** Takes a new connection; `handOver` gives it to node:http, its unread bytes put back first. */
  adopt(socket: Socket, handOver: (socket: Socket) => void): void {
    this.stats.adopted += 1;
    const connection = new LaneConnection(socket, this, handOver);
    this.open.add(connection);
  }

  /** Connections the lane holds now. */
  get connections(): number {
    return this.open.size;
  }

  /** Called by a connection that closed or was handed over. */
  released(connection: LaneConnection, handedOver: boolean): void {
    if (this.open.delete(connection) && handedOver) this.stats.handedOver += 1;
  }

  /** Connections with a request partly received or not yet answered. */
  get requestsInFlight(): number {
    let count = 0;
    for (const connection of this.open) if (!connection.idle) count += 1;
    return count;
  }

  /** Closes the connections with no request in flight (the server is closing). */
  closeIdle(): void {
    for (const connection of this.open) connection.closeIfIdle();
  }

  /** Cuts every connection (the server's grace period is over). */
  closeAll(): void {
    for (const connection of this.open) connection.destroy();
  }
}

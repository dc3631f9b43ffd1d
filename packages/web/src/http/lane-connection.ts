import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import type { RequestHead } from './answer-sink.js';
import type { FastLaneLimits } from './fast-lane-limits.js';
import type { JsonRoute } from './json-route.js';
import { LaneAnswer, type AnswerDone } from './lane-answer.js';
import { serveReadRoute, type ServeOptions } from './serve-route.js';
import { INCOMPLETE, NOT_SIMPLE, readWireRequest } from './wire-request.js';

const EMPTY = Buffer.alloc(0);
/** Shared by requests without a query string; routes only read it. */
const EMPTY_QUERY = new URLSearchParams();

/** A request the lane parsed, as the routes and observers see it. */
class LaneRequest implements RequestHead {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: IncomingHttpHeaders,
    readonly socket: Socket,
  ) {}
}

const ignore = (): void => undefined;

/** What a connection needs of the lane that adopted it. */
export interface LaneContext {
  readonly options: ServeOptions;
  readonly limits: FastLaneLimits;
  /** The `Connection` and `Keep-Alive` lines of a kept-alive answer. */
  readonly keepAliveLine: string;
  routeAt(path: string): JsonRoute | undefined;
  /** Told once, when the connection closed or was handed over. */
  released(connection: LaneConnection, handedOver: boolean): void;
}

/**
 * One connection on the fast lane: reads requests from its bytes in order, serves each hot one
 * (pipelined requests too, their answers corked into one write), and hands the connection to
 * node:http at the first request it does not serve. Bounded like node:http: head size, head and
 * request timeouts, idle keep-alive timeout, and it stops reading while its client leaves more
 * answers untaken than the socket's high-water mark.
 */
export class LaneConnection implements AnswerDone {
  /** Bytes received and not yet served: the start of the next request(s). */
  private pending: Buffer | null = null;
  /** When the request now partly in `pending` began to arrive, or 0. */
  private partialSince = 0;
  /** A request is being answered (its handler may await); later ones wait in `pending`. */
  private busy = false;
  private pumping = false;
  private waitingForDrain = false;
  /** The client ended its side: answer what is complete, then close. */
  private ended = false;
  private closing = false;
  private released = false;

  constructor(
    private readonly socket: Socket,
    private readonly lane: LaneContext,
    private readonly handOver: (socket: Socket) => void,
  ) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('timeout', this.onTimeout);
    socket.on('error', ignore);
    socket.once('close', this.onClose);
    socket.setTimeout(lane.limits.keepAliveTimeoutMs);
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.closing) return;
    this.pending = this.pending === null ? chunk : Buffer.concat([this.pending, chunk]);
    this.pump();
  };

  private readonly onEnd = (): void => {
    this.ended = true;
    this.pump();
  };

  private readonly onTimeout = (): void => {
    if (this.busy) {
      // An answer that awaits (a token look-up) is the handler's to bound; keep watching.
      this.socket.setTimeout(this.lane.limits.keepAliveTimeoutMs);
      return;
    }
    if (this.pending === null || this.overdue()) {
      this.destroy();
      return;
    }
    this.socket.setTimeout(this.lane.limits.keepAliveTimeoutMs);
  };

  private readonly onClose = (): void => {
    this.release(false);
  };

  private readonly onDrain = (): void => {
    this.waitingForDrain = false;
    this.socket.resume();
    this.pump();
  };

  /** Serves every complete request in `pending`, in order, until one awaits or the client must catch up. */
  private pump(): void {
    if (this.pumping || this.released) return;
    this.pumping = true;
    let handOver = false;
    const socket = this.socket;
    socket.cork();
    try {
      while (!this.busy && !this.closing && this.pending !== null) {
        // Node's own signal: the answers not yet taken passed the socket's high-water mark.
        if (socket.writableNeedDrain) {
          this.waitForDrain();
          break;
        }
        const bytes = this.pending;
        const read = readWireRequest(bytes, this.lane.limits.maxHeadBytes);
        if (read === INCOMPLETE) break;
        if (read === NOT_SIMPLE) {
          handOver = true;
          break;
        }
        const mark = read.target.indexOf('?');
        const route = this.lane.routeAt(mark < 0 ? read.target : read.target.slice(0, mark));
        // Other paths, and bodies over the limit (node:http refuses them without reading them), go to node:http.
        if (route === undefined || read.bodyLength > this.lane.options.bodyLimitBytes) {
          handOver = true;
          break;
        }
        const total = read.headLength + read.bodyLength;
        if (bytes.length < total) break;
        const body = read.bodyLength === 0 ? EMPTY : bytes.subarray(read.headLength, total);
        this.pending = total === bytes.length ? null : bytes.subarray(total);
        this.partialSince = 0;
        this.busy = true;
        const request = new LaneRequest(read.method, read.target, read.headers, socket);
        const answer = new LaneAnswer(socket, !read.close && !this.ended, this.lane.keepAliveLine, this);
        serveReadRoute(request, answer, route, mark < 0 ? EMPTY_QUERY : new URLSearchParams(read.target.slice(mark + 1)), this.lane.options, body);
      }
    } finally {
      socket.uncork();
      this.pumping = false;
    }
    if (handOver) {
      this.giveToNode();
      return;
    }
    if (this.busy || this.closing) return;
    if (this.pending !== null) {
      if (this.partialSince === 0) this.partialSince = Date.now();
      else if (this.overdue()) this.destroy();
      else if (this.ended) this.destroy();
      return;
    }
    if (this.ended) this.close();
  }

  /** Whether the request arriving now has taken longer than node:http would allow. */
  private overdue(): boolean {
    if (this.partialSince === 0 || this.pending === null) return false;
    const elapsed = Date.now() - this.partialSince;
    const limits = this.lane.limits;
    return elapsed > (readWireRequest(this.pending, limits.maxHeadBytes) === INCOMPLETE ? limits.headersTimeoutMs : limits.requestTimeoutMs);
  }

  /** An answer was written whole. */
  answered(keepAlive: boolean): void {
    this.busy = false;
    if (!keepAlive) {
      this.close();
      return;
    }
    if (!this.pumping) this.pump();
  }

  private waitForDrain(): void {
    if (this.waitingForDrain) return;
    this.waitingForDrain = true;
    this.socket.pause();
    this.socket.once('drain', this.onDrain);
  }

  /** Node:http reads the connection from here on, starting at the first byte not served. */
  private giveToNode(): void {
    const socket = this.socket;
    if (this.ended) {
      // Bytes cannot be put back once the stream ended; a client that sent its last request
      // and closed gets no answer to a request the lane does not serve.
      this.destroy();
      return;
    }
    this.release(true);
    socket.off('data', this.onData);
    socket.off('end', this.onEnd);
    socket.off('timeout', this.onTimeout);
    socket.off('error', ignore);
    socket.off('close', this.onClose);
    socket.off('drain', this.onDrain);
    socket.setTimeout(0);
    socket.pause();
    if (this.pending !== null) socket.unshift(this.pending);
    this.pending = null;
    this.handOver(socket);
    // node:http reads the socket's own handle directly: the bytes put back flow to it first.
    socket.resume();
  }

  /** No request is in flight or partly received, and every answer was sent. */
  get idle(): boolean {
    return !this.busy && this.pending === null && this.socket.writableLength === 0;
  }

  /** Closes the connection if it is {@link idle}. */
  closeIfIdle(): void {
    if (this.idle) this.destroy();
  }

  /** Ends the connection once what is written is sent. */
  private close(): void {
    this.closing = true;
    this.pending = null;
    this.socket.end();
  }

  destroy(): void {
    this.closing = true;
    this.pending = null;
    this.socket.destroy();
  }

  private release(handedOver: boolean): void {
    if (this.released) return;
    this.released = true;
    this.lane.released(this, handedOver);
  }
}

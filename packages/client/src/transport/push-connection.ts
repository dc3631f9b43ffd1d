import type { ChangePush, ClientToServerEvents, ServerToClientEvents } from '@artemis/core';
import { io, type Socket } from 'socket.io-client';
import { Backoff, TokenBucket, type BackoffOptions } from '../internal/backoff.js';
import { TypedEmitter } from '../internal/typed-emitter.js';
import type { AddressBook } from './address-book.js';

/** Events of a {@link PushConnection}. */
export interface PushConnectionEvents {
  [event: string]: unknown;
  /** Connected to `url`; `previousUrl` is the node of the last connection (null on the first). */
  connected: { url: string; previousUrl: string | null };
  /** The connection to `url` was lost or refused. */
  disconnected: { url: string; reason: string };
  /** A change pushed by the node. */
  change: ChangePush;
}

/** Settings of a {@link PushConnection}. */
export interface PushConnectionOptions {
  /** Liveness probe period, ms. */
  readonly pingIntervalMs: number;
  /** An unanswered probe after this long means the connection is dead, ms. */
  readonly pingTimeoutMs: number;
  /** Time allowed to connect, ms. */
  readonly connectTimeoutMs: number;
  /** Delay growth when every node fails. */
  readonly backoff: BackoffOptions;
  /** Reconnect rate limit: burst, then one per refill interval. */
  readonly reconnectBurst: number;
  readonly reconnectRefillMs: number;
  readonly headers?: Readonly<Record<string, string>>;
}

type ArtemisSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The socket.io connection to one node of an {@link AddressBook}, kept up across failures: on
 * a refused or lost connection the node is marked failed and the next one is tried at once;
 * once every node failed, attempts back off (jittered, capped); reconnects are rate-limited.
 * A half-open socket (no FIN, no answers) is found by an acknowledged probe every
 * `pingIntervalMs`: no ack within `pingTimeoutMs` drops it.
 */
export class PushConnection extends TypedEmitter<PushConnectionEvents> {
  private socket: ArtemisSocket | null = null;
  private socketUrl: string | null = null;
  private lastConnectedUrl: string | null = null;
  private connectedNow = false;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;
  private readonly bucket: TokenBucket;

  constructor(
    private readonly book: AddressBook,
    private readonly options: PushConnectionOptions,
    onListenerError: (event: string, error: unknown) => void,
  ) {
    super(onListenerError);
    this.backoff = new Backoff(options.backoff);
    this.bucket = new TokenBucket(options.reconnectBurst, options.reconnectRefillMs);
  }

  /** True while a connection is up. */
  get connected(): boolean {
    return this.connectedNow;
  }

  /** The node of the live connection, or null. */
  get url(): string | null {
    return this.connectedNow ? this.socketUrl : null;
  }

  /** Starts connecting (idempotent). */
  start(): void {
    if (this.closed || this.socket !== null || this.reconnectTimer !== null) return;
    this.connect();
  }

  /**
   * Sends an event and waits for its acknowledgement. Rejects when not connected or when no
   * acknowledgement comes within `timeoutMs`.
   */
  request<E extends 'subscribe' | 'unsubscribe' | 'heartbeat'>(event: E, payload: Parameters<ClientToServerEvents[E]>[0], timeoutMs: number): Promise<unknown> {
    const socket = this.socket;
    if (socket === null || !this.connectedNow) return Promise.reject(new Error('push connection is not up'));
    return new Promise((resolve, reject) => {
      const timed = socket.timeout(timeoutMs);
      const emit = timed.emit as unknown as (event: string, payload: unknown, ack: (error: Error | null, reply: unknown) => void) => void;
      emit.call(timed, event, payload, (error, reply) => (error === null || error === undefined ? resolve(reply) : reject(error)));
    });
  }

  /** Drops the current connection (it is considered failed) and reconnects elsewhere. */
  drop(reason: string): void {
    if (this.socket === null || this.closed) return;
    this.teardown(reason, true);
    this.scheduleReconnect();
  }

  /** Closes the connection and stops reconnecting; clears every timer. */
  close(): void {
    this.closed = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    if (this.socket !== null) this.teardown('closed', false);
    this.removeAll();
  }

  private connect(): void {
    this.reconnectTimer = null;
    if (this.closed) return;
    const url = this.book.current();
    const startedAt = performance.now();
    this.socketUrl = url;
    const socket: ArtemisSocket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: this.options.connectTimeoutMs,
      ...(this.options.headers === undefined ? {} : { extraHeaders: { ...this.options.headers } }),
    });
    this.socket = socket;
    socket.on('connect', () => {
      if (this.socket !== socket) return;
      this.connectedNow = true;
      this.backoff.reset();
      this.book.markOk(url, startedAt);
      const previousUrl = this.lastConnectedUrl;
      this.lastConnectedUrl = url;
      this.startProbe(socket);
      this.emit('connected', { url, previousUrl });
    });
    socket.on('connect_error', (error: Error) => {
      if (this.socket !== socket) return;
      this.teardown(`connect failed: ${error.message}`, true);
      this.scheduleReconnect();
    });
    socket.on('disconnect', (reason: string) => {
      if (this.socket !== socket) return;
      this.teardown(reason, true);
      this.scheduleReconnect();
    });
    socket.on('instance-change', (push: ChangePush) => {
      if (this.socket === socket) this.emit('change', push);
    });
  }

  private startProbe(socket: ArtemisSocket): void {
    const probe = (): void => {
      this.probeTimer = null;
      if (this.socket !== socket || !this.connectedNow) return;
      const started = performance.now();
      this.request('unsubscribe', { serviceIds: [], all: false }, this.options.pingTimeoutMs).then(
        () => {
          if (this.socket !== socket) return;
          const wait = Math.max(0, this.options.pingIntervalMs - (performance.now() - started));
          this.probeTimer = setTimeout(probe, wait);
        },
        () => {
          if (this.socket === socket) this.drop(`no answer to a probe within ${this.options.pingTimeoutMs} ms`);
        },
      );
    };
    this.probeTimer = setTimeout(probe, this.options.pingIntervalMs);
  }

  private teardown(reason: string, failed: boolean): void {
    const socket = this.socket;
    const url = this.socketUrl;
    const wasConnected = this.connectedNow;
    this.socket = null;
    this.connectedNow = false;
    if (this.probeTimer !== null) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    if (socket !== null) {
      socket.removeAllListeners();
      socket.disconnect();
      // A half-open peer would hold the close handshake; cut the transport now.
      const engine = socket.io.engine as unknown as { close?: () => void } | undefined;
      engine?.close?.();
    }
    if (failed && url !== null) this.book.markFailed(url);
    if (url !== null && (wasConnected || failed)) this.emit('disconnected', { url, reason });
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer !== null) return;
    // Another healthy node: go at once. Every node failing: back off.
    const delay = Math.max(this.book.allFailed() ? this.backoff.next() : 0, this.bucket.take());
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }
}

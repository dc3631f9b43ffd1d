import type { WebSocket } from 'ws';
import type { PushChannelName, PushStats } from './push-stats.js';

/**
 * One Java WebSocket session: sends bounded by the session's backlog (a session that cannot
 * keep up is cut, not buffered without end) and closed at the end of its lifetime.
 */
export class WsSession {
  private static nextId = 1;
  /** Unique on this node; names the session in rate limits and logs. */
  readonly id = WsSession.nextId++;
  private readonly expiry: NodeJS.Timeout;
  private open = true;

  constructor(
    readonly socket: WebSocket,
    readonly channel: PushChannelName,
    readonly remoteIp: string,
    private readonly stats: PushStats,
    private readonly maxBacklogBytes: number,
    lifetimeMs: number,
  ) {
    stats.sessions[channel] += 1;
    this.expiry = setTimeout(() => {
      stats.closedExpired += 1;
      socket.close(1001, 'session expired; reconnect');
    }, lifetimeMs);
    this.expiry.unref();
    socket.once('close', () => this.closed());
  }

  /** True while the session can receive. */
  get isOpen(): boolean {
    return this.open;
  }

  /** Sends a text frame; a session over its backlog bound is terminated instead. */
  send(payload: Buffer | string): void {
    if (!this.open) return;
    if (this.socket.bufferedAmount > this.maxBacklogBytes) {
      this.stats.closedSlow += 1;
      this.stats.slow[this.channel] += 1;
      this.socket.terminate();
      this.closed();
      return;
    }
    this.socket.send(payload, { binary: false });
    this.stats.pushes += 1;
    this.stats.delivered[this.channel] += 1;
  }

  private closed(): void {
    if (!this.open) return;
    this.open = false;
    clearTimeout(this.expiry);
    this.stats.sessions[this.channel] -= 1;
  }
}

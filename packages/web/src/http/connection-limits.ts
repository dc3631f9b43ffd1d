import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '@artemis/server';
import { rawErrorAnswer } from './raw-answer.js';
import { frontConnections } from './front-connections.js';

/** How many TCP connections a node holds open (docs/security.md, "Slow clients"). */
export interface ConnectionLimitOptions {
  /** Open connections of every client together; past it a new one is refused (503). */
  readonly maxConnections: number;
  /**
   * Open connections from one remote address (IPv6: one /64); past it a new one from there is
   * refused (429). Push sessions are connections too: keep it above `push.maxSessionsPerAddress`.
   */
  readonly maxConnectionsPerAddress: number;
}

/**
 * 20,000 in all, 5,000 per address: room for the 4,000 push sessions an address may hold
 * (`push.maxSessionsPerAddress`) and its clients' keep-alive pools, while a single address
 * holds at most a quarter of the node.
 */
export const defaultConnectionLimits: ConnectionLimitOptions = { maxConnections: 20_000, maxConnectionsPerAddress: 5_000 };

/** File descriptors kept free for everything else (database pool, logs, peers, the console's files). */
const FD_RESERVE = 256;
/** A refused connection gets this long to read its answer before it is cut. */
const REFUSE_GRACE_MS = 1_000;
/** Refused connections still being closed; past it new ones are cut without an answer. */
const MAX_CLOSING = 1_000;
/** At most one warning per this long, so a flood does not flood the log too. */
const WARN_EVERY_MS = 10_000;

/** The soft limit of open files of this process (Linux `/proc/self/limits`), or null when unknown. */
export function openFileLimit(read: () => string = () => readFileSync('/proc/self/limits', 'utf8')): number | null {
  try {
    const line = read()
      .split('\n')
      .find((text) => text.startsWith('Max open files'));
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
    if (soft === undefined || soft === 'unlimited') return null;
    const limit = Number(soft);
    return Number.isSafeInteger(limit) && limit > 0 ? limit : null;
  } catch {
    return null;
  }
}

/**
 * What connections from `address` are counted under: the IPv4 address (also when IPv4-mapped),
 * or the /64 of an IPv6 address, since one IPv6 host commonly holds a whole /64.
 */
export function addressKey(address: string): string {
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice(7);
  if (!address.includes(':')) return address;
  const bare = address.split('%', 1)[0]!.toLowerCase();
  const [head = '', tail] = bare.split('::', 2);
  const first = head === '' ? [] : head.split(':');
  const groups = tail === undefined ? first : [...first, ...Array<string>(Math.max(0, 8 - first.length - (tail === '' ? 0 : tail.split(':').length))).fill('0'), ...(tail === '' ? [] : tail.split(':'))];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Bounds the number of open connections, in all and per remote address, before node:http or
 * TLS sees them: header and body timeouts cut each slow client (slowloris, never-ending chunked
 * bodies) after a while, and this bounds how many of them one address can hold meanwhile. A
 * connection over a bound gets a protocol-shaped 429 / 503 on plain HTTP (nothing it sent is
 * read), or is closed at once under TLS (no handshake spent on it); either way the node keeps
 * serving everyone else.
 */
export class ConnectionLimiter {
  /** Open connections admitted. */
  open = 0;
  /** Connections refused since start because their address had its maximum open. */
  refusedPerAddress = 0;
  /** Connections refused since start because the node had its maximum open. */
  refusedAtCapacity = 0;
  readonly limits: ConnectionLimitOptions;
  private readonly perAddress = new Map<string, number>();
  private closing = 0;
  private lastWarning = 0;

  constructor(
    limits: ConnectionLimitOptions,
    private readonly logger: Logger,
    private readonly tls: boolean,
  ) {
    this.limits = limits;
  }

  /**
   * Puts the limiter in front of the server's own connection handling (node:http's parser, or
   * the TLS handshake): a refused connection never reaches them, so no request of it is served.
   * Call right after creating the server, before anything else listens for `connection`.
   */
  attach(server: Server): void {
    frontConnections(server, (socket, rest) => {
      if (this.admit(socket)) rest(socket);
    });
  }

  /** Connections refused since start, for either reason. */
  get refused(): number {
    return this.refusedPerAddress + this.refusedAtCapacity;
  }

  /** Open connections of one address (its {@link addressKey}). */
  openFrom(address: string): number {
    return this.perAddress.get(addressKey(address)) ?? 0;
  }

  private admit(socket: Socket): boolean {
    const key = addressKey(socket.remoteAddress ?? '');
    const fromAddress = this.perAddress.get(key) ?? 0;
    if (this.open >= this.limits.maxConnections) {
      this.refusedAtCapacity += 1;
      this.refuse(socket, key, '503 Service Unavailable', 'service-unavailable', `the node has its maximum of ${this.limits.maxConnections} connections open (http.maxConnections)`);
      return false;
    }
    if (fromAddress >= this.limits.maxConnectionsPerAddress) {
      this.refusedPerAddress += 1;
      this.refuse(socket, key, '429 Too Many Requests', 'rate-limited', `${key} has its maximum of ${this.limits.maxConnectionsPerAddress} connections open (http.maxConnectionsPerAddress)`);
      return false;
    }
    this.open += 1;
    this.perAddress.set(key, fromAddress + 1);
    socket.once('close', () => {
      this.open -= 1;
      const left = (this.perAddress.get(key) ?? 1) - 1;
      if (left <= 0) this.perAddress.delete(key);
      else this.perAddress.set(key, left);
    });
    return true;
  }

  private refuse(socket: Socket, key: string, status: string, errorCode: string, message: string): void {
    this.warn(key, message);
    // A reset while refusing concerns nobody; without a listener it would be thrown.
    socket.on('error', () => undefined);
    if (this.tls || this.closing >= MAX_CLOSING) {
      socket.destroy();
      return;
    }
    this.closing += 1;
    const timer = setTimeout(() => socket.destroy(), REFUSE_GRACE_MS);
    timer.unref();
    socket.once('close', () => {
      this.closing -= 1;
      clearTimeout(timer);
    });
    socket.once('end', () => socket.destroy());
    // Drain what the client sends (never parsed), so it reads the answer instead of a reset.
    socket.resume();
    socket.end(rawErrorAnswer(status, errorCode, message, 'Retry-After: 1\r\n'));
  }

  private warn(key: string, message: string): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.logger.warn('connection refused', { event: 'connection-refused', address: key, reason: message, refused: this.refused, open: this.open });
  }
}

/**
 * The limits to apply: `maxConnections` is lowered to fit the process's open-file limit (less a
 * reserve), so the node refuses connections cleanly instead of running out of descriptors.
 */
export function effectiveConnectionLimits(limits: ConnectionLimitOptions, fileLimit: number | null = openFileLimit()): ConnectionLimitOptions {
  if (fileLimit === null) return limits;
  const fitting = Math.max(64, fileLimit - FD_RESERVE);
  if (limits.maxConnections <= fitting) return limits;
  return { maxConnections: fitting, maxConnectionsPerAddress: Math.min(limits.maxConnectionsPerAddress, fitting) };
}

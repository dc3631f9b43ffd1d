import type { Socket as NetSocket } from 'node:net';
import { WebSocket } from 'ws';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, DiscoveryConfig, ServerToClientEvents, SubscribeRequest } from '@artemis/core';

/** A Java-style WebSocket client that queues what it receives. */
export interface TestWs extends AsyncDisposable {
  readonly ws: WebSocket;
  /** The next message, parsed; rejects after `timeoutMs`. */
  next<T = Record<string, unknown>>(timeoutMs?: number): Promise<T>;
  /** Messages received and not yet taken. */
  readonly pending: unknown[];
  /** Resolves with the close code. */
  readonly closed: Promise<number>;
  send(value: unknown): void;
  /** Stops reading from the socket, as a stalled client would. */
  stall(): void;
}

/** Opens a WebSocket to `path` of a node. */
export function openWs(baseUrl: string, path: string): Promise<TestWs> {
  const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + path);
  const pending: unknown[] = [];
  const waiters: ((value: unknown) => void)[] = [];
  ws.on('message', (data) => {
    const value = JSON.parse(data.toString()) as unknown;
    const waiter = waiters.shift();
    if (waiter !== undefined) waiter(value);
    else pending.push(value);
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        ws,
        pending,
        closed,
        next<T>(timeoutMs = 2_000): Promise<T> {
          if (pending.length > 0) return Promise.resolve(pending.shift() as T);
          return new Promise<T>((done, fail) => {
            const timer = setTimeout(() => fail(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
            waiters.push((value) => {
              clearTimeout(timer);
              done(value as T);
            });
          });
        },
        send: (value) => ws.send(typeof value === 'string' ? value : JSON.stringify(value)),
        stall: () => (ws as unknown as { _socket: NetSocket })._socket.pause(),
        async [Symbol.asyncDispose]() {
          ws.terminate();
          await closed;
        },
      }),
    );
  });
}

/** A typed socket.io client. */
export type TestIo = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A subscription as a client may send it, with fields left out (discovery configs too). */
export type PartialSubscription = Omit<Partial<SubscribeRequest>, 'discoveryConfigs'> & { readonly discoveryConfigs?: readonly Partial<DiscoveryConfig>[] };

/**
 * A partial `subscribe` payload, typed as the event expects. The cast is the point: the server
 * reads absent fields as null (or false) and these tests send only the fields they mean, as
 * real clients do, so filling the rest in would stop testing that.
 */
export function subscription(fields: PartialSubscription): SubscribeRequest {
  return fields as SubscribeRequest;
}

/** Connects a socket.io client over WebSocket, without automatic reconnection. */
export function openIo(baseUrl: string): Promise<TestIo & AsyncDisposable> {
  const socket: TestIo = io(baseUrl, { transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', reject);
    socket.once('connect', () =>
      resolve(
        Object.assign(socket, {
          async [Symbol.asyncDispose]() {
            socket.disconnect();
          },
        }),
      ),
    );
  });
}

/** Stops reading a socket.io client's socket, as a stalled client would. */
export function stallIo(socket: TestIo): void {
  const transport = socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } };
  transport.ws._socket.pause();
}

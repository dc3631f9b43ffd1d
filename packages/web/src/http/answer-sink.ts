import type { IncomingHttpHeaders } from 'node:http';

/**
 * What the protocol routes read of a request: its method, headers and peer address. A
 * `node:http` request is one; so is a request the fast lane parsed itself (docs/architecture.md,
 * "The fast lane").
 */
export interface RequestHead {
  readonly method?: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly socket: { readonly remoteAddress?: string | undefined };
}

/** Events a body written in slices waits for. */
export type SinkEvent = 'drain' | 'close' | 'error';

/**
 * Where an answer is written: a `node:http` response, or the fast lane's answer that writes
 * straight to its socket. Headers go as one flat `[name, value, ...]` list.
 */
export interface AnswerSink {
  readonly headersSent: boolean;
  /** False closes the connection once this answer is written. */
  shouldKeepAlive: boolean;
  readonly destroyed: boolean;
  writeHead(status: number, headers: string[]): unknown;
  /** False when the buffer is full: wait for `drain`. */
  write(chunk: Buffer): boolean;
  end(chunk?: Buffer): unknown;
  cork(): void;
  uncork(): void;
  destroy(): unknown;
  once(event: SinkEvent, listener: () => void): unknown;
  off(event: SinkEvent, listener: () => void): unknown;
}

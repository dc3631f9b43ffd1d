import { context, propagation } from '@opentelemetry/api';
import { ErrorCode, type ResponseStatus } from '@artemis/core';
import { signRequest, SignatureHeaders } from './replication-signature.js';

/** A failed replication call; `permanent` when retrying the same request cannot help. */
export class ReplicationCallError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** The peer did not answer in time: it may be alive, only slow. */
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'ReplicationCallError';
  }
}

/** How a node talks to its peers: real HTTP, or an in-memory wire in simulations. */
export interface ReplicationTransport {
  /** POSTs `body` to `path` on `peerUrl`; resolves with the parsed answer, throws {@link ReplicationCallError}. */
  call(peerUrl: string, path: string, body: object, timeoutMs: number): Promise<unknown>;
  /** Requests and bytes sent to one peer so far, when the transport counts them. */
  sentTo?(peerUrl: string): { readonly requests: number; readonly bytes: number };
}

/** Error codes after which a replication request is not retried as it is. */
const PERMANENT_CODES: ReadonlySet<string> = new Set([ErrorCode.badRequest, ErrorCode.noPermission]);

/** Throws when an answer's responseStatus failed. */
export function checkAnswer(answer: unknown, path: string): void {
  const status = (answer as { responseStatus?: ResponseStatus } | null)?.responseStatus;
  if (status === undefined || status === null) throw new ReplicationCallError(`${path}: answer has no responseStatus`, false);
  if (status.status === 'fail') throw new ReplicationCallError(`${path}: ${status.errorCode}: ${status.message}`, PERMANENT_CODES.has(status.errorCode ?? ''));
}

/** Replication over HTTP, every request signed with the cluster secret. */
export class HttpReplicationTransport implements ReplicationTransport {
  /** Bytes and requests sent, for the benchmark and status. */
  readonly sent = { requests: 0, bytes: 0 };
  private readonly perPeer = new Map<string, { requests: number; bytes: number }>();

  constructor(
    private readonly selfUrl: () => string,
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  sentTo(peerUrl: string): { readonly requests: number; readonly bytes: number } {
    return this.perPeer.get(peerUrl) ?? { requests: 0, bytes: 0 };
  }

  async call(peerUrl: string, path: string, body: object, timeoutMs: number): Promise<unknown> {
    const text = JSON.stringify(body);
    const timestamp = this.now();
    const bytes = Buffer.byteLength(text);
    this.sent.requests += 1;
    this.sent.bytes += bytes;
    let peer = this.perPeer.get(peerUrl);
    if (peer === undefined) this.perPeer.set(peerUrl, (peer = { requests: 0, bytes: 0 }));
    peer.requests += 1;
    peer.bytes += bytes;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [SignatureHeaders.node]: this.selfUrl(),
      [SignatureHeaders.timestamp]: String(timestamp),
      [SignatureHeaders.signature]: signRequest(this.secret, 'POST', path, timestamp, text),
    };
    // The peer's span of this request continues the batch's or round's trace; a no-op without tracing.
    propagation.inject(context.active(), headers);
    let response: Response;
    try {
      response = await fetch(`${peerUrl}${path}`, {
        method: 'POST',
        body: text,
        headers,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new ReplicationCallError(`${peerUrl}${path}: ${(error as Error).message}`, false, (error as Error).name === 'TimeoutError');
    }
    let answer: unknown;
    try {
      answer = await response.json();
    } catch (error) {
      throw new ReplicationCallError(`${peerUrl}${path}: HTTP ${response.status}, unreadable answer: ${(error as Error).message}`, response.status === 404);
    }
    if (response.status >= 400 && response.status !== 401 && response.status !== 403) {
      throw new ReplicationCallError(`${peerUrl}${path}: HTTP ${response.status}`, response.status < 500 && response.status !== 429);
    }
    checkAnswer(answer, path);
    return answer;
  }
}

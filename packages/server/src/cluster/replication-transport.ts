import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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
  /** Releases what the transport holds (idle connections); called when replication stops. */
  close?(): void;
}

/** Error codes after which a replication request is not retried as it is. */
const PERMANENT_CODES: ReadonlySet<string> = new Set([ErrorCode.badRequest, ErrorCode.noPermission]);

/** Throws when an answer's responseStatus failed. */
export function checkAnswer(answer: unknown, path: string): void {
  const status = (answer as { responseStatus?: ResponseStatus } | null)?.responseStatus;
  if (status === undefined || status === null) throw new ReplicationCallError(`${path}: answer has no responseStatus`, false);
  if (status.status === 'fail') throw new ReplicationCallError(`${path}: ${status.errorCode}: ${status.message}`, PERMANENT_CODES.has(status.errorCode ?? ''));
}

/** What one POST to a peer came back with. */
interface RawAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * Replication over HTTP, every request signed with the cluster secret. It uses `node:http`
 * with keep-alive agents rather than `fetch`: a replication request is small and frequent (an
 * idle link sends each change at once), and `fetch` costs several times the CPU per request
 * on both ends, which on a busy node becomes propagation delay.
 */
export class HttpReplicationTransport implements ReplicationTransport {
  /** Bytes and requests sent, for the benchmark and status. */
  readonly sent = { requests: 0, bytes: 0 };
  private readonly perPeer = new Map<string, { requests: number; bytes: number }>();
  // A socket idle past 4 s is dropped before the peer's own 5 s keep-alive timeout can close
  // it under a request being sent.
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 8, timeout: 4_000 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 8, timeout: 4_000 });

  constructor(
    private readonly selfUrl: () => string,
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  sentTo(peerUrl: string): { readonly requests: number; readonly bytes: number } {
    return this.perPeer.get(peerUrl) ?? { requests: 0, bytes: 0 };
  }

  /** Closes the idle connections to the peers. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
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
      'content-length': String(bytes),
      [SignatureHeaders.node]: this.selfUrl(),
      [SignatureHeaders.timestamp]: String(timestamp),
      [SignatureHeaders.signature]: signRequest(this.secret, 'POST', path, timestamp, text),
    };
    // The peer's span of this request continues the batch's or round's trace; a no-op without tracing.
    propagation.inject(context.active(), headers);
    let raw: RawAnswer;
    try {
      raw = await this.post(new URL(`${peerUrl}${path}`), text, headers, timeoutMs);
    } catch (error) {
      throw new ReplicationCallError(`${peerUrl}${path}: ${(error as Error).message}`, false, (error as Error).name === 'TimeoutError');
    }
    let answer: unknown;
    try {
      answer = JSON.parse(raw.body);
    } catch (error) {
      throw new ReplicationCallError(`${peerUrl}${path}: HTTP ${raw.status}, unreadable answer: ${(error as Error).message}`, raw.status === 404);
    }
    if (raw.status >= 400 && raw.status !== 401 && raw.status !== 403) {
      throw new ReplicationCallError(`${peerUrl}${path}: HTTP ${raw.status}`, raw.status < 500 && raw.status !== 429);
    }
    checkAnswer(answer, path);
    return answer;
  }

  /** POSTs `text`; rejects on a network error, or with a `TimeoutError` when the whole exchange takes longer than `timeoutMs`. */
  private post(url: URL, text: string, headers: Record<string, string>, timeoutMs: number): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error: Error | null, answer?: RawAnswer): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error === null) resolve(answer as RawAnswer);
        else reject(error);
      };
      const secure = url.protocol === 'https:';
      const request = (secure ? httpsRequest : httpRequest)(url, { method: 'POST', agent: secure ? this.httpsAgent : this.httpAgent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => settle(null, { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', (error) => settle(error));
        response.on('aborted', () => settle(new Error('the answer was cut off')));
      });
      const timer = setTimeout(() => {
        const error = new Error(`no answer within ${timeoutMs} ms`);
        error.name = 'TimeoutError';
        settle(error);
        request.destroy(error);
      }, timeoutMs);
      request.on('error', (error) => settle(error));
      request.end(text);
    });
  }
}

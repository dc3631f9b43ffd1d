import { isRerunnableStatus, isServiceDownStatus, type ResponseStatus } from '@artemis/core';
import { MalformedResponseError, NoServerAvailableError } from '../errors.js';
import { sleep } from '../internal/backoff.js';
import { isRecord, readJsonBounded } from '../internal/read-json.js';
import { CLIENT_PACKAGE_VERSION } from '../version.js';
import type { TracerLike } from '../observability.js';
import type { AddressBook } from './address-book.js';

/** Settings of an {@link HttpTransport}. */
export interface HttpTransportOptions {
  /** Time allowed for one request to one node, ms. */
  readonly requestTimeoutMs: number;
  /** Nodes tried per request. */
  readonly maxAttempts: number;
  /** Largest answer body accepted, bytes. */
  readonly maxResponseBytes: number;
  /** Pause before retrying a `rate-limited`/`unknown` answer, ms. */
  readonly retryPauseMs?: number;
  /** Extra headers on every request (e.g. `authorization`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Aborts every request in flight (the client's close). */
  readonly signal?: AbortSignal;
  /** Each request (with its failover) becomes a span `artemis <path>`. */
  readonly tracer?: TracerLike;
  /** Called after each request to one node, for metrics and logs. */
  readonly onAttempt?: (attempt: { url: string; path: string; result: 'ok' | 'retry' | 'failed'; error?: unknown }) => void;
}

/** An answer body checked to have a `responseStatus`. */
export interface WithStatus {
  readonly responseStatus: ResponseStatus;
}

/** Checks that a decoded body carries a well-formed `responseStatus`. */
export function hasResponseStatus(body: unknown): body is WithStatus & Record<string, unknown> {
  if (!isRecord(body) || !isRecord(body['responseStatus'])) return false;
  const status = body['responseStatus'];
  return typeof status['status'] === 'string' && typeof status['errorCode'] === 'string';
}

/**
 * JSON over HTTP to Artemis nodes: POST with a timeout per attempt, a bounded answer size, and
 * failover across the nodes of an {@link AddressBook}. A network error, a timeout, a malformed
 * answer or a "service down" status marks the node failed and moves to the next; `rate-limited`
 * and `unknown` are retried; any other answer is returned to the caller as it is.
 */
export class HttpTransport {
  constructor(private readonly options: HttpTransportOptions) {}

  /**
   * POSTs `body` to `path`, trying the book's nodes in order. `check` turns the decoded answer
   * into T or throws {@link MalformedResponseError}.
   */
  async request<T extends WithStatus>(book: AddressBook, path: string, body: unknown, check: (body: WithStatus & Record<string, unknown>) => T): Promise<T> {
    const span = this.options.tracer?.startSpan(`artemis ${path}`, { attributes: { 'artemis.path': path } });
    try {
      const answer = await this.requestWithFailover(book, path, body, check);
      span?.setAttribute('artemis.node', book.current());
      span?.setAttribute('artemis.error_code', answer.responseStatus.errorCode);
      return answer;
    } catch (error) {
      span?.recordException(error instanceof Error ? error : new Error(String(error)));
      throw error;
    } finally {
      span?.end();
    }
  }

  private async requestWithFailover<T extends WithStatus>(book: AddressBook, path: string, body: unknown, check: (body: WithStatus & Record<string, unknown>) => T): Promise<T> {
    let lastError: unknown = new Error('no node to try');
    const attempts = this.options.maxAttempts;
    let rerunPause = this.options.retryPauseMs ?? 100;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (this.options.signal?.aborted === true) break;
      const order = book.ordered();
      const url = order[0] as string;
      const startedAt = performance.now();
      try {
        const answer = await this.requestNode(url, path, body, check);
        if (isRerunnableStatus(answer.responseStatus)) {
          lastError = new Error(`${answer.responseStatus.errorCode}: ${answer.responseStatus.message}`);
          this.options.onAttempt?.({ url, path, result: 'retry' });
          await sleep(rerunPause, this.options.signal);
          rerunPause *= 2;
          continue;
        }
        if (isServiceDownStatus(answer.responseStatus)) {
          lastError = new Error(`${answer.responseStatus.errorCode}: ${answer.responseStatus.message}`);
          book.markFailed(url);
          this.options.onAttempt?.({ url, path, result: 'failed', error: lastError });
          continue;
        }
        book.markOk(url, startedAt);
        this.options.onAttempt?.({ url, path, result: 'ok' });
        return answer;
      } catch (error) {
        lastError = error;
        book.markFailed(url);
        this.options.onAttempt?.({ url, path, result: 'failed', error });
      }
    }
    throw new NoServerAvailableError(path, lastError);
  }

  /** POSTs to one node, without failover. Throws on network errors, timeouts and malformed answers. */
  async requestNode<T>(url: string, path: string, body: unknown, check: (body: WithStatus & Record<string, unknown>) => T): Promise<T> {
    const timeout = AbortSignal.timeout(this.options.requestTimeoutMs);
    const signal = this.options.signal === undefined ? timeout : AbortSignal.any([timeout, this.options.signal]);
    const response = await fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': `artemis-client-node/${CLIENT_PACKAGE_VERSION}`, ...this.options.headers },
      body: JSON.stringify(body),
      signal,
    });
    const decoded = await readJsonBounded(response, this.options.maxResponseBytes);
    if (!hasResponseStatus(decoded)) throw new MalformedResponseError(`${url}${path}: the answer (HTTP ${response.status}) has no responseStatus`);
    return check(decoded);
  }
}

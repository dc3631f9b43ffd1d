import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving a request carries. */
export interface RequestLogContext {
  /** The request's `x-request-id`, as its answer header shows it. */
  readonly requestId: string;
  /** The request's trace id, when tracing is on and the request is traced. */
  readonly traceId?: string;
  /**
   * True once the request is answered. Work it armed that runs later (a replication batch's
   * timer, scheduled by a registration) inherits its async context but is not part of it.
   */
  readonly answered?: boolean;
}

/**
 * The request being served, across the awaits of its handler (database statements, token
 * look-ups). The store is the serving state the request has anyway, so entering it allocates
 * nothing more per request.
 */
const storage = new AsyncLocalStorage<RequestLogContext>();

/** The request whose handling is running now, or undefined outside any request (timers, push). */
export function currentRequest(): RequestLogContext | undefined {
  const request = storage.getStore();
  return request?.answered === true ? undefined : request;
}

/**
 * The fields a log line gets from the request being served: `requestId`, and `traceId` when
 * traced. Loggers call it when they write a line (the `artemis` app's winston format does).
 */
export function requestLogFields(): { requestId: string; traceId?: string } | undefined {
  const request = storage.getStore();
  if (request === undefined || request.answered === true) return undefined;
  return request.traceId === undefined ? { requestId: request.requestId } : { requestId: request.requestId, traceId: request.traceId };
}

/** Runs `work` as part of serving `request`: what it logs, now or after an await, names the request. */
export function runInRequest(request: RequestLogContext, work: () => void): void {
  storage.run(request, work);
}

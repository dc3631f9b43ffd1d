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
 * The request being served across the awaits of its handler (database statements, token
 * look-ups). Node 20's AsyncLocalStorage runs on async hooks, which cost every promise, tick
 * and socket write of the process while enabled: it is enabled only while a request that awaits
 * is in flight ({@link runInRequest}), and the hot paths, which answer synchronously, name
 * their request with {@link runInRequestSync} instead.
 */
const storage = new AsyncLocalStorage<RequestLogContext>();
/** Requests served with {@link runInRequest} and not answered yet. */
let awaiting = 0;
/** The request whose synchronous part runs now ({@link runInRequestSync}). */
let running: RequestLogContext | undefined;

function active(): RequestLogContext | undefined {
  const request = running ?? (awaiting > 0 ? storage.getStore() : undefined);
  return request?.answered === true ? undefined : request;
}

/** The request whose handling is running now, or undefined outside any request (timers, push). */
export function currentRequest(): RequestLogContext | undefined {
  return active();
}

/**
 * The fields a log line gets from the request being served: `requestId`, and `traceId` when
 * traced. Loggers call it when they write a line (the `artemis` app's winston format does).
 */
export function requestLogFields(): { requestId: string; traceId?: string } | undefined {
  const request = active();
  if (request === undefined) return undefined;
  return request.traceId === undefined ? { requestId: request.requestId } : { requestId: request.requestId, traceId: request.traceId };
}

/**
 * Runs `work` as part of serving `request`: what it logs, now or after an await, names the
 * request. Call {@link requestAnswered} once it is answered, so that the scope can be dropped.
 */
export function runInRequest(request: RequestLogContext, work: () => void): void {
  awaiting += 1;
  storage.run(request, work);
}

/**
 * Runs a later part of a request served with {@link runInRequest} (a listener of its body, say,
 * which node:http calls outside the request's scope) in its scope again.
 */
export function resumeInRequest(request: RequestLogContext, work: () => void): void {
  storage.run(request, work);
}

/**
 * Ends a scope opened by {@link runInRequest}: once no such request is left in flight, the
 * async hooks are turned off (work armed by an answered request no longer names it anyway).
 */
export function requestAnswered(): void {
  awaiting -= 1;
  if (awaiting === 0) storage.disable();
}

/**
 * Runs `work`, synchronously, as part of serving `request`: what it logs before it returns names
 * the request; nothing it leaves for later does. For handlers that answer without awaiting.
 */
export function runInRequestSync(request: RequestLogContext, work: () => void): void {
  const outer = running;
  running = request;
  try {
    work();
  } finally {
    running = outer;
  }
}

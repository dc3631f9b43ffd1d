import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { AnswerSink, RequestHead } from './answer-sink.js';
import { JsonBody, type Logger } from '@artemis/server';
import { readBodyThen, parseJson, type BodyReceiver } from './body-reader.js';
import { errorReply } from './error-response.js';
import { HttpError } from './http-error.js';
import type { Caller, JsonRoute, RouteContext, RouteInput, RouteResult } from './json-route.js';
import { requestAnswered, resumeInRequest, runInRequest, runInRequestSync, type RequestLogContext } from './request-context.js';
import { requestIdOf } from './request-id.js';
import { authorise, authoriseIsImmediate, stampOperator, type HttpSecurity } from './route-access.js';
import type { Exchange, RequestObserver } from './request-observer.js';
import { sendJson } from './send-json.js';

/** Limits and logging shared by every route. */
export interface ServeOptions {
  readonly bodyLimitBytes: number;
  readonly logger: Logger;
  /** Told of every answered request (metrics, access log); none by default. */
  readonly observer?: RequestObserver;
  /** Runs each handler inside a scope (a trace span); none by default, and then costs nothing. */
  readonly tracer?: RequestTracer;
  /** How callers are authenticated; without it only `open` (and `registry`) routes answer. */
  readonly security?: HttpSecurity;
}

/** The scope of one request: its handler runs inside it, and it ends when the request is answered. */
export interface RequestScope {
  /** The trace id log lines of the request carry. */
  readonly traceId: string;
  run(handler: () => void): void;
  end(status: number): void;
}

/** Opens a {@link RequestScope} per request, or null to leave a request unscoped (sampled out). */
export interface RequestTracer {
  start(exchange: Exchange): RequestScope | null;
}

/**
 * One request being served: its exchange for observers, its log context, the context its
 * handler sees and the receiver of its body, all in one object, the only one the HTTP layer
 * allocates per request besides the body.
 */
class Served implements Exchange, RequestLogContext, RouteContext, BodyReceiver {
  readonly requestId: string;
  readonly startedAt: number;
  scope: RequestScope | null = null;
  caller: Caller | null = null;
  /** Set once a trace scope is open, for the request's log lines. */
  traceId?: string;
  answered = false;

  constructor(
    readonly route: JsonRoute,
    readonly request: RequestHead,
    readonly response: AnswerSink,
    /** Where the body comes from: node:http's request, or the bytes the fast lane read. */
    readonly body: IncomingMessage | Buffer,
    readonly options: ServeOptions,
    /** Whether the request is scoped across awaits ({@link runInRequest}) or only while it runs synchronously. */
    readonly awaits: boolean,
  ) {
    this.requestId = requestIdOf(request);
    this.startedAt = performance.now();
  }

  /** The peer address of the connection, read only by the handlers that want it. */
  get remoteAddress(): string {
    return this.request.socket.remoteAddress ?? '';
  }

  bodyRead(body: Buffer): void {
    this.within(() => {
      try {
        // A route that reads its own bytes (heartbeats) skips JSON.parse when it understands them.
        const read = this.route.readBytes?.(body);
        run(this, read === undefined ? { method: 'POST', body: parseJson(body) } : { method: 'POST', body: read, read: true });
      } catch (error) {
        fail(this, error);
      }
    });
  }

  bodyFailed(error: Error): void {
    this.within(() => fail(this, error));
  }

  /** Runs a continuation of the request (after its body or its caller's token) in its log scope. */
  within(work: () => void): void {
    // Body listeners run outside any scope: the request's is entered again.
    if (this.awaits) resumeInRequest(this, work);
    else runInRequestSync(this, work);
  }
}

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'application/json') return true;
  const type = (value.split(';')[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json') || type === '*/*';
}

function isPromise(value: RouteResult | Promise<RouteResult>): value is Promise<RouteResult> {
  return typeof (value as Promise<RouteResult>).then === 'function';
}

function reply(served: Served, status: number, body: RouteResult, result: RouteResult | undefined, extra?: OutgoingHttpHeaders): void {
  if (served.answered) return;
  if (!served.response.headersSent) sendJson(served.request, served.response, status, body, extra, served.requestId);
  served.options.observer?.answered(served, status, result);
  if (served.scope !== null) served.scope.end(status);
  served.answered = true;
  if (served.awaits) requestAnswered();
}

function fail(served: Served, error: unknown): void {
  const reply_ = errorReply(error, served.options.logger, served.route.operation, served.requestId);
  // A refused body may still be arriving: close the connection after answering instead of
  // reading the rest of it.
  const extra = error instanceof HttpError && error.httpStatus === 413 ? { Connection: 'close', ...reply_.headers } : reply_.headers;
  // Observers see a protocol error's answer (HTTP 200, failing responseStatus) as a result, a refusal as none.
  const result = reply_.status === 200 ? (JSON.parse(reply_.body) as object) : undefined;
  reply(served, reply_.status, new JsonBody(reply_.body), result, extra);
}

function answer(served: Served, input: RouteInput): void {
  const caller = served.caller;
  // Management writes record who the token says, not who the body says.
  if (caller !== null && served.route.access === 'operator' && input.method === 'POST') input = { method: 'POST', body: stampOperator(input.body, caller) };
  const result = served.route.serve(input, served);
  if (isPromise(result)) {
    result.then(
      (value) => served.within(() => reply(served, 200, value, value)),
      (error: unknown) => served.within(() => fail(served, error)),
    );
  } else {
    reply(served, 200, result, result);
  }
}

function run(served: Served, input: RouteInput): void {
  const scope = served.options.tracer?.start(served) ?? null;
  if (scope === null) {
    answer(served, input);
    return;
  }
  served.scope = scope;
  served.traceId = scope.traceId;
  scope.run(() => {
    try {
      answer(served, input);
    } catch (error) {
      fail(served, error);
    }
  });
}

/**
 * Serves one request on one route: method check, the caller's access (docs/security.md), body
 * (size limit, gzip, JSON), the route's handler, and the reply with its `x-request-id`. Used by
 * the lean dispatcher and the express adapter alike.
 *
 * Everything the request logs carries its id (docs/operations.md). With `synchronous`, the
 * route's handler answers without awaiting (the hot paths): the request is then named in log
 * lines while its parts run, without the process-wide cost of a scope across awaits, unless
 * its caller's token must be looked up first.
 */
export function serveRoute(request: IncomingMessage, response: AnswerSink, route: JsonRoute, query: URLSearchParams, options: ServeOptions, synchronous = false): void {
  serve(new Served(route, request, response, request, options, !synchronous || !authoriseIsImmediate(route, options.security)), query);
}

/**
 * {@link serveRoute} for a request whose body is already read (the fast lane's): the same
 * checks, handler, answer and observers, with `body` as the bytes received.
 */
export function serveReadRoute(request: RequestHead, response: AnswerSink, route: JsonRoute, query: URLSearchParams, options: ServeOptions, body: Buffer): void {
  serve(new Served(route, request, response, body, options, !authoriseIsImmediate(route, options.security)), query);
}

function serve(served: Served, query: URLSearchParams): void {
  if (served.awaits) runInRequest(served, () => start(served, query));
  else runInRequestSync(served, () => start(served, query));
}

function start(served: Served, query: URLSearchParams): void {
  const { request, response, route, options } = served;
  try {
    const method = request.method ?? 'GET';
    if ((method !== 'GET' && method !== 'POST') || !route.methods.includes(method)) throw new HttpError(405, `${route.path} does not accept ${method}; use ${route.methods.join(' or ')}`);
    const caller = authorise(request, route, options.security);
    if (!(caller instanceof Promise)) {
      served.caller = caller;
      proceed(served, query, method);
      return;
    }
    caller.then(
      (found) =>
        served.within(() => {
          served.caller = found;
          proceed(served, query, method);
        }),
      (error: unknown) =>
        served.within(() => {
          // The body was not read: drop it and close rather than leave it on a keep-alive connection.
          if (method === 'POST') response.shouldKeepAlive = false;
          if (!Buffer.isBuffer(served.body)) served.body.resume();
          fail(served, error);
        }),
    );
  } catch (error) {
    fail(served, error);
  }
}

function proceed(served: Served, query: URLSearchParams, method: 'GET' | 'POST'): void {
  const { request, options, body } = served;
  try {
    if (method === 'GET') {
      run(served, { method, query });
      return;
    }
    if (!isJsonContentType(request.headers['content-type'])) {
      throw new HttpError(415, `Content-Type must be application/json, not ${String(request.headers['content-type'])}`);
    }
    if (Buffer.isBuffer(body)) served.bodyRead(body);
    else readBodyThen(body, options.bodyLimitBytes, served);
  } catch (error) {
    fail(served, error);
  }
}

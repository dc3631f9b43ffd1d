import type { IncomingMessage, ServerResponse } from 'node:http';
import { JsonBody, type Logger } from '@artemis/server';
import { readBody, parseJson } from './body-reader.js';
import { errorReply } from './error-response.js';
import { HttpError } from './http-error.js';
import type { JsonRoute, RouteInput, RouteResult } from './json-route.js';
import { requestIdOf } from './request-id.js';
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
}

/** The scope of one request: its handler runs inside it, and it ends when the request is answered. */
export interface RequestScope {
  run(handler: () => void): void;
  end(status: number): void;
}

/** Opens a {@link RequestScope} per request, or null to leave a request unscoped (sampled out). */
export interface RequestTracer {
  start(exchange: Exchange): RequestScope | null;
}

interface Served extends Exchange {
  readonly response: ServerResponse;
  readonly options: ServeOptions;
  scope: RequestScope | null;
}

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined || value === '') return true;
  const type = (value.split(';')[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json') || type === '*/*';
}

function isPromise(value: RouteResult | Promise<RouteResult>): value is Promise<RouteResult> {
  return typeof (value as Promise<RouteResult>).then === 'function';
}

function reply(served: Served, status: number, body: RouteResult, result: RouteResult | undefined, close: boolean): void {
  const headers = close ? { 'x-request-id': served.requestId, Connection: 'close' } : { 'x-request-id': served.requestId };
  if (!served.response.headersSent) sendJson(served.request, served.response, status, body, headers);
  served.options.observer?.answered(served, status, result);
  if (served.scope !== null) served.scope.end(status);
}

function fail(served: Served, error: unknown): void {
  const reply_ = errorReply(error, served.options.logger, served.route.operation, served.requestId);
  // A refused body may still be arriving: close the connection after answering instead of
  // reading the rest of it.
  // Observers see a protocol error's answer (HTTP 200, failing responseStatus) as a result, a refusal as none.
  const result = reply_.status === 200 ? (JSON.parse(reply_.body) as object) : undefined;
  reply(served, reply_.status, new JsonBody(reply_.body), result, error instanceof HttpError && error.httpStatus === 413);
}

function answer(served: Served, input: RouteInput): void {
  const context = { remoteAddress: served.request.socket.remoteAddress ?? '' };
  const result = served.route.serve(input, context);
  if (isPromise(result)) {
    result.then(
      (value) => reply(served, 200, value, value, false),
      (error: unknown) => fail(served, error),
    );
  } else {
    reply(served, 200, result, result, false);
  }
}

function run(served: Served, input: RouteInput): void {
  const scope = served.options.tracer?.start(served) ?? null;
  if (scope === null) {
    answer(served, input);
    return;
  }
  served.scope = scope;
  scope.run(() => {
    try {
      answer(served, input);
    } catch (error) {
      fail(served, error);
    }
  });
}

/**
 * Serves one request on one route: method check, body (size limit, gzip, JSON), the route's
 * handler, and the reply with its `x-request-id`. Used by the lean dispatcher and the express
 * adapter alike.
 */
export function serveRoute(request: IncomingMessage, response: ServerResponse, route: JsonRoute, query: URLSearchParams, options: ServeOptions): void {
  const served: Served = { route, request, response, options, requestId: requestIdOf(request), startedAt: performance.now(), scope: null };
  try {
    const method = request.method ?? 'GET';
    if ((method !== 'GET' && method !== 'POST') || !route.methods.includes(method)) throw new HttpError(405, `${route.path} does not accept ${method}; use ${route.methods.join(' or ')}`);
    if (method === 'GET') {
      run(served, { method, query });
      return;
    }
    if (!isJsonContentType(request.headers['content-type'])) {
      throw new HttpError(415, `Content-Type must be application/json, not ${String(request.headers['content-type'])}`);
    }
    readBody(request, options.bodyLimitBytes).then(
      (body) => {
        try {
          run(served, { method, body: parseJson(body) });
        } catch (error) {
          fail(served, error);
        }
      },
      (error: unknown) => fail(served, error),
    );
  } catch (error) {
    fail(served, error);
  }
}

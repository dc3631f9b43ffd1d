import type { IncomingMessage, ServerResponse } from 'node:http';
import { JsonBody, type Logger } from '@artemis/server';
import { readBody, parseJson } from './body-reader.js';
import { errorReply } from './error-response.js';
import { HttpError } from './http-error.js';
import type { Caller, JsonRoute, RouteInput, RouteResult } from './json-route.js';
import { authorise, stampOperator, type HttpSecurity } from './route-access.js';
import { sendJson } from './send-json.js';

/** Limits and logging shared by every route. */
export interface ServeOptions {
  readonly bodyLimitBytes: number;
  readonly logger: Logger;
  /** How callers are authenticated; without it only `open` (and `registry`) routes answer. */
  readonly security?: HttpSecurity;
}

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined || value === '') return true;
  const type = (value.split(';')[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json') || type === '*/*';
}

function isPromise(value: RouteResult | Promise<RouteResult>): value is Promise<RouteResult> {
  return typeof (value as Promise<RouteResult>).then === 'function';
}

function fail(request: IncomingMessage, response: ServerResponse, error: unknown, route: JsonRoute, options: ServeOptions): void {
  const reply = errorReply(error, options.logger, route.operation);
  // A refused body may still be arriving: close the connection after answering instead of
  // reading the rest of it.
  const extra = error instanceof HttpError && error.httpStatus === 413 ? { Connection: 'close', ...reply.headers } : reply.headers;
  if (!response.headersSent) sendJson(request, response, reply.status, new JsonBody(reply.body), extra);
}

function answer(request: IncomingMessage, response: ServerResponse, route: JsonRoute, input: RouteInput, options: ServeOptions, caller: Caller | null): void {
  const context = { remoteAddress: request.socket.remoteAddress ?? '', caller };
  // Management writes record who the token says, not who the body says.
  if (caller !== null && route.access === 'operator' && input.method === 'POST') input = { method: 'POST', body: stampOperator(input.body, caller) };
  const result = route.serve(input, context);
  if (isPromise(result)) {
    result.then(
      (value) => sendJson(request, response, 200, value),
      (error: unknown) => fail(request, response, error, route, options),
    );
  } else {
    sendJson(request, response, 200, result);
  }
}

/**
 * Serves one request on one route: method check, body (size limit, gzip, JSON), the route's
 * handler, and the reply. Used by the lean dispatcher and the express adapter alike.
 */
export function serveRoute(request: IncomingMessage, response: ServerResponse, route: JsonRoute, query: URLSearchParams, options: ServeOptions): void {
  try {
    const method = request.method ?? 'GET';
    if ((method !== 'GET' && method !== 'POST') || !route.methods.includes(method)) throw new HttpError(405, `${route.path} does not accept ${method}; use ${route.methods.join(' or ')}`);
    const caller = authorise(request, route, options.security);
    if (!(caller instanceof Promise)) {
      proceed(request, response, route, query, options, method, caller);
      return;
    }
    caller.then(
      (found) => proceed(request, response, route, query, options, method, found),
      (error: unknown) => {
        // The body was not read: drop it and close rather than leave it on a keep-alive connection.
        if (method === 'POST') response.shouldKeepAlive = false;
        request.resume();
        fail(request, response, error, route, options);
      },
    );
  } catch (error) {
    fail(request, response, error, route, options);
  }
}

function proceed(request: IncomingMessage, response: ServerResponse, route: JsonRoute, query: URLSearchParams, options: ServeOptions, method: 'GET' | 'POST', caller: Caller | null): void {
  try {
    if (method === 'GET') {
      answer(request, response, route, { method, query }, options, caller);
      return;
    }
    if (!isJsonContentType(request.headers['content-type'])) {
      throw new HttpError(415, `Content-Type must be application/json, not ${String(request.headers['content-type'])}`);
    }
    readBody(request, options.bodyLimitBytes).then(
      (body) => {
        try {
          answer(request, response, route, { method, body: parseJson(body) }, options, caller);
        } catch (error) {
          fail(request, response, error, route, options);
        }
      },
      (error: unknown) => fail(request, response, error, route, options),
    );
  } catch (error) {
    fail(request, response, error, route, options);
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { JsonBody, type Logger } from '@artemis/server';
import { readBody, parseJson } from './body-reader.js';
import { errorReply } from './error-response.js';
import { HttpError } from './http-error.js';
import type { JsonRoute, RouteInput, RouteResult } from './json-route.js';
import { sendJson } from './send-json.js';

/** Limits and logging shared by every route. */
export interface ServeOptions {
  readonly bodyLimitBytes: number;
  readonly logger: Logger;
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
  const extra = error instanceof HttpError && error.httpStatus === 413 ? { Connection: 'close' } : undefined;
  if (!response.headersSent) sendJson(request, response, reply.status, new JsonBody(reply.body), extra);
}

function answer(request: IncomingMessage, response: ServerResponse, route: JsonRoute, input: RouteInput, options: ServeOptions): void {
  const context = { remoteAddress: request.socket.remoteAddress ?? '' };
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
    if (method === 'GET') {
      answer(request, response, route, { method, query }, options);
      return;
    }
    if (!isJsonContentType(request.headers['content-type'])) {
      throw new HttpError(415, `Content-Type must be application/json, not ${String(request.headers['content-type'])}`);
    }
    readBody(request, options.bodyLimitBytes).then(
      (body) => {
        try {
          answer(request, response, route, { method, body: parseJson(body) }, options);
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

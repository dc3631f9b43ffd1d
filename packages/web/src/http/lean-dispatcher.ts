import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { CorsPolicy } from './cors.js';
import type { JsonRoute } from './json-route.js';
import { serveRoute, type ServeOptions } from './serve-route.js';

/** Shared by requests without a query string; routes only read it. */
const EMPTY_QUERY = new URLSearchParams();

/**
 * The hot paths' front door: a fixed table of exact paths served straight on `node:http`,
 * without a framework's per-request middleware. Their handlers answer without awaiting. Any other path goes to `fallback` (express).
 */
export function leanDispatcher(routes: readonly JsonRoute[], fallback: RequestListener, options: ServeOptions & { readonly cors: CorsPolicy }): RequestListener {
  const cors = options.cors;
  const table = new Map<string, JsonRoute>();
  for (const route of routes) table.set(route.path, route);
  return (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '/';
    const mark = url.indexOf('?');
    const route = table.get(mark < 0 ? url : url.slice(0, mark));
    if (route === undefined) {
      fallback(request, response);
      return;
    }
    if (request.method === 'OPTIONS') {
      cors.preflight(request, response);
      return;
    }
    if (request.headers.origin !== undefined) cors.apply(request, response);
    serveRoute(request, response, route, mark < 0 ? EMPTY_QUERY : new URLSearchParams(url.slice(mark + 1)), options, true);
  };
}

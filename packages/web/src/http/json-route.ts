import { decode, type Principal, type Role, type Schema } from '@artemis/core';
import type { JsonBody } from '@artemis/server';

/** Methods the protocol uses. */
export type HttpMethod = 'GET' | 'POST';

/**
 * Who may call a route (docs/security.md): `open` anyone; `registry` anyone unless registry
 * auth is on (then a token and/or an allowed address); a role: a bearer token of that role or
 * above. Declared by every route, checked in one place (`authorise`).
 */
export type RouteAccess = 'open' | 'registry' | Role;

/** An authenticated caller. */
export interface Caller {
  readonly principal: Principal;
  readonly expiresAt: string | null;
  /** Service ids a registry-scoped token may register, or null for any. */
  readonly serviceIds: readonly string[] | null;
}

/** What a handler may know about the caller. */
export interface RouteContext {
  /** The peer address of the connection. */
  readonly remoteAddress: string;
  /** The authenticated caller, when the route asked for one and a token was presented. */
  readonly caller?: Caller | null;
}

/** A handler's answer: an object to serialise, or a prepared body. */
export type RouteResult = JsonBody | object;

/**
 * A decoded request as a route receives it. `read` marks a POST body its route already read
 * from the bytes ({@link JsonRoute.readBytes}): it is the route's request, not parsed JSON.
 */
export type RouteInput = { readonly method: 'POST'; readonly body: unknown; readonly read?: true } | { readonly method: 'GET'; readonly query: URLSearchParams };

/**
 * A protocol endpoint, independent of any HTTP framework: the lean `node:http` dispatcher and
 * the express adapter serve the same routes.
 */
export interface JsonRoute {
  readonly path: string;
  readonly methods: readonly HttpMethod[];
  /** Names the endpoint in logs and metrics (`register`, `get-service`...). */
  readonly operation: string;
  /** The POST body's schema, for the OpenAPI document; absent on GET-only routes. */
  readonly requestSchema?: Schema<unknown>;
  /** The answer's schema (HTTP 200), for the OpenAPI document; the common envelope when absent. */
  readonly responseSchema?: Schema<unknown>;
  /** Who may call it. */
  readonly access: RouteAccess;
  /**
   * Reads a POST body straight from its bytes, before any JSON.parse (a hot route's own
   * reader); undefined leaves the body to JSON.parse and the route's decoder.
   */
  readonly readBytes?: (bytes: Buffer) => unknown;
  serve(input: RouteInput, context: RouteContext): RouteResult | Promise<RouteResult>;
}

/** How to build a route: a POST body schema and/or a GET query reader, and a handler. */
export interface RouteSpec<Request> {
  readonly path: string;
  readonly operation: string;
  /** Who may call it: required, so that no route is added without a rule. */
  readonly access: RouteAccess;
  /** Reads a POST body (validated JSON): a schema, or a decoder equivalent to one; omit for GET-only routes. */
  readonly body?: Schema<Request> | ((value: unknown) => Request);
  /**
   * Reads a POST body from its bytes when it can, undefined when it leaves the body to `body`
   * (which must then read it to the same request, or refuse it): for hot routes only.
   */
  readonly bytes?: (bytes: Buffer) => Request | undefined;
  /** Reads GET query parameters; omit for POST-only routes. */
  readonly query?: (query: URLSearchParams) => Request;
  readonly handle: (request: Request, context: RouteContext) => RouteResult | Promise<RouteResult>;
  /** The body's schema for the OpenAPI document, when `body` is a decoder function. */
  readonly schema?: Schema<Request>;
  /** The answer's schema for the OpenAPI document (a core response schema). */
  readonly response?: Schema<unknown>;
}

/**
 * Builds a {@link JsonRoute} from a spec; the methods follow from the readers given.
 *
 * @example
 * ```ts
 * import { defineRoute } from '@artemis/web';
 * import { regionZoneRequestSchema } from '@artemis/core';
 * const route = defineRoute({ path: '/api/x.json', operation: 'x', access: 'open', body: regionZoneRequestSchema, handle: (req) => ({ ok: req.regionId }) });
 * ```
 */
export function defineRoute<Request>(spec: RouteSpec<Request>): JsonRoute {
  const methods: HttpMethod[] = [];
  if (spec.body !== undefined) methods.push('POST');
  if (spec.query !== undefined) methods.push('GET');
  const { body, query, handle } = spec;
  const requestSchema = (typeof body === 'function' ? spec.schema : body) as Schema<unknown> | undefined;
  return {
    path: spec.path,
    operation: spec.operation,
    access: spec.access,
    methods,
    ...(requestSchema === undefined ? {} : { requestSchema }),
    ...(spec.response === undefined ? {} : { responseSchema: spec.response }),
    ...(spec.bytes === undefined ? {} : { readBytes: spec.bytes }),
    serve(input, context) {
      if (input.method === 'POST' && input.read === true) return handle(input.body as Request, context);
      if (input.method === 'POST' && body !== undefined) return handle(typeof body === 'function' ? body(input.body) : decode(body, input.body), context);
      if (input.method === 'GET' && query !== undefined) return handle(query(input.query), context);
      throw new Error(`${spec.path} does not serve ${input.method}`);
    },
  };
}

/** A query parameter, or null when absent or empty. */
export function queryParam(query: URLSearchParams, name: string): string | null {
  const value = query.get(name);
  return value === null || value === '' ? null : value;
}

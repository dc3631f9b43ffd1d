import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Which browser origins may call a node (docs/security.md). */
export interface CorsOptions {
  /**
   * Origins allowed on every endpoint (a console, `https://console.example`); none by default.
   * `*` allows any origin, never with credentials.
   */
  readonly origins: readonly string[];
  /** Origins allowed to read discovery (`/api/discovery/*`), without credentials; `*` by default. */
  readonly discoveryOrigins: readonly string[];
}

/** Nothing for management, any origin (without credentials) for discovery reads. */
export const defaultCorsOptions: CorsOptions = { origins: [], discoveryOrigins: ['*'] };

/**
 * Headers of everything a node serves, for browsers: no sniffing, no framing, no referrer,
 * no active content (every answer is JSON).
 */
export const securityHeaders: Readonly<Record<string, string>> = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-site',
});

const DISCOVERY_PREFIX = '/api/discovery/';

/** What the policy grants one origin on one path. */
interface Grant {
  readonly origin: string;
  readonly credentials: boolean;
  readonly headers: string;
}

/**
 * CORS from config: an origin on the `origins` list gets its own origin echoed (with
 * credentials, `Vary: Origin`) on every path; a `*` entry grants any origin without
 * credentials; discovery paths also answer `discoveryOrigins`, without credentials and
 * without `Authorization`. Any other origin gets no CORS headers, so browsers refuse to hand
 * the answer to the page. Requests without an `Origin` (every non-browser client) pay nothing.
 */
export class CorsPolicy {
  private readonly origins: ReadonlySet<string>;
  private readonly anyOrigin: boolean;
  private readonly discoveryOrigins: ReadonlySet<string>;
  private readonly anyDiscoveryOrigin: boolean;

  constructor(options: CorsOptions = defaultCorsOptions) {
    this.origins = new Set(options.origins.filter((origin) => origin !== '*').map((origin) => origin.toLowerCase()));
    this.anyOrigin = options.origins.includes('*');
    this.discoveryOrigins = new Set(options.discoveryOrigins.filter((origin) => origin !== '*').map((origin) => origin.toLowerCase()));
    this.anyDiscoveryOrigin = options.discoveryOrigins.includes('*');
  }

  private grant(origin: string, path: string): Grant | null {
    const key = origin.toLowerCase();
    if (this.origins.has(key)) return { origin, credentials: true, headers: 'Content-Type, Content-Encoding, Authorization' };
    if (this.anyOrigin) return { origin: '*', credentials: false, headers: 'Content-Type, Content-Encoding, Authorization' };
    if (path.startsWith(DISCOVERY_PREFIX)) {
      if (this.discoveryOrigins.has(key)) return { origin, credentials: false, headers: 'Content-Type, Content-Encoding' };
      if (this.anyDiscoveryOrigin) return { origin: '*', credentials: false, headers: 'Content-Type, Content-Encoding' };
    }
    return null;
  }

  private headers(request: IncomingMessage): OutgoingHttpHeaders | null {
    const origin = request.headers.origin;
    if (origin === undefined) return null;
    const url = request.url ?? '/';
    const mark = url.indexOf('?');
    const grant = this.grant(origin, mark < 0 ? url : url.slice(0, mark));
    if (grant === null) return { Vary: 'Origin' };
    const headers: OutgoingHttpHeaders = { 'Access-Control-Allow-Origin': grant.origin, Vary: 'Origin' };
    if (grant.credentials) headers['Access-Control-Allow-Credentials'] = 'true';
    return headers;
  }

  /** Sets the CORS headers of a request from a browser on its response (before it is written). */
  apply(request: IncomingMessage, response: ServerResponse): void {
    const headers = this.headers(request);
    if (headers !== null) for (const [name, value] of Object.entries(headers)) response.setHeader(name, value as string);
  }

  /** Answers a preflight `OPTIONS`: 204, with the grant when the origin has one. */
  preflight(request: IncomingMessage, response: ServerResponse): void {
    const headers: OutgoingHttpHeaders = { ...securityHeaders, 'Content-Length': '0' };
    const origin = request.headers.origin;
    const url = request.url ?? '/';
    const mark = url.indexOf('?');
    const grant = origin === undefined ? null : this.grant(origin, mark < 0 ? url : url.slice(0, mark));
    if (grant !== null) {
      headers['Access-Control-Allow-Origin'] = grant.origin;
      headers['Access-Control-Allow-Methods'] = 'GET, POST';
      headers['Access-Control-Allow-Headers'] = grant.headers;
      headers['Access-Control-Max-Age'] = '600';
      if (grant.credentials) headers['Access-Control-Allow-Credentials'] = 'true';
    }
    headers['Vary'] = 'Origin';
    response.writeHead(204, headers);
    response.end();
  }
}

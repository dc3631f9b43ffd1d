import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';

/** Headers every response carries (caravan `CrossDomainFilter`, java-reference §1.3). */
export const corsHeaders: Readonly<OutgoingHttpHeaders> = Object.freeze({
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': '*',
  'Access-Control-Allow-Credentials': 'true',
});

/** Headers answering a preflight `OPTIONS`: the asked method and headers are echoed back. */
export function preflightHeaders(request: IncomingMessage): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { ...corsHeaders, 'Access-Control-Max-Age': '3600', 'Content-Length': '0' };
  const method = request.headers['access-control-request-method'];
  const asked = request.headers['access-control-request-headers'];
  if (method !== undefined) headers['Access-Control-Allow-Methods'] = method;
  if (asked !== undefined) headers['Access-Control-Allow-Headers'] = asked;
  return headers;
}

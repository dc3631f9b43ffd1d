import type { RequestHead } from './answer-sink.js';
import { AccessDeniedError, roleAllows } from '@artemis/core';
import { IpAllowList } from './ip-allow-list.js';
import type { Caller, JsonRoute } from './json-route.js';

/** Longest `operatorNote` kept; longer claimed operator ids are cut. */
const MAX_OPERATOR_NOTE_CHARS = 256;

/** Registry auth (docs/security.md): off unless one of these is set. */
export interface RegistryAuthOptions {
  /** Registry writes need a bearer token (any role; a scoped token only for its service ids). */
  readonly requireToken?: boolean;
  /** Registry writes only from these addresses or IPv4 CIDR blocks (empty: any address). */
  readonly allowIps?: readonly string[];
}

/** How a node checks callers. Without it, every route that is not `open` is refused. */
export interface HttpSecurity {
  /** The caller a bearer secret names, or null when it is unknown, revoked or expired. */
  readonly authenticate: (secret: string) => Promise<Caller | null>;
  /** `disabled`: local development only; every caller is treated as an admin. */
  readonly mode?: 'enabled' | 'disabled';
  readonly registry?: RegistryAuthOptions;
}

/** The caller of every request while auth is disabled (`--auth disabled`). */
export const AUTH_DISABLED_CALLER: Caller = Object.freeze({
  principal: Object.freeze({ name: 'anonymous (auth disabled)', role: 'admin', tokenId: '', tokenKind: 'api' }),
  expiresAt: null,
  serviceIds: null,
});

/** The secret of an `Authorization: Bearer <secret>` header, or null. */
export function bearerSecret(request: RequestHead): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match === null ? null : match[1]!;
}

const allowLists = new WeakMap<RegistryAuthOptions, IpAllowList>();

function allowListOf(registry: RegistryAuthOptions): IpAllowList {
  let list = allowLists.get(registry);
  if (list === undefined) {
    list = new IpAllowList(registry.allowIps ?? []);
    allowLists.set(registry, list);
  }
  return list;
}

async function authenticated(request: RequestHead, security: HttpSecurity): Promise<Caller> {
  const secret = bearerSecret(request);
  if (secret === null) throw new AccessDeniedError('unauthenticated', 'this endpoint needs a bearer token (Authorization: Bearer <token>); see docs/security.md');
  const caller = await security.authenticate(secret);
  if (caller === null) throw new AccessDeniedError('unauthenticated', 'the bearer token is unknown, revoked or expired');
  return caller;
}

async function roleCaller(request: RequestHead, route: JsonRoute & { access: Exclude<JsonRoute['access'], 'open' | 'registry'> }, security: HttpSecurity): Promise<Caller> {
  const caller = await authenticated(request, security);
  if (!roleAllows(caller.principal.role, route.access)) {
    throw new AccessDeniedError('forbidden', `${route.path} needs the ${route.access} role; ${caller.principal.name} is a ${caller.principal.role}`);
  }
  return caller;
}

/**
 * The one place where a route's {@link JsonRoute.access} is checked. `open` routes (and
 * `registry` ones with registry auth off) return null at once, without a promise, so the hot
 * path pays nothing. Refusals are {@link AccessDeniedError}s: 401 without a valid token, 403
 * with a role (or address) that is not allowed.
 */
export function authorise(request: RequestHead, route: JsonRoute, security: HttpSecurity | undefined): Caller | null | Promise<Caller | null> {
  const access = route.access;
  if (access === 'open') return null;
  if (access === 'registry') {
    const registry = security?.registry;
    if (registry === undefined || security === undefined) return null;
    const list = allowListOf(registry);
    if (!list.empty && !list.allows(request.socket.remoteAddress ?? '')) {
      return Promise.reject(new AccessDeniedError('forbidden', `registry writes are not allowed from ${request.socket.remoteAddress ?? 'this address'}`));
    }
    if (registry.requireToken !== true) return null;
    if (security.mode === 'disabled') return AUTH_DISABLED_CALLER;
    return authenticated(request, security);
  }
  if (security === undefined) return Promise.reject(new AccessDeniedError('unauthenticated', `${route.path} needs a bearer token, and this node has no authentication configured`));
  if (security.mode === 'disabled') return AUTH_DISABLED_CALLER;
  return roleCaller(request, { ...route, access }, security);
}

/**
 * Whether {@link authorise} answers `route` at once, without awaiting a token look-up: then a
 * request that the handler answers synchronously is served without a scope across awaits.
 */
export function authoriseIsImmediate(route: JsonRoute, security: HttpSecurity | undefined): boolean {
  if (route.access === 'open' || security === undefined || security.mode === 'disabled') return true;
  if (route.access === 'registry') return security.registry?.requireToken !== true;
  return false;
}

/** Refuses a registry write naming a service outside the caller's token scope. */
export function requireServiceScope(caller: Caller | null | undefined, instances: readonly ({ readonly serviceId: string | null } | null)[] | null | undefined): void {
  const scope = caller?.serviceIds;
  if (scope === null || scope === undefined || instances === null || instances === undefined) return;
  const allowed = new Set(scope.map((id) => id.toLowerCase()));
  for (const instance of instances) {
    const id = instance?.serviceId ?? '';
    if (!allowed.has(id.toLowerCase())) throw new AccessDeniedError('forbidden', `this token may not write service ${id}`);
  }
}

/**
 * The body's `operatorId` as a note that can always be stored, so that it never fails the
 * write: bounded, without the NUL Postgres text cannot hold, lone surrogates made U+FFFD.
 */
export function operatorNote(given: string): string {
  return Buffer.from(given.replaceAll('\u0000', '').slice(0, MAX_OPERATOR_NOTE_CHARS), 'utf8').toString('utf8').trim();
}

/**
 * A management write records the operator from the token: the body's `operatorId`, when it
 * names someone else, is kept only as `operatorNote` in the log rows, and its `token` is
 * dropped. A caller's own `operatorNote` is never taken.
 */
export function stampOperator(body: unknown, caller: Caller): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const fields = body as Record<string, unknown>;
  const given = typeof fields['operatorId'] === 'string' ? fields['operatorId'].trim() : '';
  const name = caller.principal.name;
  const note = given !== '' && given !== name ? operatorNote(given) : null;
  return { ...fields, operatorId: name, operatorNote: note, token: null };
}

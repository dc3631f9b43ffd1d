import {
  createTokenRequestSchema,
  createUserRequestSchema,
  decode,
  deleteUserRequestSchema,
  emptyRequestSchema,
  issuedTokenResponseSchema,
  listTokensResponseSchema,
  listUsersResponseSchema,
  loginRequestSchema,
  Paths,
  revokeTokenRequestSchema,
  securityLogQuerySchema,
  securityLogResponseSchema,
  statusResponseSchema,
  updateUserRequestSchema,
  userResponseSchema,
  whoAmIResponseSchema,
} from '@artemis/core';
import type { SecurityService } from '@artemis/management';
import { defineRoute, queryParam, type Caller, type JsonRoute, type RouteContext } from '../http/json-route.js';

/** The caller of a route that declared a role (the access check ran, so there is one). */
function callerOf(context: RouteContext): Caller {
  if (context.caller === undefined || context.caller === null) throw new Error('an authenticated route ran without a caller');
  return context.caller;
}

function logQuery(query: URLSearchParams) {
  const limit = queryParam(query, 'limit');
  return decode(securityLogQuerySchema, {
    ...(queryParam(query, 'since') === null ? {} : { since: queryParam(query, 'since') }),
    ...(queryParam(query, 'operator') === null ? {} : { operator: queryParam(query, 'operator') }),
    ...(limit === null ? {} : { limit: Number(limit) }),
  });
}

/** `/api/auth/*.json` (docs/security.md): login, logout, whoami, users, tokens, the security log. */
export function authRoutes(security: SecurityService): JsonRoute[] {
  const a = Paths.auth;
  const source = (context: RouteContext) => ({ remoteAddress: context.remoteAddress });
  const empty = () => ({});
  return [
    defineRoute({ path: a.login, operation: 'login', access: 'open', body: loginRequestSchema, response: issuedTokenResponseSchema, handle: (r, c) => security.login(r, source(c)) }),
    defineRoute({ path: a.logout, operation: 'logout', access: 'viewer', body: emptyRequestSchema, response: statusResponseSchema, handle: (_r, c) => security.logout(callerOf(c).principal, source(c)) }),
    defineRoute({ path: a.whoami, operation: 'whoami', access: 'viewer', body: emptyRequestSchema, query: empty, response: whoAmIResponseSchema, handle: (_r, c) => security.whoami(callerOf(c)) }),
    defineRoute({ path: a.users, operation: 'list-users', access: 'admin', body: emptyRequestSchema, query: empty, response: listUsersResponseSchema, handle: () => security.listUsers() }),
    defineRoute({ path: a.createUser, operation: 'create-user', access: 'admin', body: createUserRequestSchema, response: userResponseSchema, handle: (r, c) => security.createUser(r, callerOf(c).principal, source(c)) }),
    defineRoute({ path: a.updateUser, operation: 'update-user', access: 'admin', body: updateUserRequestSchema, response: userResponseSchema, handle: (r, c) => security.updateUser(r, callerOf(c).principal, source(c)) }),
    defineRoute({ path: a.deleteUser, operation: 'delete-user', access: 'admin', body: deleteUserRequestSchema, response: statusResponseSchema, handle: (r, c) => security.deleteUser(r, callerOf(c).principal, source(c)) }),
    defineRoute({ path: a.tokens, operation: 'list-tokens', access: 'admin', body: emptyRequestSchema, query: empty, response: listTokensResponseSchema, handle: () => security.listTokens() }),
    defineRoute({ path: a.createToken, operation: 'create-token', access: 'admin', body: createTokenRequestSchema, response: issuedTokenResponseSchema, handle: (r, c) => security.createToken(r, callerOf(c).principal, source(c)) }),
    defineRoute({ path: a.revokeToken, operation: 'revoke-token', access: 'admin', body: revokeTokenRequestSchema, response: statusResponseSchema, handle: (r, c) => security.revokeToken(r, callerOf(c).principal, source(c)) }),
    defineRoute({ path: a.log, operation: 'security-log', access: 'admin', body: securityLogQuerySchema, query: logQuery, response: securityLogResponseSchema, handle: (r) => security.log(r) }),
  ];
}

import { z } from 'zod';
import type * as S from '../messages/security-messages.js';
import { Roles, SecurityEvents, type Principal, type TokenInfo, type UserInfo, type SecurityLogEntry } from '../model/security.js';
import { responseStatusSchema } from './response.schemas.js';

// The answers of `/api/auth/*.json` (docs/security.md), as runtime schemas for the OpenAPI
// document, typed against their message interfaces. Times are ISO 8601 strings.

/** A message whose optional fields zod may give as undefined (`.optional()`), for the type check. */
type WithOptional<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]?: T[P] | undefined };

const role = z.enum(Roles);
const tokenKind = z.enum(['session', 'api', 'bootstrap']);
const time = z.string().describe('ISO 8601');

const principalSchema: z.ZodType<Principal> = z.object({ name: z.string(), role, tokenId: z.string(), tokenKind });
const userInfoSchema: z.ZodType<UserInfo> = z.object({ userName: z.string(), role, disabled: z.boolean(), createdAt: time, updatedAt: time, lastLoginAt: time.nullable() });
const tokenInfoSchema: z.ZodType<TokenInfo> = z.object({
  tokenId: z.string(),
  name: z.string(),
  kind: tokenKind,
  role,
  owner: z.string(),
  createdAt: time,
  expiresAt: time.nullable(),
  lastUsedAt: time.nullable(),
  revokedAt: time.nullable(),
});
const securityLogEntrySchema: z.ZodType<SecurityLogEntry> = z.object({
  id: z.number().int(),
  event: z.enum(SecurityEvents),
  operator: z.string(),
  subject: z.string().nullable(),
  remoteAddress: z.string().nullable(),
  detail: z.string().nullable(),
  createdAt: time,
});

/** Answer of `login.json` and `create-token.json`: the secret, shown once. */
export const issuedTokenResponseSchema: z.ZodType<WithOptional<S.IssuedTokenResponse, 'token' | 'tokenInfo'>> = z.object({
  responseStatus: responseStatusSchema,
  token: z.string().optional().describe('the bearer secret; shown only in this answer'),
  tokenInfo: tokenInfoSchema.optional(),
});
/** Answer of `whoami.json`. */
export const whoAmIResponseSchema: z.ZodType<WithOptional<S.WhoAmIResponse, 'principal' | 'expiresAt'>> = z.object({ responseStatus: responseStatusSchema, principal: principalSchema.optional(), expiresAt: time.nullable().optional() });
/** Answer of `users.json`. */
export const listUsersResponseSchema: z.ZodType<S.ListUsersResponse> = z.object({ responseStatus: responseStatusSchema, users: z.array(userInfoSchema) });
/** Answer of `create-user.json` and `update-user.json`. */
export const userResponseSchema: z.ZodType<WithOptional<S.UserResponse, 'user'>> = z.object({ responseStatus: responseStatusSchema, user: userInfoSchema.optional() });
/** Answer of `tokens.json`. */
export const listTokensResponseSchema: z.ZodType<S.ListTokensResponse> = z.object({ responseStatus: responseStatusSchema, tokens: z.array(tokenInfoSchema) });
/** Answer of `security-log.json`. */
export const securityLogResponseSchema: z.ZodType<S.SecurityLogResponse> = z.object({ responseStatus: responseStatusSchema, entries: z.array(securityLogEntrySchema) });

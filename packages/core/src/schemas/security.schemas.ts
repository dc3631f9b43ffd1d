import { z } from 'zod';
import type * as S from '../messages/security-messages.js';
import { Roles } from '../model/security.js';

/** A user name: 1-64 characters of letters, digits and `._@-`, so that it reads safely in logs. */
const userName = z
  .string()
  .min(1, 'is empty')
  .max(64, 'is longer than 64 characters')
  .regex(/^[A-Za-z0-9._@-]+$/, 'may hold only letters, digits and . _ @ -');
/** A password: 12-1024 characters (long enough to resist guessing, short enough to hash quickly). */
const password = z.string().min(12, 'must be at least 12 characters').max(1024, 'must be at most 1024 characters');
const role = z.enum(Roles);
/** A token name: free text, shown in lists. */
/** Drops keys whose value is undefined, so optional fields read as absent rather than `undefined`. */
function present<T>(value: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
const tokenName = z.string().trim().min(1, 'is empty').max(128, 'is longer than 128 characters');

/** Body of `login.json`. The password is not length-checked here: a wrong one is just wrong. */
export const loginRequestSchema: z.ZodType<S.LoginRequest> = z.object({
  userName: z.string().min(1, 'is empty').max(64, 'is longer than 64 characters'),
  password: z.string().min(1, 'is empty').max(1024, 'must be at most 1024 characters'),
});

/** Body of `users/create.json`. */
export const createUserRequestSchema: z.ZodType<S.CreateUserRequest> = z.object({ userName, password, role });

/** Body of `users/update.json`. */
export const updateUserRequestSchema: z.ZodType<S.UpdateUserRequest> = z.object({
  userName,
  role: role.optional(),
  password: password.optional(),
  disabled: z.boolean().optional(),
}).transform((value) => present<S.UpdateUserRequest>(value));

/** Body of `users/delete.json`. */
export const deleteUserRequestSchema: z.ZodType<S.DeleteUserRequest> = z.object({ userName });

/** Body of `tokens/create.json`. */
export const createTokenRequestSchema: z.ZodType<S.CreateTokenRequest> = z.object({
  name: tokenName,
  role,
  expiresInSeconds: z.number().int('must be an integer').min(60, 'must be at least 60').max(10 * 365 * 24 * 3600, 'must be at most ten years').optional(),
  serviceIds: z.array(z.string().trim().min(1, 'is empty').max(256, 'is longer than 256 characters')).min(1, 'is empty').max(1000, 'holds more than 1000 ids').optional(),
}).transform((value) => present<S.CreateTokenRequest>(value));

/** Body of `tokens/revoke.json`. */
export const revokeTokenRequestSchema: z.ZodType<S.RevokeTokenRequest> = z.object({ tokenId: z.string().min(1, 'is empty').max(64, 'is longer than 64 characters') });

/** Query (or body) of `log.json`. */
export const securityLogQuerySchema: z.ZodType<S.SecurityLogQuery> = z.object({
  since: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time' }).optional(),
  operator: z.string().min(1).max(128).optional(),
  limit: z.number().int('must be an integer').min(1, 'must be at least 1').max(1000, 'must be at most 1000').optional(),
}).transform((value) => present<S.SecurityLogQuery>(value));

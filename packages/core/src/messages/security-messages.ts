import type { Principal, Role, SecurityLogEntry, TokenInfo, UserInfo } from '../model/security.js';
import type { ResponseStatus } from '../response-status.js';

// ---- /api/auth/ (docs/security.md). Every answer carries a responseStatus like the rest. ----

/** Body of `login.json`: a user's name and password for a session token. */
export interface LoginRequest {
  readonly userName: string;
  readonly password: string;
}

/** Answer of `login.json` and `tokens/create.json`: the secret is shown here only, once. */
export interface IssuedTokenResponse {
  readonly responseStatus: ResponseStatus;
  /** The bearer secret; absent when the request failed. */
  readonly token?: string;
  readonly tokenInfo?: TokenInfo;
}

/** Answer of `whoami.json`. */
export interface WhoAmIResponse {
  readonly responseStatus: ResponseStatus;
  readonly principal?: Principal;
  readonly expiresAt?: string | null;
}

/** Answer of `users.json`. */
export interface ListUsersResponse {
  readonly responseStatus: ResponseStatus;
  readonly users: readonly UserInfo[];
}

/** Body of `users/create.json`. */
export interface CreateUserRequest {
  readonly userName: string;
  readonly password: string;
  readonly role: Role;
}

/** Body of `users/update.json`: only the fields given change. */
export interface UpdateUserRequest {
  readonly userName: string;
  readonly role?: Role;
  readonly password?: string;
  readonly disabled?: boolean;
}

/** Body of `users/delete.json`. */
export interface DeleteUserRequest {
  readonly userName: string;
}

/** Answer of `users/create.json` and `users/update.json`. */
export interface UserResponse {
  readonly responseStatus: ResponseStatus;
  readonly user?: UserInfo;
}

/** Answer of `tokens.json`. */
export interface ListTokensResponse {
  readonly responseStatus: ResponseStatus;
  readonly tokens: readonly TokenInfo[];
}

/** Body of `tokens/create.json`: an API token for a program. */
export interface CreateTokenRequest {
  readonly name: string;
  readonly role: Role;
  /** Lifetime in seconds; absent for a token that does not expire. */
  readonly expiresInSeconds?: number;
  /**
   * Service ids the token may register, unregister and heartbeat when registry auth is on
   * (docs/security.md); absent for any.
   */
  readonly serviceIds?: readonly string[];
}

/** Body of `tokens/revoke.json`. */
export interface RevokeTokenRequest {
  readonly tokenId: string;
}

/** Query of `log.json`: newest first. */
export interface SecurityLogQuery {
  /** ISO 8601; only entries at or after it. */
  readonly since?: string;
  readonly operator?: string;
  readonly limit?: number;
}

/** Answer of `log.json`. */
export interface SecurityLogResponse {
  readonly responseStatus: ResponseStatus;
  readonly entries: readonly SecurityLogEntry[];
}

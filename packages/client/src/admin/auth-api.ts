import {
  Paths,
  type CreateTokenRequest,
  type CreateUserRequest,
  type IssuedTokenResponse,
  type ListTokensResponse,
  type ListUsersResponse,
  type SecurityLogQuery,
  type SecurityLogResponse,
  type StatusResponse,
  type UpdateUserRequest,
  type UserResponse,
  type WhoAmIResponse,
} from '@artemis/core';
import type { AdminTransport } from './admin-transport.js';

/** Users, tokens and sessions (`/api/auth/`, docs/security.md). */
export class AuthApi {
  constructor(private readonly transport: AdminTransport) {}

  /** Exchanges a user's name and password for a session token (the secret is in `token`, shown once). */
  login(userName: string, password: string): Promise<IssuedTokenResponse> {
    return this.transport.call(Paths.auth.login, { userName, password }, 'write');
  }

  /** Revokes the session token the client presents. */
  logout(): Promise<StatusResponse> {
    return this.transport.call(Paths.auth.logout, {}, 'write');
  }

  /** Who the client's token authenticates as. */
  whoami(): Promise<WhoAmIResponse> {
    return this.transport.call(Paths.auth.whoami, {}, 'read');
  }

  users(): Promise<ListUsersResponse> {
    return this.transport.call(Paths.auth.users, {}, 'read');
  }

  createUser(request: CreateUserRequest): Promise<UserResponse> {
    return this.transport.call(Paths.auth.createUser, request, 'write');
  }

  updateUser(request: UpdateUserRequest): Promise<UserResponse> {
    return this.transport.call(Paths.auth.updateUser, request, 'write');
  }

  deleteUser(userName: string): Promise<StatusResponse> {
    return this.transport.call(Paths.auth.deleteUser, { userName }, 'write');
  }

  tokens(): Promise<ListTokensResponse> {
    return this.transport.call(Paths.auth.tokens, {}, 'read');
  }

  /** Creates an API token for a program; the secret is in `token`, shown once. */
  createToken(request: CreateTokenRequest): Promise<IssuedTokenResponse> {
    return this.transport.call(Paths.auth.createToken, request, 'write');
  }

  revokeToken(tokenId: string): Promise<StatusResponse> {
    return this.transport.call(Paths.auth.revokeToken, { tokenId }, 'write');
  }

  /** The security log, newest first. */
  log(query: SecurityLogQuery = {}): Promise<SecurityLogResponse> {
    return this.transport.call(Paths.auth.log, query, 'read');
  }
}

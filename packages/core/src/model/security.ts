/**
 * Who may do what on a node (docs/security.md). Three roles, each including the one below it:
 * `viewer` reads management data and sensitive status, `operator` also writes management data,
 * `admin` also manages users and tokens.
 */
export const Roles = ['viewer', 'operator', 'admin'] as const;

/** One of {@link Roles}. */
export type Role = (typeof Roles)[number];

/** True when a principal holding `held` may do what needs `needed`. */
export function roleAllows(held: Role, needed: Role): boolean {
  return Roles.indexOf(held) >= Roles.indexOf(needed);
}

/** True for the strings that name a {@link Role}. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (Roles as readonly string[]).includes(value);
}

/**
 * How a token came to be: `session` from a login (expires), `api` created by an admin for a
 * program, `bootstrap` the admin token a node makes at the first start of an empty database.
 */
export type TokenKind = 'session' | 'api' | 'bootstrap';

/** The caller a request was authenticated as. */
export interface Principal {
  /** The user name, or for an API token `token:<name>`. Recorded as the operator of writes. */
  readonly name: string;
  readonly role: Role;
  /** The id of the token the request presented. */
  readonly tokenId: string;
  readonly tokenKind: TokenKind;
}

/** A user as the API shows it: never the password or its hash. */
export interface UserInfo {
  readonly userName: string;
  readonly role: Role;
  readonly disabled: boolean;
  /** ISO 8601 times. */
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastLoginAt: string | null;
}

/** A token as the API shows it: never the secret (shown once, at creation) nor its hash. */
export interface TokenInfo {
  readonly tokenId: string;
  readonly name: string;
  readonly kind: TokenKind;
  readonly role: Role;
  /** The user it belongs to, or the admin who created an API token. */
  readonly owner: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** What the security log records. */
export const SecurityEvents = [
  'login',
  'login-failed',
  'logout',
  'token-created',
  'token-revoked',
  'user-created',
  'user-updated',
  'user-deleted',
  'bootstrap-token-created',
] as const;

/** One of {@link SecurityEvents}. */
export type SecurityEvent = (typeof SecurityEvents)[number];

/** One row of the security log. */
export interface SecurityLogEntry {
  readonly id: number;
  readonly event: SecurityEvent;
  /** Who did it (a principal name, or the user name tried for a failed login). */
  readonly operator: string;
  /** What it was done to (a user name or token id), when anything. */
  readonly subject: string | null;
  readonly remoteAddress: string | null;
  readonly detail: string | null;
  readonly createdAt: string;
}

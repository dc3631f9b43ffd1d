import type { Generated, Selectable } from 'kysely';

/** `artemis_user`: a person who logs in; the password only as an scrypt hash. */
export interface UserTable {
  readonly id: Generated<number>;
  readonly user_name: string;
  readonly role: string;
  readonly password_hash: string;
  readonly disabled: Generated<boolean>;
  readonly created_at: Generated<Date>;
  readonly updated_at: Generated<Date>;
  readonly last_login_at: Date | null;
}

/** `artemis_token`: a bearer token, kept as the SHA-256 of its secret. */
export interface TokenTable {
  readonly id: string;
  readonly token_hash: string;
  readonly name: string;
  readonly kind: string;
  readonly role: string;
  readonly owner: string;
  /** JSON array of service ids a registry-scoped token may register, or null for any. */
  readonly service_ids: string | null;
  readonly created_at: Generated<Date>;
  readonly updated_at: Generated<Date>;
  readonly expires_at: Date | null;
  readonly last_used_at: Date | null;
  readonly revoked_at: Date | null;
}

/** `artemis_security_log`: logins, failures, logouts, token and user changes. */
export interface SecurityLogTable {
  readonly id: Generated<number>;
  readonly event: string;
  readonly operator: string;
  readonly subject: string | null;
  readonly remote_address: string | null;
  readonly detail: string | null;
  readonly created_at: Generated<Date>;
}

/** A row of `artemis_user`. */
export type UserRow = Selectable<UserTable>;
/** A row of `artemis_token`. */
export type TokenRow = Selectable<TokenTable>;
/** A row of `artemis_security_log`. */
export type SecurityLogRow = Selectable<SecurityLogTable>;

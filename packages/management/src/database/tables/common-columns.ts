import type { Generated } from 'kysely';

/** Columns every table has: a bigserial id and the row's creation and last-update times. */
export interface RowColumns {
  readonly id: Generated<number>;
  readonly create_time: Generated<Date>;
  readonly update_time: Generated<Date>;
}

/** Who wrote a log row and why (the request's OperationContext). */
export interface LogColumns extends RowColumns {
  readonly operation: string;
  readonly operator_id: string;
  /** The body's `operatorId` when the token named someone else (docs/security.md); '' otherwise. */
  readonly operator_note: Generated<string>;
  readonly token: string;
  readonly extensions: Generated<string>;
  readonly reason: Generated<string>;
}

import type { Generated, Selectable } from 'kysely';
import type { LogColumns, RowColumns } from './common-columns.js';

/** `server`: an operation recorded on a server (an IP of a region). */
export interface ServerOperationTable extends RowColumns {
  readonly region_id: string;
  readonly server_id: string;
  readonly operation: string;
  readonly operator_id: string;
  readonly token: string;
}

/** `server_log`: every write of `server`. */
export interface ServerOperationLogTable extends LogColumns {
  readonly region_id: string;
  readonly server_id: string;
  readonly complete: Generated<boolean>;
}

/** A row of `server`. */
export type ServerOperationRow = Selectable<ServerOperationTable>;

import { managementTableNames, type ManagementDatabase } from '@artemis/management';

type TableName = (typeof managementTableNames)[number];
type Row = Readonly<Record<string, unknown>>;

/** Every row of every management table (data and logs), by table, in id order. */
export type ManagementState = Readonly<Record<TableName, readonly Row[]>>;

const isLog = (table: TableName): boolean => table.endsWith('_log');

/** Reads the whole management state: a fuzz run's tables are small. */
export async function readManagementState(database: ManagementDatabase): Promise<ManagementState> {
  const state: Partial<Record<TableName, readonly Row[]>> = {};
  for (const table of managementTableNames) {
    state[table] = (await database.db.selectFrom(table).selectAll().orderBy('id').execute()) as Row[];
  }
  return state as ManagementState;
}

/** What a write did: the rows each log table gained, and the data tables whose rows changed. */
export interface StateChange {
  readonly newLogRows: readonly (Row & { readonly table: TableName })[];
  /** Log tables whose earlier rows changed or went: logs are append-only, so always empty. */
  readonly rewrittenLogs: readonly TableName[];
  readonly changedData: readonly TableName[];
}

/** Compares two states: what changed between `before` and `after`. */
export function stateChange(before: ManagementState, after: ManagementState): StateChange {
  const newLogRows: (Row & { table: TableName })[] = [];
  const rewrittenLogs: TableName[] = [];
  const changedData: TableName[] = [];
  for (const table of managementTableNames) {
    const earlier = JSON.stringify(before[table]);
    if (isLog(table)) {
      if (JSON.stringify(after[table].slice(0, before[table].length)) !== earlier) rewrittenLogs.push(table);
      for (const row of after[table].slice(before[table].length)) newLogRows.push({ ...row, table });
    } else if (JSON.stringify(after[table]) !== earlier) {
      changedData.push(table);
    }
  }
  return { newLogRows, rewrittenLogs, changedData };
}

/** Users, tokens and the security log, without the columns logins and token use touch on their own. */
export interface SecurityState {
  readonly users: readonly Row[];
  readonly tokens: readonly Row[];
  readonly log: readonly Row[];
}

/** Reads users, tokens (less `last_login_at` / `last_used_at`) and the whole security log. */
export async function readSecurityState(database: ManagementDatabase): Promise<SecurityState> {
  const db = database.db;
  const users = await db.selectFrom('artemis_user').selectAll().orderBy('id').execute();
  const tokens = await db.selectFrom('artemis_token').selectAll().orderBy('id').execute();
  const log = await db.selectFrom('artemis_security_log').selectAll().orderBy('id').execute();
  return {
    users: users.map(({ last_login_at: _login, ...row }) => row),
    tokens: tokens.map(({ last_used_at: _use, ...row }) => row),
    log,
  };
}

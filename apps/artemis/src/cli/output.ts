import { renderTable, type Cell, type Column } from './table.js';

/** Where a command writes, and how: tables for people, JSON for scripts. */
export interface Output {
  /** True with `--json`: one JSON document on stdout, nothing else there. */
  readonly json: boolean;
  /** Prints a JSON document (with `--json`). */
  printJson(value: unknown): void;
  /** Prints an aligned table. */
  table(columns: readonly Column[], rows: readonly (readonly (Cell | string)[])[]): void;
  /** Prints a line of text for people. */
  line(text?: string): void;
  /** Reports progress of a long operation on stderr (one line rewritten on a terminal, a line per step elsewhere); never with `--json`. */
  progress(done: number, total: number, what: string): void;
}

/** What decides the look of the output. */
export interface OutputTerminal {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The output of one command. Colour only on a terminal and without `NO_COLOR`; the width is
 * the terminal's, or `COLUMNS` when set (so scripts and tests can fix it), else unlimited.
 */
export function createOutput(json: boolean, terminal: OutputTerminal): Output {
  const { stdout, stderr, env } = terminal;
  const tty = stdout.isTTY === true;
  const colour = tty && (env['NO_COLOR'] ?? '') === '';
  const fromEnv = Number(env['COLUMNS']);
  const width = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : tty ? stdout.columns : undefined;
  return {
    json,
    printJson: (value) => stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    table: (columns, rows) => stdout.write(renderTable(columns, rows, { colour, ...(width === undefined ? {} : { width }) })),
    line: (text = '') => stdout.write(`${text}\n`),
    progress(done, total, what) {
      if (json) return;
      if (stderr.isTTY !== true) stderr.write(`${what}: ${done}/${total}\n`);
      else stderr.write(`\r${what}: ${done}/${total}${done >= total ? '\n' : ''}`);
    },
  };
}

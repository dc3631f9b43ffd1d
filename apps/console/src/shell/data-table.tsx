import type { ReactNode } from 'react';

/** Attributes a row or cell carries for tests and styles (`data-*`, `className`). */
export type Marks = Readonly<Record<string, string | undefined>>;

/** One column: its header and how a row fills its cell. */
export interface Column<T> {
  readonly header: ReactNode;
  /** Attributes of the header cell (`aria-sort` of a sortable column). */
  readonly headerMarks?: Marks;
  readonly cell: (row: T) => ReactNode;
  readonly marks?: (row: T) => Marks;
  /** False hides the column (a viewer's missing write column). */
  readonly shown?: boolean;
}

/** A scrollable table of rows; columns decide the cells, `rowMarks` the row's attributes. */
export function DataTable<T>({ columns, rows, rowKey, rowMarks, label }: { columns: readonly Column<T>[]; rows: readonly T[]; rowKey: (row: T) => string; rowMarks?: (row: T) => Marks; label?: string }) {
  const shown = columns.filter((column) => column.shown !== false);
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            {shown.map((column, index) => (
              <th key={index} {...column.headerMarks}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowMarks?.(row)}>
              {shown.map((column, index) => (
                <td key={index} {...column.marks?.(row)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A cell: its text, and the colour it gets on a terminal. */
export interface Cell {
  readonly text: string;
  readonly colour?: Colour;
}

/** Colours a cell may have. */
export type Colour = 'green' | 'red' | 'yellow' | 'dim';

/** A column of a table. */
export interface Column {
  readonly header: string;
  /** Numbers read better right-aligned. */
  readonly align?: 'left' | 'right';
}

/** How a table is drawn. */
export interface TableStyle {
  /** The terminal's width; columns are cut (with `…`) to fit. Unlimited when absent. */
  readonly width?: number;
  /** ANSI colours, for a terminal only. */
  readonly colour: boolean;
}

const GAP = '  ';
const MIN_COLUMN = 4;
const CODES: Readonly<Record<Colour | 'bold', string>> = { green: '32', red: '31', yellow: '33', dim: '2', bold: '1' };

function paint(text: string, colour: Colour | 'bold' | undefined, enabled: boolean): string {
  return enabled && colour !== undefined && text !== '' ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}

function cut(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

/** Column widths that fit `width`: the widest column gives way first. */
function fitWidths(natural: number[], width: number | undefined): number[] {
  const widths = [...natural];
  if (width === undefined) return widths;
  const total = () => widths.reduce((sum, w) => sum + w, 0) + GAP.length * (widths.length - 1);
  while (total() > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] as number) <= MIN_COLUMN) break;
    widths[widest] = (widths[widest] as number) - 1;
  }
  return widths;
}

/**
 * Renders rows as aligned columns under a header, one line each, every line ending in `\n`.
 * Widths count characters, not the colour codes, so coloured and plain output align alike.
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly (Cell | string)[])[], style: TableStyle): string {
  const cells = rows.map((row) => columns.map((_, i) => {
    const cell = row[i] ?? '';
    return typeof cell === 'string' ? { text: cell } : cell;
  }));
  const natural = columns.map((column, i) => Math.max([...column.header].length, ...cells.map((row) => [...(row[i]?.text ?? '')].length)));
  const widths = fitWidths(natural, style.width);
  const line = (texts: readonly Cell[], bold: boolean): string =>
    texts
      .map((cell, i) => {
        const width = widths[i] as number;
        const text = cut(cell.text, width);
        const pad = ' '.repeat(width - [...text].length);
        const last = i === texts.length - 1;
        const painted = paint(text, bold ? 'bold' : cell.colour, style.colour);
        if (columns[i]?.align === 'right') return `${pad}${painted}`;
        return last ? painted : `${painted}${pad}`;
      })
      .join(GAP)
      .trimEnd();
  return [line(columns.map((column) => ({ text: column.header })), true), ...cells.map((row) => line(row, false))].map((text) => `${text}\n`).join('');
}

/** A colour for a status word: up green, down red, anything else plain. */
export function statusCell(status: string | null | undefined): Cell {
  const text = status ?? '';
  if (text === 'up' || text === 'success' || text === 'active') return { text, colour: 'green' };
  if (text === 'down' || text === 'fail' || text === 'inactive') return { text, colour: 'red' };
  if (text === 'starting' || text === 'unknown') return { text, colour: 'yellow' };
  return { text };
}

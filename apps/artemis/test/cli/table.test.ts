import { describe, expect, it } from '@jest/globals';
import { renderTable } from '../../src/cli/table.js';
import { createOutput } from '../../src/cli/output.js';

const columns = [{ header: 'SERVICE' }, { header: 'COUNT', align: 'right' as const }, { header: 'URL' }];
const rows = [
  ['orders', '3', 'http://10.0.0.1:8080/a/very/long/path/that/will/not/fit'],
  ['payments-service-with-a-long-name', '12', 'http://10.0.0.2'],
  [{ text: 'down', colour: 'red' as const }, '0', ''],
];

describe('tables', () => {
  it('aligns every column under its header, numbers to the right', () => {
    const lines = renderTable(columns, rows, { colour: false }).trimEnd().split('\n');
    expect(lines[0]).toBe('SERVICE                            COUNT  URL');
    expect(lines[1]).toBe('orders                                 3  http://10.0.0.1:8080/a/very/long/path/that/will/not/fit');
    expect(lines[2]).toBe('payments-service-with-a-long-name     12  http://10.0.0.2');
    expect(lines[3]).toBe('down                                   0');
  });

  it('fits a fixed width by cutting the widest columns, keeping the columns aligned', () => {
    const lines = renderTable(columns, rows, { colour: false, width: 50 }).trimEnd().split('\n');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(50);
    const urlStart = lines[0]!.indexOf('URL');
    expect(lines[1]!.slice(urlStart)).toMatch(/^http:\/\/10\.0\.0\.1.*…$/);
    expect(lines[2]!.slice(urlStart)).toBe('http://10.0.0.2');
    expect(lines[2]!.slice(0, urlStart).trimEnd()).toMatch(/^payments-service.*…\s+12$/);
    const countEnd = lines[0]!.indexOf('COUNT') + 'COUNT'.length;
    for (const line of lines.slice(1)) expect(line[countEnd - 1]).toMatch(/\d/);
  });

  it('colours only when asked, and aligns coloured text like plain text', () => {
    const plain = renderTable(columns, rows, { colour: false });
    const coloured = renderTable(columns, rows, { colour: true });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[31mdown\u001b[0m');
    const escape = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');
    expect(coloured.replace(escape, '')).toBe(plain);
  });

  it('colours on a terminal only, and never with NO_COLOR', () => {
    const captured: string[] = [];
    const stream = (isTTY: boolean) => ({ isTTY, columns: 200, write: (text: string) => captured.push(text) });
    createOutput(false, { stdout: stream(true), stderr: stream(true), env: {} }).table(columns, rows);
    createOutput(false, { stdout: stream(true), stderr: stream(true), env: { NO_COLOR: '1' } }).table(columns, rows);
    createOutput(false, { stdout: stream(false), stderr: stream(false), env: {} }).table(columns, rows);
    expect(captured[0]).toContain('\u001b[');
    expect(captured[1]).not.toContain('\u001b[');
    expect(captured[2]).not.toContain('\u001b[');
  });
});

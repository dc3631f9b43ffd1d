import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { BIN } from '../artemis-process.js';

/** What a run of the CLI printed, and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `artemis ...args` as a child process with only the given environment (and PATH). */
export function runCli(args: readonly string[], env: Record<string, string> = {}, stdin?: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

/** A URL where nothing listens (a port taken, then released). */
export async function deadServerUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** Column start offsets of a table line: where each run of text after two or more spaces begins. */
export function columnStarts(line: string): number[] {
  const starts = [0];
  const gap = /\s{2,}(?=\S)/g;
  let match: RegExpExecArray | null;
  while ((match = gap.exec(line)) !== null) starts.push(match.index + match[0].length);
  return starts;
}

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI entry. */
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** A node started as a child process. */
export interface NodeProcess extends AsyncDisposable {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  /** Every line the process printed on stdout. */
  readonly lines: string[];
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** A fresh temporary directory, for a node's `--data-dir`. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'artemis-data-'));
}

/**
 * Starts `artemis server --port 0 ...args` and waits for the line that names its address.
 * Without `--data-dir` or a database URL, the node gets a temporary data directory of its own,
 * removed when it is disposed.
 */
export function startProcess(args: readonly string[] = [], env: Record<string, string> = {}): Promise<NodeProcess> {
  const ownDir = args.includes('--data-dir') || args.includes('--database-url') || env['ARTEMIS_DATABASE_URL'] !== undefined ? null : tempDataDir();
  const extra = ownDir === null ? [] : ['--data-dir', ownDir];
  const child = spawn(process.execPath, [BIN, 'server', '--host', '127.0.0.1', '--port', '0', ...extra, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env } });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (ownDir !== null) void exited.then(() => rmSync(ownDir, { recursive: true, force: true }));
  return new Promise((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        lines.push(line);
        const parsed = JSON.parse(line) as { event?: string; url?: string };
        if (parsed.event === 'listening' && parsed.url !== undefined) {
          resolve({
            child,
            url: parsed.url,
            lines,
            exited,
            stop() {
              if (child.exitCode === null) child.kill('SIGTERM');
              return exited;
            },
            async [Symbol.asyncDispose]() {
              if (child.exitCode === null) child.kill('SIGKILL');
              await exited;
            },
          });
        }
      }
    });
    void exited.then((code) => reject(new Error(`artemis exited with ${String(code)} before listening: ${stderr}`)));
  });
}

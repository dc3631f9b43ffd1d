import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { embeddedServerStopped, makeTestDataDir } from '@artemis/management/testing';

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
  return makeTestDataDir();
}

/** Removes a node's data directory once its embedded server, stopping with the node, is gone. */
export async function removeDataDir(dataDir: string): Promise<void> {
  await embeddedServerStopped(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
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
  const removed = ownDir === null ? Promise.resolve() : exited.then(() => removeDataDir(ownDir));
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
              await removed;
            },
          });
        }
      }
    });
    void exited.then((code) => reject(new Error(`artemis exited with ${String(code)} before listening: ${stderr}`)));
  });
}

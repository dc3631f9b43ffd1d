import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
  /** The admin bootstrap token the node was given (ARTEMIS_BOOTSTRAP_TOKEN). */
  readonly token: string;
  /** `Authorization` header of {@link token}. */
  readonly auth: { readonly authorization: string };
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** A new bootstrap secret of the shape a node accepts. */
export function newBootstrapToken(): string {
  return `art_${randomBytes(32).toString('base64url')}`;
}

/** Bootstrap tokens by database (data dir or URL): a node restarted on the same data keeps its token. */
const tokensByDatabase = new Map<string, string>();

function tokenOf(database: string | null): string {
  if (database === null) return newBootstrapToken();
  let token = tokensByDatabase.get(database);
  if (token === undefined) tokensByDatabase.set(database, (token = newBootstrapToken()));
  return token;
}

function databaseOf(args: readonly string[], env: Record<string, string>): string | null {
  for (const flag of ['--data-dir', '--database-url']) {
    const at = args.indexOf(flag);
    if (at >= 0 && args[at + 1] !== undefined) return args[at + 1]!;
  }
  return env['ARTEMIS_DATABASE_URL'] ?? null;
}

function withoutBootstrap(env: Record<string, string>): Record<string, string> {
  const { ARTEMIS_BOOTSTRAP_TOKEN: _omitted, ...rest } = env;
  return rest;
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
export function startProcess(args: readonly string[] = [], givenEnv: Record<string, string> = {}): Promise<NodeProcess> {
  // Every test node gets a known bootstrap token, so tests authenticate instead of weakening the rules.
  const token = givenEnv['ARTEMIS_BOOTSTRAP_TOKEN'] ?? tokenOf(databaseOf(args, givenEnv));
  const env = givenEnv['ARTEMIS_BOOTSTRAP_TOKEN'] === '' ? withoutBootstrap(givenEnv) : { ...givenEnv, ARTEMIS_BOOTSTRAP_TOKEN: token };
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
            token,
            auth: { authorization: `Bearer ${token}` },
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

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { EmbeddedPostgres } from '@artemis/management';

/** How `artemis cluster up` lays out its nodes. */
export interface LocalClusterOptions {
  readonly nodes: number;
  readonly basePort: number;
  readonly host: string;
  /** A shared Postgres; without it one embedded server under `dataDir` serves every node. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  /** Where prefixed node output goes. */
  readonly write: (line: string) => void;
}

/** A running local cluster. */
export interface LocalCluster {
  readonly urls: readonly string[];
  /** Stops every node (SIGTERM), then the embedded database. */
  stop(): Promise<void>;
}

const BIN = fileURLToPath(new URL('../bin.js', import.meta.url));

function waitForListening(child: ChildProcess, name: string, write: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`${name} exited with ${String(code)} before listening`));
    child.once('exit', onExit);
    for (const stream of [child.stdout, child.stderr]) {
      if (stream === null) continue;
      createInterface({ input: stream }).on('line', (line) => {
        write(`[${name}] ${line}`);
        if (line.includes('"event":"listening"')) {
          child.off('exit', onExit);
          resolve();
        }
      });
    }
  });
}

/**
 * Starts `nodes` Artemis nodes on loopback ports `basePort`..., one cluster with a fresh secret,
 * all on one management database: the Postgres named, or one embedded server they share. The
 * first node starts alone; each next one bootstraps from those already up.
 */
export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  const database = options.databaseUrl === undefined ? await EmbeddedPostgres.start({ dataDir: join(options.dataDir, 'shared') }) : null;
  const databaseUrl = options.databaseUrl ?? (database as EmbeddedPostgres).url;
  const secret = randomBytes(24).toString('hex');
  const urls = Array.from({ length: options.nodes }, (_, i) => `http://${options.host}:${options.basePort + i}`);
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await database?.stop();
  };
  try {
    for (let i = 0; i < options.nodes; i += 1) {
      const name = `node-${i + 1}`;
      const args = [
        BIN, 'server', '--host', options.host, '--port', String(options.basePort + i),
        '--advertise-url', urls[i] as string, '--peers', urls.join(','),
        '--database-url', databaseUrl, '--data-dir', join(options.dataDir, name),
      ];
      // The secret goes through the environment, not the command line that `ps` shows.
      const child = spawn(process.execPath, args, { env: { ...process.env, ARTEMIS_CLUSTER__SECRET: secret }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      await waitForListening(child, name, options.write);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, stop };
}

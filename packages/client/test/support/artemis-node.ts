import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/**
 * Real Artemis nodes for the SDK's tests: the built CLI (`apps/artemis/dist/bin.js`) started as
 * a child process, on a loopback port, with its management data in a fresh database of the
 * test Postgres (PG* variables, default postgres@127.0.0.1:5432), dropped afterwards. The
 * client package may not import the server packages (dependency rule), so the tests talk to
 * nodes the way users do: over the network.
 */
export const BIN = fileURLToPath(new URL('../../../../apps/artemis/dist/bin.js', import.meta.url));

const PG = { host: process.env['PGHOST'] ?? '127.0.0.1', port: process.env['PGPORT'] ?? '5432', user: process.env['PGUSER'] ?? 'postgres' };

function pgArgs(): string[] {
  return ['-h', PG.host, '-p', PG.port, '-U', PG.user];
}

/** A fresh, empty database; returns its URL. */
export function createDatabase(): { name: string; url: string; drop(): Promise<void> } {
  const name = `artemis_client_${randomBytes(5).toString('hex')}`;
  const created = spawnSync('createdb', [...pgArgs(), name], { encoding: 'utf8' });
  if (created.status !== 0) throw new Error(`createdb failed: ${created.stderr}`);
  const password = process.env['PGPASSWORD'] === undefined ? '' : `:${encodeURIComponent(process.env['PGPASSWORD'])}`;
  return {
    name,
    url: `postgres://${PG.user}${password}@${PG.host}:${PG.port}/${name}`,
    // Detached and not awaited: a synchronous drop would stall the client under test, and DROP
    // DATABASE waits for a checkpoint, which on a busy shared Postgres outlasts test hooks.
    drop: async () => {
      spawn('dropdb', [...pgArgs(), '--if-exists', '--force', name], { detached: true, stdio: 'ignore' }).unref();
    },
  };
}

/** A node running as a child process. */
export interface ArtemisNode extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcessWithoutNullStreams;
  /** Kills with SIGKILL (no goodbye on any socket) and waits for the exit (not for the database drop). */
  kill(): Promise<void>;
  /** Kills the node if still running; its own database is then dropped. For cleanups. */
  close(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** SIGSTOP / SIGCONT: the process stays, its sockets go silent (a half-open peer). */
  freeze(): void;
  thaw(): void;
}

/** Starts `artemis server` on `port` (0: any) with a database of its own (or the one given). */
export async function startNode(options: { port?: number; database?: { url: string }; env?: Record<string, string> } = {}): Promise<ArtemisNode> {
  const database = options.database === undefined ? createDatabase() : null;
  const databaseUrl = options.database?.url ?? (database as { url: string }).url;
  const child = spawn(process.execPath, [BIN, 'server', '--host', '127.0.0.1', '--port', String(options.port ?? 0), '--database-url', databaseUrl], {
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => database?.drop());
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let startTimer: NodeJS.Timeout | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        try {
          const parsed = JSON.parse(line) as { event?: string; url?: string };
          if (parsed.event === 'listening' && parsed.url !== undefined) resolve(parsed.url);
        } catch {
          // not a log line of ours
        }
      }
    });
    void exited.then(() => reject(new Error(`artemis exited before listening: ${stderr}`)));
    // A node that never says where it listens must not outlive the test.
    startTimer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`artemis did not report listening within 30 s: ${stderr}`));
    }, 30_000);
  }).finally(() => clearTimeout(startTimer));
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      if (signal === 'SIGKILL') child.kill('SIGCONT');
      child.kill(signal);
    }
    await exited;
  };
  return {
    url,
    port: Number(new URL(url).port),
    child,
    kill: () => kill('SIGKILL'),
    stop: () => kill('SIGTERM'),
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
    // The drop is not awaited: DROP DATABASE waits for a checkpoint, which on a busy shared
    // Postgres can take longer than a test hook may; dropdb finishes on its own.
    close: () => kill('SIGKILL'),
    [Symbol.asyncDispose]: () => kill('SIGKILL'),
  };
}

/** POSTs JSON to a node and returns the decoded answer. */
export async function post(url: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await response.json()) as Record<string, unknown>;
}

/** The instance ids a node serves for a service. */
export async function servedIds(url: string, serviceId: string): Promise<string[]> {
  const body = await post(url, '/api/discovery/service.json', { discoveryConfig: { serviceId, regionId: 'default', zoneId: 'default' }, regionId: 'default', zoneId: 'default' });
  const service = body['service'] as { instances: { instanceId: string }[] | null } | null;
  return (service?.instances ?? []).map((instance) => instance.instanceId).sort();
}

/** Polls `check` every 10 ms until it holds; throws after `timeoutMs`. Returns the wait in ms. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}

// Starts `artemis server` in its own process (pinned to the server core when possible), with
// the event-loop probe preloaded and an IPC channel to read it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ipcClient } from './ipc.mjs';
import { endWithBench } from './children.mjs';
import { jsonLines } from './json-lines.mjs';
import { freshDatabase } from './database.mjs';
import { BENCH_BOOTSTRAP_TOKEN } from './http.mjs';

// BENCH_ARTEMIS_BIN runs another build (another work tree's, for a before/after of one scenario).
const BIN = process.env.BENCH_ARTEMIS_BIN ?? fileURLToPath(new URL('../../apps/artemis/dist/bin.js', import.meta.url));
const PROBE = fileURLToPath(new URL('../servers/event-loop-probe.mjs', import.meta.url));

/**
 * BENCH_ARTEMIS_ENV adds node settings to every bench node, as space-separated `NAME=value`
 * pairs (`BENCH_ARTEMIS_ENV=ARTEMIS_HTTP__FAST_LANE=false` for a before/after of the fast lane).
 */
const EXTRA_ENV = Object.fromEntries(
  (process.env.BENCH_ARTEMIS_ENV ?? '')
    .split(/\s+/)
    .filter((pair) => pair.includes('='))
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);

/** Settings every bench node shares: no rate limit on the registry (heartbeat load would hit it). */
const BENCH_ENV = { ARTEMIS_RATE_LIMITS__REGISTRY__ENABLED: 'false', ARTEMIS_RATE_LIMITS__STATUS__ENABLED: 'false', ARTEMIS_BOOTSTRAP_TOKEN: BENCH_BOOTSTRAP_TOKEN };

/**
 * @param ctx the run context (pinning)
 * @param env extra ARTEMIS_* variables
 * @param database 'postgres' or 'embedded' (default: the run's choice, see database.mjs)
 * @param cpuProfileDir when set, the node writes a V8 CPU profile there on exit
 */
export function startArtemis(ctx, { env = {}, database = ctx.database, cpuProfileDir = process.env.BENCH_CPU_PROF_DIR } = {}) {
  const nodeArgs = ['--expose-gc', '--import', PROBE];
  if (cpuProfileDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`);
  const [command, args] = ctx.pinning.server(process.execPath, [...nodeArgs, BIN, 'server', '--host', '127.0.0.1', '--port', '0']);
  const databaseEnv = freshDatabase(ctx, database);
  const child = endWithBench(spawn(command, args, {
    env: { PATH: process.env.PATH, ...BENCH_ENV, ...EXTRA_ENV, ...databaseEnv, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  }));
  const log = jsonLines(child.stdout);
  const ask = ipcClient(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`artemis exited with ${code} before listening`)));
    log.waitFor((line) => line.event === 'listening', 15_000).then((line) => {
      resolve({
        kind: 'artemis',
        url: line.url,
        pid: child.pid,
        // Admin on the node's fresh database (status/leases.json and management need a token).
        token: BENCH_BOOTSTRAP_TOKEN,
        // Set when the node runs its embedded database there.
        dataDir: databaseEnv.ARTEMIS_DATA_DIR ?? null,
        log,
        ask,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    }, reject);
  });
}

// Saturation measured with wrk (Debian package wrk, installed by the bench when missing and it
// runs as root): a C generator that costs far less per request than our undici one, so that at
// saturation the server, not the generator, sets the pace and ceiling ratios mean what they say.
// The open-loop undici generator stays for latency; wrk's latencies are those of a saturated
// server measured from each actual send, reported as such.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { figure } from './figures.mjs';
import { watchForeignLoad, waitForQuiet } from './foreign-load.mjs';
import { int, ms, pct } from './format.mjs';
import { CONNECTIONS } from './load-steps.mjs';
import { progress } from './progress.mjs';
import { systemTool } from './system-tool.mjs';

const SCRIPT = fileURLToPath(new URL('../load/wrk/post-bodies.lua', import.meta.url));
const MAX_ATTEMPTS = 2;
let saidWhy = false;

/** wrk's path, or null (said once per run, with how to install it). */
export function wrkBinary() {
  const { path, why } = systemTool('wrk', 'wrk');
  if (path === null && !saidWhy) {
    saidWhy = true;
    progress(`  wrk saturation skipped: ${why}`);
  }
  return path;
}

/** The bodies of a generator bodies file as wrk's script reads them: one per line. */
function linesFile(bodiesFile) {
  const file = `${bodiesFile}.lines`;
  const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8'));
  if (bodies.some((b) => b.includes('\n'))) throw new Error(`${bodiesFile}: a body holds a newline; wrk's script reads one per line`);
  writeFileSync(file, `${bodies.join('\n')}\n`);
  return file;
}

/** Runs wrk for `seconds`; `onStart(pid)` is called once it runs. Resolves with its JSON line. */
function runWrk(ctx, binary, { origin, path, lines, seconds, connections }, onStart = () => undefined) {
  const [command, args] = ctx.pinning.generator(binary, ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', SCRIPT, origin]);
  const child = spawn(command, args, { env: { ...process.env, BENCH_WRK_PATH: path, BENCH_WRK_BODIES: lines }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const stop = onStart(child.pid);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      stop?.();
      const line = out.split('\n').find((l) => l.startsWith('{"requests"'));
      if (code !== 0 || line === undefined) reject(new Error(`wrk exited with ${code}: ${(err || out).slice(-400)}`));
      else resolve(JSON.parse(line));
    });
  });
}

/**
 * The most `target` answers with `connections` connections kept busy by wrk (one thread, on
 * the generator's core): requests/s, the server's CPU per request, the other programs' load.
 * Resolves with null when wrk is not available.
 */
export async function saturateWrk(ctx, target, { label, path, bodiesFile, connections = CONNECTIONS }) {
  const binary = wrkBinary();
  if (binary === null) return null;
  const lines = linesFile(bodiesFile);
  const job = { origin: target.url, path, lines, connections };
  const seconds = Math.max(1, Math.round(ctx.timing.durationMs / 1000));
  const pids = [process.pid, ctx.generator.pid, target.pid];
  for (let attempt = 1; ; attempt++) {
    await runWrk(ctx, binary, { ...job, seconds: Math.max(1, Math.round(ctx.timing.warmupMs / 1000)) });
    if (target.ask) await target.ask('eld-reset');
    let watched = null;
    const summary = await runWrk(ctx, binary, { ...job, seconds }, (pid) => {
      // Read the CPU split over wrk's run, stopped just before it ends (a process that has
      // exited can no longer be read, and wrk's own time must not count as others').
      const watch = watchForeignLoad([...pids, pid]);
      const timer = setTimeout(() => (watched = watch.stop()), seconds * 1000 - 100);
      return () => {
        clearTimeout(timer);
        watched ??= { foreignCores: null, stealCores: null, coresByPid: {} };
      };
    });
    const achievedRate = summary.requests / (summary.durationUs / 1e6);
    const serverCores = watched.coresByPid[target.pid] ?? null;
    const errors = summary.connectErrors + summary.readErrors + summary.writeErrors + summary.timeouts;
    const result = {
      generator: 'wrk',
      connections,
      achievedRate,
      errors,
      non2xx: summary.statusErrors,
      meanResponseBytes: summary.requests > 0 ? summary.bytes / summary.requests : 0,
      latency: { p50: summary.p50Us / 1000, p99: summary.p99Us / 1000, max: summary.maxUs / 1000 },
      serverCores,
      serverMicrosPerRequest: serverCores === null ? null : (serverCores * 1e6) / achievedRate,
      foreignCores: watched.foreignCores,
      stealCores: watched.stealCores,
      attempts: attempt,
    };
    if (target.ask) result.eventLoopDelay = await target.ask('eld-read');
    progress(
      `  ${label} saturated by wrk (${connections} connections): ${int(achievedRate)} req/s, server CPU ${pct(serverCores)} = ${int(result.serverMicrosPerRequest)} µs/req, p50 ${ms(result.latency.p50)}, p99 ${ms(result.latency.p99)}, others ${result.foreignCores?.toFixed(2) ?? '-'} cores`,
    );
    if (result.non2xx > 0 || errors > 0) progress(`  warning: ${result.non2xx} non-2xx answers, ${errors} errors`);
    const disturbance = (result.foreignCores ?? 0) + (result.stealCores ?? 0);
    if (disturbance <= ctx.foreignLimit || attempt >= MAX_ATTEMPTS) return result;
    progress(`  other programs took ${disturbance.toFixed(2)} cores during that step; measuring it again once the machine is quiet`);
    await waitForQuiet(pids, { maxMs: 15_000 });
  }
}

/** Alternated rounds of {@link pairedWrk} in a full run: enough for a median, few enough to keep the run short. */
const PAIRED_ROUNDS = 3;

/** The run whose rate is the median of `runs`. */
function medianRun(runs) {
  return [...runs].sort((a, b) => a.achievedRate - b.achievedRate)[Math.floor(runs.length / 2)];
}

/**
 * Ours and the ceiling saturated by wrk in alternated rounds (ours then the ceiling, then the
 * ceiling then ours...), both servers up throughout. This machine's speed drifts by up to a
 * third between ten-second windows (a virtual core: the same server measured twice in a row
 * gave 14,000 and 22,000 req/s), so one run of each would compare two different machines.
 * Resolves with the median round of each side, by rate, and every round's ratio; with nulls
 * when wrk cannot run.
 */
export async function pairedWrk(ctx, ours, bare, { label, path, bodiesFile, rounds = ctx.quick ? 1 : PAIRED_ROUNDS }) {
  if (wrkBinary() === null) return { ours: null, bare: null, ratios: [] };
  const runs = { ours: [], bare: [] };
  for (let round = 0; round < rounds; round++) {
    for (const side of round % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours']) {
      const target = side === 'ours' ? ours : bare;
      runs[side].push(await saturateWrk(ctx, target, { label: `${side === 'ours' ? 'artemis' : 'ceiling'} ${label} (round ${round + 1} of ${rounds})`, path, bodiesFile }));
    }
  }
  return { ours: medianRun(runs.ours), bare: medianRun(runs.bare), ratios: runs.ours.map((run, i) => run.achievedRate / runs.bare[i].achievedRate) };
}

/**
 * A wrk saturation figure beside its ceiling's, with the server CPU per request of both and,
 * from {@link pairedWrk}, each round's ratio (none when wrk could not run).
 */
export function wrkFigure(label, { ours, bare, ratios }, { unit = 'req/s', scale = 1 } = {}) {
  if (!ours || !bare) return [];
  const micros = (r) => (r.serverMicrosPerRequest === null ? '-' : `${Math.round(r.serverMicrosPerRequest)}`);
  const rounds = ratios.length > 1 ? `; median of ${ratios.length} alternated rounds, whose ratios were ${ratios.map((r) => `${Math.round(r * 100)} %`).join(', ')}` : '';
  return [
    figure(`${label}, saturated by wrk`, ours.achievedRate * scale, unit, {
      ceiling: bare.achievedRate * scale,
      note: `server CPU ${micros(ours)} µs/request (ceiling ${micros(bare)})${rounds}`,
    }),
  ];
}

// The two ways a scenario loads a server: an open-loop sweep over offered rates (latency at a
// given load) and a closed-loop saturation run (the most it answers). Both read the server's
// own event-loop delay around the load when the server carries the probe.
import { int, ms, pct } from './format.mjs';
import { progress } from './progress.mjs';
import { waitForQuiet, watchForeignLoad } from './foreign-load.mjs';

/** HTTP connections the generator opens; several, as many clients would. */
export const CONNECTIONS = 16;

/** A step is measured again, at most this many times in all, when other programs disturbed it. */
const MAX_ATTEMPTS = 2;

/**
 * Runs one load step, reading the server's event-loop delay around it and the CPU that other
 * programs took meanwhile; a step that others disturbed (more than `ctx.foreignLimit` cores)
 * is measured again once the machine is quiet.
 */
export async function measureStep(ctx, target, load) {
  // A target's companions (the peers of a clustered node) are part of what is measured, not foreign load.
  const pids = [process.pid, ctx.generator.pid, target.pid, ...(target.companions ?? [])];
  for (let attempt = 1; ; attempt++) {
    if (target.ask) await target.ask('eld-reset');
    const watch = watchForeignLoad(pids);
    const result = await load();
    const { coresByPid, ...others } = watch.stop();
    // The server's own CPU over the step: at saturation, CPU time per request is its cost even
    // when the generator, not the server, set the pace.
    Object.assign(result, others, { attempts: attempt, serverCores: coresByPid[target.pid] ?? null });
    if (target.ask) result.eventLoopDelay = await target.ask('eld-read');
    const disturbance = (result.foreignCores ?? 0) + (result.stealCores ?? 0);
    if (disturbance <= ctx.foreignLimit || attempt >= MAX_ATTEMPTS) return result;
    progress(`  other programs took ${disturbance.toFixed(2)} cores during that step; measuring it again once the machine is quiet`);
    await waitForQuiet(pids, { maxMs: 15_000 });
  }
}

/** A step is past saturation when the generator gave up, or the server answered far less than offered. */
function isSaturated(step) {
  return step.saturated || step.achievedRate < 0.9 * step.offeredRate || step.errors > 0;
}

/**
 * Offers each rate in turn (requests/s) until the server saturates; one row per rate.
 * `unitsPerRequest` turns requests into renewals for heartbeat batches.
 */
export async function sweepRates(ctx, target, { label, path, bodiesFile, rates, connections = CONNECTIONS }) {
  const rows = [];
  for (const rate of rates) {
    const step = await measureStep(ctx, target, () =>
      ctx.generator.run('open-loop', { origin: target.url, path, bodiesFile, rate, connections, ...ctx.timing }),
    );
    const saturated = isSaturated(step);
    const row = {
      offered: rate,
      achieved: step.achievedRate,
      p50: step.latency.p50,
      p99: step.latency.p99,
      p999: step.latency.p999,
      max: step.latency.max,
      saturated,
      errors: step.errors,
      non2xx: step.non2xx,
      sendLagMs: step.meanSendLagMs,
      generatorCpu: step.generatorCpu,
      serverEventLoopP99: step.eventLoopDelay?.p99 ?? null,
      serverEventLoopMax: step.eventLoopDelay?.max ?? null,
      serverGc: step.eventLoopDelay?.gc ?? null,
      foreignCores: step.foreignCores,
      stealCores: step.stealCores,
      attempts: step.attempts,
    };
    rows.push(row);
    progress(
      `  ${label} @ ${int(rate)}/s: answered ${int(step.achievedRate)}/s, p50 ${ms(row.p50)}, p99 ${ms(row.p99)}, p99.9 ${ms(row.p999)}` +
        `${row.serverEventLoopP99 !== null ? `, server loop delay p99 ${ms(row.serverEventLoopP99)} max ${ms(row.serverEventLoopMax)}` : ''}` +
        `${row.serverGc ? `, GC ${row.serverGc.count} pauses, longest ${ms(row.serverGc.maxMs)} (full ${ms(row.serverGc.majorMaxMs)})` : ''}, generator CPU ${pct(step.generatorCpu)}, others ${step.foreignCores?.toFixed(2) ?? '-'} cores${saturated ? '  <- saturated' : ''}`,
    );
    if (step.non2xx > 0) progress(`  warning: ${step.non2xx} answers were not 2xx`);
    if (saturated) break;
  }
  return rows;
}

/** The most the server answers with every connection kept busy. */
export async function saturate(ctx, target, { label, path, bodiesFile, connections = CONNECTIONS }) {
  const result = await measureStep(ctx, target, () =>
    ctx.generator.run('closed-loop', { origin: target.url, path, bodiesFile, connections, ...ctx.timing }),
  );
  result.serverMicrosPerRequest = result.serverCores === null ? null : (result.serverCores * 1e6) / result.achievedRate;
  progress(
    `  ${label} saturated (${connections} connections): ${int(result.achievedRate)} req/s, server CPU ${pct(result.serverCores)} = ${int(result.serverMicrosPerRequest)} µs/req, p50 ${ms(result.latency.p50)}, p99 ${ms(result.latency.p99)}, generator CPU ${pct(result.generatorCpu)}, others ${result.foreignCores?.toFixed(2) ?? '-'} cores`,
  );
  if (result.non2xx > 0 || result.errors > 0) progress(`  warning: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

/** The highest offered rate of a sweep that was answered in full with p99 under `limitMs`. */
export function highestRateUnder(rows, limitMs) {
  let best = null;
  for (const row of rows) if (!row.saturated && row.p99 !== null && row.p99 < limitMs) best = row.offered;
  return best;
}

/** The row of a sweep at a given offered rate. */
export function rowAt(rows, rate) {
  return rows.find((row) => row.offered === rate) ?? null;
}

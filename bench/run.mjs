// `pnpm bench`: runs the scenarios against `artemis server` (apps/artemis/dist, built first by
// the root script), each throughput figure beside the ceiling of this machine measured in the
// same run. Progress goes to stderr; the table to stdout; the figures to bench/results/*.json;
// a full run also rewrites the results section of docs/benchmarks.md and its chart.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, USAGE } from './lib/args.mjs';
import { startGenerator } from './lib/generator.mjs';
import { describeMachine } from './lib/machine.mjs';
import { createPinning } from './lib/pinning.mjs';
import { databaseKind } from './lib/database.mjs';
import { elapsedSeconds, progress } from './lib/progress.mjs';
import { writeDocs } from './report/docs.mjs';
import { printTable } from './report/table.mjs';
import { writeResults } from './report/results-file.mjs';
import { scenarios } from './scenarios/index.mjs';

const options = parseArgs(process.argv.slice(2));
// Interrupted, the bench still ends the servers it started (they are ended on 'exit').
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (options.list) {
  for (const s of scenarios) console.log(`${String(s.number).padStart(2)}  ${s.name.padEnd(18)} ${s.title}${s.inQuick ? '' : '  (not in --quick)'}`);
  process.exit(0);
}

const selected = options.scenario !== null ? scenarios.filter((s) => s.name === options.scenario || String(s.number) === options.scenario) : options.quick ? scenarios.filter((s) => s.inQuick) : scenarios;
if (selected.length === 0) {
  console.error(`no scenario named ${options.scenario}; try --list`);
  process.exit(2);
}

const pinning = createPinning(options.pin);
// The bench process itself sends setup traffic: keep it off the server's core too.
if (pinning.active) execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
const machine = describeMachine(pinning);
function openToOthers(dir) {
  chmodSync(dir, 0o755);
  return dir;
}

const ctx = {
  quick: options.quick,
  // Cores other programs may take during a step before it is measured again (unless --no-retry
  // or --quick: then the disturbance is only recorded).
  foreignLimit: options.retry ? 0.15 : Number.POSITIVE_INFINITY,
  pinning,
  // Readable by others: a root-run bench's nodes run their embedded Postgres as an unprivileged user.
  tmpDir: openToOthers(mkdtempSync(join(tmpdir(), 'artemis-bench-'))),
  // Each load step: warm-up (sent, not counted), then the measured window.
  timing: options.quick ? { warmupMs: 300, durationMs: 900 } : { warmupMs: 1000, durationMs: 4000 },
  database: databaseKind(),
  // Run once the bench is over (databases to drop).
  cleanups: [],
};
progress(`machine: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; ${machine.pinning}`);
progress(`management database of each node: ${ctx.database === 'postgres' ? 'a fresh database on the local Postgres' : 'its own embedded Postgres in a fresh data directory (no local Postgres answered)'}`);
progress(`mode: ${options.quick ? 'quick' : options.scenario !== null ? 'one scenario' : 'full'}; ${selected.length} scenario(s); ${options.retry ? 'disturbed steps measured again' : 'disturbed steps recorded, not measured again'}`);
ctx.generator = startGenerator(ctx);

const results = [];
try {
  for (const [index, scenario] of selected.entries()) {
    progress(`[${index + 1}/${selected.length}] ${scenario.number}. ${scenario.name}: ${scenario.title}`);
    const started = performance.now();
    let result;
    try {
      result = await scenario.run(ctx);
    } catch (error) {
      progress(`  failed: ${error.stack ?? error}`);
      result = { failed: String(error.message ?? error), figures: [] };
    }
    if (result.skipped) progress(`  skipped: ${result.skipped}`);
    results.push({ number: scenario.number, name: scenario.name, title: scenario.title, seconds: (performance.now() - started) / 1000, ...result });
  }
} finally {
  await ctx.generator.stop();
  for (const cleanup of ctx.cleanups) {
    try {
      cleanup();
    } catch (error) {
      progress(`  cleanup failed: ${error.message}`);
    }
  }
  rmSync(ctx.tmpDir, { recursive: true, force: true });
}

const run = { machine, retry: options.retry, mode: options.quick ? 'quick' : options.scenario !== null ? `scenario ${options.scenario}` : 'full', seconds: elapsedSeconds(), scenarios: results };
printTable(run);
const file = writeResults(run);
progress(`figures written to ${file}`);
if (options.docs) progress(`docs written: ${writeDocs(run).join(', ')}`);
progress(`bench took ${elapsedSeconds().toFixed(0)} s`);
if (results.some((r) => r.failed)) process.exitCode = 1;

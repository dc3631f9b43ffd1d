// Scenario 1: register 100,000 instances (10,000 services x 10) in batches of 1,000; the
// node's RSS and V8 heap after a full GC; then RSS once every service has been read (the
// served bodies are cached, which is memory the node really holds while serving).
import { startArtemis } from '../lib/artemis-node.mjs';
import { figure, goal } from '../lib/figures.mjs';
import { allInstances, getServiceBody, SERVICES } from '../lib/fixtures.mjs';
import { int, mib } from '../lib/format.mjs';
import { leaseCount, postJson, registerAll } from '../lib/http.mjs';
import { embeddedPostgresPssBytes, rssBytes } from '../lib/proc.mjs';
import { progress } from '../lib/progress.mjs';

const MiB = 1024 * 1024;
const RSS_GOAL_MIB = 300;
const REGISTER_GOAL_S = 5;

async function memoryAfterGc(node) {
  const usage = await node.ask('memory', { gc: true });
  return { rss: rssBytes(node.pid), heapUsed: usage.heapUsed, external: usage.external };
}

export default {
  name: 'register-100k',
  number: 1,
  title: 'Register 100,000 instances; memory',
  inQuick: true,
  async run(ctx) {
    const main = await mainFigures(ctx);
    const embedded = await embeddedFigures(ctx, allInstances());
    return { figures: [...main.figures, ...embedded.figures], notes: [...main.notes, ...embedded.notes] };
  },
};

/** A node on the run's database: registration speed and memory. */
async function mainFigures(ctx) {
  const node = await startArtemis(ctx);
  try {
    const atStart = await memoryAfterGc(node);
    const instances = allInstances();
    const registerMs = await registerAll(node.url, instances);
    const leases = await leaseCount(node.url);
    if (leases !== instances.length) throw new Error(`the node holds ${leases} leases, expected ${instances.length}`);
    const seconds = registerMs / 1000;
    progress(`  registered ${int(instances.length)} instances in ${seconds.toFixed(2)} s (${int(instances.length / seconds)}/s)`);
    const registered = await memoryAfterGc(node);
    progress(`  after GC: RSS ${mib(registered.rss)}, heap used ${mib(registered.heapUsed)}`);
    // Read every service once, as a fleet of clients would, so that its served body is cached.
    const pending = [];
    for (let s = 0; s < SERVICES; s++) {
      pending.push(postJson(node.url, '/api/discovery/service.json', getServiceBody(s)));
      if (pending.length >= 8) await pending.shift();
    }
    await Promise.all(pending);
    const served = await memoryAfterGc(node);
    progress(`  after reading every service once: RSS ${mib(served.rss)}, heap used ${mib(served.heapUsed)}`);
    const worstRss = Math.max(registered.rss, served.rss) / MiB;
    return {
      figures: [
        figure('register 100,000 instances (batches of 1,000, 4 in flight)', seconds, 's', { goal: goal(`<= ${REGISTER_GOAL_S} s`, seconds <= REGISTER_GOAL_S) }),
        figure('register rate', instances.length / seconds, 'instances/s'),
        figure('RSS of an empty node (after GC)', atStart.rss / MiB, 'MiB'),
        figure('RSS with 100,000 instances (after GC)', registered.rss / MiB, 'MiB', { goal: goal(`<= ${RSS_GOAL_MIB} MB`, registered.rss / MiB <= RSS_GOAL_MIB) }),
        figure('V8 heap used with 100,000 instances (after GC)', registered.heapUsed / MiB, 'MiB'),
        figure('RSS after every service was read once (bodies cached, after GC)', served.rss / MiB, 'MiB', {
          goal: goal(`<= ${RSS_GOAL_MIB} MB`, served.rss / MiB <= RSS_GOAL_MIB),
        }),
        figure('V8 heap used after every service was read once (after GC)', served.heapUsed / MiB, 'MiB'),
      ],
      notes: [`Worst RSS seen: ${worstRss.toFixed(1)} MiB.`],
    };
  } finally {
    await node.stop();
  }
}

/**
 * The whole node with the embedded database, the default of `pnpm start`: the node's RSS plus
 * the PSS of its Postgres processes (shared pages split among them), empty and with 100,000
 * instances.
 */
async function embeddedFigures(ctx, instances) {
  const node = ctx.database === 'embedded' ? null : await startArtemis(ctx, { database: 'embedded' });
  if (node === null) return { figures: [], notes: ['The node above already ran on its embedded database (no local Postgres answered).'] };
  try {
    const whole = async () => {
      const { rss } = await memoryAfterGc(node);
      const postgres = embeddedPostgresPssBytes(node.dataDir);
      return { node: rss, postgres, total: rss + postgres };
    };
    const empty = await whole();
    await registerAll(node.url, instances);
    const full = await whole();
    progress(`  embedded database: node RSS ${mib(full.node)} + Postgres PSS ${mib(full.postgres)} = ${mib(full.total)} with ${int(instances.length)} instances (${mib(empty.total)} empty)`);
    return {
      figures: [
        figure('whole node on its embedded database, empty: node RSS + Postgres PSS', empty.total / MiB, 'MiB'),
        figure('whole node on its embedded database, 100,000 instances: node RSS + Postgres PSS', full.total / MiB, 'MiB', {
          goal: goal(`<= ${RSS_GOAL_MIB} MiB`, full.total / MiB <= RSS_GOAL_MIB),
        }),
      ],
      notes: [`Embedded database with 100,000 instances: node RSS ${mib(full.node)}, Postgres PSS ${mib(full.postgres)} (postmaster and its children).`],
    };
  } finally {
    await node.stop();
  }
}

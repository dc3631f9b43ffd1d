// A node holding the full registry (100,000 instances), the starting point of most scenarios.
import { startArtemis } from './artemis-node.mjs';
import { allInstances, getServiceBodies } from './fixtures.mjs';
import { bodiesFile } from './generator.mjs';
import { registerAll } from './http.mjs';
import { progress } from './progress.mjs';

/**
 * Leases that outlive any scenario: with the default 20 s TTL and nothing renewing them, the
 * 100,000 leases of a read scenario would expire in the middle of its measurements. Renewal
 * costs the same whatever the TTL, so the heartbeat scenario keeps it too.
 */
const LONG_TTL_MS = String(60 * 60 * 1000);

export async function startLoadedNode(ctx, options = {}) {
  return loadRegistry(await startArtemis(ctx, { ...options, env: { ARTEMIS_LEASE__TTL_MS: LONG_TTL_MS, ...options.env } }));
}

/** Registers the 100,000 instances into a started node. */
export async function loadRegistry(node) {
  try {
    const ms = await registerAll(node.url, allInstances());
    progress(`  artemis ${node.url} (pid ${node.pid}) holds 100,000 instances (registered in ${(ms / 1000).toFixed(1)} s)`);
    // Collect the registration's garbage now, so that its major GC does not land in the first step.
    await node.ask('memory', { gc: true });
    return node;
  } catch (error) {
    await node.stop();
    throw error;
  }
}

/**
 * Brings a loaded node to its steady state before measuring: every service read (so its served
 * body is cached, as on a node that has been serving a while), the code warmed by the JIT, the
 * garbage of all that collected.
 */
export async function warmUp(ctx, node) {
  const services = getServiceBodies();
  ctx.warmUpBodies ??= bodiesFile(ctx, 'warm-up', services);
  // 1.5 s reads every service on a quiet machine; on a loaded one it may not, and the services
  // left unread would be built during the measurement. Each run starts at the first body, so a
  // short one is followed by one long enough to reach them all.
  let durationMs = 1500;
  for (let attempt = 0; attempt < 3; attempt++) {
    const run = await ctx.generator.run('closed-loop', { origin: node.url, path: '/api/discovery/service.json', bodiesFile: ctx.warmUpBodies, connections: 16, warmupMs: 0, durationMs });
    const read = (run.achievedRate * durationMs) / 1000;
    if (read >= services.length) break;
    durationMs = Math.min(20_000, Math.ceil((durationMs * services.length * 1.2) / Math.max(read, 1)));
  }
  await node.ask('memory', { gc: true });
}

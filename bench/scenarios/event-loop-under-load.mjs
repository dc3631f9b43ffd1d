// Scenario 9: the event-loop delay inside the node while it serves a steady heartbeat load and a
// steady discovery load (open loop, fixed rates well under saturation), each on its own, then
// both at once.
import { figure } from '../lib/figures.mjs';
import { getServiceBodies, heartbeatBodies } from '../lib/fixtures.mjs';
import { bodiesFile } from '../lib/generator.mjs';
import { measureStep } from '../lib/load-steps.mjs';
import { startLoadedNode, warmUp } from '../lib/loaded-node.mjs';
import { ms } from '../lib/format.mjs';
import { progress } from '../lib/progress.mjs';

const HEARTBEAT_RATE = 1_000; // batches of 100: 100,000 renewals/s
const DISCOVERY_RATE = 5_000;

export default {
  name: 'event-loop',
  number: 9,
  title: 'Event-loop delay during heartbeat and discovery loads',
  inQuick: false,
  async run(ctx) {
    const heartbeat = { path: '/api/registry/heartbeat.json', bodiesFile: bodiesFile(ctx, 'eld-heartbeat', heartbeatBodies(100)), rate: HEARTBEAT_RATE };
    const discovery = { path: '/api/discovery/service.json', bodiesFile: bodiesFile(ctx, 'eld-discovery', getServiceBodies()), rate: DISCOVERY_RATE };
    const node = await startLoadedNode(ctx);
    const figures = [];
    try {
      await warmUp(ctx, node);
      const load = (job) => ctx.generator.run('open-loop', { origin: node.url, connections: 16, ...ctx.timing, ...job });
      for (const [label, jobs] of [
        [`heartbeat, ${HEARTBEAT_RATE.toLocaleString('en-US')} batches of 100/s`, [heartbeat]],
        [`getService, ${DISCOVERY_RATE.toLocaleString('en-US')} req/s`, [discovery]],
        ['both at once', [heartbeat, discovery]],
      ]) {
        const step = await measureStep(ctx, node, async () => {
          const results = await Promise.all(jobs.map(load));
          return { results };
        });
        const delay = step.eventLoopDelay;
        const p99s = step.results.map((r) => ms(r.latency.p99)).join(' / ');
        progress(`  ${label}: event-loop delay p50 ${ms(delay.p50)}, p99 ${ms(delay.p99)}, max ${ms(delay.max)}; request p99 ${p99s}`);
        figures.push(figure(`event-loop delay p99, ${label}`, delay.p99, 'ms', { note: `max ${delay.max.toFixed(1)} ms; request p99 ${p99s}` }));
      }
    } finally {
      await node.stop();
    }
    return { figures, notes: ['"both at once": two generator jobs in the same generator process, on the same core.'] };
  },
};

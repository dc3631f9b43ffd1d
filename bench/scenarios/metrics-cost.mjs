// Scenario 11: what Prometheus metrics cost the hot paths. Two loaded nodes, one with metrics
// (the default) and one started with ARTEMIS_METRICS__ENABLED=false, both up at once; getService
// and heartbeat batches saturated on each in turn, alternating, so that drift of the machine
// falls on both alike. Figures: the rate with metrics beside the rate without (the "ceiling"
// column), and the server CPU per request of each.
import { figure, goal } from '../lib/figures.mjs';
import { getServiceBodies, heartbeatBodies } from '../lib/fixtures.mjs';
import { bodiesFile } from '../lib/generator.mjs';
import { saturate } from '../lib/load-steps.mjs';
import { startLoadedNode, warmUp } from '../lib/loaded-node.mjs';

const LOADS = [
  { key: 'get-service', label: 'getService', path: '/api/discovery/service.json' },
  { key: 'heartbeat', label: 'heartbeat x100', path: '/api/registry/heartbeat.json' },
];
/** Alternating rounds per load: on, off, on, off... (the best round of each side counts). */
const FULL_ROUNDS = 3;
const QUICK_ROUNDS = 2;
const GOAL_GAP = 0.05;

const best = (results) => results.reduce((a, b) => (b.achievedRate > a.achievedRate ? b : a));

export default {
  name: 'metrics-cost',
  number: 11,
  title: 'Metrics on vs off: getService and heartbeat saturated',
  inQuick: false,
  async run(ctx) {
    const files = { 'get-service': bodiesFile(ctx, 'get-service', getServiceBodies()), heartbeat: bodiesFile(ctx, 'heartbeat-100', heartbeatBodies(100)) };
    const on = await startLoadedNode(ctx);
    let off;
    try {
      off = await startLoadedNode(ctx, { env: { ARTEMIS_METRICS__ENABLED: 'false' } });
    } catch (error) {
      await on.stop();
      throw error;
    }
    const measured = {};
    try {
      await warmUp(ctx, on);
      await warmUp(ctx, off);
      const rounds = ctx.quick ? QUICK_ROUNDS : FULL_ROUNDS;
      for (const load of LOADS) {
        measured[load.key] = { on: [], off: [] };
        for (let round = 0; round < rounds; round++) {
          const step = { path: load.path, bodiesFile: files[load.key] };
          measured[load.key].on.push(await saturate(ctx, on, { ...step, label: `metrics on: ${load.label}` }));
          measured[load.key].off.push(await saturate(ctx, off, { ...step, label: `metrics off: ${load.label}` }));
        }
      }
    } finally {
      await on.stop();
      await off.stop();
    }
    const figures = [];
    for (const load of LOADS) {
      const withMetrics = best(measured[load.key].on);
      const without = best(measured[load.key].off);
      const gap = 1 - withMetrics.achievedRate / without.achievedRate;
      figures.push(
        figure(`${load.label} saturated, metrics on (ceiling column: off)`, withMetrics.achievedRate, 'req/s', {
          ceiling: without.achievedRate,
          goal: goal(`< ${GOAL_GAP * 100} % apart`, Math.abs(gap) < GOAL_GAP),
        }),
        figure(`${load.label} server CPU per request, metrics on (ceiling column: off)`, withMetrics.serverMicrosPerRequest ?? NaN, 'µs', { ceiling: without.serverMicrosPerRequest }),
      );
    }
    return {
      figures,
      notes: [
        'Both nodes hold the same 100,000 instances and run at once; each load is saturated on each node in alternating rounds, and the best round of each side is shown. The "ceiling" column here is the same node without metrics, not the bare HTTP ceiling.',
      ],
    };
  },
};

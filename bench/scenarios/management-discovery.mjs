// Management scenario: what route rules cost discovery. getService of the services that carry
// one (the first 1,000 of the 10,000), saturated, first with no management data, then with
// 1,000 groups and 1,000 active route rules in the node's snapshot. Figures: both saturated
// rates, the server CPU time per request of each, and their ratio.
import { figure } from '../lib/figures.mjs';
import { getServiceBody } from '../lib/fixtures.mjs';
import { bodiesFile } from '../lib/generator.mjs';
import { saturate } from '../lib/load-steps.mjs';
import { startLoadedNode, warmUp } from '../lib/loaded-node.mjs';
import { seedRouteRules } from '../lib/management.mjs';
import { progress } from '../lib/progress.mjs';

const PATH = '/api/discovery/service.json';
const RULES = 1_000;

export default {
  name: 'management-discovery',
  number: 11,
  title: 'getService with 1,000 groups and route rules vs none',
  inQuick: false,
  async run(ctx) {
    const file = bodiesFile(ctx, 'management-discovery', Array.from({ length: RULES }, (_, s) => getServiceBody(s)));
    const node = await startLoadedNode(ctx);
    try {
      await warmUp(ctx, node);
      const bare = await saturate(ctx, node, { label: 'getService, no management data', path: PATH, bodiesFile: file });
      const started = performance.now();
      await seedRouteRules(node.url, RULES);
      progress(`  ${RULES} route rules with one group each created and released in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      await warmUp(ctx, node);
      const ruled = await saturate(ctx, node, { label: `getService, ${RULES} route rules`, path: PATH, bodiesFile: file });
      return {
        figures: [
          figure('getService saturated, no management data', bare.achievedRate, 'req/s'),
          figure(`getService saturated, ${RULES.toLocaleString('en-US')} groups and route rules`, ruled.achievedRate, 'req/s', { note: `${((ruled.achievedRate / bare.achievedRate) * 100).toFixed(0)} % of the rate without` }),
          figure('server CPU per getService, no management data', bare.serverMicrosPerRequest ?? NaN, 'µs'),
          figure(`server CPU per getService, ${RULES.toLocaleString('en-US')} route rules`, ruled.serverMicrosPerRequest ?? NaN, 'µs'),
          figure('getService p99 saturated, with route rules', ruled.latency.p99 ?? NaN, 'ms'),
        ],
        notes: [`Each request reads one of the ${RULES} services that carry a rule (one active group, weight 100); the registry holds 100,000 instances. Both runs are on the same node, before and after the rules were written.`],
      };
    } finally {
      await node.stop();
    }
  },
};

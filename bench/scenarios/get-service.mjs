// Scenario 4: getService of a 10-instance service (out of 10,000) at rising offered rates until
// saturation, against artemis and against the ceiling serving the same bytes; then both
// saturated. Figures: p50/p99/p99.9 per rate, the highest rate with p99 < 10 ms, the ratio of
// the saturated rates.
import { captureResponse, startCeiling } from '../lib/ceiling.mjs';
import { figure, goal } from '../lib/figures.mjs';
import { getServiceBodies } from '../lib/fixtures.mjs';
import { bodiesFile } from '../lib/generator.mjs';
import { highestRateUnder, rowAt, saturate, sweepRates } from '../lib/load-steps.mjs';
import { startLoadedNode, warmUp } from '../lib/loaded-node.mjs';
import { pairedWrk, wrkFigure } from '../lib/wrk.mjs';

const PATH = '/api/discovery/service.json';
const FULL_RATES = [1_000, 2_500, 5_000, 7_500, 10_000, 12_500, 15_000, 17_500, 20_000, 22_500, 25_000, 30_000, 35_000, 40_000, 50_000];
const QUICK_RATES = [5_000, 10_000, 20_000, 30_000];
const GOAL_RATE = 5_000;

export default {
  name: 'get-service',
  number: 4,
  title: 'getService at rising offered rates',
  inQuick: true,
  async run(ctx) {
    const bodies = getServiceBodies();
    const file = bodiesFile(ctx, 'get-service', bodies);
    const rates = ctx.quick ? QUICK_RATES : FULL_RATES;
    const node = await startLoadedNode(ctx);
    await warmUp(ctx, node);
    let ours;
    let ourMax;
    let bare;
    let bareMax;
    let wrk;
    const sample = await captureResponse(node.url, PATH, bodies[0]);
    // The ceiling is up beside the node, so that wrk can measure the two in alternated rounds.
    const ceiling = await startCeiling(ctx, { [PATH]: sample });
    try {
      try {
        ours = await sweepRates(ctx, node, { label: 'artemis getService', path: PATH, bodiesFile: file, rates });
        ourMax = await saturate(ctx, node, { label: 'artemis getService', path: PATH, bodiesFile: file });
        wrk = await pairedWrk(ctx, node, ceiling, { label: 'getService', path: PATH, bodiesFile: file });
      } finally {
        await node.stop();
      }
      bare = await sweepRates(ctx, ceiling, { label: 'ceiling', path: PATH, bodiesFile: file, rates });
      bareMax = await saturate(ctx, ceiling, { label: 'ceiling', path: PATH, bodiesFile: file });
    } finally {
      await ceiling.stop();
    }
    const atGoal = rowAt(ours, GOAL_RATE);
    const under10 = highestRateUnder(ours, 10);
    const bareUnder10 = highestRateUnder(bare, 10);
    const ratio = ourMax.achievedRate / bareMax.achievedRate;
    return {
      figures: [
        figure('getService saturated (16 connections)', ourMax.achievedRate, 'req/s', { ceiling: bareMax.achievedRate, goal: goal('>= 70 % of the ceiling', ratio >= 0.7) }),
        ...wrkFigure('getService', wrk),
        figure(`getService p50 at ${GOAL_RATE.toLocaleString('en-US')} req/s`, atGoal?.p50 ?? NaN, 'ms', { ceiling: rowAt(bare, GOAL_RATE)?.p50 ?? null }),
        figure(`getService p99 at ${GOAL_RATE.toLocaleString('en-US')} req/s`, atGoal?.p99 ?? NaN, 'ms', {
          ceiling: rowAt(bare, GOAL_RATE)?.p99 ?? null,
          goal: goal('< 5 ms', atGoal !== null && !atGoal.saturated && atGoal.p99 < 5),
        }),
        figure(`getService p99.9 at ${GOAL_RATE.toLocaleString('en-US')} req/s`, atGoal?.p999 ?? NaN, 'ms', { ceiling: rowAt(bare, GOAL_RATE)?.p999 ?? null }),
        figure('highest offered rate with p99 < 10 ms', under10 ?? 0, 'req/s', { ceiling: bareUnder10 }),
        figure('getService response size', sample.body.length, 'bytes'),
      ],
      curves: { 'get-service': { unit: 'req/s', artemis: ours, ceiling: bare } },
      notes: [
        `Rates offered: ${rates.map((r) => r.toLocaleString('en-US')).join(', ')} req/s, each for ${ctx.timing.durationMs / 1000} s after ${ctx.timing.warmupMs / 1000} s of warm-up; a sweep stops at the first saturated rate.`,
      ],
    };
  },
};

// Scenario 5: lookup of 10 services per request: saturated requests/s, and p99 at a fixed
// offered rate; both beside the ceiling answering the same bytes.
import { captureResponse, startCeiling } from '../lib/ceiling.mjs';
import { figure } from '../lib/figures.mjs';
import { lookupBodies } from '../lib/fixtures.mjs';
import { bodiesFile } from '../lib/generator.mjs';
import { saturate, sweepRates } from '../lib/load-steps.mjs';
import { startLoadedNode, warmUp } from '../lib/loaded-node.mjs';
import { saturateWrk, wrkFigure } from '../lib/wrk.mjs';

const PATH = '/api/discovery/lookup.json';
const PER_REQUEST = 10;
const FIXED_RATE = 2_000;

export default {
  name: 'lookup',
  number: 5,
  title: 'lookup of 10 services per request',
  inQuick: false,
  async run(ctx) {
    const bodies = lookupBodies(PER_REQUEST);
    const file = bodiesFile(ctx, 'lookup', bodies);
    const node = await startLoadedNode(ctx);
    await warmUp(ctx, node);
    let sample;
    let ours;
    let ourMax;
    let ourWrk;
    try {
      sample = await captureResponse(node.url, PATH, bodies[0]);
      if (!sample.body.toString().includes('"success"')) throw new Error('lookup did not succeed');
      [ours] = await sweepRates(ctx, node, { label: 'artemis lookup x10', path: PATH, bodiesFile: file, rates: [FIXED_RATE] });
      ourMax = await saturate(ctx, node, { label: 'artemis lookup x10', path: PATH, bodiesFile: file });
      ourWrk = await saturateWrk(ctx, node, { label: 'artemis lookup x10', path: PATH, bodiesFile: file });
    } finally {
      await node.stop();
    }
    const ceiling = await startCeiling(ctx, { [PATH]: sample });
    let bare;
    let bareMax;
    let bareWrk;
    try {
      [bare] = await sweepRates(ctx, ceiling, { label: 'ceiling lookup x10', path: PATH, bodiesFile: file, rates: [FIXED_RATE] });
      bareMax = await saturate(ctx, ceiling, { label: 'ceiling lookup x10', path: PATH, bodiesFile: file });
      bareWrk = await saturateWrk(ctx, ceiling, { label: 'ceiling lookup x10', path: PATH, bodiesFile: file });
    } finally {
      await ceiling.stop();
    }
    return {
      figures: [
        figure('lookup x10 saturated (16 connections)', ourMax.achievedRate, 'req/s', { ceiling: bareMax.achievedRate }),
        ...wrkFigure('lookup x10', ourWrk, bareWrk),
        figure(`lookup x10 p99 at ${FIXED_RATE.toLocaleString('en-US')} req/s`, ours.p99, 'ms', { ceiling: bare.p99 }),
        figure(`lookup x10 p50 at ${FIXED_RATE.toLocaleString('en-US')} req/s`, ours.p50, 'ms', { ceiling: bare.p50 }),
        figure('lookup x10 response size', sample.body.length, 'bytes'),
      ],
    };
  },
};

// Scenario 5: lookup of 10 services per request: saturated requests/s, and p99 at a fixed
// offered rate; both beside the ceiling answering the same bytes.
import { captureResponse, startCeiling } from '../lib/ceiling.mjs';
import { figure } from '../lib/figures.mjs';
import { lookupBodies } from '../lib/fixtures.mjs';
import { bodiesFile } from '../lib/generator.mjs';
import { saturate, sweepRates } from '../lib/load-steps.mjs';
import { startLoadedNode, warmUp } from '../lib/loaded-node.mjs';
import { pairedWrk, wrkFigure } from '../lib/wrk.mjs';

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
    let ours;
    let ourMax;
    let bare;
    let bareMax;
    let wrk;
    const sample = await captureResponse(node.url, PATH, bodies[0]);
    if (!sample.body.toString().includes('"success"')) throw new Error('lookup did not succeed');
    // The ceiling is up beside the node, so that wrk can measure the two in alternated rounds.
    const ceiling = await startCeiling(ctx, { [PATH]: sample });
    try {
      try {
        [ours] = await sweepRates(ctx, node, { label: 'artemis lookup x10', path: PATH, bodiesFile: file, rates: [FIXED_RATE] });
        ourMax = await saturate(ctx, node, { label: 'artemis lookup x10', path: PATH, bodiesFile: file });
        wrk = await pairedWrk(ctx, node, ceiling, { label: 'lookup x10', path: PATH, bodiesFile: file });
      } finally {
        await node.stop();
      }
      [bare] = await sweepRates(ctx, ceiling, { label: 'ceiling lookup x10', path: PATH, bodiesFile: file, rates: [FIXED_RATE] });
      bareMax = await saturate(ctx, ceiling, { label: 'ceiling lookup x10', path: PATH, bodiesFile: file });
    } finally {
      await ceiling.stop();
    }
    return {
      figures: [
        figure('lookup x10 saturated (16 connections)', ourMax.achievedRate, 'req/s', { ceiling: bareMax.achievedRate }),
        ...wrkFigure('lookup x10', wrk),
        figure(`lookup x10 p99 at ${FIXED_RATE.toLocaleString('en-US')} req/s`, ours.p99, 'ms', { ceiling: bare.p99 }),
        figure(`lookup x10 p50 at ${FIXED_RATE.toLocaleString('en-US')} req/s`, ours.p50, 'ms', { ceiling: bare.p50 }),
        figure('lookup x10 response size', sample.body.length, 'bytes'),
      ],
    };
  },
};

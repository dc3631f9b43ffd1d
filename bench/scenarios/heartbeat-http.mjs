// Scenario 2: heartbeats over HTTP. Batches of 100 instance keys at rising offered rates until
// saturation, then saturated (renewals/s = requests/s x 100); a full-instance batch (what the
// Java client sends) saturated; a single key saturated and at a fixed rate. Every load also
// against the ceiling answering the same bytes.
import { captureResponse, startCeiling } from '../lib/ceiling.mjs';
import { figure, goal } from '../lib/figures.mjs';
import { heartbeatBodies } from '../lib/fixtures.mjs';
import { bodiesFile } from '../lib/generator.mjs';
import { rowAt, saturate, sweepRates } from '../lib/load-steps.mjs';
import { startLoadedNode, warmUp } from '../lib/loaded-node.mjs';
import { progress } from '../lib/progress.mjs';
import { pairedWrk, wrkFigure } from '../lib/wrk.mjs';

const PATH = '/api/registry/heartbeat.json';
const BATCH = 100;
/** Offered batch rates (requests/s); x 100 renewals. */
const FULL_RATES = [250, 500, 1_000, 1_500, 2_000, 2_500, 3_000, 3_500, 4_000, 5_000, 6_000, 8_000];
const QUICK_RATES = [1_000, 2_000, 3_000, 4_000];
const SINGLE_RATE = 5_000;
const GOAL_RENEWALS = 200_000;

function checkSuccess(response, what) {
  const text = response.body.toString('utf8');
  if (response.status !== 200 || !text.includes('"failedInstances":null')) throw new Error(`${what} did not succeed: ${text.slice(0, 300)}`);
}

export default {
  name: 'heartbeat-http',
  number: 2,
  title: 'Heartbeat over HTTP: batches of 100 keys, and single keys',
  inQuick: true,
  async run(ctx) {
    const batches = heartbeatBodies(BATCH);
    const fullBatches = heartbeatBodies(BATCH, { full: true });
    const singles = heartbeatBodies(1, { count: 10_000 });
    const files = { batches: bodiesFile(ctx, 'heartbeat-100', batches), full: bodiesFile(ctx, 'heartbeat-100-full', fullBatches), singles: bodiesFile(ctx, 'heartbeat-1', singles) };
    const rates = ctx.quick ? QUICK_RATES : FULL_RATES;
    const node = await startLoadedNode(ctx);
    await warmUp(ctx, node);
    const ours = {};
    const bare = {};
    const samples = {};
    samples.batch = await captureResponse(node.url, PATH, batches[0]);
    checkSuccess(samples.batch, 'a heartbeat batch');
    checkSuccess(await captureResponse(node.url, PATH, fullBatches[0]), 'a full-instance heartbeat batch');
    samples.single = await captureResponse(node.url, PATH, singles[0]);
    checkSuccess(samples.single, 'a single heartbeat');
    progress(`  request bodies: batch of ${BATCH} keys ${batches[0].length} B, of ${BATCH} full instances ${fullBatches[0].length} B, single key ${singles[0].length} B`);
    // The same response bytes for every batch: a successful heartbeat answers the same whatever it
    // renewed. The ceiling is up beside the node, so that wrk can measure the two in alternated rounds.
    const ceiling = await startCeiling(ctx, { [PATH]: samples.batch });
    try {
      try {
        ours.sweep = await sweepRates(ctx, node, { label: `artemis heartbeat x${BATCH}`, path: PATH, bodiesFile: files.batches, rates });
        ours.batch = await saturate(ctx, node, { label: `artemis heartbeat x${BATCH}`, path: PATH, bodiesFile: files.batches });
        // A quick run keeps to the batch of keys and the single key.
        if (!ctx.quick) ours.full = await saturate(ctx, node, { label: `artemis heartbeat x${BATCH} full instances`, path: PATH, bodiesFile: files.full });
        ours.single = await saturate(ctx, node, { label: 'artemis heartbeat x1', path: PATH, bodiesFile: files.singles });
        ours.wrkBatch = await pairedWrk(ctx, node, ceiling, { label: `heartbeat x${BATCH}`, path: PATH, bodiesFile: files.batches });
        ours.wrkSingle = await pairedWrk(ctx, node, ceiling, { label: 'heartbeat x1', path: PATH, bodiesFile: files.singles });
        [ours.singleAtRate] = await sweepRates(ctx, node, { label: 'artemis heartbeat x1', path: PATH, bodiesFile: files.singles, rates: [SINGLE_RATE] });
      } finally {
        await node.stop();
      }
      bare.sweep = await sweepRates(ctx, ceiling, { label: `ceiling heartbeat x${BATCH}`, path: PATH, bodiesFile: files.batches, rates });
      bare.batch = await saturate(ctx, ceiling, { label: `ceiling heartbeat x${BATCH}`, path: PATH, bodiesFile: files.batches });
      if (!ctx.quick) bare.full = await saturate(ctx, ceiling, { label: `ceiling heartbeat x${BATCH} full instances`, path: PATH, bodiesFile: files.full });
      bare.single = await saturate(ctx, ceiling, { label: 'ceiling heartbeat x1', path: PATH, bodiesFile: files.singles });
      [bare.singleAtRate] = await sweepRates(ctx, ceiling, { label: 'ceiling heartbeat x1', path: PATH, bodiesFile: files.singles, rates: [SINGLE_RATE] });
    } finally {
      await ceiling.stop();
    }
    const renewals = ours.batch.achievedRate * BATCH;
    const scale = (rows) => rows.map((row) => ({ ...row, offered: row.offered * BATCH, achieved: row.achieved * BATCH }));
    return {
      figures: [
        figure(`renewals/s, batches of ${BATCH} keys, saturated`, renewals, 'renewals/s', {
          ceiling: bare.batch.achievedRate * BATCH,
          goal: goal(`>= ${GOAL_RENEWALS.toLocaleString('en-US')} renewals/s`, renewals >= GOAL_RENEWALS),
        }),
        ...wrkFigure(`renewals/s, batches of ${BATCH} keys`, ours.wrkBatch, { unit: 'renewals/s', scale: BATCH }),
        figure(`batch of ${BATCH} keys: p50 / p99 when saturated`, ours.batch.latency.p50, 'ms', { ceiling: bare.batch.latency.p50, note: `p99 ${ours.batch.latency.p99.toFixed(2)} ms (ceiling ${bare.batch.latency.p99.toFixed(2)} ms)` }),
        figure(`batch of ${BATCH} keys: p99 at 1,000 batches/s (100,000 renewals/s)`, rowAt(ours.sweep, 1_000)?.p99 ?? NaN, 'ms', { ceiling: rowAt(bare.sweep, 1_000)?.p99 ?? null }),
        ...(ours.full ? [figure(`renewals/s, batches of ${BATCH} full instances, saturated`, ours.full.achievedRate * BATCH, 'renewals/s', { ceiling: bare.full.achievedRate * BATCH })] : []),
        figure('single-key heartbeats, saturated', ours.single.achievedRate, 'req/s', { ceiling: bare.single.achievedRate }),
        ...wrkFigure('single-key heartbeats', ours.wrkSingle),
        figure(`single key: p50 at ${SINGLE_RATE.toLocaleString('en-US')} req/s`, ours.singleAtRate.p50, 'ms', { ceiling: bare.singleAtRate.p50 }),
        figure(`single key: p99 at ${SINGLE_RATE.toLocaleString('en-US')} req/s`, ours.singleAtRate.p99, 'ms', { ceiling: bare.singleAtRate.p99 }),
      ],
      curves: { heartbeat: { unit: 'renewals/s', artemis: scale(ours.sweep), ceiling: scale(bare.sweep) } },
      notes: [
        `Bodies: ${BATCH} keys ${batches[0].length} B; ${BATCH} full instances ${fullBatches[0].length} B; one key ${singles[0].length} B. The 1,000 batches cover all 100,000 leases in turn.`,
      ],
    };
  },
};

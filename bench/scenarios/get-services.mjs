// Scenario 6: getServices at 100,000 instances (the whole registry in one answer): latency of
// sequential reads and bytes, plain and gzipped, beside the ceiling returning the same bytes;
// then services-delta right after one change, and the event-loop stall while the snapshot is
// built (first build, and again after one change).
import { captureResponse, startCeiling } from '../lib/ceiling.mjs';
import { figure } from '../lib/figures.mjs';
import { instance } from '../lib/fixtures.mjs';
import { bodiesFile } from '../lib/generator.mjs';
import { postJson } from '../lib/http.mjs';
import { saturate } from '../lib/load-steps.mjs';
import { startLoadedNode } from '../lib/loaded-node.mjs';
import { percentiles } from '../lib/stats.mjs';
import { ms } from '../lib/format.mjs';
import { progress } from '../lib/progress.mjs';

const PATH = '/api/discovery/services.json';
const DELTA_PATH = '/api/discovery/services-delta.json';
const BODY = JSON.stringify({ regionId: 'default', zoneId: 'default' });

export default {
  name: 'get-services',
  number: 6,
  title: 'getServices at 100,000 instances; services-delta after one change',
  inQuick: true,
  async run(ctx) {
    const file = bodiesFile(ctx, 'get-services', [BODY]);
    const node = await startLoadedNode(ctx);
    let sample;
    let first;
    let ours;
    let gzipFirst;
    let gzipCached;
    const deltaLatencies = [];
    let deltaBytes = 0;
    let firstStall;
    let oneChange;
    let oneChangeStall;
    try {
      // The first read builds the snapshot; later ones serve it from the cache until a change.
      await node.ask('eld-reset');
      first = await postJson(node.url, PATH, BODY);
      firstStall = (await node.ask('eld-read')).max;
      progress(`  first getServices (builds the snapshot): ${ms(first.ms)}, ${first.bytes.length} B; longest event-loop stall ${ms(firstStall)}`);
      sample = await captureResponse(node.url, PATH, BODY);
      ours = await saturate(ctx, node, { label: 'artemis getServices', path: PATH, bodiesFile: file, connections: 1 });
      gzipFirst = await postJson(node.url, PATH, BODY, { 'accept-encoding': 'gzip' });
      gzipCached = await postJson(node.url, PATH, BODY, { 'accept-encoding': 'gzip' });
      progress(`  gzipped: first ${ms(gzipFirst.ms)}, cached ${ms(gzipCached.ms)}, ${gzipCached.bytes.length} B`);
      // services-delta right after one change: re-register one instance with other metadata.
      let version = first.json.version;
      const rounds = ctx.quick ? 50 : 300;
      for (let i = 0; i < rounds; i++) {
        const changed = instance(i % 10_000, 0, { metadata: { version: `1.0.${i + 1}`, weight: '100' } });
        await postJson(node.url, '/api/registry/register.json', { instances: [changed] });
        const delta = await postJson(node.url, DELTA_PATH, { regionId: 'default', zoneId: 'default', version });
        const changes = Object.values(delta.json.delta ?? {}).flat();
        if (delta.json.responseStatus.status !== 'success' || changes.length !== 1) throw new Error(`unexpected delta: ${delta.bytes.toString().slice(0, 300)}`);
        deltaLatencies.push(delta.ms);
        deltaBytes = delta.bytes.length;
        version = delta.json.version;
      }
      const after = await postJson(node.url, PATH, BODY);
      progress(`  getServices after ${rounds} changes (rebuilds the snapshot): ${ms(after.ms)}`);
      // One change to one of the 10,000 services, then the whole answer again.
      await postJson(node.url, '/api/registry/register.json', { instances: [instance(7, 0, { metadata: { version: 'one-change' } })] });
      await node.ask('eld-reset');
      oneChange = await postJson(node.url, PATH, BODY);
      oneChangeStall = (await node.ask('eld-read')).max;
      progress(`  getServices after one change: ${ms(oneChange.ms)}; longest event-loop stall ${ms(oneChangeStall)}`);
    } finally {
      await node.stop();
    }
    const ceiling = await startCeiling(ctx, { [PATH]: sample });
    let bare;
    try {
      bare = await saturate(ctx, ceiling, { label: 'ceiling getServices', path: PATH, bodiesFile: file, connections: 1 });
    } finally {
      await ceiling.stop();
    }
    const delta = percentiles(deltaLatencies);
    return {
      figures: [
        figure('getServices response size (100,000 instances)', sample.body.length, 'bytes'),
        figure('getServices gzipped size', gzipCached.bytes.length, 'bytes'),
        figure('first getServices (builds the snapshot from nothing)', first.ms, 'ms'),
        figure('event-loop stall while the first snapshot is built (max)', firstStall, 'ms'),
        figure('getServices after one change (rebuilds one service)', oneChange.ms, 'ms'),
        figure('event-loop stall while rebuilding after one change (max)', oneChangeStall, 'ms'),
        figure('getServices, sequential reads (1 connection)', ours.achievedRate, 'req/s', { ceiling: bare.achievedRate }),
        figure('getServices latency p50 (sequential)', ours.latency.p50, 'ms', { ceiling: bare.latency.p50 }),
        figure('getServices latency p99 (sequential)', ours.latency.p99, 'ms', { ceiling: bare.latency.p99 }),
        figure('getServices gzipped, first (compresses)', gzipFirst.ms, 'ms'),
        figure('getServices gzipped, cached', gzipCached.ms, 'ms'),
        figure('services-delta after one change: p50', delta.p50, 'ms'),
        figure('services-delta after one change: p99', delta.p99, 'ms'),
        figure('services-delta response size', deltaBytes, 'bytes'),
      ],
      notes: [`services-delta: ${delta.count} rounds of (re-register one instance with new metadata, then ask for the delta since the previous version), one request at a time.`],
    };
  },
};

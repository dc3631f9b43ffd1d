// Scenario 10: a peer on the same machine, etcd (Debian package etcd-server, installed by the
// bench when missing and it runs as root): lease keep-alive and range read through etcd's HTTP/JSON gateway, loaded by the
// same generator in the same way as artemis's single-key heartbeat and getService, each beside
// the ceiling serving that server's own answer bytes. Skips with a line when etcd cannot be had.
import { captureResponse, startCeiling } from '../lib/ceiling.mjs';
import { etcdBinary, etcdCall, startEtcd } from '../lib/etcd-node.mjs';
import { figure, skipped } from '../lib/figures.mjs';
import { getServiceBodies, heartbeatBodies } from '../lib/fixtures.mjs';
import { bodiesFile } from '../lib/generator.mjs';
import { saturate, sweepRates } from '../lib/load-steps.mjs';
import { startLoadedNode, warmUp } from '../lib/loaded-node.mjs';
import { postJson } from '../lib/http.mjs';
import { progress } from '../lib/progress.mjs';

const KEYS = 1_000;
const FIXED_RATE = 5_000;

/** Saturated rate and the latency at a fixed rate of one server and one request kind, then its ceiling. */
async function measurePair(ctx, target, { label, path, bodiesFile: file, sampleBody }) {
  const sample = await captureResponse(target.url, path, sampleBody);
  const max = await saturate(ctx, target, { label, path, bodiesFile: file });
  const [fixed] = await sweepRates(ctx, target, { label, path, bodiesFile: file, rates: [FIXED_RATE] });
  const ceiling = await startCeiling(ctx, { [path]: sample });
  try {
    const bareMax = await saturate(ctx, ceiling, { label: `ceiling for ${label}`, path, bodiesFile: file });
    return { max, fixed, bareMax, bytes: sample.body.length };
  } finally {
    await ceiling.stop();
  }
}

export default {
  name: 'etcd',
  number: 10,
  title: 'Peer: etcd lease keep-alive and range read, beside artemis',
  inQuick: false,
  async run(ctx) {
    const { path: binary, why } = etcdBinary();
    if (binary === null) return skipped(`${why}; the peer comparison is not run`);
    const figures = [];
    const pairs = {};
    // etcd first: it grants the leases and stores one getService answer per key as the value to read.
    const etcd = await startEtcd(ctx, binary);
    progress(`  ${etcd.version} at ${etcd.url} (pid ${etcd.pid})`);
    const node = await startLoadedNode(ctx);
    try {
      await warmUp(ctx, node);
      const leaseIds = [];
      for (let i = 0; i < KEYS; i++) leaseIds.push((await etcdCall(etcd.url, '/v3/lease/grant', { TTL: 300 })).ID);
      const serviceBodies = getServiceBodies(KEYS);
      for (let i = 0; i < KEYS; i++) {
        const answer = await postJson(node.url, '/api/discovery/service.json', serviceBodies[i]);
        await etcdCall(etcd.url, '/v3/kv/put', { key: Buffer.from(`bench/service/${i}`).toString('base64'), value: answer.bytes.toString('base64') });
      }
      const keepAlive = leaseIds.map((id) => JSON.stringify({ ID: id }));
      const ranges = Array.from({ length: KEYS }, (_, i) => JSON.stringify({ key: Buffer.from(`bench/service/${i}`).toString('base64') }));
      pairs.etcdKeepAlive = await measurePair(ctx, etcd, { label: 'etcd lease keep-alive', path: '/v3/lease/keepalive', bodiesFile: bodiesFile(ctx, 'etcd-keepalive', keepAlive), sampleBody: keepAlive[0] });
      pairs.etcdRange = await measurePair(ctx, etcd, { label: 'etcd range read', path: '/v3/kv/range', bodiesFile: bodiesFile(ctx, 'etcd-range', ranges), sampleBody: ranges[0] });
      const singles = heartbeatBodies(1, { count: 10_000 });
      pairs.heartbeat = await measurePair(ctx, node, { label: 'artemis heartbeat x1', path: '/api/registry/heartbeat.json', bodiesFile: bodiesFile(ctx, 'etcd-cmp-heartbeat', singles), sampleBody: singles[0] });
      pairs.getService = await measurePair(ctx, node, { label: 'artemis getService', path: '/api/discovery/service.json', bodiesFile: bodiesFile(ctx, 'etcd-cmp-service', serviceBodies), sampleBody: serviceBodies[0] });
    } finally {
      await node.stop();
      await etcd.stop();
    }
    const add = (label, pair) => {
      figures.push(figure(`${label}, saturated`, pair.max.achievedRate, 'req/s', { ceiling: pair.bareMax.achievedRate, note: `answer ${pair.bytes} B` }));
      figures.push(figure(`${label}, p99 at ${FIXED_RATE.toLocaleString('en-US')} req/s`, pair.fixed.p99, 'ms', { note: `p50 ${pair.fixed.p50?.toFixed(2)} ms${pair.fixed.saturated ? ', saturated' : ''}` }));
    };
    add('etcd lease keep-alive (one lease per request)', pairs.etcdKeepAlive);
    add('artemis heartbeat (one key per request)', pairs.heartbeat);
    add('etcd range read (one 3.3 KB value)', pairs.etcdRange);
    add('artemis getService (3.3 KB answer)', pairs.getService);
    return {
      figures,
      notes: [
        `${etcd.version}, one member, data on the temporary folder's disk, pinned like artemis. Reached through its HTTP/JSON gateway (grpc-gateway), which adds a translation that its gRPC clients do not pay; range reads are linearizable (the default).`,
      ],
    };
  },
};

// Replication: three nodes on this machine, one cluster (docs/scale.md). Propagation of a
// register on A to B and C (pushed to a WebSocket subscriber of each), replication requests
// and bytes per 1,000 client renewals, client heartbeat throughput of a node with two peers
// against a lone node's, and convergence after a frozen peer (SIGSTOP) comes back.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { endWithBench } from '../lib/children.mjs';
import { freshDatabase } from '../lib/database.mjs';
import { figure, goal } from '../lib/figures.mjs';
import { allInstances, heartbeatBodies } from '../lib/fixtures.mjs';
import { bodiesFile } from '../lib/generator.mjs';
import { BENCH_BOOTSTRAP_TOKEN, leaseCount, postJson, registerAll } from '../lib/http.mjs';
import { startArtemis } from '../lib/artemis-node.mjs';
import { jsonLines } from '../lib/json-lines.mjs';
import { saturate } from '../lib/load-steps.mjs';
import { progress } from '../lib/progress.mjs';
import { percentiles } from '../lib/stats.mjs';

const BIN = fileURLToPath(new URL('../../apps/artemis/dist/bin.js', import.meta.url));
const SECRET = 'bench-cluster-secret-0123456789';
const AE_MS = 5_000;
const RATE = 1_000;
/** Registrations in flight at once: the send time is taken when a request really leaves, not while it queues in the client. */
const IN_FLIGHT = 8;
/** The registry the throughput comparison renews: 10,000 instances (1,000 services x 10). */
const REGISTRY = allInstances(1_000, 10);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function instance(serviceId, instanceId) {
  return { serviceId, instanceId, url: `http://10.1.0.1:8080/${instanceId}`, regionId: 'default', zoneId: 'default', status: 'up' };
}

async function startClusterNodes(ctx, count) {
  const ports = [];
  for (let i = 0; i < count; i += 1) ports.push(await freePort());
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const nodes = [];
  for (let i = 0; i < count; i += 1) {
    const child = endWithBench(spawn(process.execPath, [BIN, 'server', '--host', '127.0.0.1', '--port', String(ports[i]), '--advertise-url', urls[i], '--peers', urls.join(',')], {
      env: {
        PATH: process.env.PATH,
        ARTEMIS_RATE_LIMITS__REGISTRY__ENABLED: 'false',
        ARTEMIS_RATE_LIMITS__STATUS__ENABLED: 'false',
        ARTEMIS_LEASE__TTL_MS: String(60 * 60 * 1000),
        ARTEMIS_CLUSTER__SECRET: SECRET,
        // leases.json needs a viewer token: without one every count read as undefined.
        ARTEMIS_BOOTSTRAP_TOKEN: BENCH_BOOTSTRAP_TOKEN,
        ...freshDatabase(ctx),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    }));
    const log = jsonLines(child.stdout);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await log.waitFor((line) => line.event === 'listening', 30_000);
    nodes.push({ url: urls[i], pid: child.pid, child, log, ask: async () => undefined, stop: async () => { if (child.exitCode === null) child.kill('SIGTERM'); await exited; } });
  }
  for (let i = 0; i < 300; i += 1) {
    const states = await Promise.all(nodes.map(async (node) => (await postJson(node.url, '/api/status/node.json', {})).json?.nodeStatus?.status));
    if (states.every((state) => state === 'up')) return nodes;
    await sleep(100);
  }
  throw new Error('the cluster did not come up');
}

async function peerCounters(node) {
  const status = (await postJson(node.url, '/api/status/cluster.json', {})).json;
  const peers = status.nodesStatus.slice(1).map((entry) => entry.replication);
  const sum = (key) => peers.reduce((total, peer) => total + (peer[key] ?? 0), 0);
  return { batches: sum('batches'), requests: sum('requests'), bytes: sum('bytes'), sent: sum('sent'), syncRounds: sum('syncRounds') };
}

/** Client renewals the node has counted (its Prometheus counter), so that the cost per renewal divides by what the node really took. */
async function renewalsOf(node) {
  const response = await fetch(`${node.url}/metrics`, { headers: { authorization: `Bearer ${BENCH_BOOTSTRAP_TOKEN}` } });
  const match = /^artemis_heartbeats_total\{result="renewed"\} (\d+)/m.exec(await response.text());
  if (match === null) throw new Error(`${node.url}/metrics has no renewal counter (HTTP ${response.status})`);
  return Number(match[1]);
}

/** The node's live leases; throws rather than read a refusal as a count. */
async function leaseCountOf(node) {
  const count = await leaseCount(node.url);
  if (typeof count !== 'number') throw new Error(`${node.url} did not report its lease count`);
  return count;
}

/** Registers single instances of `serviceId` on `origin` at RATE/s and times their arrival on each subscriber's push channel. */
async function propagation(origin, subscribers, serviceId, seconds) {
  const sentAt = new Map();
  const arrivals = subscribers.map(() => []);
  const sockets = [];
  for (const [index, node] of subscribers.entries()) {
    const socket = new WebSocket(`${node.url.replace('http', 'ws')}/ws/discovery/instance-change`, { perMessageDeflate: false });
    await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
    socket.on('message', (data) => {
      const at = performance.now();
      for (const match of data.toString().matchAll(/"instanceId":"(p-\d+)"/g)) {
        const started = sentAt.get(match[1]);
        if (started !== undefined) arrivals[index].push(at - started);
      }
    });
    socket.send(JSON.stringify({ serviceId }));
    sockets.push(socket);
  }
  await sleep(300);
  const total = RATE * seconds;
  const started = performance.now();
  const inFlight = new Set();
  // How long A took to answer each registration: the part of the propagation before replication starts.
  const answered = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    const id = `p-${i}`;
    sentAt.set(id, performance.now());
    const request = postJson(origin.url, '/api/registry/register.json', { instances: [instance(serviceId, id)] })
      .then((reply) => answered.push(reply.ms))
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
  const achieved = total / ((performance.now() - started) / 1000);
  await sleep(2_000);
  for (const socket of sockets) socket.close();
  const all = arrivals.flat();
  return { achieved, received: all.length, expected: total * subscribers.length, latency: percentiles(all), answered: percentiles(answered) };
}

export default {
  name: 'replication',
  number: 11,
  title: 'Replication: three nodes, propagation, renewal cost, throughput with peers, convergence',
  inQuick: false,
  async run(ctx) {
    const seconds = ctx.quick ? 3 : 10;
    const figures = [];
    const notes = [];
    // A lone node's saturated heartbeat rate, the reference for the clustered node.
    const heartbeats = bodiesFile(ctx, 'heartbeat-100-of-10k', heartbeatBodies(100, { count: 100 }));
    const lone = await startArtemis(ctx, { env: { ARTEMIS_LEASE__TTL_MS: String(60 * 60 * 1000) } });
    await registerAll(lone.url, REGISTRY);
    let loneRate;
    try {
      loneRate = (await saturate(ctx, lone, { label: 'lone node heartbeat x100', path: '/api/registry/heartbeat.json', bodiesFile: heartbeats })).achievedRate * 100;
    } finally {
      await lone.stop();
    }
    const nodes = await startClusterNodes(ctx, 3);
    const [a, b, c] = nodes;
    try {
      const propBefore = await peerCounters(a);
      const prop = await propagation(a, [b, c], 'prop', seconds);
      const propAfter = await peerCounters(a);
      const propBatches = (propAfter.batches - propBefore.batches) / 2;
      progress(`  propagation: ${prop.received}/${prop.expected} arrivals, p50 ${prop.latency.p50.toFixed(1)} ms, p99 ${prop.latency.p99.toFixed(1)} ms at ${prop.achieved.toFixed(0)} registrations/s (A answered them in p50 ${prop.answered.p50.toFixed(1)} ms, p99 ${prop.answered.p99.toFixed(1)} ms); ${propBatches.toFixed(0)} batches per peer (${((propAfter.sent - propBefore.sent) / 2 / Math.max(1, propBatches)).toFixed(1)} items each)`);
      figures.push(figure('register on A -> pushed on B/C: p50', prop.latency.p50, 'ms', { note: `p99 ${prop.latency.p99.toFixed(1)} ms; ${prop.received} of ${prop.expected} arrivals; ${prop.achieved.toFixed(0)} registrations/s achieved (8 in flight); A answered the registrations in p50 ${prop.answered.p50.toFixed(1)} ms, p99 ${prop.answered.p99.toFixed(1)} ms; ${propBatches.toFixed(0)} batches per peer` }));
      figures.push(figure('register on A -> pushed on B/C: p99', prop.latency.p99, 'ms', { goal: goal('p99 < 50 ms at 1,000 registrations/s', prop.latency.p99 < 50 && prop.received === prop.expected) }));

      // The 10,000 fixture instances on A (replicated to B and C), then A's client heartbeats.
      await registerAll(a.url, REGISTRY);
      const want = await leaseCountOf(a);
      for (let i = 0; i < 600 && (await leaseCountOf(c)) < want; i += 1) await sleep(100);
      const before = await peerCounters(a);
      const renewedBefore = await renewalsOf(a);
      const clustered = await saturate(ctx, a, { label: 'clustered node heartbeat x100', path: '/api/registry/heartbeat.json', bodiesFile: heartbeats });
      await sleep(500);
      const after = await peerCounters(a);
      // Every renewal A took while the counters ran (a disturbed step measured again included).
      const renewals = (await renewalsOf(a)) - renewedBefore;
      const perThousand = { requests: ((after.batches - before.batches) / 2 / renewals) * 1000, bytes: ((after.bytes - before.bytes) / 2 / renewals) * 1000 };
      const bytesPerItem = (after.bytes - before.bytes) / Math.max(1, after.sent - before.sent);
      const ratio = (clustered.achievedRate * 100) / loneRate;
      progress(`  renewals: ${renewals.toFixed(0)} client renewals on A; per peer ${((after.batches - before.batches) / 2).toFixed(0)} batches, ${((after.sent - before.sent) / 2).toFixed(0)} items, ${((after.bytes - before.bytes) / 2 / 1024).toFixed(1)} KiB (${bytesPerItem.toFixed(0)} B per item); ratio ${ratio.toFixed(2)} of a lone node`);
      figures.push(figure('replication requests per 1,000 client renewals (per peer)', perThousand.requests, 'requests', { decimals: 2, note: `${(perThousand.bytes / 1024).toFixed(1)} KiB per 1,000 renewals per peer; each instance's renewal replicated at most every 10 s, by key (${bytesPerItem.toFixed(0)} B per replicated renewal, request overhead included)` }));
      figures.push(figure('client heartbeat throughput with two peers', clustered.achievedRate * 100, 'renewals/s', { ceiling: loneRate, goal: goal('>= 0.6 of a lone node', ratio >= 0.6), note: `ratio ${ratio.toFixed(2)}; peers B and C run on the same cores` }));

      // Convergence: B frozen while A takes 2,000 registrations, then thawed.
      b.child.kill('SIGSTOP');
      const frozen = Array.from({ length: 2_000 }, (_, i) => instance('frozen', `f-${i}`));
      for (let i = 0; i < frozen.length; i += 500) await postJson(a.url, '/api/registry/register.json', { instances: frozen.slice(i, i + 500) });
      await sleep(3_000);
      const target = await leaseCountOf(a);
      b.child.kill('SIGCONT');
      const thawed = performance.now();
      let converged = NaN;
      for (let i = 0; i < 600; i += 1) {
        if ((await leaseCountOf(b)) >= target) { converged = performance.now() - thawed; break; }
        await sleep(50);
      }
      progress(`  convergence after SIGCONT: ${Number.isNaN(converged) ? 'not within 30 s' : `${converged.toFixed(0)} ms`} (${target} instances)`);
      figures.push(figure('convergence after a frozen peer (SIGSTOP 3 s) returns', converged, 'ms', { goal: goal(`<= 2 anti-entropy rounds (${2 * AE_MS} ms)`, converged <= 2 * AE_MS), note: 'queued batches retried with backoff, then anti-entropy' }));
      notes.push('Three nodes and the load generator share this machine: the throughput ratio counts the peers\' CPU, not only the replication work.');
    } finally {
      for (const node of nodes) { if (node.child.exitCode === null) node.child.kill('SIGCONT'); await node.stop(); }
    }
    return { figures, notes };
  },
};

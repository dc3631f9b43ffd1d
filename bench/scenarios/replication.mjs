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
import { watchForeignLoad } from '../lib/foreign-load.mjs';
import { allInstances, heartbeatBodies } from '../lib/fixtures.mjs';
import { bodiesFile } from '../lib/generator.mjs';
import { BENCH_BOOTSTRAP_TOKEN, leaseCount, postJson, registerAll } from '../lib/http.mjs';
import { startArtemis } from '../lib/artemis-node.mjs';
import { jsonLines } from '../lib/json-lines.mjs';
import { saturate } from '../lib/load-steps.mjs';
import { cpuMs } from '../lib/proc.mjs';
import { progress } from '../lib/progress.mjs';
import { percentiles } from '../lib/stats.mjs';

// BENCH_ARTEMIS_BIN runs another build (a before/after), as for the lone node (artemis-node.mjs).
const BIN = process.env.BENCH_ARTEMIS_BIN ?? fileURLToPath(new URL('../../apps/artemis/dist/bin.js', import.meta.url));
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
    const nodeArgs = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
    // On the server's core, as the lone node it is compared with: spawned bare, a node would
    // inherit the bench process's affinity, the generator's core.
    const [command, args] = ctx.pinning.server(process.execPath, [...nodeArgs, BIN, 'server', '--host', '127.0.0.1', '--port', String(ports[i]), '--advertise-url', urls[i], '--peers', urls.join(',')]);
    const child = endWithBench(spawn(command, args, {
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
  return { batches: sum('batches'), requests: sum('requests'), bytes: sum('bytes'), sent: sum('sent'), syncRounds: sum('syncRounds'), unknown: sum('renewalsUnknown'), resentWhole: sum('resentWhole') };
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
async function propagation(ctx, origin, subscribers, serviceId, seconds) {
  const prefix = `${serviceId}-`;
  const sentAt = new Map();
  const arrivals = subscribers.map(() => []);
  const sockets = [];
  for (const [index, node] of subscribers.entries()) {
    const socket = new WebSocket(`${node.url.replace('http', 'ws')}/ws/discovery/instance-change`, { perMessageDeflate: false });
    await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
    socket.on('message', (data) => {
      const at = performance.now();
      for (const match of data.toString().matchAll(/"instanceId":"([a-z0-9-]+-\d+)"/g)) {
        const started = sentAt.get(match[1]);
        if (started !== undefined) arrivals[index].push(at - started);
      }
    });
    socket.send(JSON.stringify({ serviceId }));
    sockets.push(socket);
  }
  await sleep(300);
  const cpuBefore = [origin, ...subscribers].map((node) => cpuMs(node.pid));
  // Other programs' CPU meanwhile: the nodes share a core, so foreign load goes straight into the latency.
  const foreign = watchForeignLoad([process.pid, ctx.generator.pid, origin.pid, ...subscribers.map((node) => node.pid)]);
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
    const id = `${prefix}${i}`;
    sentAt.set(id, performance.now());
    const request = postJson(origin.url, '/api/registry/register.json', { instances: [instance(serviceId, id)] })
      .then((reply) => answered.push(reply.ms))
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
  const achieved = total / ((performance.now() - started) / 1000);
  // Every arrival is in well before this; the CPU read is taken before the idle tail adds noise.
  for (let i = 0; i < 40 && arrivals.reduce((n, list) => n + list.length, 0) < total * subscribers.length; i += 1) await sleep(50);
  // CPU per registration of each node (A: the client request, replication sent; B, C: applied, pushed).
  const cpuPerItem = [origin, ...subscribers].map((node, i) => ((cpuMs(node.pid) - cpuBefore[i]) * 1000) / total);
  const { foreignCores } = foreign.stop();
  await sleep(1_000);
  for (const socket of sockets) socket.close();
  const all = arrivals.flat();
  return { achieved, received: all.length, expected: total * subscribers.length, latency: percentiles(all), answered: percentiles(answered), cpuPerItem, foreignCores };
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
    // The same registrations on a node without peers: what A's CPU per registration is compared with.
    const solo = await propagation(ctx, lone, [], 'solo', seconds);
    progress(`  lone node: ${solo.achieved.toFixed(0)} registrations/s, answered in p50 ${solo.answered.p50.toFixed(1)} ms, p99 ${solo.answered.p99.toFixed(1)} ms; CPU per registration ${solo.cpuPerItem[0].toFixed(0)} µs; others ${solo.foreignCores?.toFixed(2) ?? '-'} cores`);
    await registerAll(lone.url, REGISTRY);
    // The lone node stays up (idle) until the clustered node has been measured: its saturation is
    // taken again between two of the clustered node's, so that the ratio compares steps taken
    // under like foreign load, not one step of each minutes apart.
    const loneSaturated = (round) => saturate(ctx, lone, { label: `lone node heartbeat x100 (${round})`, path: '/api/registry/heartbeat.json', bodiesFile: heartbeats });
    const loneSteps = [];
    let nodes = [];
    try {
      loneSteps.push(await loneSaturated(1));
      nodes = await startClusterNodes(ctx, 3);
      const [a, b, c] = nodes;
      // Propagation in three layouts of the nodes' CPUs (the bench process, which sends the
      // registrations and times the pushes, stays on the generator's core):
      // - 'server core': the three nodes share the server's core, the measuring process has the
      //   other; the goal is judged here. Three machines would not make B's apply wait on A's and
      //   C's work as this core does, so it is a bound from above;
      // - 'both cores': the nodes float over both cores (with the measuring process);
      // - 'generator core': where the nodes ran before this layout was made explicit (spawned
      //   bare, they inherited the bench process's affinity): nodes, senders and timing on one
      //   core, the earlier published figures' layout, kept for comparison.
      const layouts = ctx.pinning.active
        ? [
            { name: 'server core', cpus: ctx.pinning.serverCpus },
            { name: 'both cores', cpus: ctx.pinning.allCpus },
            { name: 'generator core', cpus: ctx.pinning.generatorCpus },
          ]
        : [{ name: 'unpinned', cpus: null }];
      for (const [index, layout] of layouts.entries()) {
        if (layout.cpus !== null) for (const node of nodes) ctx.pinning.repin(node.pid, layout.cpus);
        const propBefore = await peerCounters(a);
        const prop = await propagation(ctx, a, [b, c], `prop${index}`, seconds);
        const propAfter = await peerCounters(a);
        const propBatches = (propAfter.batches - propBefore.batches) / 2;
        const cpu = `CPU per registration: A ${prop.cpuPerItem[0].toFixed(0)} µs (alone ${solo.cpuPerItem[0].toFixed(0)} µs), B ${prop.cpuPerItem[1].toFixed(0)} µs, C ${prop.cpuPerItem[2].toFixed(0)} µs; others ${prop.foreignCores?.toFixed(2) ?? '-'} cores`;
        progress(`  propagation, nodes on ${layout.name}: ${prop.received}/${prop.expected} arrivals, p50 ${prop.latency.p50.toFixed(1)} ms, p99 ${prop.latency.p99.toFixed(1)} ms at ${prop.achieved.toFixed(0)} registrations/s (A answered them in p50 ${prop.answered.p50.toFixed(1)} ms, p99 ${prop.answered.p99.toFixed(1)} ms); ${propBatches.toFixed(0)} batches per peer (${((propAfter.sent - propBefore.sent) / 2 / Math.max(1, propBatches)).toFixed(1)} items each); ${cpu}`);
        const label = index === 0 ? '' : ` (nodes on the ${layout.name})`;
        figures.push(figure(`register on A -> pushed on B/C${label}: p50`, prop.latency.p50, 'ms', { note: `p99 ${prop.latency.p99.toFixed(1)} ms; ${prop.received} of ${prop.expected} arrivals; ${prop.achieved.toFixed(0)} registrations/s achieved (8 in flight); A answered the registrations in p50 ${prop.answered.p50.toFixed(1)} ms, p99 ${prop.answered.p99.toFixed(1)} ms; ${propBatches.toFixed(0)} batches per peer; ${cpu}; nodes on the ${layout.name}` }));
        if (index === 0) figures.push(figure('register on A -> pushed on B/C: p99', prop.latency.p99, 'ms', { goal: goal('p99 < 50 ms at 1,000 registrations/s', prop.latency.p99 < 50 && prop.received === prop.expected && prop.achieved >= 0.95 * RATE), note: `three nodes on one core (${layout.name}), the measuring process on the other` }));
        else figures.push(figure(`register on A -> pushed on B/C${label}: p99`, prop.latency.p99, 'ms'));
      }
      if (ctx.pinning.active) for (const node of nodes) ctx.pinning.repin(node.pid, ctx.pinning.serverCpus);

      // The 10,000 fixture instances on A (replicated to B and C), then A's client heartbeats.
      await registerAll(a.url, REGISTRY);
      const want = await leaseCountOf(a);
      const registeredAt = performance.now();
      for (let i = 0; i < 600 && (await leaseCountOf(c)) < want; i += 1) await sleep(100);
      // A renewal within 10 s (cluster.renewalReplicationIntervalMs) of the instance's register
      // is never replicated: without this wait a short step would replicate nothing at all.
      await sleep(Math.max(0, 10_000 - (performance.now() - registeredAt)));
      const before = await peerCounters(a);
      const renewedBefore = await renewalsOf(a);
      // Clustered, lone, clustered; the peers' CPU is read around the clustered steps only.
      const clusteredSteps = [];
      const peersCpuMs = [0, 0];
      for (let round = 1; round <= 2; round += 1) {
        if (round === 2) loneSteps.push(await loneSaturated(2));
        const peersCpuBefore = [b, c].map((node) => cpuMs(node.pid));
        clusteredSteps.push(await saturate(ctx, { ...a, companions: [b.pid, c.pid] }, { label: `clustered node heartbeat x100 (${round})`, path: '/api/registry/heartbeat.json', bodiesFile: heartbeats }));
        [b, c].forEach((node, i) => (peersCpuMs[i] += cpuMs(node.pid) - peersCpuBefore[i]));
      }
      await sleep(500);
      const after = await peerCounters(a);
      const mean = (steps, key) => steps.reduce((sum, step) => sum + step[key], 0) / steps.length;
      // Best of two for each: foreign load only ever lowers a saturated rate.
      const best = (steps) => Math.max(...steps.map((step) => step.achievedRate));
      const clustered = { achievedRate: best(clusteredSteps), serverMicrosPerRequest: mean(clusteredSteps, 'serverMicrosPerRequest') };
      const loneRate = best(loneSteps) * 100;
      const loneMicros = mean(loneSteps, 'serverMicrosPerRequest');
      const pairRatios = clusteredSteps.map((step, i) => step.achievedRate / loneSteps[i].achievedRate);
      // Every renewal A took while the counters ran (a disturbed step measured again included).
      const renewals = (await renewalsOf(a)) - renewedBefore;
      const perThousand = { requests: ((after.batches - before.batches) / 2 / renewals) * 1000, bytes: ((after.bytes - before.bytes) / 2 / renewals) * 1000 };
      const bytesPerItem = (after.bytes - before.bytes) / Math.max(1, after.sent - before.sent);
      const ratio = (clustered.achievedRate * 100) / loneRate;
      // Per client renewal: A's server CPU against the lone node's (same core, same load), and what the peers spent meanwhile.
      const aMicrosPerRenewal = clustered.serverMicrosPerRequest / 100;
      const peersMicrosPerRenewal = ((peersCpuMs[0] + peersCpuMs[1]) / 2 / renewals) * 1000;
      progress(`  renewals: ${renewals.toFixed(0)} client renewals on A; per peer ${((after.batches - before.batches) / 2).toFixed(0)} batches, ${((after.sent - before.sent) / 2).toFixed(0)} items, ${((after.bytes - before.bytes) / 2 / 1024).toFixed(1)} KiB (${bytesPerItem.toFixed(0)} B per item), ${after.unknown - before.unknown} answered unknown, ${after.resentWhole - before.resentWhole} resent whole; CPU per client renewal: A ${aMicrosPerRenewal.toFixed(2)} µs (lone ${(loneMicros / 100).toFixed(2)} µs), each peer ${peersMicrosPerRenewal.toFixed(2)} µs; ratio ${ratio.toFixed(2)} of a lone node (rounds: ${pairRatios.map((r) => r.toFixed(2)).join(', ')})`);
      figures.push(figure('replication requests per 1,000 client renewals (per peer)', perThousand.requests, 'requests', { decimals: 2, note: `${(perThousand.bytes / 1024).toFixed(1)} KiB per 1,000 renewals per peer; each instance's renewal replicated at most every 10 s, by key (${bytesPerItem.toFixed(0)} B per replicated renewal, request overhead included)` }));
      figures.push(figure('client heartbeat throughput with two peers', clustered.achievedRate * 100, 'renewals/s', { ceiling: loneRate, goal: goal('>= 0.6 of a lone node', ratio >= 0.6), note: `ratio ${ratio.toFixed(2)} (best of two rounds each, lone and clustered alternated; per round: ${pairRatios.map((r) => r.toFixed(2)).join(', ')}); peers B and C share A's core; server CPU per client renewal ${aMicrosPerRenewal.toFixed(2)} µs on A, ${(loneMicros / 100).toFixed(2)} µs alone, ${peersMicrosPerRenewal.toFixed(2)} µs on each peer` }));

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
      await lone.stop();
    }
    return { figures, notes };
  },
};

// Scenario: what @artemis/client costs the service that embeds it. (1) `pick` at 100
// instances: smooth weighted round robin, and consistent hashing by key (ns per pick, in this
// process, after a warm-up). (2) The CPU the client spends keeping 100 instances registered
// against a real node: heartbeats every 5 s (the default) over socket.io, plus the probe and
// node-list refresh, measured with process.cpuUsage() in a child process that runs only the
// client (client-sdk-child.mjs).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startArtemis } from '../lib/artemis-node.mjs';
import { figure, goal } from '../lib/figures.mjs';
import { progress } from '../lib/progress.mjs';

const INSTANCES = 100;
const run = promisify(execFile);

async function loadClient() {
  // The bench is not a workspace package of its own; load the SDK from its build.
  return import(new URL('../../packages/client/dist/index.js', import.meta.url).href);
}

function nsPerPick(pick, iterations) {
  for (let i = 0; i < 20_000; i++) pick(i);
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) pick(i);
  return Number(process.hrtime.bigint() - started) / iterations;
}

export default {
  name: 'client-sdk',
  number: 11,
  title: 'Client SDK: pick cost at 100 instances, CPU to keep 100 instances registered',
  inQuick: true,
  async run(ctx) {
    const { ServiceView } = await loadClient();
    const instances = Array.from({ length: INSTANCES }, (_, i) =>
      ({ groupId: i % 4 ? 'g1' : 'g2', healthCheckUrl: null, instanceId: `o-${i}`, ip: null, machineName: null, metadata: { weight: String(1 + (i % 3)) }, port: 8080, protocol: null, regionId: 'default', serviceId: 'orders', status: 'up', url: `http://10.0.${i >> 8}.${i & 255}:8080`, zoneId: i % 2 ? 'z1' : 'z2' }),
    );
    const feed = { requestRead() {}, isLive: () => true, changed() {}, deployment: { regionId: 'default', zoneId: 'z1' } };
    const view = new ServiceView('orders', {}, feed, () => {});
    view.applyService({ serviceId: 'orders', instances, logicInstances: null, metadata: null, routeRules: null }, 'server');
    const iterations = ctx.quick ? 200_000 : 2_000_000;
    const wrrNs = nsPerPick(() => view.pick(), iterations);
    const keys = Array.from({ length: 1024 }, (_, i) => `user-${i * 7919}`);
    const hashNs = nsPerPick((i) => view.pick({ hashKey: keys[i & 1023] }), iterations);
    progress(`  pick at ${INSTANCES} instances: WRR ${wrrNs.toFixed(0)} ns, consistent hash ${hashNs.toFixed(0)} ns`);

    const node = await startArtemis(ctx);
    try {
      const windowMs = ctx.quick ? 15_000 : 60_000;
      const child = new URL('./client-sdk-child.mjs', import.meta.url);
      const { stdout } = await run(process.execPath, [fileURLToPath(child), node.url, String(windowMs)], { timeout: windowMs + 30_000 });
      const { cpuMs, heartbeats } = JSON.parse(stdout.trim().split('\n').at(-1));
      const cpuMsPerMinute = cpuMs * (60_000 / windowMs);
      progress(`  ${INSTANCES} instances kept registered: ${cpuMsPerMinute.toFixed(0)} ms CPU per minute (${heartbeats} instance heartbeats in ${windowMs / 1000} s)`);
      return {
        figures: [
          figure(`pick, weighted round robin, ${INSTANCES} instances`, wrrNs, 'ns'),
          figure(`pick, consistent hash by key, ${INSTANCES} instances`, hashNs, 'ns'),
          figure(`CPU to keep ${INSTANCES} instances registered`, cpuMsPerMinute, 'ms/min', { goal: goal('under 1 % of a core (600 ms/min)', cpuMsPerMinute < 600) }),
          figure('instance heartbeats acknowledged in the window', heartbeats, 'heartbeats'),
        ],
        notes: [
          `pick: ${iterations.toLocaleString('en')} picks after 20,000 warm-up picks, in the bench process; 100 instances in two zones, instance weights 1-3, the built-in default rule.`,
          `CPU: process.cpuUsage() of a child process that only runs the client (5 s heartbeats over socket.io, 2 s probe) over ${windowMs / 1000} s, scaled to a minute.`,
        ],
      };
    } finally {
      await node.stop();
    }
  },
};

// Registers 100,000 instances (10,000 services x 10) in one node, then measures the node's RSS
// and the latency of getService over HTTP. Run after `pnpm build`:
//   node bench/foundation-100k.mjs
import { client, instance, percentiles, rssMiB, startNode } from './lib.mjs';

const SERVICES = 10_000;
const PER_SERVICE = 10;
const BATCH = 1_000;

const node = await startNode({ vars: { ARTEMIS_RATE_LIMITS__REGISTRY__ENABLED: 'false' } });
const http = client(node.url, 8);
console.log(`node ${node.url} pid ${node.child.pid}, RSS at start ${rssMiB(node.child.pid).toFixed(1)} MiB`);

const all = [];
for (let s = 0; s < SERVICES; s++) for (let n = 0; n < PER_SERVICE; n++) all.push(instance(s, n));
const started = performance.now();
const inFlight = [];
for (let i = 0; i < all.length; i += BATCH) {
  inFlight.push(http.post('/api/registry/register.json', { instances: all.slice(i, i + BATCH) }));
  if (inFlight.length >= 4) await inFlight.shift();
}
await Promise.all(inFlight);
const registerMs = performance.now() - started;
console.log(`registered ${all.length} instances in ${(registerMs / 1000).toFixed(2)} s (${Math.round(all.length / (registerMs / 1000))} instances/s)`);

const leases = JSON.parse((await http.post('/api/status/leases.json', { serviceIds: ['bench.service.1'] })).body).leaseCount;
console.log(`lease count reported by the node: ${leases}`);
await new Promise((r) => setTimeout(r, 2000));
console.log(`RSS with ${all.length} instances: ${rssMiB(node.child.pid).toFixed(1)} MiB`);

// getService latency: sequential requests (closed loop, one at a time) over keep-alive.
const latencies = [];
for (let i = 0; i < 20_000; i++) {
  const service = (i * 7919) % SERVICES;
  const body = { discoveryConfig: { serviceId: `bench.service.${service}` }, regionId: 'default', zoneId: 'default' };
  const t0 = performance.now();
  const response = await http.post('/api/discovery/service.json', body);
  latencies.push(performance.now() - t0);
  if (i === 0) {
    const served = JSON.parse(response.body).service;
    console.log(`getService answer: ${served.instances.length} instances, ${response.body.length} bytes`);
  }
}
const p = percentiles(latencies);
console.log(`getService latency over ${p.count} sequential requests: p50 ${p.p50.toFixed(3)} ms, p99 ${p.p99.toFixed(3)} ms, p99.9 ${p.p999.toFixed(3)} ms, max ${p.max.toFixed(3)} ms`);
console.log(`RSS after the reads: ${rssMiB(node.child.pid).toFixed(1)} MiB`);
http.close();
await node.stop();

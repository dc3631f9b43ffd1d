import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { startProcess } from './artemis-process.js';

/** The heap the node gets: the churn below grew a node past 3 GB before the bounds. */
const HEAP_MB = 192;
const CHURN_MS = 15_000;
const IDLE_MS = 10_000;
const INSTANCES_PER_BATCH = 100;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** 100 legacy instances (90 s TTL) with about 4 KB of metadata that changes every round. */
function batch(round: number, half: number): string {
  const instances = Array.from({ length: INSTANCES_PER_BATCH }, (_, i) => {
    const n = half * INSTANCES_PER_BATCH + i;
    const metadata: Record<string, string> = { java_registry: 'true' };
    for (let k = 0; k < 8; k++) metadata[`k${k}`] = `round-${round}-${'x'.repeat(470)}`;
    return { serviceId: 'churn', instanceId: `i-${n}`, url: `http://10.0.0.1:${8000 + n}`, ip: '10.0.0.1', port: 8080, regionId: 'default', zoneId: 'default', status: 'up', metadata };
  });
  return JSON.stringify({ instances });
}

describe('memory under re-register churn', () => {
  it('survives one client re-registering 200 instances with changing metadata on a small heap, and gives memory back when it stops', async () => {
    await using node = await startProcess([], { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` });
    const pid = node.child.pid as number;
    const startRss = rssMb(pid);
    let died = false;
    void node.exited.then(() => (died = true));
    const started = Date.now();
    let round = 0;
    let registered = 0;
    // Two batches in flight, as the probe that found the leak ran it.
    const worker = async (half: number): Promise<void> => {
      while (!died && Date.now() - started < CHURN_MS) {
        round += 1;
        try {
          const response = await fetch(`${node.url}${Paths.registry.register}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: batch(round, half) });
          const body = (await response.json()) as { responseStatus: { errorCode: string } };
          if (body.responseStatus.errorCode === 'success') registered += INSTANCES_PER_BATCH;
        } catch {
          if (died) return;
        }
      }
    };
    await Promise.all([worker(0), worker(1)]);
    expect(died).toBe(false);
    // Enough churn that the replaced instances alone would fill the heap many times over.
    expect(registered).toBeGreaterThan(50_000);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    expect(died).toBe(false);
    const idleRss = rssMb(pid);
    // What stays is the bounded change log (32 MiB by default) and the heap V8 keeps: far from
    // the gigabytes the churn would otherwise hold.
    expect(idleRss - startRss).toBeLessThan(150);
    const leases = (await (await fetch(`${node.url}${Paths.status.legacyLeases}`, { headers: node.auth })).json()) as { leaseCount: number };
    expect(leases.leaseCount).toBe(2 * INSTANCES_PER_BATCH);
  }, 90_000);
});

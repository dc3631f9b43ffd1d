import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import type { EmbeddedManagementDatabase } from '../src/index.js';
import { migrateToLatest } from '../src/index.js';
import { createTestDatabase } from '../src/testing.js';
import { startManagedNode } from './fixtures.js';

/** The postmaster and every process it started (its backends and workers). */
function serverProcesses(postmaster: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  return [postmaster, ...[...parents].filter(([, parent]) => parent === postmaster).map(([pid]) => pid)];
}

function signalAll(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone meanwhile
    }
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); ) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a hung database (every server process stopped with SIGSTOP)', () => {
  it('is reported down by the health probe while it hangs, a write fails with service-unavailable instead of hanging, and it is reported up once it runs again', async () => {
    await using test = await createTestDatabase('embedded');
    await migrateToLatest(test.database.db);
    await using node = await startManagedNode(test, { checkIntervalMs: 200, checkTimeoutMs: 300 });
    expect(node.management.databaseUp()).toBe(true);
    const postmaster = (test.database as EmbeddedManagementDatabase).server.pid;
    expect(postmaster).not.toBeNull();
    const stopped = serverProcesses(postmaster!);
    expect(stopped.length).toBeGreaterThan(1);
    signalAll(stopped, 'SIGSTOP');
    try {
      await waitFor(() => !node.management.databaseUp(), 10_000);
      const write = node.management.instances.operateInstance({
        instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' },
        operation: 'pullout',
        operationComplete: false,
        operatorId: 'ops',
        token: null,
      });
      await expect(write).rejects.toMatchObject({ code: 'service-unavailable' });
      expect(node.management.databaseUp()).toBe(false);
    } finally {
      signalAll(stopped, 'SIGCONT');
    }
    await waitFor(() => node.management.databaseUp(), 10_000);
  }, 60_000);
});

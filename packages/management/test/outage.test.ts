import { describe, expect, it } from '@jest/globals';
import { RegistryOperation } from '@artemis/core';
import { ArtemisEngine, silentLogger } from '@artemis/server';
import { ArtemisManagement, openPostgresDatabase } from '../src/index.js';
import { startScratchCluster } from '../src/testing.js';
import { instance } from './fixtures.js';

function visible(engine: ArtemisEngine): string[] {
  const config = { discoveryData: null, regionId: 'default', serviceId: 'orders', zoneId: 'zone-a' };
  return (engine.discovery.getService({ discoveryConfig: config, regionId: 'default', zoneId: 'zone-a' }).service?.instances ?? []).map((i) => i.instanceId ?? '');
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pull = (complete: boolean) => ({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: complete, operatorId: 'ops', token: null });

describe('a database outage under a running node', () => {
  it('keeps serving the last snapshot, refuses writes quickly with service-unavailable, and recovers without a restart', async () => {
    await using cluster = await startScratchCluster();
    const database = openPostgresDatabase({ url: cluster.url, logger: silentLogger, connectTimeoutMs: 1_000, reconnectDelayMs: 200 });
    const engine = new ArtemisEngine({ regionId: 'default', zoneId: 'zone-a' });
    const management = await ArtemisManagement.start({ engine, database, reloadIntervalMs: 500 });
    try {
      engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'o-1'), instance('orders', 'o-2')] });
      await management.instances.operateInstance(pull(false));
      expect(visible(engine)).toEqual(['o-2']);

      await cluster.stop();
      await waitFor(() => !management.databaseUp(), 2_000);
      expect(visible(engine)).toEqual(['o-2']);
      expect(management.instances.instanceOperations({ instanceKey: pull(false).instanceKey }).operations?.operations).toEqual(['pullout']);
      const started = Date.now();
      await expect(management.instances.operateInstance(pull(true))).rejects.toMatchObject({
        code: 'service-unavailable',
        message: 'Update instance failed: the management database is unavailable; retry later.',
      });
      expect(Date.now() - started).toBeLessThan(3_000);

      await cluster.start();
      await waitFor(() => management.databaseUp(), 5_000);
      await management.instances.operateInstance(pull(true));
      expect(visible(engine)).toEqual(['o-1', 'o-2']);
    } finally {
      await management.stop();
      await database.close();
    }
  }, 60_000);
});

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { BIN, removeDataDir, startProcess as startNodeProcess, tempDataDir } from './artemis-process.js';

/** Tokens of the nodes by URL: management calls carry their node's bootstrap token. */
const tokens = new Map<string, string>();

async function startProcess(...args: Parameters<typeof startNodeProcess>) {
  const node = await startNodeProcess(...args);
  tokens.set(node.url, node.token);
  return node;
}
import { writeLegacyPGliteDirectory } from './legacy-pglite-directory.js';

async function post(url: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const bearer = tokens.get(url);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }) };
  const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return (await response.json()) as Record<string, unknown>;
}

function artemis(args: readonly string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' }, timeout: 60_000 });
}

describe('a data directory of Artemis 0.1 (embedded PGlite)', () => {
  it('is refused at start with the way to carry it over, which keeps every row and the old directory', async () => {
    const dataDir = tempDataDir();
    try {
      await writeLegacyPGliteDirectory(dataDir, [
        "insert into instance (region_id, service_id, instance_id, operation, operator_id) values ('default', 'orders', 'o-1', 'pullout', 'ops')",
        "insert into instance_log (region_id, service_id, instance_id, operation, operator_id, complete) values ('default', 'orders', 'o-1', 'pullout', 'ops', false)",
        "insert into server (region_id, server_id, operation, operator_id) values ('default', '10.0.0.9', 'pullout', 'ops')",
      ]);
      const refused = artemis(['server', '--port', '0', '--data-dir', dataDir]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain(join(dataDir, 'management'));
      expect(refused.stderr).toContain(`artemis migrate-pglite --data-dir ${dataDir}`);

      const migrated = artemis(['migrate-pglite', '--data-dir', dataDir, '--json']);
      expect(migrated.status).toBe(0);
      const result = JSON.parse(migrated.stdout) as { rows: Record<string, number>; keptAt: string };
      expect(result.rows).toMatchObject({ instance: 1, instance_log: 1, server: 1, service_group: 0 });
      expect(existsSync(join(result.keptAt, 'PG_VERSION'))).toBe(true);
      expect(readdirSync(dataDir)).not.toContain('management');

      await using node = await startProcess(['--data-dir', dataDir]);
      const instances = await post(node.url, Paths.management.allInstanceOperations, {});
      expect(instances['allInstanceOperations']).toEqual([{ instanceKey: { instanceId: 'o-1', regionId: 'default', serviceId: 'orders' }, operations: ['pullout'] }]);
      const servers = await post(node.url, Paths.management.allServerOperations, {});
      expect(servers['allServerOperations']).toEqual([{ serverKey: { regionId: 'default', serverId: '10.0.0.9' }, operations: ['pullout'] }]);
      // Ids continue after the copied ones.
      expect(await post(node.url, Paths.management.operateInstance, { instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-2' }, operation: 'pullout', operationComplete: false, operatorId: 'ops' })).toMatchObject({ responseStatus: { errorCode: 'success' } });
      await node.stop();
      expect(artemis(['migrate-pglite', '--data-dir', dataDir]).status).toBe(1);
    } finally {
      await removeDataDir(dataDir);
    }
  }, 90_000);
});

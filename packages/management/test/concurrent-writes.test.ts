import { describe, expect, it } from '@jest/globals';
import { testDatabaseKinds } from '../src/testing.js';
import { startManagedNode, useDatabase } from './fixtures.js';

const PAIRS = 300;

describe.each(testDatabaseKinds)('concurrent writes on one key on %s', (kind) => {
  const test = useDatabase(kind);

  it(`leaves every instance in the state its newest log row says, after ${PAIRS} pull-out/pull-in pairs sent together`, async () => {
    await using node = await startManagedNode(test());
    const key = (i: number) => ({ regionId: 'default', serviceId: 'orders', instanceId: `o-${i}` });
    const operate = (i: number, operationComplete: boolean) =>
      node.management.instances.operateInstance({ instanceKey: key(i), operation: 'pullout', operationComplete, operatorId: 'ops', token: null });
    const answers = await Promise.all(Array.from({ length: PAIRS }, (_, i) => Promise.all([operate(i, false), operate(i, true)])));
    expect(answers.flat().every((answer) => answer.responseStatus.errorCode === 'success')).toBe(true);

    const db = test().database.db;
    const state = new Set((await db.selectFrom('instance').select('instance_id').execute()).map((row) => row.instance_id));
    const logs = await db.selectFrom('instance_log').select(['instance_id', 'complete']).orderBy('id').execute();
    const newest = new Map(logs.map((row) => [row.instance_id, row.complete]));
    const disagreeing = Array.from({ length: PAIRS }, (_, i) => `o-${i}`).filter((id) => state.has(id) !== (newest.get(id) === false));
    expect(disagreeing).toEqual([]);
    const snapshotDisagreeing = Array.from({ length: PAIRS }, (_, i) => i).filter((i) => (node.management.snapshot.instanceOperations(key(i)) !== null) !== state.has(`o-${i}`));
    expect(snapshotDisagreeing).toEqual([]);
  }, 120_000);
});

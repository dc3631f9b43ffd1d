import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ArtemisAdmin, ArtemisBadRequestError, ArtemisNotFoundError, ArtemisUnreachableError } from '@artemis/client';
import { createEmptyPostgresDatabase, dropPostgresDatabase, testDatabaseUrl } from '@artemis/management/testing';
import { startProcess, type NodeProcess } from '../artemis-process.js';
import { deadServerUrl } from './run-cli.js';

let node: NodeProcess;
let database: string;

beforeAll(async () => {
  database = await createEmptyPostgresDatabase();
  node = await startProcess([], { ARTEMIS_DATABASE_URL: testDatabaseUrl(database), ARTEMIS_LEASE__TTL_MS: '600000' });
  await fetch(`${node.url}/api/registry/register.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ instances: [{ serviceId: 'orders', instanceId: 'orders-1', ip: '10.0.0.1', url: 'http://10.0.0.1', regionId: 'default', zoneId: 'default' }] }),
  });
}, 60_000);

afterAll(async () => {
  await node?.[Symbol.asyncDispose]();
  if (database !== undefined) await dropPostgresDatabase(database);
}, 60_000);

const key = { regionId: 'default', serviceId: 'orders', instanceId: 'orders-1' };

describe('ArtemisAdmin against a real node', () => {
  it('reads status and cluster answers in the core shapes, from the next node when the first is down', async () => {
    const admin = new ArtemisAdmin({ nodes: [await deadServerUrl(), node.url], token: node.token });
    expect((await admin.status.node()).nodeStatus).toMatchObject({ status: 'up', node: { url: node.url } });
    expect(await admin.status.cluster()).toMatchObject({ nodeCount: 1, responseStatus: { status: 'success' } });
    expect((await admin.status.leases(['orders'])).leases?.['orders']).toHaveLength(1);
    expect((await admin.status.upDiscoveryNodes('default', 'default')).nodes).toHaveLength(1);
  }, 30_000);

  it('pulls an instance out and in, and reads it back from operations, the services view and the log', async () => {
    const admin = new ArtemisAdmin({ nodes: [node.url], token: node.token, defaults: { operatorId: 'admin-test' } });
    await admin.instances.operateInstance(key, false);
    expect((await admin.instances.instanceOperations(key)).operations?.operations).toEqual(['pullout']);
    const { services } = await admin.instances.services();
    expect(services?.find((s) => s.serviceId === 'orders')?.instances?.[0]?.status).toBe('down');
    await admin.instances.operateInstance(key, true);
    expect((await admin.instances.allInstanceOperations()).allInstanceOperations).toEqual([]);
    // The log names the token's principal as the operator, whatever the body said.
    const me = (await admin.auth.whoami()).principal?.name ?? '';
    expect(me).not.toBe('');
    const { logs } = await admin.logs.instanceOperations({ operatorId: me });
    expect(logs?.map((l) => l.complete)).toEqual([true, false]);
    expect((await admin.logs.instanceOperations({ operatorId: 'admin-test' })).logs).toEqual([]);
  }, 30_000);

  it('writes groups, route rules and zones, and reads them back', async () => {
    const admin = new ArtemisAdmin({ nodes: [node.url], token: node.token, defaults: { operatorId: 'admin-test' } });
    const group = { appId: 'orders', description: null, groupId: null, groupKey: null, metadata: null, name: 'blue', regionId: 'default', serviceId: 'orders', status: 'active', zoneId: 'default' };
    await admin.routeRules.create({ description: null, name: 'split', routeRuleId: null, serviceId: 'orders', status: 'active', strategy: 'weighted-round-robin' }, [{ ...group, weight: 40 }]);
    const rule = (await admin.routeRules.all()).routeRules?.find((r) => r.name === 'split');
    const [membership] = (await admin.routeRules.findGroups({ routeRuleId: rule!.routeRuleId! })).routeRuleGroups ?? [];
    expect(membership).toMatchObject({ unreleasedWeight: 40, weight: null });
    await admin.routeRules.releaseGroups([membership!]);
    expect((await admin.routeRules.allGroups()).routeRuleGroups?.[0]).toMatchObject({ weight: 40 });
    await admin.groups.upsertTags([{ groupId: membership!.groupId, tags: { env: 'blue' } }]);
    expect((await admin.groups.tags(membership!.groupId!)).groupTags?.tags).toEqual({ env: 'blue' });
    const zoneKey = { regionId: 'default', serviceId: 'orders', zoneId: 'default' };
    await admin.zones.operate([{ zoneKey, operations: ['pullout'] }], false);
    expect((await admin.zones.isDown(zoneKey)).down).toBe(true);
    await admin.zones.operate([{ zoneKey, operations: ['pullout'] }], true);
    expect((await admin.zones.get(zoneKey)).operations).toBeNull();
  }, 30_000);

  it('raises the node\'s refusals as typed exceptions', async () => {
    const admin = new ArtemisAdmin({ nodes: [node.url], token: node.token });
    // No instance id: the node refuses the write.
    const refused = await admin.instances.operateInstance({ ...key, instanceId: ' ' }, false).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ArtemisBadRequestError);
    expect((refused as ArtemisBadRequestError).message).toMatch(/instanceId/);
    // Without a token, the management API answers 401.
    const anonymous = await new ArtemisAdmin({ nodes: [node.url] }).instances.allInstanceOperations().catch((e: unknown) => e);
    expect(anonymous).toMatchObject({ httpStatus: 401 });
    const unknownRoute = await admin.transport.call('/api/no-such-route.json', {}, 'read').catch((e: unknown) => e);
    expect(unknownRoute).toMatchObject({ httpStatus: 404, code: 'bad-request' });
    expect(unknownRoute).not.toBeInstanceOf(ArtemisNotFoundError);
    await expect(new ArtemisAdmin({ nodes: [await deadServerUrl()] }).status.node()).rejects.toBeInstanceOf(ArtemisUnreachableError);
  }, 30_000);
});

import { describe, expect, it } from '@jest/globals';
import { Paths, RegistryOperation } from '@artemis/core';
import { testDatabaseKinds } from '@artemis/management/testing';
import { instance } from '../fixtures.js';
import { post, send } from '../http-client.js';
import { context, startManagedHttpNode, useDatabase } from './management-fixtures.js';

const SUCCESS = '{"errorCode":"success","message":"","status":"success"}';
const pullout = { instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operatorId: 'ops' };

describe.each(testDatabaseKinds)('management over HTTP on %s', (kind) => {
  const test = useDatabase(kind);

  it('hides an instance pulled out over HTTP from lookup over HTTP, and shows it down in the management view', async () => {
    await using node = await startManagedHttpNode(test());
    node.engine.registry.execute(RegistryOperation.register, { instances: [instance('orders', 'o-1'), instance('orders', 'o-2')] });
    expect((await post(node.url, Paths.management.operateInstance, pullout)).text).toBe(`{"responseStatus":${SUCCESS}}`);
    const lookup = await post(node.url, Paths.discovery.lookup, { discoveryConfigs: [{ serviceId: 'orders', regionId: 'default', zoneId: 'zone-a' }], regionId: 'default', zoneId: 'zone-a' });
    const services = lookup.json<{ services: { instances: { instanceId: string }[] }[] }>().services;
    expect(services[0]!.instances.map((i) => i.instanceId)).toEqual(['o-2']);
    const view = (await send(node.url, { path: `${Paths.management.services}?regionId=default` })).json<{ services: { instances: { instanceId: string; status: string }[] }[] }>();
    expect(view.services[0]!.instances.map((i) => `${i.instanceId}:${i.status}`)).toEqual(['o-1:down', 'o-2:up']);
  });

  it('writes the Java JSON shapes exactly: alphabetical keys, nulls written, epoch-ms times', async () => {
    await using node = await startManagedHttpNode(test());
    await post(node.url, Paths.management.operateInstance, pullout);
    expect((await post(node.url, Paths.management.instanceOperations, { instanceKey: pullout.instanceKey })).text).toBe(
      `{"operations":{"instanceKey":{"instanceId":"o-1","regionId":"default","serviceId":"orders"},"operations":["pullout"]},"responseStatus":${SUCCESS}}`,
    );
    expect((await post(node.url, Paths.management.serverOperations, { serverKey: { regionId: 'default', serverId: 'x' } })).text).toBe(`{"operations":null,"responseStatus":${SUCCESS}}`);
    await post(node.url, Paths.management.group.insertGroups, { ...context, groups: [{ appId: 'a', name: 'blue', regionId: 'default', serviceId: 'orders', status: 'active', zoneId: 'zone-a' }] });
    expect((await post(node.url, Paths.management.group.getAllGroups, {})).text).toBe(
      `{"groups":[{"appId":"a","description":null,"groupId":1,"groupKey":"orders/default/zone-a/blue","metadata":null,"name":"blue","regionId":"default","serviceId":"orders","status":"active","zoneId":"zone-a"}],"responseStatus":${SUCCESS}}`,
    );
    const log = (await post(node.url, Paths.management.log.groupLogs, {})).json<{ logs: Record<string, unknown>[] }>().logs[0]!;
    expect(Object.keys(log)).toEqual(['appId', 'createTime', 'extensions', 'id', 'name', 'operation', 'operatorId', 'operatorNote', 'reason', 'regionId', 'serviceId', 'status', 'token', 'updateTime', 'zoneId']);
    expect(Math.abs((log['createTime'] as number) - Date.now())).toBeLessThan(60_000);
  });

  it('serves the GET forms of all-instance-operations, all-server-operations and services', async () => {
    await using node = await startManagedHttpNode(test());
    await post(node.url, Paths.management.operateInstance, pullout);
    await post(node.url, Paths.management.operateServer, { serverKey: { regionId: 'eu', serverId: '10.0.0.1' }, operation: 'pullout', operatorId: 'ops' });
    expect((await send(node.url, { path: `${Paths.management.allInstanceOperations}?regionId=default` })).json<{ allInstanceOperations: unknown[] }>().allInstanceOperations).toHaveLength(1);
    expect((await send(node.url, { path: `${Paths.management.allServerOperations}?regionId=default` })).json<{ allServerOperations: unknown[] }>().allServerOperations).toHaveLength(0);
    expect((await send(node.url, { path: Paths.management.allServerOperations })).json<{ allServerOperations: unknown[] }>().allServerOperations).toHaveLength(1);
    expect((await send(node.url, { path: Paths.management.services })).json<{ services: unknown[]; version: number }>().version).toBeGreaterThan(0);
    expect((await send(node.url, { path: Paths.management.operateInstance })).status).toBe(405);
  });

  it('reports the database in /health/ready', async () => {
    await using node = await startManagedHttpNode(test());
    const ready = await send(node.url, { path: Paths.health.ready });
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: 'up', checks: { node: 'up', database: 'up' } });
  });

  it('refuses writes with service-unavailable while the node is not up, and still answers reads', async () => {
    await using node = await startManagedHttpNode(test());
    node.engine.cluster.setState('starting');
    const write = (await post(node.url, Paths.management.operateInstance, pullout)).json<{ responseStatus: { errorCode: string; message: string } }>();
    expect(write.responseStatus.errorCode).toBe('service-unavailable');
    expect(write.responseStatus.message).toMatch(/^Serivce is not in up state\. Current status: /);
    expect((await post(node.url, Paths.management.group.insertGroups, { ...context, groups: [] })).json()).toMatchObject({ responseStatus: { errorCode: 'service-unavailable' } });
    expect((await post(node.url, Paths.management.group.getAllGroups, {})).json()).toMatchObject({ responseStatus: { errorCode: 'success' } });
    node.engine.cluster.setState('up');
  });
});

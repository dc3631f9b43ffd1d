import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { WebSocket } from 'ws';
import { startProcess } from './artemis-process.js';

type Status = { errorCode: string; message: string };

async function post(url: string, path: string, body: unknown, auth: Record<string, string> = {}): Promise<{ responseStatus: Status; failedInstances?: unknown }> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
  return (await response.json()) as { responseStatus: Status };
}

const LONE_SURROGATE = 'orders-\ud800';
const WITH_NUL = 'orders-\u0000-1';
const WITH_NEWLINE = 'orders\n1';
const instance = (serviceId: string, instanceId: string) => ({ serviceId, instanceId, url: 'http://10.0.0.1:8080', regionId: 'default', zoneId: 'default' });

describe('one identifier rule at every edge', () => {
  it('refuses ids with a lone surrogate or a control character on registry, discovery, management and the Java push channels', async () => {
    await using node = await startProcess();
    for (const bad of [LONE_SURROGATE, WITH_NUL, WITH_NEWLINE]) {
      const asInstance = await post(node.url, Paths.registry.register, { instances: [instance('orders', bad)] });
      expect(asInstance.responseStatus.errorCode).toBe('bad-request');
      expect(asInstance.responseStatus.message).toMatch(/^instances\[0\]\.instanceId: (is not well-formed Unicode: lone surrogate U\+D800 at position 7|must not contain control characters: U\+00(00|0A) at position \d)/);
      expect((await post(node.url, Paths.registry.register, { instances: [instance(bad, 'o-1')] })).responseStatus.errorCode).toBe('bad-request');
      const discovery = await post(node.url, Paths.discovery.service, { discoveryConfig: { serviceId: bad, regionId: 'default', zoneId: 'default' }, regionId: 'default', zoneId: 'default' });
      expect(discovery.responseStatus).toMatchObject({ errorCode: 'bad-request', message: expect.stringMatching(/^discoveryConfig\.serviceId: /) as unknown });
      const pullout = await post(node.url, Paths.management.operateInstance, { instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: bad }, operation: 'pullout', operationComplete: false, operatorId: 'ops' }, node.auth);
      expect(pullout.responseStatus).toMatchObject({ errorCode: 'bad-request', message: expect.stringMatching(/^instanceKey\.instanceId: /) as unknown });
    }
    // Nothing was stored: the registry holds no instance and management no operation.
    const leases = (await (await fetch(`${node.url}${Paths.status.leases}`, { headers: node.auth })).json()) as { leaseCount: number };
    expect(leases.leaseCount).toBe(0);
    const operations = (await post(node.url, Paths.management.allInstanceOperations, {}, node.auth)) as unknown as { allInstanceOperations: unknown[] };
    expect(operations.allInstanceOperations).toEqual([]);

    const ws = new WebSocket(`${node.url.replace(/^http/, 'ws')}${Paths.ws.heartbeat}`);
    await new Promise((resolve) => ws.once('open', resolve));
    const reply = new Promise<{ responseStatus: Status }>((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as { responseStatus: Status })));
    ws.send(JSON.stringify({ instances: [instance('orders', WITH_NUL)] }));
    expect((await reply).responseStatus.errorCode).toBe('bad-request');
    ws.close();

    // Well-formed ids outside the Basic Multilingual Plane stay welcome.
    const emoji = await post(node.url, Paths.registry.register, { instances: [instance('orders', 'orders-\u{1F680}')] });
    expect(emoji.responseStatus.errorCode).toBe('success');
  }, 60_000);
});

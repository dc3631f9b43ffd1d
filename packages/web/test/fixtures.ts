import { createInstance, type Instance, type InstanceInit } from '@artemis/core';
import { ArtemisEngine, type EngineOptions } from '@artemis/server';
import { ArtemisHttpServer, type ArtemisHttpServerOptions, type Caller, type HttpSecurity } from '../src/index.js';
import { useBearer } from './http-client.js';

/** The admin token of nodes started by {@link startNode} (no database: a fixed test token). */
export const TEST_ADMIN_TOKEN = 'art_test-admin-token-for-engine-only-nodes';

const testAdmin: Caller = { principal: { name: 'token:test-admin', role: 'admin', tokenId: 'test-admin', tokenKind: 'api' }, expiresAt: null, serviceIds: null };

/** Authentication for engine-only test nodes: {@link TEST_ADMIN_TOKEN} is an admin, anything else unknown. */
export const testSecurity: HttpSecurity = { authenticate: (secret) => Promise.resolve(secret === TEST_ADMIN_TOKEN ? testAdmin : null) };

/** A node on a free loopback port; `await using` closes it. */
export interface TestNode extends AsyncDisposable {
  readonly engine: ArtemisEngine;
  readonly http: ArtemisHttpServer;
  readonly url: string;
}

/** Starts an engine and its HTTP server on port 0. */
export async function startNode(engineOptions: Partial<EngineOptions> = {}, httpOptions: Partial<ArtemisHttpServerOptions> = {}): Promise<TestNode> {
  const engine = new ArtemisEngine({ regionId: 'default', zoneId: 'zone-a', ...engineOptions });
  engine.start();
  const http = new ArtemisHttpServer({ engine, security: testSecurity, ...httpOptions });
  const address = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}`;
  useBearer(url, TEST_ADMIN_TOKEN);
  engine.cluster.setLocalUrl(url);
  return {
    engine,
    http,
    url,
    async [Symbol.asyncDispose]() {
      await http.close(100);
      engine.stop();
    },
  };
}

/** An instance in the test node's region and zone. */
export function instance(serviceId: string, instanceId: string, init: Partial<InstanceInit> = {}): Instance {
  return createInstance({ regionId: 'default', zoneId: 'zone-a', url: `http://10.0.0.1:8080/${instanceId}`, ip: '10.0.0.1', port: 8080, status: 'up', ...init, serviceId, instanceId });
}

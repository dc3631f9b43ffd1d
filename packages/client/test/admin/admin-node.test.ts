import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import type { ManagementChangePush, SubscribeReply } from '@artemis/core';
import { ArtemisAdmin } from '../../src/admin/index.js';
import { startNode, type ArtemisNode } from '../support/artemis-node.js';

// A real node (the built CLI as a child process, its own database), reached as users reach it.
const token = `art_${randomBytes(32).toString('base64url')}`;
let node: ArtemisNode;

beforeAll(async () => {
  node = await startNode({ env: { ARTEMIS_BOOTSTRAP_TOKEN: token } });
}, 60_000);

afterAll(async () => {
  await node?.close();
}, 30_000);

describe('ArtemisAdmin against a real node: what the console reads', () => {
  it('reads the push counters (GET push.json) in the core shape, and sees a socket.io session counted', async () => {
    const admin = new ArtemisAdmin({ nodes: [node.url], token });
    const before = await admin.status.push();
    expect(before.sessions).toEqual({ heartbeat: 0, instanceChange: 0, allInstanceChange: 0, socketIo: 0 });
    expect(typeof before.pushes).toBe('number');
    const socket = io(node.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      await new Promise<void>((resolve, reject) => (socket.once('connect', () => resolve()), socket.once('connect_error', reject)));
      expect((await admin.status.push()).sessions.socketIo).toBe(1);
    } finally {
      socket.disconnect();
    }
  }, 30_000);

  it('reads the cluster, users and tokens, and every log kind', async () => {
    const admin = new ArtemisAdmin({ nodes: [node.url], token, defaults: { operatorId: 'console-test' } });
    const cluster = await admin.status.cluster();
    expect(cluster.nodeCount).toBe(1);
    // The answering node itself carries no replication fields; peers would.
    expect(cluster.nodesStatus?.[0]?.replication).toBeUndefined();
    await admin.auth.createUser({ userName: 'olga', password: 'operator-password-1', role: 'operator' });
    expect((await admin.auth.users()).users.map((user) => user.userName)).toContain('olga');
    const issued = await admin.auth.createToken({ name: 'ci', role: 'viewer' });
    expect((await admin.auth.tokens()).tokens.find((t) => t.name === 'ci')?.role).toBe('viewer');
    await admin.auth.revokeToken(issued.tokenInfo?.tokenId ?? '');
    const { logs } = admin;
    const page = { limit: 5 };
    const answers = await Promise.all([
      logs.instanceOperations(page),
      logs.serverOperations(page),
      logs.zoneOperations(page),
      logs.groupOperations(page),
      logs.groups(page),
      logs.routeRules(page),
      logs.routeRuleGroups(page),
      logs.groupInstances(page),
      logs.serviceInstances(page),
    ]);
    expect(answers.map((answer) => answer.responseStatus.status)).toEqual(Array(9).fill('success'));
  }, 30_000);

  it('writes through the admin client push management-change to an all-changes socket.io session', async () => {
    const admin = new ArtemisAdmin({ nodes: [node.url], token, defaults: { operatorId: 'console-test' } });
    const socket = io(node.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      const reply = await new Promise<SubscribeReply>((resolve) => socket.emit('subscribe', { serviceIds: null, discoveryConfigs: null, all: true, sinceVersion: null }, resolve));
      expect(reply.responseStatus.status).toBe('success');
      const pushed = new Promise<ManagementChangePush>((resolve) => socket.once('management-change', resolve));
      await admin.zones.operate([{ zoneKey: { regionId: 'default', serviceId: 'orders', zoneId: 'zone-x' }, operations: ['pullout'] }], false);
      const push = await pushed;
      expect(push.position).toBeGreaterThan(0);
      expect(push.tables).toContain('service_zone');
    } finally {
      socket.disconnect();
    }
  }, 30_000);
});

describe('@artemis/client/admin is browser-safe', () => {
  it('is exported, and its module graph reaches only @artemis/core and its own files (no socket.io, no node: modules)', () => {
    const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { exports: Record<string, { import: string }> };
    expect(manifest.exports['./admin']?.import).toBe('./dist/admin/index.js');
    const dir = fileURLToPath(new URL('../../src/admin/', import.meta.url));
    const outside = new Set<string>();
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      // Import and export statements only (a TSDoc example may name the root package).
      for (const match of readFileSync(dir + file, 'utf8').matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm)) {
        const specifier = match[1] ?? '';
        if (!specifier.startsWith('./')) outside.add(specifier);
      }
    }
    expect([...outside]).toEqual(['@artemis/core']);
  });
});

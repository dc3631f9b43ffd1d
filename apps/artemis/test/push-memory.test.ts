import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { WebSocket } from 'ws';
import { startProcess } from './artemis-process.js';

const SESSIONS = 6;
/** More than a session may hold by default (10,000). */
const IDS_PER_SESSION = 10_500;

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pushStats(url: string): Promise<{ subscriptions?: number; sessions: Record<string, number> }> {
  return (await (await fetch(`${url}/api/status/push.json`)).json()) as { subscriptions?: number; sessions: Record<string, number> };
}

/** Opens a Java change session and sends one subscription frame per id; resolves once the node has read them all. */
async function subscribeMany(url: string, session: number): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${Paths.ws.instanceChange}`);
  ws.on('message', () => undefined);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  for (let n = 0; n < IDS_PER_SESSION; n++) {
    ws.send(JSON.stringify({ serviceId: `s${session}-a-service-with-a-longer-name-${n}`, regionId: 'default', zoneId: 'default' }));
    if (n % 1000 === 0) while (ws.bufferedAmount > 1 << 20) await sleep(5);
  }
  await new Promise<void>((resolve) => {
    ws.once('pong', () => resolve());
    ws.ping();
  });
  return ws;
}

describe('push subscriptions and memory', () => {
  it('holds at most the bounded subscriptions of many sessions subscribing distinct ids, and releases them on close', async () => {
    await using node = await startProcess();
    const pid = node.child.pid as number;
    const startRss = rssMb(pid);
    const sockets = await Promise.all(Array.from({ length: SESSIONS }, (_, session) => subscribeMany(node.url, session)));
    const held = await pushStats(node.url);
    expect(held.subscriptions).toBe(SESSIONS * 10_000);
    expect(held.sessions['instanceChange']).toBe(SESSIONS);
    for (const ws of sockets) ws.close();
    for (let n = 0; n < 100 && ((await pushStats(node.url)).subscriptions ?? -1) !== 0; n++) await sleep(50);
    const released = await pushStats(node.url);
    expect(released.subscriptions).toBe(0);
    expect(released.sessions['instanceChange']).toBe(0);
    // 60,000 subscriptions in all: bounded, and far from the gigabyte unbounded ones reached.
    expect(rssMb(pid) - startRss).toBeLessThan(200);
  }, 90_000);
});

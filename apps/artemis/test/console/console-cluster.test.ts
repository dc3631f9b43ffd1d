import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { TestCluster, registry } from '../cluster/cluster-nodes.js';
import { collectPageErrors, launchBrowser, screenshot } from './browser.js';

// Three real nodes on loopback ports sharing one Postgres database (as the cluster tests start
// them), each reaching the others through a TCP proxy; the console of node A shows them.
const bootstrapToken = `art_${randomBytes(32).toString('base64url')}`;
let cluster: TestCluster;
let browser: Browser;

beforeAll(async () => {
  cluster = await TestCluster.start(3, { ARTEMIS_BOOTSTRAP_TOKEN: bootstrapToken });
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await cluster?.[Symbol.asyncDispose]();
}, 60_000);

describe('the cluster page against a three-node cluster', () => {
  it('shows every node with its state, last contact, replication queue and lag, and a peer going down', async () => {
    const a = cluster.node('A');
    expect(await registry(a, 'register', ['c-1', 'c-2'])).toBe('success');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = collectPageErrors(page, (url, status) => status === 401 && url.endsWith('/api/auth/whoami.json'));
    await page.goto(`${a.url}/console/#/cluster`);
    await page.getByRole('tab', { name: 'Token' }).click();
    await page.getByLabel('Token', { exact: true }).fill(bootstrapToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Cluster' }).waitFor();

    const nodes = page.getByRole('table', { name: 'Nodes' });
    const peerB = `http://127.0.0.1:${cluster.proxy('A', 'B').port}`;
    const peerC = `http://127.0.0.1:${cluster.proxy('A', 'C').port}`;
    await nodes.locator(`tr[data-node="${a.url}"]`).filter({ hasText: 'this node' }).waitFor({ timeout: 10_000 });
    for (const peer of [peerB, peerC]) {
      const row = nodes.locator(`tr[data-node="${peer}"]`);
      await row.locator('td[data-state="up"]').waitFor({ timeout: 10_000 });
      // A peer in step: its queue is drained, so no lag; its last contact is a time.
      await row.locator('td[data-queue="0"]').waitFor({ timeout: 10_000 });
      await row.locator('td[data-lag="0"]').waitFor({ timeout: 10_000 });
      expect(await row.locator('time').count()).toBe(1);
    }
    expect(await nodes.locator('tr[data-node]').count()).toBe(3);
    for (const list of ['Up for registry', 'Up for discovery']) expect(await page.getByRole('region', { name: list }).locator('li[data-up-node]').count()).toBe(3);
    await screenshot(page, 'cluster-three-nodes', { viewport: true });

    // C stops: A's probes fail, and the page (which reads cluster.json every 5 s) shows it down.
    await cluster.kill(cluster.node('C'));
    await nodes.locator(`tr[data-node="${peerC}"] td[data-state="down"]`).waitFor({ timeout: 20_000 });
    await page.getByRole('region', { name: 'Up for registry' }).locator(`li[data-up-node="${peerC}"]`).waitFor({ state: 'detached', timeout: 10_000 });
    expect(await nodes.locator(`tr[data-node="${peerB}"] td[data-state="up"]`).count()).toBe(1);
    await screenshot(page, 'cluster-peer-down', { viewport: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});

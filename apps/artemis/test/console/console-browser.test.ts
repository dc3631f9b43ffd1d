import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ArtemisAdmin } from '@artemis/client';
import { Paths } from '@artemis/core';
import type { Browser, Page } from 'playwright-core';
import { startProcess } from '../artemis-process.js';
import { collectPageErrors, launchBrowser, screenshot } from './browser.js';
import { discovered, instanceOf, post, register, until } from './node-api.js';

// One node (fresh embedded database) and one browser for the file; each test opens its own page.
const bootstrapToken = `art_${randomBytes(32).toString('base64url')}`;
const node = await startProcess([], { ARTEMIS_BOOTSTRAP_TOKEN: bootstrapToken });

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await node[Symbol.asyncDispose]();
}, 30_000);

/** Opens a console page, signed in with `token` (the bootstrap admin token by default; null: not signed in). */
async function open(hash: string, token: string | null = bootstrapToken, beforeLoad?: (page: Page) => Promise<unknown>): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // The console asks who it is before signing in; that first 401 is expected.
  const errors = collectPageErrors(page, (url, status) => status === 401 && url.endsWith(Paths.auth.whoami));
  await beforeLoad?.(page);
  await page.goto(`${node.url}/console/#/${hash}`);
  if (token !== null) await signInWithToken(page, token);
  await page.locator('main#main').waitFor();
  return { page, errors };
}

async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.getByRole('tab', { name: 'Token' }).click();
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The weights discovery serves for a rule of a service, by group key, over HTTP. */
async function servedWeights(serviceId: string, ruleName: string): Promise<Record<string, number>> {
  const served = await post(node.url, Paths.discovery.service, { discoveryConfig: { serviceId, regionId: 'default', zoneId: 'default' }, regionId: 'default', zoneId: 'default' });
  const rules = (served.body['service'] as { routeRules: { routeId: string; groups: { groupKey: string; weight: number }[] }[] | null }).routeRules ?? [];
  return Object.fromEntries((rules.find((rule) => rule.routeId === ruleName)?.groups ?? []).map((group) => [group.groupKey, group.weight]));
}

describe('the console in a real browser', () => {
  it('is served at /console/ (/ redirects there) and runs under its strict CSP without errors', async () => {
    const { page, errors } = await open('dashboard');
    expect(new URL(page.url()).pathname).toBe('/console/');
    const root = await fetch(`${node.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    const index = await fetch(`${node.url}/console/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const asset = (await index.text()).match(/\/console\/assets\/[^"]+\.js/)?.[0];
    expect(asset).toBeDefined();
    expect((await fetch(`${node.url}${asset}`)).headers.get('cache-control')).toContain('immutable');
    await page.getByRole('navigation', { name: 'Pages' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows a service registered over HTTP live, without a reload, and highlights its new instances', async () => {
    const { page, errors } = await open('services');
    await page.getByRole('heading', { name: 'Services' }).waitFor();
    // A marker on the window proves the page was not reloaded.
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 42));
    await register(node.url, [instanceOf('live-orders', 'lo-1', 'zone-a')]);
    await page.locator('tr[data-service="live-orders"]').waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: 'live-orders' }).click();
    await page.locator('tr[data-instance="lo-1"]').waitFor();
    await register(node.url, [instanceOf('live-orders', 'lo-2', 'zone-b', '10.0.0.2')]);
    await page.locator('tr[data-instance="lo-2"][data-mark="new"]').waitFor({ timeout: 10_000 });
    await screenshot(page, 'service-detail');
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(42);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('pulls an instance out after a confirmation naming it, and discovery over HTTP stops serving it', async () => {
    await register(node.url, [instanceOf('pull-orders', 'po-1'), instanceOf('pull-orders', 'po-2', 'default', '10.0.0.2')]);
    expect(await discovered(node.url, 'pull-orders')).toEqual(['po-1', 'po-2']);
    const { page, errors } = await open('instances');
    await page.getByLabel('Service').selectOption('pull-orders');
    await page.getByLabel('select po-1').check();
    await page.getByRole('button', { name: 'Pull out' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('po-1');
    expect(await dialog.textContent()).not.toContain('po-2');
    await screenshot(page, 'instances-pull-out-confirmation');
    await dialog.getByRole('button', { name: /Pull out 1/ }).click();
    await until(async () => (await discovered(node.url, 'pull-orders')).join() === 'po-2', 5_000, 'discovery stops serving po-1');
    await page.locator('tr[data-instance="po-1"] .pill-out').waitFor({ timeout: 10_000 });
    // And back in.
    await page.getByLabel('select po-1').check();
    await page.getByRole('button', { name: 'Pull in' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /Pull in 1/ }).click();
    await until(async () => (await discovered(node.url, 'pull-orders')).length === 2, 5_000, 'discovery serves po-1 again');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('creates a route rule, previews the weights per zone, releases it, and discovery serves the released weights', async () => {
    await register(node.url, [
      { ...instanceOf('route-orders', 'ro-1', 'default'), groupId: 'blue' },
      { ...instanceOf('route-orders', 'ro-2', 'default', '10.0.0.2'), groupId: 'green' },
    ]);
    const { page, errors } = await open('routing');
    await page.getByRole('button', { name: 'New route rule…' }).click();
    const form = page.getByRole('form', { name: 'New route rule' });
    await form.getByLabel('Service').fill('route-orders');
    await form.getByLabel('Rule name').fill('split');
    // Bad input is refused before anything is sent.
    await form.getByLabel(/Groups, one per line/).fill('default blue lots');
    await form.getByRole('button', { name: 'Create' }).click();
    await form.getByRole('alert').filter({ hasText: 'whole number' }).waitFor();
    await form.getByLabel(/Groups, one per line/).fill('default blue 75\ndefault green 25');
    await form.getByRole('button', { name: 'Create' }).click();
    const card = page.locator('[data-route-rule="split"]');
    await card.waitFor({ timeout: 10_000 });
    const preview = card.getByRole('table', { name: 'Weight preview per zone' });
    await preview.locator('td[data-group="route-orders/default/default/blue"][data-share="75.0%"]').waitFor();
    await preview.locator('td[data-group="route-orders/default/default/green"][data-share="25.0%"]').waitFor();
    await screenshot(page, 'routing-before-release');
    await card.getByRole('button', { name: /^Release/ }).click();
    await card.locator('tr[data-group="route-orders/default/default/blue"] td[data-released]').filter({ hasText: '75' }).waitFor({ timeout: 10_000 });
    const served = await post(node.url, Paths.discovery.service, { discoveryConfig: { serviceId: 'route-orders', regionId: 'default', zoneId: 'default' }, regionId: 'default', zoneId: 'default' });
    const rules = (served.body['service'] as { routeRules: { routeId: string; groups: { groupKey: string; weight: number }[] }[] }).routeRules;
    const split = rules.find((rule) => rule.routeId === 'split');
    expect(Object.fromEntries((split?.groups ?? []).map((group) => [group.groupKey, group.weight]))).toEqual({
      'route-orders/default/default/blue': 75,
      'route-orders/default/default/green': 25,
    });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('rolls back a release to the weights released before it, and discovery serves them again', async () => {
    await register(node.url, [
      { ...instanceOf('rollback-orders', 'rb-1'), groupId: 'blue' },
      { ...instanceOf('rollback-orders', 'rb-2', 'default', '10.0.0.2'), groupId: 'green' },
    ]);
    // Two releases made over HTTP by another operator: 80/20, then 30/70.
    const admin = new ArtemisAdmin({ nodes: [node.url], token: bootstrapToken });
    const group = (name: string, weight: number) => ({ appId: 'rollback-orders', description: null, groupId: null, groupKey: null, metadata: null, name, regionId: 'default', serviceId: 'rollback-orders', status: 'active', zoneId: 'default', weight });
    await admin.routeRules.create({ description: null, name: 'canary-split', routeRuleId: null, serviceId: 'rollback-orders', status: 'active', strategy: 'weighted-round-robin' }, [group('blue', 80), group('green', 20)]);
    const rule = (await admin.routeRules.find({ serviceId: 'rollback-orders', name: 'canary-split' })).routeRules?.[0];
    const members = (await admin.routeRules.findGroups({ routeRuleId: rule?.routeRuleId ?? -1 })).routeRuleGroups ?? [];
    await admin.routeRules.releaseGroups(members);
    await admin.routeRules.upsertGroups(members.map((m, i) => ({ ...m, unreleasedWeight: i === 0 ? 30 : 70, weight: null })));
    await admin.routeRules.releaseGroups(members);
    expect(await servedWeights('rollback-orders', 'canary-split')).toEqual({ 'rollback-orders/default/default/blue': 30, 'rollback-orders/default/default/green': 70 });

    const { page, errors } = await open('routing');
    const card = page.locator('[data-route-rule="canary-split"]');
    await card.getByRole('button', { name: 'Roll back release…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('[data-rollback="rollback-orders/default/default/blue"]').filter({ hasText: '30 → 80' }).waitFor();
    await screenshot(page, 'routing-rollback', { viewport: true });
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await until(async () => (await servedWeights('rollback-orders', 'canary-split'))['rollback-orders/default/default/blue'] === 80, 10_000, 'discovery serves the weights of the release before');
    expect(await servedWeights('rollback-orders', 'canary-split')).toEqual({ 'rollback-orders/default/default/blue': 80, 'rollback-orders/default/default/green': 20 });
    await card.locator('tr[data-group="rollback-orders/default/default/blue"] td[data-released]').filter({ hasText: '80' }).waitFor({ timeout: 10_000 });
    // The rollback is in the weights log under its own operation name.
    const log = (await admin.logs.routeRuleGroups({ routeRuleId: rule?.routeRuleId ?? -1, operation: 'rollback' })).logs ?? [];
    // Both steps (set as unreleased, then released) are logged as `rollback`.
    expect(log.map((row) => row.weight).sort()).toEqual([20, 20, 80, 80]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("shows another operator's management write made over HTTP in an open page, without a reload", async () => {
    await register(node.url, [instanceOf('other-orders', 'oo-1', 'zone-q')]);
    const { page, errors } = await open('zones');
    await page.getByRole('heading', { name: 'Zone operations' }).waitFor();
    await page.locator('main#main .state-empty, main#main table').first().waitFor();
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 7));
    const written = await post(
      node.url,
      Paths.management.zone.operateZoneOperations,
      { operation: 'pullout', operatorId: 'someone-else', operationComplete: false, zoneOperationsList: [{ zoneKey: { regionId: 'default', serviceId: 'other-orders', zoneId: 'zone-q' }, operations: ['pullout'] }] },
      bootstrapToken,
    );
    expect(written.status).toBe(200);
    await page.getByRole('cell', { name: 'zone-q' }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(7);
    await post(
      node.url,
      Paths.management.zone.operateZoneOperations,
      { operation: 'pullout', operatorId: 'someone-else', operationComplete: true, zoneOperationsList: [{ zoneKey: { regionId: 'default', serviceId: 'other-orders', zoneId: 'zone-q' }, operations: ['pullout'] }] },
      bootstrapToken,
    );
    await page.getByRole('cell', { name: 'zone-q' }).waitFor({ state: 'detached', timeout: 10_000 });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows a management write made before the page had its push subscription', async () => {
    await register(node.url, [instanceOf('late-orders', 'lo-1', 'zone-l')]);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // socket.io connects by polling first: holding those requests keeps the page unsubscribed.
    const { page, errors } = await open('zones', bootstrapToken, (opened) =>
      opened.route('**/socket.io/**', async (route) => {
        await held;
        await route.continue();
      }),
    );
    await page.locator('main#main .state-empty, main#main table').first().waitFor();
    const operate = (operationComplete: boolean) =>
      post(
        node.url,
        Paths.management.zone.operateZoneOperations,
        { operation: 'pullout', operatorId: 'someone-else', operationComplete, zoneOperationsList: [{ zoneKey: { regionId: 'default', serviceId: 'late-orders', zoneId: 'zone-l' }, operations: ['pullout'] }] },
        bootstrapToken,
      );
    expect((await operate(false)).status).toBe(200);
    expect(await page.getByRole('cell', { name: 'zone-l' }).count()).toBe(0);
    release();
    await page.getByRole('cell', { name: 'zone-l' }).waitFor({ timeout: 10_000 });
    expect((await operate(true)).status).toBe(200);
    await page.getByRole('cell', { name: 'zone-l' }).waitFor({ state: 'detached', timeout: 10_000 });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('applies a zone operation after naming the instances it hides, and undoes it', async () => {
    await register(node.url, [instanceOf('zone-orders', 'zo-1', 'zone-x'), instanceOf('zone-orders', 'zo-2', 'default', '10.0.0.2')]);
    const { page, errors } = await open('zones');
    const form = page.getByRole('form', { name: 'Apply a zone operation' });
    await form.getByLabel('Service').fill('zone-orders');
    await form.getByLabel('Zone').fill('zone-x');
    await form.getByRole('button', { name: 'Apply…' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('zo-1');
    expect(await dialog.textContent()).not.toContain('zo-2');
    await dialog.getByRole('button', { name: 'Hide 1 instance' }).click();
    await page.getByRole('cell', { name: 'zone-x' }).waitFor({ timeout: 10_000 });
    const lookup = async () => {
      const answer = await post(node.url, Paths.discovery.service, { discoveryConfig: { serviceId: 'zone-orders', regionId: 'default', zoneId: 'zone-x' }, regionId: 'default', zoneId: 'zone-x' });
      return ((answer.body['service'] as { instances: { instanceId: string }[] | null }).instances ?? []).map((instance) => instance.instanceId).sort();
    };
    await until(async () => (await lookup()).join() === 'zo-2', 5_000, 'the zone operation hides zo-1');
    await page.getByRole('row', { name: /zone-orders/ }).getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Undo' }).click();
    await until(async () => (await lookup()).length === 2, 5_000, 'zo-1 is served again');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows a banner while the node cannot be reached, and drops it once it answers again', async () => {
    const { page } = await open('cluster');
    await page.getByRole('heading', { name: 'Cluster' }).waitFor();
    expect(await page.locator('.banner-lost').count()).toBe(0);
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('.banner-lost').waitFor({ timeout: 10_000 });
    await page.getByRole('alert').filter({ hasText: 'cannot be reached' }).waitFor();
    await screenshot(page, 'connection-lost');
    await page.context().setOffline(false);
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.locator('tr[data-node]').first().waitFor({ timeout: 10_000 });
    await page.locator('.banner-lost').waitFor({ state: 'detached', timeout: 30_000 });
    await page.close();
  }, 60_000);

  it('takes a screenshot of every page', async () => {
    await register(node.url, [instanceOf('shots', 's-1', 'zone-a'), instanceOf('shots', 's-2', 'zone-b', '10.0.0.9')]);
    const { page, errors } = await open('dashboard');
    for (const id of ['dashboard', 'services', 'services/shots', 'instances', 'routing', 'zones', 'canary', 'audit', 'cluster', 'users']) {
      await page.goto(`${node.url}/console/#/${id}`);
      await page.locator('main#main h1, main#main .state').first().waitFor();
      await page.waitForLoadState('networkidle');
      // Pictured once loaded: docs/console/ takes these (1280x800).
      await page.locator('main#main .state-loading').first().waitFor({ state: 'detached', timeout: 10_000 });
      const path = await screenshot(page, id.replace('/', '-'), { viewport: true });
      expect(path).toContain('artemis-console-screenshots-');
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'users-dark');
    await page.setViewportSize({ width: 420, height: 800 });
    await page.goto(`${node.url}/console/#/services`);
    await page.locator('main#main h1').first().waitFor();
    await screenshot(page, 'services-narrow');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('refuses a wrong token and keeps the page the operator asked for after signing in', async () => {
    const page = await browser.newPage();
    await page.goto(`${node.url}/console/#/instances`);
    await signInWithToken(page, 'not-a-token');
    await page.getByRole('alert').waitFor();
    await signInWithToken(page, bootstrapToken);
    await page.getByRole('heading', { name: 'Instances' }).waitFor();
    expect(page.url()).toContain('#/instances');
    await page.close();
  }, 60_000);

  it('shows a viewer no write buttons, and the node refuses a forged write', async () => {
    const created = await post(node.url, Paths.auth.createUser, { userName: 'vera', password: 'viewer-password-1', role: 'viewer' }, bootstrapToken);
    expect(created.status).toBe(200);
    const login = await post(node.url, Paths.auth.login, { userName: 'vera', password: 'viewer-password-1' });
    const viewerToken = login.body['token'] as string;
    await register(node.url, [instanceOf('viewer-orders', 'vo-1')]);
    const { page } = await open('instances', viewerToken);
    await page.locator('tr[data-instance="vo-1"]').waitFor();
    expect(await page.getByRole('button', { name: 'Pull out' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Users and tokens' }).count()).toBe(0);
    await screenshot(page, 'instances-viewer');
    const forged = await post(
      node.url,
      Paths.management.operateInstance,
      { instanceKey: { regionId: 'default', serviceId: 'viewer-orders', instanceId: 'vo-1' }, operation: 'pullout', operationComplete: false, operatorId: 'vera' },
      viewerToken,
    );
    expect(forged.status).toBe(403);
    expect(await discovered(node.url, 'viewer-orders')).toEqual(['vo-1']);
    await page.close();
  }, 60_000);

  it('shows in the audit the operator the token names', async () => {
    await register(node.url, [instanceOf('audit-orders', 'ao-1')]);
    const { page } = await open('instances');
    await page.getByLabel('Service').selectOption('audit-orders');
    await page.getByLabel('select ao-1').check();
    await page.getByRole('button', { name: 'Pull out' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /Pull out 1/ }).click();
    await page.locator('tr[data-instance="ao-1"] .pill-out').waitFor({ timeout: 10_000 });
    const whoami = await post(node.url, Paths.auth.whoami, {}, bootstrapToken);
    const operator = (whoami.body['principal'] as { name: string }).name;
    await page.goto(`${node.url}/console/#/audit`);
    await page.locator('tr[data-log-row]').filter({ hasText: 'ao-1' }).filter({ hasText: operator }).first().waitFor({ timeout: 10_000 });
    await page.close();
  }, 60_000);
});

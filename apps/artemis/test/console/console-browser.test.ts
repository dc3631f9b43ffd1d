import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import type { Browser, Page } from 'playwright-core';
import { startProcess, type NodeProcess } from '../artemis-process.js';
import { collectPageErrors, launchBrowser, screenshot } from './browser.js';
import { discovered, hasSecurity, instanceOf, post, register, until } from './node-api.js';

// One node (fresh embedded database) and one browser for the file; each test opens its own page.
const bootstrapToken = randomBytes(24).toString('base64url');
/** The node, given the bootstrap token; a node that does not know that setting yet (no security) starts without it. */
async function startNode(): Promise<NodeProcess> {
  try {
    return await startProcess([], { ARTEMIS_BOOTSTRAP_TOKEN: bootstrapToken });
  } catch (error) {
    if (!/bootstrapToken/.test(String(error))) throw error;
    return startProcess([]);
  }
}
const node = await startNode();
const security = await hasSecurity(node.url);
const NO_SECURITY = 'skipped: /api/auth/login.json answers 404 on this node (security not merged yet)';
/** Tests that need a login: skipped, with the reason in their name, on a node without security. */
const withLogin = security ? it : it.skip;
const loginName = (name: string): string => (security ? name : `${name} (${NO_SECURITY})`);

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await node[Symbol.asyncDispose]();
}, 30_000);

/** Opens a console page, signing in with the bootstrap token when the node has security. */
async function open(hash: string, token: string | null = bootstrapToken): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = collectPageErrors(page, (url, status) => !security && status === 404 && url.endsWith(Paths.auth.whoami));
  await page.goto(`${node.url}/console/#/${hash}`);
  if (security && token !== null) await signInWithToken(page, token);
  await page.locator('main#main').waitFor();
  return { page, errors };
}

async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.getByRole('tab', { name: 'Token' }).click();
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
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

  it('takes a screenshot of every page', async () => {
    await register(node.url, [instanceOf('shots', 's-1', 'zone-a'), instanceOf('shots', 's-2', 'zone-b', '10.0.0.9')]);
    const { page, errors } = await open('dashboard');
    for (const id of ['dashboard', 'services', 'services/shots', 'instances', 'routing', 'zones', 'canary', 'audit', 'cluster', ...(security ? ['users'] : [])]) {
      await page.goto(`${node.url}/console/#/${id}`);
      await page.locator('main#main h1, main#main .state').first().waitFor();
      await page.waitForLoadState('networkidle');
      const path = await screenshot(page, id.replace('/', '-'));
      expect(path).toContain('artemis-console-screenshots-');
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'cluster-dark');
    await page.setViewportSize({ width: 420, height: 800 });
    await page.goto(`${node.url}/console/#/services`);
    await page.locator('main#main h1').first().waitFor();
    await screenshot(page, 'services-narrow');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  withLogin(loginName('refuses a wrong token and keeps the page the operator asked for after signing in'), async () => {
    const page = await browser.newPage();
    await page.goto(`${node.url}/console/#/instances`);
    await signInWithToken(page, 'not-a-token');
    await page.getByRole('alert').waitFor();
    await signInWithToken(page, bootstrapToken);
    await page.getByRole('heading', { name: 'Instances' }).waitFor();
    expect(page.url()).toContain('#/instances');
    await page.close();
  }, 60_000);

  withLogin(loginName('shows a viewer no write buttons, and the node refuses a forged write'), async () => {
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

  withLogin(loginName('shows in the audit the operator the token names'), async () => {
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

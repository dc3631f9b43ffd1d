import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startNode } from './fixtures.js';

describe('static files (the console)', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'artemis-static-'));
    mkdirSync(join(directory, 'assets'));
    writeFileSync(join(directory, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(directory, 'assets', 'index-AbC123.js'), 'console.log(1)');
    writeFileSync(join(directory, '.secret'), 'no');
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('redirects / to /console/ and /console to /console/', async () => {
    await using node = await startNode({}, { staticFiles: { directory } });
    const root = await fetch(`${node.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    const bare = await fetch(`${node.url}/console`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/console/');
  });

  it('serves index.html revalidated, hashed assets immutable, both with a strict CSP', async () => {
    await using node = await startNode({}, { staticFiles: { directory } });
    const page = await fetch(`${node.url}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>console</title>');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');

    const asset = await fetch(`${node.url}/console/assets/index-AbC123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers client-side routes with the app, and a missing asset, a dotfile or a traversal with the protocol 404', async () => {
    await using node = await startNode({}, { staticFiles: { directory } });
    const route = await fetch(`${node.url}/console/services/orders`);
    expect(route.status).toBe(200);
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(await route.text()).toContain('<title>console</title>');
    for (const path of ['/console/assets/missing-1.js', '/console/.secret', '/console/..%2f..%2fetc%2fpasswd.txt']) {
      const response = await fetch(`${node.url}${path}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ responseStatus: { status: 'fail' } });
    }
  });

  it('leaves writes and the protocol alone', async () => {
    await using node = await startNode({}, { staticFiles: { directory } });
    const post = await fetch(`${node.url}/console/`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(404);
    const health = await fetch(`${node.url}/health/live`);
    expect(await health.json()).toEqual({ status: 'up' });
  });

  it('serves no console and no redirect when none is configured', async () => {
    await using node = await startNode();
    expect((await fetch(`${node.url}/`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${node.url}/console/`)).status).toBe(404);
  });
});

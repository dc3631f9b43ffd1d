import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`; `.ci/run` installs it when missing). */
export const CHROMIUM = process.env['ARTEMIS_TEST_CHROMIUM'] ?? '/usr/bin/chromium';

/** Starts headless chromium; fails with what to install when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: apt-get install -y chromium (or set ARTEMIS_TEST_CHROMIUM)`);
  // Root (CI) cannot use chromium's sandbox.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

let shots: string | null = null;

/** Where screenshots go: one directory per run under the OS temp dir, never in the repo. */
export function screenshotDir(): string {
  if (shots === null) {
    shots = mkdtempSync(join(tmpdir(), 'artemis-console-screenshots-'));
    mkdirSync(shots, { recursive: true });
    process.stdout.write(`console screenshots: ${shots}\n`);
  }
  return shots;
}

/**
 * Saves a screenshot named after the page (the whole page, or with `viewport` only what the
 * window shows: docs/console/ takes those, at 1280x800); returns its path.
 */
export async function screenshot(page: Page, name: string, { viewport = false }: { viewport?: boolean } = {}): Promise<string> {
  const path = join(screenshotDir(), `${name}.png`);
  await page.screenshot({ path, fullPage: !viewport });
  return path;
}

/**
 * Errors of the page, to assert there are none: uncaught errors, console errors (CSP violations
 * among them) and failed responses by URL, except those `allowed` names (a node without
 * security answers its whoami with 404, which the console takes as "no authentication").
 */
export function collectPageErrors(page: Page, allowed: (url: string, status: number) => boolean = () => false): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // Failed loads are reported below with their URL.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !allowed(response.url(), response.status())) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

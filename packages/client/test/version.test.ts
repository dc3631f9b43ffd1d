import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { CLIENT_PACKAGE_VERSION } from '../src/index.js';

describe('client package', () => {
  it('reports the version its package.json declares', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(CLIENT_PACKAGE_VERSION).toBe(manifest.version);
  });
});

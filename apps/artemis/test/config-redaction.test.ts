import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import { createEmptyPostgresDatabase, dropPostgresDatabase, testDatabaseUrl } from '@artemis/management/testing';
import { startProcess } from './artemis-process.js';

describe('secrets in config.json', () => {
  it('redacts a database password given as a query parameter as well as in user:password@', async () => {
    const database = await createEmptyPostgresDatabase();
    try {
      const base = new URL(testDatabaseUrl(database));
      base.username = 'postgres';
      base.password = 'inline-secret';
      base.searchParams.set('password', 'query-secret');
      base.searchParams.set('application_name', 'artemis-test');
      await using node = await startProcess(['--database-url', base.toString()]);
      const text = await (await fetch(`${node.url}${Paths.status.config}`, { headers: node.auth })).text();
      expect(text).not.toContain('inline-secret');
      expect(text).not.toContain('query-secret');
      const properties = (JSON.parse(text) as { properties: Record<string, string> }).properties;
      expect(properties['databaseUrl']).toMatch(/^postgres:\/\/postgres:\*{6}@.*\?password=\*{6}&application_name=artemis-test$/);
      expect(node.lines.join('\n')).not.toContain('secret');
    } finally {
      await dropPostgresDatabase(database);
    }
  }, 60_000);
});

import { describe, expect, it } from '@jest/globals';
import { Paths } from '@artemis/core';
import type { LogFields, Logger } from '@artemis/server';
import { requestLogFields } from '../../src/index.js';
import { post } from '../http-client.js';
import { context, startManagedHttpNode, useDatabase } from './management-fixtures.js';

interface Line {
  readonly level: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A logger that adds the request's fields as the `artemis` app's winston format does, and keeps the lines. */
function capturingLogger(): Logger & { readonly lines: Line[] } {
  const lines: Line[] = [];
  const write = (level: string) => (message: string, fields: LogFields = {}) => {
    lines.push({ level, message, fields: { ...requestLogFields(), ...fields } });
  };
  return { lines, error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
}

const group = { appId: 'a', name: 'blue', regionId: 'default', serviceId: 'orders', status: 'active', zoneId: 'zone-a' };

describe('request ids in log lines', () => {
  // One kind is enough: what is checked is the HTTP layer's scope across the database's awaits.
  const test = useDatabase('postgres');

  it('gives every line a failing management write logs the request id of its answer', async () => {
    const logger = capturingLogger();
    await using node = await startManagedHttpNode(test(), { logger, observability: { accessLog: { sampleRate: 1 } } });
    const db = test().database.db;
    // The write's table is gone: the database refuses the statement after a few awaits, and
    // management logs a warning from deep inside the write.
    await db.schema.alterTable('service_group').renameTo('service_group_away').execute();
    try {
      const before = logger.lines.length;
      const answer = await post(node.url, Paths.management.group.insertGroups, { ...context, groups: [group] }, { headers: { 'x-request-id': 'write-7' } });
      expect(answer.headers['x-request-id']).toBe('write-7');
      expect(answer.json<{ responseStatus: { errorCode: string } }>().responseStatus.errorCode).toBe('internal-service-error');
      const lines = logger.lines.slice(before);
      expect(lines.map((line) => line.level)).toEqual(expect.arrayContaining(['warn', 'info']));
      expect(lines.find((line) => line.level === 'warn')?.message).toMatch(/failed/);
      for (const line of lines) expect(line.fields['requestId']).toBe('write-7');
      // A generated id is carried the same way.
      const second = await post(node.url, Paths.management.group.insertGroups, { ...context, groups: [group] });
      const id = second.headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f]{8}-/);
      const secondLines = logger.lines.filter((line) => line.fields['requestId'] === id);
      expect(secondLines.map((line) => line.level)).toEqual(expect.arrayContaining(['warn', 'info']));
    } finally {
      await db.schema.alterTable('service_group_away').renameTo('service_group').execute();
    }
    // Lines outside any request carry no id.
    logger.warn('outside');
    expect(logger.lines.at(-1)?.fields['requestId']).toBeUndefined();
  });
});

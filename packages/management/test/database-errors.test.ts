import { describe, expect, it } from '@jest/globals';
import { ArtemisError } from '@artemis/core';
import { classifyDatabaseFailure, toArtemisError } from '../src/index.js';

function pgError(code: string, message = 'driver text'): Error {
  return Object.assign(new Error(message), { code, constraint: 'service_group_key_uq' });
}

describe('database error classification', () => {
  it.each([
    ['08006', 'unavailable'],
    ['57P01', 'unavailable'],
    ['57014', 'unavailable'],
    ['53300', 'unavailable'],
    ['ECONNREFUSED', 'unavailable'],
    ['23505', 'unique-violation'],
    ['22021', 'bad-data'],
    ['23502', 'bad-data'],
    ['42601', 'internal'],
  ] as const)('sorts SQLSTATE or errno %s as %s', (code, failure) => {
    expect(classifyDatabaseFailure(pgError(code))).toBe(failure);
  });

  it('recognises a lost or refused connection by the driver message when there is no code', () => {
    expect(classifyDatabaseFailure(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(classifyDatabaseFailure(new Error('timeout exceeded when trying to connect'))).toBe('unavailable');
    expect(classifyDatabaseFailure(new Error('something else'))).toBe('internal');
  });

  it('never lets the driver text through, keeps it as the cause, and passes an ArtemisError as it is', () => {
    const error = pgError('23505', 'duplicate key value violates unique constraint');
    const converted = toArtemisError(error, 'insert groups');
    expect(converted).toMatchObject({ code: 'bad-request', message: 'insert groups failed: it would duplicate an existing row (service_group_key_uq).' });
    expect(converted.cause).toBe(error);
    expect(toArtemisError(pgError('XX000'), 'x').message).toBe('x failed.');
    const own = new ArtemisError('data-not-found', 'kept');
    expect(toArtemisError(own, 'x')).toBe(own);
  });
});

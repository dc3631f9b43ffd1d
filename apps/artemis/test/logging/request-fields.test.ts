import { describe, expect, it } from '@jest/globals';
import { runInRequest } from '@artemis/web';
import { requestFields } from '../../src/logging/create-logger.js';

type Info = Record<string, unknown> & { level: string; message: string };

const transform = (info: Info): Info => requestFields().transform(info) as Info;

describe('the request fields log format', () => {
  it('adds the request id, and the trace id when traced, to a line written while serving a request', () => {
    let inside: Info | undefined;
    runInRequest({ requestId: 'req-1' }, () => {
      inside = transform({ level: 'warn', message: 'management insert-groups failed' });
    });
    expect(inside).toMatchObject({ requestId: 'req-1' });
    expect(inside).not.toHaveProperty('traceId');
    runInRequest({ requestId: 'req-2', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }, () => {
      inside = transform({ level: 'info', message: 'x' });
    });
    expect(inside).toMatchObject({ requestId: 'req-2', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
  });

  it('keeps an id the line sets itself, and adds nothing outside a request', () => {
    let inside: Info | undefined;
    runInRequest({ requestId: 'req-3' }, () => {
      inside = transform({ level: 'info', message: 'x', requestId: 'explicit' });
    });
    expect(inside?.['requestId']).toBe('explicit');
    expect(transform({ level: 'info', message: 'timer' })).not.toHaveProperty('requestId');
  });
});

import { describe, expect, it } from '@jest/globals';
import { WriteQueue } from '../src/services/write-queue.js';

describe('WriteQueue', () => {
  it('runs writes one at a time in arrival order, past failures, and refuses more than its bound with service-unavailable', async () => {
    const queue = new WriteQueue(3);
    const order: string[] = [];
    let release!: () => void;
    const first = queue.run(() => new Promise<void>((resolve) => (release = resolve)).then(() => order.push('first')));
    const second = queue.run(() => Promise.reject(new Error('boom')));
    const third = queue.run(async () => order.push('third'));
    await expect(queue.run(async () => 'fourth')).rejects.toMatchObject({ code: 'service-unavailable' });
    expect(order).toEqual([]);
    release();
    await first;
    await expect(second).rejects.toThrow('boom');
    await third;
    expect(order).toEqual(['first', 'third']);
    expect(queue.size).toBe(0);
    await expect(queue.run(async () => 'again')).resolves.toBe('again');
  });
});

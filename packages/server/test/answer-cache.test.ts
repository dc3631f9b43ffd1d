import { describe, expect, it } from '@jest/globals';
import { AnswerCache } from '../src/discovery/answer-cache.js';
import { JsonBody } from '../src/index.js';

const body = (text: string) => Buffer.from(text, 'utf8');
const answer = (bytes: number) => JsonBody.fromChunks([Buffer.alloc(bytes, 0x20)]);

describe('AnswerCache', () => {
  it('keys by kind and exact bytes, and refuses keys over its size', () => {
    const cache = new AnswerCache(10, 1_000_000, 16);
    expect(cache.keyOf('lookup', body('{"a":1}'))).not.toBe(cache.keyOf('service', body('{"a":1}')));
    expect(cache.keyOf('lookup', body('{"a":1}'))).not.toBe(cache.keyOf('lookup', body('{"a": 1}')));
    // Bytes that are not valid UTF-8 stay distinct keys.
    expect(cache.keyOf('lookup', Buffer.from([0xff, 0x41]))).not.toBe(cache.keyOf('lookup', Buffer.from([0xfe, 0x41])));
    expect(cache.keyOf('lookup', Buffer.alloc(16))).not.toBeNull();
    expect(cache.keyOf('lookup', Buffer.alloc(17))).toBeNull();
  });

  it('answers only at the revision and generation an answer was kept at, and empties itself when either moves', () => {
    const cache = new AnswerCache();
    const kept = answer(10);
    cache.set('k', kept, 5, 1);
    expect(cache.get('k', 5, 1)).toBe(kept);
    expect(cache.get('k', 6, 1)).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.set('k', kept, 6, 1);
    expect(cache.get('k', 6, 2)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.heldBytes).toBe(0);
  });

  it('holds at most its entries and its bytes, dropping the oldest', () => {
    const byCount = new AnswerCache(3, 1_000_000);
    for (let i = 0; i < 5; i++) byCount.set(`k${i}`, answer(10), 1, 1);
    expect(byCount.size).toBe(3);
    expect(byCount.get('k0', 1, 1)).toBeUndefined();
    expect(byCount.get('k4', 1, 1)).toBeDefined();

    const byBytes = new AnswerCache(100, 1_000);
    for (let i = 0; i < 10; i++) byBytes.set(`k${i}`, answer(200), 1, 1);
    expect(byBytes.heldBytes).toBeLessThanOrEqual(1_000);
    expect(byBytes.size).toBe(3);
    expect(byBytes.get('k9', 1, 1)).toBeDefined();
    // An answer bigger than the whole bound is not kept.
    byBytes.set('huge', answer(2_000), 1, 1);
    expect(byBytes.get('huge', 1, 1)).toBeUndefined();
    // Setting a key again replaces its entry without counting it twice.
    const held = byBytes.heldBytes;
    byBytes.set('k9', answer(200), 1, 1);
    expect(byBytes.heldBytes).toBe(held);
  });
});

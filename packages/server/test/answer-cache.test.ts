import { describe, expect, it } from '@jest/globals';
import { AnswerCache } from '../src/discovery/answer-cache.js';
import { JsonBody } from '../src/index.js';

const body = (text: string) => Buffer.from(text, 'utf8');
const answer = (bytes: number) => JsonBody.fromChunks([Buffer.alloc(bytes, 0x20)]);

describe('AnswerCache', () => {
  it('keys by exact bytes, keeps kinds apart, and refuses keys over its size', () => {
    const cache = new AnswerCache(10, 1_000_000, 16);
    const kept = answer(10);
    const key = cache.keyOf(body('{"a":1}')) as string;
    cache.set('lookup', key, kept, 1, 1);
    expect(cache.get('lookup', key, 1, 1)).toBe(kept);
    expect(cache.get('service', key, 1, 1)).toBeUndefined();
    expect(cache.keyOf(body('{"a":1}'))).not.toBe(cache.keyOf(body('{"a": 1}')));
    // Bytes that are not valid UTF-8 stay distinct keys.
    expect(cache.keyOf(Buffer.from([0xff, 0x41]))).not.toBe(cache.keyOf(Buffer.from([0xfe, 0x41])));
    expect(cache.keyOf(Buffer.alloc(16))).not.toBeNull();
    expect(cache.keyOf(Buffer.alloc(17))).toBeNull();
  });

  it('answers only at the revision and generation an answer was kept at, and empties itself when either moves', () => {
    const cache = new AnswerCache();
    const kept = answer(10);
    cache.set('service', 'k', kept, 5, 1);
    expect(cache.get('service', 'k', 5, 1)).toBe(kept);
    expect(cache.get('service', 'k', 6, 1)).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.set('service', 'k', kept, 6, 1);
    expect(cache.get('service', 'k', 6, 2)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.heldBytes).toBe(0);
  });

  it('holds at most its entries and its bytes, dropping the oldest', () => {
    const byCount = new AnswerCache(3, 1_000_000);
    for (let i = 0; i < 5; i++) byCount.set('service', `k${i}`, answer(10), 1, 1);
    expect(byCount.size).toBe(3);
    expect(byCount.get('service', 'k0', 1, 1)).toBeUndefined();
    expect(byCount.get('service', 'k4', 1, 1)).toBeDefined();

    const byBytes = new AnswerCache(100, 1_000);
    for (let i = 0; i < 10; i++) byBytes.set('service', `k${i}`, answer(200), 1, 1);
    expect(byBytes.heldBytes).toBeLessThanOrEqual(1_000);
    expect(byBytes.size).toBe(3);
    expect(byBytes.get('service', 'k9', 1, 1)).toBeDefined();
    // An answer bigger than the whole bound is not kept.
    byBytes.set('service', 'huge', answer(2_000), 1, 1);
    expect(byBytes.get('service', 'huge', 1, 1)).toBeUndefined();
    // Setting a key again replaces its entry without counting it twice.
    const held = byBytes.heldBytes;
    byBytes.set('service', 'k9', answer(200), 1, 1);
    expect(byBytes.heldBytes).toBe(held);
  });

  it("shares its bounds between the kinds: a kind's answer makes room by dropping the other kind's when it has none of its own", () => {
    const cache = new AnswerCache(3, 1_000_000);
    for (let i = 0; i < 3; i++) cache.set('lookup', `l${i}`, answer(10), 1, 1);
    cache.set('service', 's0', answer(10), 1, 1);
    expect(cache.size).toBe(3);
    expect(cache.get('lookup', 'l0', 1, 1)).toBeUndefined();
    expect(cache.get('lookup', 'l2', 1, 1)).toBeDefined();
    // Now the service kind has an answer of its own to drop first.
    cache.set('service', 's1', answer(10), 1, 1);
    expect(cache.get('service', 's0', 1, 1)).toBeUndefined();
    expect(cache.get('lookup', 'l1', 1, 1)).toBeDefined();
    expect(cache.get('service', 's1', 1, 1)).toBeDefined();
  });
});

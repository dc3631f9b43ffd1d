import { describe, expect, it } from '@jest/globals';
import { ChangeBus, RateLimiter, silentLogger, SlidingWindowCounter, type ChangeEvent } from '../src/index.js';
import { ManualClock } from '../src/testing.js';

describe('SlidingWindowCounter', () => {
  it('counts events within the window and forgets them as the window slides', () => {
    const clock = new ManualClock(0);
    const counter = new SlidingWindowCounter(clock, 3_000);
    counter.add(2);
    clock.advance(1_000);
    counter.add(3);
    expect(counter.count()).toBe(5);
    clock.advance(2_000);
    expect(counter.count()).toBe(3);
    clock.advance(1_000);
    expect(counter.count()).toBe(0);
    counter.add(1);
    clock.advance(10_000);
    counter.add(4);
    expect(counter.count()).toBe(4);
  });
});

describe('RateLimiter', () => {
  it('limits each id on its own, does not count refused requests, and honours per-id limits', () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter(clock, { enabled: true, defaultLimit: 2, limits: { vip: 3 }, windowMs: 10_000 });
    expect([limiter.tryAcquire('a'), limiter.tryAcquire('a'), limiter.tryAcquire('a')]).toEqual([true, true, false]);
    expect([limiter.tryAcquire('vip'), limiter.tryAcquire('vip'), limiter.tryAcquire('vip'), limiter.tryAcquire('vip')]).toEqual([true, true, true, false]);
    clock.advance(9_000);
    expect(limiter.tryAcquire('a')).toBe(false);
    clock.advance(1_000);
    expect(limiter.tryAcquire('a')).toBe(true);
  });

  it('lets everything through when disabled', () => {
    const limiter = new RateLimiter(new ManualClock(0), { enabled: false, defaultLimit: 1, limits: {}, windowMs: 10_000 });
    expect([limiter.tryAcquire('a'), limiter.tryAcquire('a')]).toEqual([true, true]);
  });
});

describe('ChangeBus', () => {
  it('delivers to every subscriber even when one throws, and stops after unsubscribe', () => {
    const bus = new ChangeBus(silentLogger);
    const seen: number[] = [];
    bus.subscribe(() => {
      throw new Error('broken subscriber');
    });
    const unsubscribe = bus.subscribe((event) => seen.push(event.version));
    const event = { version: 1, serviceKey: 's', serviceId: 's' } as ChangeEvent;
    bus.publish(event);
    unsubscribe();
    bus.publish({ ...event, version: 2 });
    expect(seen).toEqual([1]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { createInstance, describeInstance, fixWeight, instanceIdentity, reloadInstance } from '../src/index.js';

describe('fixWeight (Java ServiceGroupsTest.testFixWeight)', () => {
  it('turns null and negative weights into 5, caps at 10000 and keeps the bounds', () => {
    expect(fixWeight(null)).toBe(5);
    expect(fixWeight(undefined)).toBe(5);
    expect(fixWeight(-1)).toBe(5);
    expect(fixWeight(0)).toBe(0);
    expect(fixWeight(10_000)).toBe(10_000);
    expect(fixWeight(10_001)).toBe(10_000);
  });
});

describe('instance identity and text', () => {
  it('compares region, service and instance case-insensitively, rendering null parts as "null"', () => {
    expect(instanceIdentity({ regionId: 'EU', serviceId: 'Orders', instanceId: 'A' })).toBe(instanceIdentity({ regionId: 'eu', serviceId: 'orders', instanceId: 'a' }));
    expect(instanceIdentity({ regionId: null, serviceId: 's', instanceId: 'i' })).toBe('null.s.i');
  });

  it('describes an instance as Java toString does, with the group only when not blank', () => {
    const base = createInstance({ regionId: 'EU', zoneId: 'Z1', serviceId: 'Orders', instanceId: 'I-1' });
    expect(describeInstance(base)).toBe('eu/z1/orders/i-1');
    expect(describeInstance({ ...base, groupId: 'G' })).toBe('eu/z1/orders/g/i-1');
    expect(describeInstance({ ...base, groupId: '  ' })).toBe('eu/z1/orders/i-1');
  });

  it('builds the fake instance of a reload change as Java does', () => {
    expect(reloadInstance('orders')).toMatchObject({ serviceId: 'orders', instanceId: 'reload', ip: '0.0.0.0', url: 'http://serviceId/reload', port: 0 });
  });
});

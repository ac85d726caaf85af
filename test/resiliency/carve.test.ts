import * as fc from 'fast-check';
import { parseCidr } from '../../lib/private/cidr';
import { carvePeerAddresses, lengthFor, pairsIn } from '../../lib/resiliency/private/carve';

const subnetOf = (cidr: string): bigint => {
  const c = parseCidr(cidr)!;
  return c.address >> 1n;
};

/** Public pools of /24 to /31 (first octet avoids private, CGNAT, loopback, multicast and reserved space). */
const publicPool = fc.record({
  a: fc.constantFrom(3, 15, 52, 54, 99, 151),
  b: fc.integer({ min: 0, max: 255 }),
  c: fc.integer({ min: 0, max: 255 }),
  length: fc.integer({ min: 24, max: 31 }),
}).map(({ a, b, c, length }) => `${a}.${b}.${c}.0/${length}`);

describe('carvePeerAddresses', () => {
  test('gives interface i the i-th /31: Amazon the even address, the customer the odd one', () => {
    // WHEN
    const pairs = carvePeerAddresses('198.51.100.0/29', 4);
    // THEN
    expect(pairs).toEqual([
      { amazonAddress: '198.51.100.0/31', customerAddress: '198.51.100.1/31' },
      { amazonAddress: '198.51.100.2/31', customerAddress: '198.51.100.3/31' },
      { amazonAddress: '198.51.100.4/31', customerAddress: '198.51.100.5/31' },
      { amazonAddress: '198.51.100.6/31', customerAddress: '198.51.100.7/31' },
    ]);
  });

  test('property: no two interfaces share a /31, every address lies in the pool', () => {
    fc.assert(fc.property(publicPool, fc.integer({ min: 1, max: 64 }), (pool, wanted) => {
      const length = Number(pool.split('/')[1]);
      const count = Math.min(wanted, pairsIn(length));
      const pairs = carvePeerAddresses(pool, count);
      const subnets = pairs.map((p) => subnetOf(p.amazonAddress));
      expect(new Set(subnets).size).toBe(count);
      const base = parseCidr(pool)!.address;
      const size = 2n ** BigInt(32 - length);
      for (const p of pairs) {
        expect(subnetOf(p.customerAddress)).toBe(subnetOf(p.amazonAddress));
        for (const a of [p.amazonAddress, p.customerAddress]) {
          const addr = parseCidr(a)!.address;
          expect(addr >= base && addr < base + size).toBe(true);
        }
      }
    }));
  });

  test('property: stable under append (n interfaces are a prefix of n + k)', () => {
    fc.assert(fc.property(publicPool, fc.integer({ min: 1, max: 32 }), fc.integer({ min: 0, max: 32 }), (pool, n, k) => {
      const max = pairsIn(Number(pool.split('/')[1]));
      fc.pre(n + k <= max);
      expect(carvePeerAddresses(pool, n + k).slice(0, n)).toEqual(carvePeerAddresses(pool, n));
    }));
  });

  test('property: deterministic (same pool and count, same answer)', () => {
    fc.assert(fc.property(publicPool, fc.integer({ min: 1, max: 4 }), (pool, n) => {
      fc.pre(n <= pairsIn(Number(pool.split('/')[1])));
      expect(carvePeerAddresses(pool, n)).toEqual(carvePeerAddresses(pool, n));
    }));
  });

  test('refuses a pool too small for the interfaces, naming the property and the size needed', () => {
    expect(() => carvePeerAddresses('198.51.100.0/30', 4))
      .toThrow(/^peerAddressPool is too small: 4 virtual interfaces need 4 \/31s, a \/29 or larger, got '198.51.100.0\/30', which holds 2$/);
    expect(() => carvePeerAddresses('198.51.100.7/32', 1)).toThrow(/peerAddressPool .*holds 0/);
  });

  test.each([
    ['10.0.0.0/29', /private/],
    ['198.51.100.1/29', /host bits set.*'198\.51\.100\.0\/29'/],
    ['2001:db8::/64', /IPv4 prefix/],
    ['not-a-cidr', /IPv4 prefix/],
  ])('refuses %s', (pool, message) => {
    expect(() => carvePeerAddresses(pool, 1)).toThrow(message);
  });

  test('lengthFor and pairsIn agree', () => {
    expect([1, 2, 3, 4, 5, 8, 9].map(lengthFor)).toEqual([31, 30, 29, 29, 28, 28, 27]);
    expect(pairsIn(29)).toBe(4);
  });
});

import { execFileSync } from 'child_process';
import * as path from 'path';
import * as fc from 'fast-check';
import * as ipaddr from 'ipaddr.js';
import { aggregateCidrs } from '../../lib/ip-ranges/engine';
import { cidrText, coverageText, minimalityProblems, RawDoc, realText } from './oracle';

describe('aggregateCidrs: worked examples', () => {
  test.each<[string, string[], 4 | 6, string[]]>([
    ['siblings merge', ['10.0.0.0/25', '10.0.0.128/25'], 4, ['10.0.0.0/24']],
    ['merges cascade', ['10.0.0.0/25', '10.0.0.128/26', '10.0.0.192/26'], 4, ['10.0.0.0/24']],
    ['merges cascade through the stack', ['10.0.1.0/24', '10.0.0.0/24', '10.0.2.0/23'], 4, ['10.0.0.0/22']],
    ['adjacent non-siblings stay', ['10.0.1.0/24', '10.0.2.0/24'], 4, ['10.0.1.0/24', '10.0.2.0/24']],
    ['contained dropped', ['10.0.0.0/8', '10.1.2.0/24', '10.255.255.255/32'], 4, ['10.0.0.0/8']],
    ['duplicates dropped', ['192.0.2.0/24', '192.0.2.0/24'], 4, ['192.0.2.0/24']],
    ['sorted by address, not text', ['100.0.0.0/8', '20.0.0.0/8', '3.0.0.0/8'], 4, ['3.0.0.0/8', '20.0.0.0/8', '100.0.0.0/8']],
    ['the whole space', ['0.0.0.0/1', '128.0.0.0/1'], 4, ['0.0.0.0/0']],
    ['top of the space', ['255.255.255.254/32', '255.255.255.255/32'], 4, ['255.255.255.254/31']],
    ['empty', [], 4, []],
    ['IPv6 siblings', ['2600:f0f2:7100::/41', '2600:f0f2:7180::/41'], 6, ['2600:f0f2:7100::/40']],
    ['IPv6 across a word boundary', ['::/33', '0:0:8000::/33'], 6, ['::/32']],
    ['IPv6 whole space', ['::/1', '8000::/1'], 6, ['::/0']],
    ['IPv6 last bit', ['::fffe/128', '::ffff/128'], 6, ['::fffe/127']],
    ['IPv6 canonical output, lower case', ['2600:F0F2:7100:0:0:0:0:0/40'], 6, ['2600:f0f2:7100::/40']],
    ['RFC 5952: first of two equal zero runs', ['2001:db8:0:0:1:0:0:1/128'], 6, ['2001:db8::1:0:0:1/128']],
    ['RFC 5952: longest zero run', ['2001:0:0:1:0:0:0:1/128'], 6, ['2001:0:0:1::1/128']],
    ['RFC 5952: a single zero group is not compressed', ['2001:db8:0:1:1:1:1:1/128'], 6, ['2001:db8:0:1:1:1:1:1/128']],
    ['RFC 5952: leading zeros dropped', ['2001:0db8:0000:0000:0000:0000:0000:0000/32'], 6, ['2001:db8::/32']],
  ])('%s', (_name, input, family, expected) => {
    expect(aggregateCidrs(input, family)).toEqual(expected);
  });

  test('does not modify its argument', () => {
    const input = ['10.0.0.128/25', '10.0.0.0/25'];
    aggregateCidrs(input, 4);
    expect(input).toEqual(['10.0.0.128/25', '10.0.0.0/25']);
  });

  test('refuses a CIDR of the other family, naming its index', () => {
    expect(() => aggregateCidrs(['10.0.0.0/8', '2600::/16'], 4)).toThrow("cidrs[1] must be an IPv4 CIDR, got '2600::/16'");
    expect(() => aggregateCidrs(['10.0.0.0/8'], 6)).toThrow("cidrs[0] must be an IPv6 CIDR, got '10.0.0.0/8'");
  });

  test('refuses host bits set rather than correcting them', () => {
    expect(() => aggregateCidrs(['10.0.0.1/8'], 4)).toThrow("cidrs[0] must have no host bits set (the network is 10.0.0.0/8), got '10.0.0.1/8'");
  });

  test('refuses a family other than 4 or 6', () => {
    expect(() => aggregateCidrs([], 5 as 4)).toThrow('family must be 4 or 6, got 5');
  });
});

describe('aggregateCidrs on the whole real file, against the independent oracle', () => {
  const raw = JSON.parse(realText()) as RawDoc;

  test.each<[string, 4 | 6]>([['IPv4', 4], ['IPv6', 6]])('all %s prefixes of all services', (_name, family) => {
    const input = family === 4 ? raw.prefixes.map((e) => e.ip_prefix!) : raw.ipv6_prefixes.map((e) => e.ipv6_prefix!);
    const out = aggregateCidrs(input, family);
    expect(out.length).toBeLessThan(input.length);
    expect(coverageText(out)).toEqual(coverageText(input));
    expect(minimalityProblems(out)).toEqual([]);
  });

  test.each(['AMAZON_CONNECT', 'EC2', 'CLOUDFRONT', 'S3', 'ROUTE53_HEALTHCHECKS'])('all %s prefixes, both families', (service) => {
    for (const family of [4, 6] as const) {
      const input = family === 4
        ? raw.prefixes.filter((e) => e.service === service).map((e) => e.ip_prefix!)
        : raw.ipv6_prefixes.filter((e) => e.service === service).map((e) => e.ipv6_prefix!);
      const out = aggregateCidrs(input, family);
      expect(coverageText(out)).toEqual(coverageText(input));
      expect(minimalityProblems(out)).toEqual([]);
    }
  });
});

describe('aggregateCidrs properties (fast-check)', () => {
  /** Prefixes in a small window so that overlaps, duplicates and siblings are common, plus some anywhere. */
  const v4Window = fc.record({ offset: fc.integer({ min: 0, max: 4095 }), length: fc.integer({ min: 18, max: 30 }) })
    .map(({ offset, length }) => {
      const start = (BigInt(10 << 24) + (BigInt(offset) << 6n)) & ~((1n << BigInt(32 - length)) - 1n);
      return cidrText(start, length, 32);
    });
  const v4Anywhere = fc.record({ addr: fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), length: fc.integer({ min: 0, max: 32 }) })
    .map(({ addr, length }) => cidrText(addr & ~((1n << BigInt(32 - length)) - 1n) & ((1n << 32n) - 1n), length, 32));
  const v6Base = 0x2600f0f27100n << 80n;
  const v6Window = fc.record({ offset: fc.integer({ min: 0, max: 4095 }), length: fc.integer({ min: 30, max: 56 }) })
    .map(({ offset, length }) => {
      // the window straddles bit 32 (a word boundary) and bit 40
      const start = (v6Base + (BigInt(offset) << 74n)) & ~((1n << BigInt(128 - length)) - 1n) & ((1n << 128n) - 1n);
      return cidrText(start, length, 128);
    });
  const v6Anywhere = fc.record({ addr: fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), length: fc.integer({ min: 0, max: 128 }) })
    .map(({ addr, length }) => cidrText(addr & ~((1n << BigInt(128 - length)) - 1n) & ((1n << 128n) - 1n), length, 128));

  const sets: Array<[string, 4 | 6, fc.Arbitrary<string[]>]> = [
    ['IPv4', 4, fc.array(fc.oneof({ arbitrary: v4Window, weight: 9 }, { arbitrary: v4Anywhere, weight: 1 }), { maxLength: 60 })],
    ['IPv6', 6, fc.array(fc.oneof({ arbitrary: v6Window, weight: 9 }, { arbitrary: v6Anywhere, weight: 1 }), { maxLength: 60 })],
  ];

  describe.each(sets)('%s', (_name, family, arb) => {
    test('the covered address set is unchanged', () => {
      fc.assert(fc.property(arb, (input) => {
        expect(coverageText(aggregateCidrs(input, family))).toEqual(coverageText(input));
      }), { numRuns: 300 });
    });

    test('the output is minimal: sorted, disjoint, no mergeable siblings, canonical text', () => {
      fc.assert(fc.property(arb, (input) => {
        expect(minimalityProblems(aggregateCidrs(input, family))).toEqual([]);
      }), { numRuns: 300 });
    });

    test('idempotent', () => {
      fc.assert(fc.property(arb, (input) => {
        const once = aggregateCidrs(input, family);
        expect(aggregateCidrs(once, family)).toEqual(once);
      }), { numRuns: 200 });
    });

    test('independent of input order', () => {
      fc.assert(fc.property(
        arb.chain((input) => fc.tuple(fc.constant(input), fc.shuffledSubarray(input, { minLength: input.length, maxLength: input.length }))),
        ([input, shuffled]) => {
          expect(aggregateCidrs(shuffled, family)).toEqual(aggregateCidrs(input, family));
        }), { numRuns: 200 });
    });
  });
});

describe('address parsing and formatting agree with ipaddr.js (independent implementation)', () => {
  test('every prefix of the real file parses to the same network as ipaddr.js reads', () => {
    const raw = JSON.parse(realText()) as RawDoc;
    for (const [family, list] of [[4, raw.prefixes.map((e) => e.ip_prefix!)], [6, raw.ipv6_prefixes.map((e) => e.ipv6_prefix!)]] as const) {
      // one prefix at a time, so nothing is merged away and each output must equal ipaddr.js's canonical text
      const mismatches = list.filter((p) => {
        const [addr, len] = ipaddr.parseCIDR(p);
        const canonical = `${family === 6 ? (addr as ipaddr.IPv6).toRFC5952String() : addr.toString()}/${len}`;
        return aggregateCidrs([p], family)[0] !== canonical;
      });
      expect(mismatches).toEqual([]);
    }
  });

  const v6Text = fc.record({
    addr: fc.oneof(
      fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
      // many zero groups, to exercise `::` placement
      fc.array(fc.constantFrom(0, 0, 0, 1, 0xffff, 0xdb8), { minLength: 8, maxLength: 8 })
        .map((g) => g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n)),
    ),
    form: fc.constantFrom('rfc5952', 'full', 'normalized-upper'),
  });

  test('IPv6 in any textual form parses and comes back in RFC 5952 form (/128, so no host bits)', () => {
    fc.assert(fc.property(v6Text, ({ addr, form }) => {
      const bytes: number[] = [];
      for (let i = 15; i >= 0; i--) bytes.push(Number((addr >> BigInt(8 * i)) & 0xffn));
      const ip = ipaddr.fromByteArray(bytes) as ipaddr.IPv6;
      const text = form === 'full' ? Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16).padStart(4, '0')).join(':') : form === 'normalized-upper' ? ip.toNormalizedString().toUpperCase() : ip.toRFC5952String();
      expect(aggregateCidrs([`${text}/128`], 6)).toEqual([`${ip.toRFC5952String()}/128`]);
    }), { numRuns: 500 });
  });

  test('IPv4 dotted quads parse and come back unchanged (/32)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), (bytes) => {
      const text = `${ipaddr.fromByteArray(bytes).toString()}/32`;
      expect(aggregateCidrs([text], 4)).toEqual([text]);
    }), { numRuns: 500 });
  });
});

describe('aggregateCidrs on the whole real file gives the same prefixes as cidr-tools (the benchmark baseline)', () => {
  const raw = JSON.parse(realText()) as RawDoc;
  const distinct = (family: 4 | 6): string[] =>
    [...new Set(family === 4 ? raw.prefixes.map((e) => e.ip_prefix!) : raw.ipv6_prefixes.map((e) => e.ipv6_prefix!))];

  /** cidr-tools is an ES module that jest's CommonJS runtime cannot load: its mergeCidr runs in a child node. */
  function cidrToolsMerge(input: string[]): string[] {
    const script = 'import { mergeCidr } from "cidr-tools"; let s = ""; process.stdin.on("data", (d) => { s += d; })'
      + '.on("end", () => process.stdout.write(JSON.stringify(mergeCidr(JSON.parse(s)))));';
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      input: JSON.stringify(input), encoding: 'utf8', cwd: path.join(__dirname, '..', '..'),
    })) as string[];
  }

  test.each<[string, 4 | 6]>([['IPv4', 4], ['IPv6', 6]])('every distinct %s prefix in one aggregation', (_name, family) => {
    // GIVEN the distinct prefixes of one family, as bench/ip-ranges.ts feeds both implementations
    const input = distinct(family);
    // WHEN both aggregate them
    const ours = aggregateCidrs(input, family);
    const theirs = cidrToolsMerge(input);
    // THEN the results are the same prefixes in the same text (ours is in address order; cidr-tools' order is its own)
    expect(ours.length).toBeLessThan(input.length);
    expect([...ours].sort()).toEqual([...theirs].sort());
  });
});

import {
  IP_RANGES_URL,
  parseIpRangesDocument,
  RegionRule,
  SELECTION_RULES,
  SELECTION_RULES_SOURCE,
  selectPrefixes,
} from '../../lib/ip-ranges/engine';
import { coverageText, minimalityProblems, RawDoc, realText } from './oracle';

type Row = [prefix: string, region: string, service: string];

/** Builds a document from [prefix, region, service] rows; the family is chosen by the presence of ':'. */
function doc(rows: Row[]) {
  const v4 = rows.filter(([p]) => !p.includes(':'));
  const v6 = rows.filter(([p]) => p.includes(':'));
  return parseIpRangesDocument(JSON.stringify({
    syncToken: '1',
    createDate: '2026-01-01-00-00-00',
    prefixes: v4.map(([p, region, service]) => ({ ip_prefix: p, region, service, network_border_group: region })),
    ipv6_prefixes: v6.map(([p, region, service]) => ({ ipv6_prefix: p, region, service, network_border_group: region })),
  }));
}

describe('selection rules table', () => {
  test('one row per service with the rule from the Admin Guide, and its source', () => {
    expect(SELECTION_RULES.map((r) => [r.service, r.rule])).toEqual([
      ['AMAZON_CONNECT', RegionRule.GLOBAL_AND_REGION],
      ['EC2', RegionRule.REGION_ELSE_GLOBAL],
      ['CLOUDFRONT', RegionRule.ALL_REGIONS],
    ]);
    expect(SELECTION_RULES_SOURCE.url).toBe('https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html');
    expect(IP_RANGES_URL).toBe('https://ip-ranges.amazonaws.com/ip-ranges.json');
  });
});

describe('selectPrefixes on small documents', () => {
  const small = doc([
    ['203.0.113.0/25', 'GLOBAL', 'AMAZON_CONNECT'],
    ['198.51.100.0/24', 'us-east-1', 'AMAZON_CONNECT'],
    ['192.0.2.0/24', 'eu-west-2', 'AMAZON_CONNECT'],
    ['10.1.0.0/16', 'us-east-1', 'EC2'],
    ['10.9.0.0/16', 'GLOBAL', 'EC2'],
    ['10.2.0.0/16', 'eu-west-2', 'EC2'],
    ['2001:db8:1::/48', 'eu-west-2', 'EC2'],
    ['2001:db8:9::/48', 'GLOBAL', 'EC2'],
    ['172.16.0.0/24', 'us-west-2', 'CLOUDFRONT'],
    ['172.16.1.0/24', 'GLOBAL', 'CLOUDFRONT'],
    ['172.16.2.0/23', 'ap-south-1', 'CLOUDFRONT'],
    ['2001:db8:c::/48', 'us-west-2', 'CLOUDFRONT'],
    // AMAZON repeats every range and adds others: never used
    ['203.0.113.0/25', 'GLOBAL', 'AMAZON'],
    ['100.64.0.0/10', 'us-east-1', 'AMAZON'],
    ['100.65.0.0/16', 'us-east-1', 'AMAZON'],
    ['2001:db8:ff::/48', 'us-east-1', 'AMAZON'],
  ]);

  test('AMAZON_CONNECT takes GLOBAL and the Region, both', () => {
    expect(selectPrefixes(small, 'AMAZON_CONNECT', 'us-east-1', 4)).toEqual(['198.51.100.0/24', '203.0.113.0/25']);
  });

  test('AMAZON_CONNECT in a Region without entries takes GLOBAL only', () => {
    expect(selectPrefixes(small, 'AMAZON_CONNECT', 'ap-southeast-1', 4)).toEqual(['203.0.113.0/25']);
  });

  test('AMAZON_CONNECT ignores other Regions', () => {
    expect(selectPrefixes(small, 'AMAZON_CONNECT', 'eu-west-2', 4)).toEqual(['192.0.2.0/24', '203.0.113.0/25']);
  });

  test('EC2 takes the Region and not GLOBAL when the Region has entries', () => {
    expect(selectPrefixes(small, 'EC2', 'us-east-1', 4)).toEqual(['10.1.0.0/16']);
  });

  test('EC2 falls back to GLOBAL when the Region has no entry', () => {
    expect(selectPrefixes(small, 'EC2', 'ap-southeast-1', 4)).toEqual(['10.9.0.0/16']);
  });

  test('EC2 fallback is decided per family: us-east-1 has IPv4 but no IPv6 entry', () => {
    expect(selectPrefixes(small, 'EC2', 'us-east-1', 6)).toEqual(['2001:db8:9::/48']);
    expect(selectPrefixes(small, 'EC2', 'eu-west-2', 6)).toEqual(['2001:db8:1::/48']);
  });

  test('CLOUDFRONT takes every Region (and aggregates across them)', () => {
    const expected = ['172.16.0.0/22'];
    expect(selectPrefixes(small, 'CLOUDFRONT', 'us-east-1', 4)).toEqual(expected);
    expect(selectPrefixes(small, 'CLOUDFRONT', 'eu-west-2', 4)).toEqual(expected);
    expect(selectPrefixes(small, 'CLOUDFRONT', 'us-west-2', 6)).toEqual(['2001:db8:c::/48']);
  });

  test('AMAZON listings are never used', () => {
    const all = ['AMAZON_CONNECT', 'EC2', 'CLOUDFRONT'].flatMap((s) => [
      ...selectPrefixes(small, s, 'us-east-1', 4), ...selectPrefixes(small, s, 'us-east-1', 6)]);
    expect(all.filter((p) => p.startsWith('100.') || p.startsWith('2001:db8:ff'))).toEqual([]);
  });

  test('duplicates (same range in GLOBAL and Region) appear once; contained prefixes are dropped', () => {
    const d = doc([
      ['15.193.0.0/19', 'GLOBAL', 'AMAZON_CONNECT'],
      ['15.193.0.0/19', 'GLOBAL', 'AMAZON_CONNECT'],
      ['15.193.6.0/24', 'us-east-1', 'AMAZON_CONNECT'],
      ['15.193.0.0/19', 'us-east-1', 'AMAZON_CONNECT'],
    ]);
    expect(selectPrefixes(d, 'AMAZON_CONNECT', 'us-east-1', 4)).toEqual(['15.193.0.0/19']);
  });

  test('an empty selection is an empty list', () => {
    expect(selectPrefixes(doc([]), 'CLOUDFRONT', 'us-east-1', 6)).toEqual([]);
  });

  test('unknown service is refused, listing the known ones', () => {
    expect(() => selectPrefixes(small, 'AMAZON', 'us-east-1', 4))
      .toThrow("service must be one of AMAZON_CONNECT, EC2, CLOUDFRONT, got 'AMAZON'");
    expect(() => selectPrefixes(small, 'amazon_connect', 'us-east-1', 4)).toThrow(/^service must be one of/);
  });

  test.each([['US-EAST-1'], ['us-east'], ['GLOBAL'], [''], ['us-east-1 '], ['useast1']])('Region %p is refused', (region) => {
    expect(() => selectPrefixes(small, 'EC2', region, 4)).toThrow(`region must be an AWS Region code such as 'us-east-1'`);
  });

  test.each([['us-gov-west-1'], ['us-isob-east-1'], ['us-iso-east-1'], ['ap-southeast-7']])('Region %p is accepted', (region) => {
    expect(() => selectPrefixes(small, 'EC2', region, 4)).not.toThrow();
  });

  test('family other than 4 or 6 is refused', () => {
    expect(() => selectPrefixes(small, 'EC2', 'us-east-1', 5 as 4)).toThrow('family must be 4 or 6, got 5');
  });
});

describe('selectPrefixes on the real file (expected values worked out by hand from test/fixtures/README.md)', () => {
  const text = realText();
  const d = parseIpRangesDocument(text);
  const raw = JSON.parse(text) as RawDoc;

  test('AMAZON_CONNECT us-east-1 IPv4: the GLOBAL /19 covers the per-Region /24s; the legacy /27 stays', () => {
    expect(selectPrefixes(d, 'AMAZON_CONNECT', 'us-east-1', 4)).toEqual(['15.193.0.0/19', '52.55.191.224/27']);
  });

  test('AMAZON_CONNECT us-east-1 IPv6: the GLOBAL /40 covers 2600:f0f2:7101::/48', () => {
    expect(selectPrefixes(d, 'AMAZON_CONNECT', 'us-east-1', 6)).toEqual(['2600:f0f2:7100::/40']);
  });

  test('AMAZON_CONNECT us-west-2 IPv4: /19 plus two legacy ranges, sorted by address', () => {
    expect(selectPrefixes(d, 'AMAZON_CONNECT', 'us-west-2', 4)).toEqual(['15.193.0.0/19', '18.236.61.0/25', '54.190.198.32/28']);
  });

  test('AMAZON_CONNECT eu-central-1 IPv4', () => {
    expect(selectPrefixes(d, 'AMAZON_CONNECT', 'eu-central-1', 4)).toEqual(['15.193.0.0/19', '18.184.2.128/25', '35.158.127.64/26']);
  });

  test('AMAZON_CONNECT us-gov-west-1 IPv4 has only GLOBAL (the Region appears only in IPv6)', () => {
    expect(selectPrefixes(d, 'AMAZON_CONNECT', 'us-gov-west-1', 4)).toEqual(['15.193.0.0/19']);
  });

  test('EC2 for a Region absent from the file falls back to the 21 GLOBAL entries, aggregated to 13', () => {
    // 40.168.224-231.0/24 -> /21; 23.228.196.0/24 + .197 -> /23 (.198 stays); 159.248.232/21 and .240/21 are not siblings
    expect(selectPrefixes(d, 'EC2', 'zz-nowhere-1', 4)).toEqual([
      '3.4.8.0/24', '15.177.0.0/18', '15.193.32.0/19', '23.228.196.0/23', '23.228.198.0/24', '31.220.247.0/24',
      '35.54.16.0/20', '40.168.224.0/21', '54.25.32.0/19', '54.115.0.0/16', '159.248.232.0/21', '159.248.240.0/21',
      '216.39.168.0/21',
    ]);
  });

  /** The rules written again over the raw JSON, for the oracle. */
  function rawSelection(service: string, region: string, family: 4 | 6): string[] {
    const list = family === 4 ? raw.prefixes : raw.ipv6_prefixes;
    const of = (r?: string) => list
      .filter((e) => e.service === service && (r === undefined || e.region === r))
      .map((e) => (family === 4 ? e.ip_prefix! : e.ipv6_prefix!));
    if (service === 'CLOUDFRONT') return of();
    if (service === 'AMAZON_CONNECT') return [...of('GLOBAL'), ...of(region)];
    const own = of(region);
    return own.length > 0 ? own : of('GLOBAL');
  }

  const cases: Array<[string, string, 4 | 6]> = [];
  for (const s of ['AMAZON_CONNECT', 'EC2', 'CLOUDFRONT']) {
    for (const r of ['us-east-1', 'us-west-2', 'eu-west-2', 'ap-southeast-1', 'ca-central-1', 'af-south-1', 'us-gov-west-1']) {
      for (const f of [4, 6] as const) cases.push([s, r, f]);
    }
  }
  test.each(cases)('%s %s IPv%s covers exactly the selected addresses, minimally (oracle)', (service, region, family) => {
    const out = selectPrefixes(d, service, region, family);
    const input = rawSelection(service, region, family);
    expect(input.length).toBeGreaterThan(0);
    expect(coverageText(out)).toEqual(coverageText(input));
    expect(minimalityProblems(out)).toEqual([]);
  });

  test('EC2 us-east-1 aggregates 293 IPv4 entries and does not use GLOBAL', () => {
    const out = selectPrefixes(d, 'EC2', 'us-east-1', 4);
    expect(rawSelection('EC2', 'us-east-1', 4)).toHaveLength(293);
    expect(out.length).toBeLessThan(293);
    expect(out).not.toContain('54.115.0.0/16');
  });

  test('CLOUDFRONT is the same for every Region and covers all 211 IPv4 entries', () => {
    const a = selectPrefixes(d, 'CLOUDFRONT', 'us-east-1', 4);
    expect(selectPrefixes(d, 'CLOUDFRONT', 'ap-southeast-2', 4)).toEqual(a);
    const all = raw.prefixes.filter((e) => e.service === 'CLOUDFRONT').map((e) => e.ip_prefix!);
    expect(all).toHaveLength(211);
    expect(coverageText(a)).toEqual(coverageText(all));
  });
});

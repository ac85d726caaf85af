import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Lazy } from 'aws-cdk-lib';
import { IpFamily, IpRanges, IpRangesService } from '../../lib/ip-ranges/ip-ranges';
import { REAL_FILE, realText } from './oracle';

describe('IpRangesService', () => {
  test('well-known services carry their name and Region rule', () => {
    expect(IpRangesService.AMAZON_CONNECT.name).toBe('AMAZON_CONNECT');
    expect(IpRangesService.AMAZON_CONNECT.regionRule).toMatch(/GLOBAL entries and the entries of the instance Region \(both\)/);
    expect(IpRangesService.EC2.regionRule).toMatch(/GLOBAL entries only when the Region has none/);
    expect(IpRangesService.CLOUDFRONT.regionRule).toMatch(/^all entries, whatever their Region/);
    expect(IpRangesService.EC2.toString()).toBe('EC2');
  });

  test('of() returns the same instance for a known name', () => {
    expect(IpRangesService.of('CLOUDFRONT')).toBe(IpRangesService.CLOUDFRONT);
    expect(IpRangesService.of('AMAZON_CONNECT')).toBe(IpRangesService.AMAZON_CONNECT);
    expect(IpRangesService.of('EC2')).toBe(IpRangesService.EC2);
  });

  test.each([['AMAZON'], ['ec2'], [''], ['S3']])('of(%p) is refused, listing the known names', (name) => {
    expect(() => IpRangesService.of(name)).toThrow(`service must be one of AMAZON_CONNECT, EC2, CLOUDFRONT, got '${name}'`);
  });
});

describe('IpRanges', () => {
  test('parse() exposes the header and counts of the real file', () => {
    // WHEN
    const ranges = IpRanges.parse(realText());
    // THEN
    expect(ranges.syncToken).toBe('1787411825');
    expect(ranges.createDate).toBe('2026-08-22-15-17-05');
    expect(ranges.ipv4PrefixCount).toBe(10668);
    expect(ranges.ipv6PrefixCount).toBe(6160);
  });

  test('fromFile() reads the file; select() applies the rules and aggregates', () => {
    const ranges = IpRanges.fromFile(REAL_FILE);
    expect(ranges.prefixesFor(IpRangesService.AMAZON_CONNECT, 'us-east-1', IpFamily.IPV4)).toEqual(['15.193.0.0/19', '52.55.191.224/27']);
    expect(ranges.prefixesFor(IpRangesService.AMAZON_CONNECT, 'us-east-1', IpFamily.IPV6)).toEqual(['2600:f0f2:7100::/40']);
    expect(ranges.prefixesFor(IpRangesService.CLOUDFRONT, 'us-east-1', IpFamily.IPV4).length).toBeGreaterThan(100);
  });

  test('fromFile() on a missing file names the path', () => {
    const missing = path.join(os.tmpdir(), 'no-such-dir-ip-ranges', 'ip-ranges.json');
    expect(() => IpRanges.fromFile(missing)).toThrow(/^ip-ranges\.json file could not be read from '.*no-such-dir-ip-ranges.*': ENOENT/);
  });

  test('fromFile() on an invalid file reports the first bad entry', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ip-ranges-'));
    const file = path.join(dir, 'ip-ranges.json');
    fs.writeFileSync(file, JSON.stringify({ syncToken: '1', createDate: '2026-01-01-00-00-00', prefixes: [{ ip_prefix: '10.0.0.1/8' }], ipv6_prefixes: [] }));
    try {
      expect(() => IpRanges.fromFile(file)).toThrow("ip-ranges.json prefixes[0].ip_prefix must have no host bits set (the network is 10.0.0.0/8), got '10.0.0.1/8'");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('parse() refuses truncated text', () => {
    expect(() => IpRanges.parse('{"syncToken": "1", "prefixes": [')).toThrow(/^ip-ranges\.json is not valid JSON/);
  });

  describe('select() Region validation', () => {
    const ranges = IpRanges.parse(JSON.stringify({ syncToken: '1', createDate: '2026-01-01-00-00-00', prefixes: [], ipv6_prefixes: [] }));

    test.each([['US-EAST-1'], ['us-east'], ['GLOBAL'], [''], ['eu-west-10'], ['us-east-1a']])('%p is refused with the allowed shape', (region) => {
      expect(() => ranges.prefixesFor(IpRangesService.EC2, region, IpFamily.IPV4))
        .toThrow(new RegExp(`^region must be an AWS Region code such as 'us-east-1' \\(pattern .*\\), got '${region}'$`));
    });

    test.each([['us-east-1'], ['us-gov-west-1'], ['us-iso-east-1'], ['us-isob-east-1'], ['ap-southeast-7']])('%p is accepted', (region) => {
      expect(ranges.prefixesFor(IpRangesService.EC2, region, IpFamily.IPV6)).toEqual([]);
    });

    test('an unresolved token is refused: selection needs a concrete Region at synth time', () => {
      const token = Lazy.string({ produce: () => 'us-east-1' });
      expect(() => ranges.prefixesFor(IpRangesService.EC2, token, IpFamily.IPV4)).toThrow(/^region must be a concrete AWS Region code .*unresolved token/);
    });

    test('an unknown family value is refused', () => {
      expect(() => ranges.prefixesFor(IpRangesService.EC2, 'us-east-1', 'ipv5' as IpFamily)).toThrow("family must be IpFamily.IPV4 or IpFamily.IPV6, got 'ipv5'");
    });
  });
});

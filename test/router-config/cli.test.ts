import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { connectPrefixes } from '../../lib/cli/commands/router-config';
import { main } from '../../lib/cli/index';
import { cli, RecordingIo } from './cli-io';
import { BgpCommunityScope } from '../../lib/facts/bgp-community';
import { RouterConfiguration, RouterVendor } from '../../lib/router-config/router-configuration';
import { IP_RANGES_FILE } from '../fixtures';

const IP_RANGES = IP_RANGES_FILE;


const GOOD = [
  '--vendor', 'frr', '--vlan', '101', '--asn', '65000', '--customer-address', '198.51.100.1/31',
  '--amazon-address', '198.51.100.0/31', '--prefixes', '203.0.113.0/24', '--scope', 'REGION',
];

/** GOOD with one flag's value replaced (or the flag removed when value is undefined). */
function withFlag(flag: string, value: string | undefined, base: string[] = GOOD): string[] {
  const out: string[] = [];
  for (let i = 0; i < base.length; i += 2) {
    if (base[i] === flag) {
      if (value !== undefined) out.push(flag, value);
    } else {
      out.push(base[i], base[i + 1]);
    }
  }
  return out;
}

describe('cdk-connect-dx router-config', () => {
  test('--help lists every flag and exits 0', async () => {
    // WHEN
    const { code, io } = await cli('--help');
    // THEN
    expect(code).toBe(0);
    for (const flag of ['--vendor frr|cisco-ios-xe|junos', '--vlan N', '--asn N', '--customer-address CIDR', '--amazon-address CIDR',
      '--prefixes CIDR[,CIDR...]', '--scope REGION|CONTINENT|GLOBAL', '--interface NAME', '--bfd', '--only-connect-prefixes',
      '--region REGION', '--ip-ranges FILE', '--secret-name NAME', '--ipv6', '--help']) {
      expect(io.stdout).toContain(flag);
    }
    expect(io.stderr).toBe('');
  });

  test('the command is listed in the top-level help', async () => {
    const io = new RecordingIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/router-config\s+Print the customer router configuration/);
  });

  test.each(RouterVendor.all().map((v) => [v.name, v] as const))('prints the %s configuration, same as the library', async (name, vendor) => {
    // WHEN
    const { code, io } = await cli(...withFlag('--scope', 'CONTINENT', withFlag('--vendor', name)), '--bfd', '--secret-name', 'dx/bgp-key',
      '--interface', 'ge-1/0/0');
    // THEN
    expect(code).toBe(0);
    expect(io.stderr).toBe('');
    expect(io.stdout).toBe(RouterConfiguration.render(vendor, {
      vlan: 101, asn: 65000, customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31',
      routeFilterPrefixes: ['203.0.113.0/24'], communityScope: BgpCommunityScope.CONTINENT, bfd: true,
      authKeySecretName: 'dx/bgp-key', interfaceName: 'ge-1/0/0',
    }));
  });

  test('several prefixes and --ipv6', async () => {
    const { code, io } = await cli(...withFlag('--prefixes', '203.0.113.0/25, 203.0.113.128/25,2001:db8:100::/48'), '--ipv6');
    expect(code).toBe(0);
    expect(io.stdout).toContain('ip prefix-list AWS-DX-OUT-V4 seq 10 permit 203.0.113.128/25');
    expect(io.stdout).toContain('ipv6 prefix-list AWS-DX-OUT-V6 seq 5 permit 2001:db8:100::/48');
  });

  test('--only-connect-prefixes narrows inbound to the AMAZON_CONNECT, EC2 and CLOUDFRONT prefixes of the Region', async () => {
    // GIVEN the real ip-ranges.json
    const text = readFileSync(IP_RANGES, 'utf8');
    const expected = connectPrefixes(text, 'us-east-1', 4);
    // WHEN
    const { code, io } = await cli(...GOOD, '--only-connect-prefixes', '--region', 'us-east-1', '--ip-ranges', IP_RANGES);
    // THEN every selected prefix is in the inbound prefix-list, with more specifics allowed, and nothing else is
    expect(code).toBe(0);
    const lines = io.stdout.split('\n').filter((l) => l.startsWith('ip prefix-list AWS-DX-ACCEPT-V4 '));
    expect(lines).toHaveLength(expected.length);
    expect(expected.length).toBeGreaterThan(10);
    expected.forEach((p, i) => {
      const le = p.endsWith('/32') ? '' : ' le 32';
      expect(lines[i]).toBe(`ip prefix-list AWS-DX-ACCEPT-V4 seq ${(i + 1) * 5} permit ${p}${le}`);
    });
    expect(io.stdout).toContain(' match ip address prefix-list AWS-DX-ACCEPT-V4');
  });

  test('connectPrefixes joins the three services and aggregates them', () => {
    const text = readFileSync(IP_RANGES, 'utf8');
    const v6 = connectPrefixes(text, 'eu-west-2', 6);
    expect(v6.length).toBeGreaterThan(0);
    expect(v6.every((p) => p.includes(':'))).toBe(true);
    expect(new Set(v6).size).toBe(v6.length);
  });

  describe('bad flags: exit 2 and one line naming the flag and what is allowed', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'rcfg-cli-'));
      writeFileSync(path.join(dir, 'broken.json'), '{"syncToken": ');
      writeFileSync(path.join(dir, 'lines.json'), 'not\njson\n');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const cases: Array<[string, () => string[], RegExp]> = [
      ['unknown vendor', () => withFlag('--vendor', 'cisco'), /--vendor must be one of frr, cisco-ios-xe, junos, got 'cisco'/],
      ['missing vendor', () => withFlag('--vendor', undefined), /--vendor is required: frr\|cisco-ios-xe\|junos/],
      ['vlan out of range', () => withFlag('--vlan', '4095'), /--vlan must be an integer from 1 to 4094, got '4095'/],
      ['vlan not a number', () => withFlag('--vlan', 'ten'), /--vlan must be an integer from 1 to 4094, got 'ten'/],
      ['asn 0', () => withFlag('--asn', '0'), /--asn must be an integer from 1 to 4294967294, got '0'/],
      ['asn 7224', () => withFlag('--asn', '7224'), /--asn: asn must not be 7224/],
      ['asn AS_TRANS', () => withFlag('--asn', '23456'), /--asn: asn must not be 23456: IANA reserves 23456/],
      ['private customer address', () => withFlag('--customer-address', '10.0.0.1/31'), /--customer-address: customerAddress must be a public IPv4 address/],
      ['amazon address in another subnet', () => withFlag('--amazon-address', '198.51.100.3/31'), /--amazon-address: amazonAddress must be in the same subnet/],
      ['empty prefix item', () => withFlag('--prefixes', '203.0.113.0/24,'), /--prefixes must be a comma-separated list of CIDRs without empty items/],
      ['private prefix', () => withFlag('--prefixes', '10.0.0.0/8'), /--prefixes: routeFilterPrefixes\[0\] must be public address space/],
      ['IPv6 prefix without --ipv6', () => withFlag('--prefixes', '203.0.113.0/24,2001:db8:100::/48'), /--prefixes: routeFilterPrefixes\[\d\] is an IPv6 prefix, got .* with ipv6 false/],
      ['lower-case scope', () => withFlag('--scope', 'region'), /--scope must be one of REGION, CONTINENT, GLOBAL, got 'region'/],
      ['missing scope', () => withFlag('--scope', undefined), /--scope is required/],
      ['unknown flag', () => [...GOOD, '--vrf', 'x'], /unknown flag --vrf; allowed: --vendor, --vlan/],
      ['value on a boolean flag', () => [...GOOD, '--bfd=yes'], /--bfd takes no value, got 'yes'/],
      ['interface with the unit', () => [...GOOD, '--interface', 'eth0.101'], /--interface: interfaceName must be the parent interface name/],
      ['secret name with a space', () => [...GOOD, '--secret-name', 'my key'], /--secret-name: authKeySecretName must be a Secrets Manager secret name/],
      ['description with a quote', () => [...GOOD, '--description', 'a "b"'], /--description: description must be 1 to 80 printable ASCII/],
      ['--only-connect-prefixes without --region', () => [...GOOD, '--only-connect-prefixes', '--ip-ranges', IP_RANGES], /--only-connect-prefixes needs --connect-region REGION\[,REGION\] or --region REGION/],
      ['--only-connect-prefixes without --ip-ranges', () => [...GOOD, '--only-connect-prefixes', '--region', 'us-east-1'], /--only-connect-prefixes needs --ip-ranges FILE/],
      ['--region without --only-connect-prefixes', () => [...GOOD, '--region', 'us-east-1'], /--region is used only with --only-connect-prefixes/],
      ['bad region', () => [...GOOD, '--only-connect-prefixes', '--region', 'mars-1', '--ip-ranges', IP_RANGES], /--region: region must be an AWS Region code such as 'us-east-1'/],
      ['missing ip-ranges file', () => [...GOOD, '--only-connect-prefixes', '--region', 'us-east-1', '--ip-ranges', path.join(dir, 'nope.json')], /--ip-ranges must be a readable ip-ranges\.json file, got '.*nope\.json' \(ENOENT\)/],
      ['broken ip-ranges file', () => [...GOOD, '--only-connect-prefixes', '--region', 'us-east-1', '--ip-ranges', path.join(dir, 'broken.json')], /--ip-ranges: ip-ranges\.json is not valid JSON/],
      ['ip-ranges file whose JSON error quotes several lines', () => [...GOOD, '--only-connect-prefixes', '--region', 'us-east-1', '--ip-ranges', path.join(dir, 'lines.json')], /--ip-ranges: ip-ranges\.json is not valid JSON .*not\\njson\\n/],
      ['vlan value with a line break', () => withFlag('--vlan', '101\n'), /--vlan must be an integer from 1 to 4094, got '101\\n'$/m],
      ['prefix value with a line break', () => withFlag('--prefixes', '203.0.113.0/24\nrouter bgp 1'), /--prefixes: routeFilterPrefixes\[0\] must be an IPv4 or IPv6 prefix in CIDR form, .*got '203\.0\.113\.0\/24\\nrouter bgp 1'$/m],
    ];

    test.each(cases)('%s', async (_name, argv, message) => {
      // WHEN
      const { code, io } = await cli(...argv());
      // THEN
      expect(code).toBe(2);
      expect(io.stdout).toBe('');
      expect(io.stderr).toMatch(/^cdk-connect-dx router-config: [^\n]+\n$/);
      expect(io.stderr).toMatch(message);
    });
  });
});

/**
 * Every context key of the example app, fed bad values: the refusal names that key (whether the parser or a
 * construct refuses it), shows the value safely, and is one line. The stack is built in-process, as bin/app.ts
 * builds it, so a value the parser lets through and a construct refuses is covered too.
 */
import { App } from 'aws-cdk-lib';
import { ContextKey, CONTEXT_KEYS, ExampleConfig, readExampleConfig } from '../../bin/context';
import { buildExample, refusalLine } from '../../bin/example-stack';

type Context = Record<string, string>;

/** What the app does with a context: the one line it ends with, or undefined when it builds the stack. */
function outcome(ctx: Context): string | undefined {
  let config: ExampleConfig | undefined;
  try {
    config = readExampleConfig((key) => ctx[key]);
    buildExample(new App(), config);
    return undefined;
  } catch (e) {
    const line = refusalLine(e, config);
    if (line === undefined) throw e; // not a refusal: a defect
    return line;
  }
}

const LAG_ARN = (region: string, account = '123456789012') => `arn:aws:directconnect:${region}:${account}:dxlag/dxlag-ffabc123`;
const HIGH = { resiliency: 'HIGH', locations: 'EqDC2,CSVA1', peerAddressPool: '198.51.100.0/29' };
const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:dx-macsec-AbCdEf';

/** At least one bad value for every key (a key added to CONTEXT_KEYS without cases does not compile). */
const BAD: Record<ContextKey, Context[]> = {
  region: [{ region: 'Europe' }, { region: 'xx-east-9' }, { region: 'US-EAST-1' }, { region: 'eu-west-1' }],
  connectRegions: [
    { connectRegions: 'London' }, { connectRegions: 'eu-west-1' }, { connectRegions: 'EU-WEST-2' }, { connectRegions: '${Token[X]}' },
    { connectRegions: 'us-east-1,us-east-1' }, { connectRegions: 'us-east-1,,us-west-2' },
    { connectRegions: 'us-east-1,eu-west-2', globalResiliencySource: 'us-east-1', globalResiliencyInstanceId: '12345678-aaaa-bbbb-cccc-123456789012' },
  ],
  replicaAlias: [
    { replicaAlias: 'west-cc' }, // without Global Resiliency
    { replicaAlias: 'd-west', globalResiliencySource: 'us-east-1', globalResiliencyInstanceId: '12345678-aaaa-bbbb-cccc-123456789012' },
  ],
  account: [{ account: '12345' }, { account: '1234567890123' }, { account: '12345678901a' }],
  instanceAlias: [{ instanceAlias: 'x${Token[' }, { instanceAlias: 'd-abc' }, { instanceAlias: 'a'.repeat(46) }, { instanceAlias: 'bad alias' }],
  connectionId: [
    { connectionId: 'dxcon-1' },
    { connectionId: LAG_ARN('eu-west-1') }, // another Region than the stack's
    { connectionId: LAG_ARN('us-east-1', '123456789012'), account: '210987654321' }, // another account
    { connectionId: 'arn:aws:directconnect:us-east-1:123:dxlag/dxlag-ffabc123' }, // malformed account
    { connectionId: 'arn:aws:directconnect:us-east-1:123456789012:dxlag/dxcon-ffabc123' }, // type and id differ
    { connectionId: 'arn:aws-cn:directconnect:us-east-1:123456789012:dxlag/dxlag-ffabc123' }, // another partition
    { connectionId: `${LAG_ARN('us-east-1')}/x` },
  ],
  location: [{ location: '---' }, { location: 'A'.repeat(5000) }, { location: 'ZZZZ9' }, { location: 'Eq DC2' }, { location: '-EqDC2', locationRegion: 'us-east-1' },
    { region: 'eu-west-2', location: 'EqLD5' }], // EqLD5 is associated with eu-west-1: refused unless acknowledged
  locationRegion: [{ locationRegion: 'London' }, { locationRegion: 'eu-west-1' }], // EqDC2 is associated with us-east-1
  bandwidth: [{ bandwidth: '50Mbps' }, { bandwidth: '10gbps' }, { connectionId: 'dxcon-fgq3d2ab', bandwidth: '2Gbps' },
    { connectionId: 'dxcon-fgq3d2ab', hosted: 'true', bandwidth: '100Gbps' }],
  macsec: [{ macsec: 'yes' }, { macsec: '1' }, { macsec: 'TRUE' }, { macsec: 'true', bandwidth: '1Gbps' }, { macsec: 'false', connectionId: 'dxcon-fgq3d2ab' }],
  vlan: [{ vlan: '12abc' }, { vlan: '0' }, { vlan: '4095' }, { vlan: '-1' }, { vlan: '1.5' }, { vlan: '0101' }, { vlan: '' }],
  asn: [{ asn: '1e3' }, { asn: '0x10' }, { asn: '-5' }, { asn: '65000.5' }, { asn: '99999999999' }, { asn: '7224' }, { asn: '23456' }, { asn: '4294967295' }],
  customerAddress: [{ customerAddress: '10.0.0.1/31' }, { customerAddress: 'x' }, { customerAddress: '198.51.100.1' }, { ...HIGH, customerAddress: '198.51.100.1/31' }],
  amazonAddress: [{ amazonAddress: '198.51.100.2/31' }, { amazonAddress: '198.51.100.1/31' }, { amazonAddress: '198.51.100.0/30' }],
  routeFilterPrefixes: [
    { routeFilterPrefixes: '203.0.113.0/24,,' }, { routeFilterPrefixes: ',203.0.113.0/24' }, { routeFilterPrefixes: '10.0.0.0/8' },
    { routeFilterPrefixes: '203.0.113.1/24' }, { routeFilterPrefixes: '2001:db8::/48' }, { routeFilterPrefixes: '203.0.113.0/24', ipv6: 'true' },
    { routeFilterPrefixes: '203.0.113.0/24,203.0.113.0/24' },
  ],
  ipv6: [{ ipv6: 'yes' }, { ipv6: 'on' }],
  communityScope: [{ communityScope: 'LOCAL' }, { communityScope: 'REGION', connectRegions: 'eu-west-2' }],
  allowListMode: [{ allowListMode: 'URLS' }, { allowListMode: 'domains' }],
  agentCidrs: [
    { agentCidrs: '10.0.0.1/16' }, { agentCidrs: '10.0.0.0/16,,' }, { agentCidrs: '10.0.0.0/16,10.0.0.0/16' },
    { agentCidrs: '2001:db8::/48', statelessFirewall: 'true' }, // the IPv6 agent CIDR error of issue 11
  ],
  statelessFirewall: [{ statelessFirewall: 'on' }],
  deployFirewall: [{ deployFirewall: 'yes' }],
  signInMode: [{ signInMode: 'OKTA' }, { signInMode: 'LEGACY_AWSAPPS', region: 'us-gov-west-1', location: 'EqDC2', locationRegion: 'us-east-1' }],
  endpointSets: [{ endpointSets: 'OLD' }, { endpointSets: 'CURRENT,,LEGACY' }],
  features: [{ features: 'FAX' }, { features: 'VIDEO_CALLING,' }],
  attachmentsBucket: [{ attachmentsBucket: 'B' }, { attachmentsBucket: 'a b' }],
  globalResiliencySource: [
    { globalResiliencySource: 'us-east-1' },
    { globalResiliencySource: 'ca-central-1', globalResiliencyInstanceId: '12345678-aaaa-bbbb-cccc-123456789012' },
  ],
  globalResiliencyInstanceId: [{ globalResiliencyInstanceId: 'x' }, { globalResiliencySource: 'us-east-1', globalResiliencyInstanceId: 'x' }],
  resiliency: [{ resiliency: 'high' }, { resiliency: 'HIGH,MAXIMUM' }],
  locations: [
    { ...HIGH, locations: 'EqDC2,,CSVA1' }, { ...HIGH, locations: '---,EqDC2' }, { ...HIGH, locations: 'EqDC2' },
    { ...HIGH, locations: 'EqDC2,EqDC2' }, { locations: 'EqDC2,CSVA1' }, { resiliency: 'HIGH' },
  ],
  acknowledgeCrossContinent: [{ ...HIGH, acknowledgeCrossContinent: 'yes' }, { acknowledgeCrossContinent: 'true' }],
  nagPacks: [{ nagPacks: 'NIST' }, { nagPacks: '' }, { nagPacks: 'AwsSolutions,' }, { nagPacks: 'awssolutions' }],
  peerAddressPool: [{ ...HIGH, peerAddressPool: '10.0.0.0/29' }, { ...HIGH, peerAddressPool: '198.51.100.0/31' }, { peerAddressPool: '198.51.100.0/29' }],
  acknowledgeLocationOutsideStackRegion: [{ acknowledgeLocationOutsideStackRegion: 'yes' }],
  hosted: [
    { hosted: 'true' }, { hosted: 'on', connectionId: 'dxcon-fgq3d2ab' }, { hosted: 'true', connectionId: 'dxlag-ffabc123' },
  ],
  firewallVpcCidr: [
    { firewallVpcCidr: '172.31.0.0/24' }, { deployFirewall: 'true', firewallVpcCidr: '172.31.0.1/24' },
    { deployFirewall: 'true', firewallVpcCidr: '10.0.0.0/8' }, // overlaps the agent network 10.0.0.0/16
    { deployFirewall: 'true', firewallVpcCidr: '2001:db8::/56' },
  ],
  acknowledgeWarnings: [{ acknowledgeWarnings: 'broad wildcards' }, { acknowledgeWarnings: 'broadWildcards,,x' }],
  macsecKey: [
    { macsecKey: 'my-macsec-secret', macsec: 'true' }, // a name, not an ARN
    { macsecKey: 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:dx-macsec-AbCdEf', macsec: 'true' }, // another Region
    { macsecKey: SECRET }, // macsec=false: no MACsec port
    { ...HIGH, macsecKey: SECRET }, // a resiliency model without macsec
  ],
  macsecEncryptionMode: [{ macsecEncryptionMode: 'must_encrypt' }, { macsecEncryptionMode: 'always', macsecKey: SECRET, macsec: 'true' }],
  rateLimit: [{ rateLimit: '70Mbps' }, { rateLimit: 'fast' }, { rateLimit: '100Gbps' }, { rateLimit: '1Tbps' }],
};

/** The key a case is about when its context holds several (the one BAD files it under). */
const CASES = (Object.entries(BAD) as [ContextKey, Context[]][]).flatMap(([key, list]) => list.map((ctx) => [key, ctx] as const));

describe('every context key refuses bad values naming the key', () => {
  test('GIVEN the table WHEN its keys are listed THEN every key of the app has at least one bad value', () => {
    expect(CONTEXT_KEYS.filter((k) => (BAD[k] ?? []).length === 0)).toEqual([]);
  });

  test.each(CASES.map(([key, ctx]) => [key, JSON.stringify(ctx).slice(0, 120), ctx] as const))(
    'GIVEN %s WHEN the app reads %s THEN it refuses in one line naming the key', (key, _shown, ctx) => {
      // WHEN
      const line = outcome(ctx);
      // THEN
      expect(line).toBeDefined();
      expect(line).toMatch(new RegExp(`^cdk-connect-dx example app: context key '${key}'[ :(]`));
      expect(line!.length).toBeLessThan(1200); // a 5,000-character value is cut
      // eslint-disable-next-line no-control-regex -- the check is that no control character gets through
      expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    });

  test('GIVEN the defaults WHEN the app reads no context THEN it builds the stack (the table\'s refusals are not blanket ones)', () => {
    expect(outcome({})).toBeUndefined();
    expect(outcome({ connectionId: LAG_ARN('us-east-1'), account: '123456789012', bandwidth: '10Gbps' })).toBeUndefined();
    expect(outcome({ ...HIGH })).toBeUndefined();
    expect(outcome({ macsec: 'true', macsecKey: SECRET, macsecEncryptionMode: 'must_encrypt', rateLimit: '500Mbps' })).toBeUndefined();
    expect(outcome({ ...HIGH, macsec: 'true', macsecKey: SECRET, rateLimit: '1Gbps' })).toBeUndefined();
  });

  test('GIVEN locations on two continents WHEN acknowledgeCrossContinent is unset THEN refused naming locations and the key that accepts it; WHEN true THEN built', () => {
    const cross = { ...HIGH, locations: 'EqDC2,EqLD5' };
    expect(outcome(cross)).toMatch(/^cdk-connect-dx example app: context key 'locations': .*'EqDC2' \(us-east-1, North America\) and 'EqLD5' \(eu-west-1, .*set acknowledgeCrossContinent/);
    expect(outcome({ ...cross, acknowledgeCrossContinent: 'false' })).toMatch(/context key 'locations'/);
    // EqLD5's connection belongs in eu-west-1: the app builds a stage, one stack per location Region
    expect(outcome({ ...cross, acknowledgeCrossContinent: 'true' })).toBeUndefined();
  });
});

describe('issue 11, section 8 and the token repro, as the example app sees them', () => {
  test('location of 5,000 characters: refused naming location, the value cut and its length said, what is allowed', () => {
    const line = outcome({ location: 'A'.repeat(5000) })!;
    expect(line).toContain(`got "${'A'.repeat(48)}"... (5000 characters)`);
    expect(line).toContain('`cdk-connect-dx locations` lists them');
    expect(line).toContain('(set it with -c location=...)');
  });

  test('location --- and a code the snapshot lacks: refused naming location; with locationRegion a new site\'s code is taken', () => {
    expect(outcome({ location: '---' })).toMatch(/context key 'location' must be a Direct Connect location code from the location snapshot .*got "---"/);
    expect(outcome({ location: '---', locationRegion: 'us-east-1' })).toMatch(/context key 'location' .*got "---"/);
    expect(outcome({ location: 'NEWSITE1', locationRegion: 'us-east-1' })).toBeUndefined();
  });

  test('a LAG ARN from another Region is refused naming connectionId and both Regions', () => {
    expect(outcome({ connectionId: LAG_ARN('eu-west-1') })).toMatch(
      /context key 'connectionId' must be in the stack's Region: its ARN names aws\/eu-west-1, but region is us-east-1/);
  });

  test('routeFilterPrefixes=203.0.113.0/24,, is refused naming the key and the empty item (never silently dropped)', () => {
    expect(outcome({ routeFilterPrefixes: '203.0.113.0/24,,' })).toMatch(
      /context key 'routeFilterPrefixes' must be a comma-separated list of public prefixes \(CIDRs\) without empty items, but item 2 of 3 is empty/);
    expect(outcome({ ...HIGH, locations: 'EqDC2,,CSVA1' })).toMatch(/context key 'locations' .*item 2 of 3 is empty/);
  });

  test('an IPv6-only agent network with the stateless rules names agentCidrs', () => {
    expect(outcome({ agentCidrs: '2001:db8::/48', statelessFirewall: 'true' })).toMatch(
      /^cdk-connect-dx example app: context key 'agentCidrs': amazonConnectCidrs share no address family with agentCidrs/);
  });

  test('instanceAlias=x${Token[ is refused as literal text, never taken for a token', () => {
    expect(outcome({ instanceAlias: 'x${Token[' })).toMatch(/context key 'instanceAlias' must be literal text: a context value is never a CDK token/);
    expect(outcome({ agentCidrs: '10.0.0.0/16,#{Token[x]}' })).toMatch(/context key 'agentCidrs' must be literal text/);
  });

  test('control characters are refused and shown escaped, never raw', () => {
    const line = outcome({ instanceAlias: 'a\u001b[31mred\nforged line' })!;
    expect(line).toContain('got "a\\u001b[31mred\\nforged line"');
    expect(outcome({ vlan: '101\t' })).toMatch(/context key 'vlan' must be one line of text without control characters/);
  });

  test('spaces around a value and around list items are ignored, nothing else is rewritten', () => {
    const c = readExampleConfig((k) => ({ vlan: ' 200 ', agentCidrs: ' 10.1.0.0/16 , 10.2.0.0/16', location: ' CSVA1' } as Context)[k]);
    expect(c).toMatchObject({ vlan: 200, agentCidrs: ['10.1.0.0/16', '10.2.0.0/16'], location: 'CSVA1' });
    expect(outcome({ vlan: '2\u00a000' })).toMatch(/context key 'vlan' must be a whole number/); // a no-break space is not trimmed
  });

  test('cdk.json numbers and booleans are read as their text; other JSON values are refused naming the key', () => {
    const c = readExampleConfig((k) => ({ vlan: 200, ipv6: false } as Record<string, unknown>)[k]);
    expect(c).toMatchObject({ vlan: 200, ipv6: false });
    expect(() => readExampleConfig((k) => ({ vlan: 1e21 } as Record<string, unknown>)[k])).toThrow(/context key 'vlan' must be a whole number/);
    expect(() => readExampleConfig((k) => ({ agentCidrs: ['10.0.0.0/16'] } as Record<string, unknown>)[k]))
      .toThrow(/context key 'agentCidrs' must be text \(a string, or a number or boolean in cdk.json\), got "\[\\"10.0.0.0\/16\\"\]"/);
  });
});

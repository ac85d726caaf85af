import { cli } from './cli-io';
import { BgpCommunityScope } from '../../lib/facts/bgp-community';
import { RouterConfiguration, RouterVendor } from '../../lib/router-config/router-configuration';
import { DirectConnectLocation } from '../../lib/locations/direct-connect-location';


const PEERING = ['--vlan', '101', '--asn', '65000', '--customer-address', '198.51.100.1/31', '--amazon-address', '198.51.100.0/31', '--prefixes', '203.0.113.0/24'];
const PROPS = { vlan: 101, asn: 65000, customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31', routeFilterPrefixes: ['203.0.113.0/24'] };

describe('router configuration: inbound acceptance from the Region pair', () => {
  test.each([
    // pair class, location, Connect Region(s), outbound community, accepted AWS communities (FRR community list), untagged accepted
    ['same Region', 'THNO2', ['eu-west-2'], '7224:9100', ['7224:8100']],
    ['same continent', 'EqLD5', ['eu-west-2'], '7224:9200', ['7224:8100', '7224:8200']],
    ['other continent', 'EqDC2', ['eu-west-2'], '7224:9300', []],
    ['unknown continent', 'CIBNA', ['us-east-1'], '7224:9300', []],
    ['two Connect Regions', 'EqDC2', ['us-east-1', 'us-west-2'], '7224:9200', ['7224:8100', '7224:8200']],
  ])('%s: %s -> %j', (_cls, location, connectRegions, community, accepted) => {
    const frr = RouterConfiguration.render(RouterVendor.FRR, { ...PROPS, location, connectRegions });
    expect(frr).toContain(` set community ${community}`);
    const permits = [...frr.matchAll(/^bgp community-list standard AWS-DX-SCOPE-IN permit (\S+)$/gm)].map((m) => m[1]);
    expect(permits).toEqual(accepted);
    // GLOBAL acceptance: the inbound route-map matches no community at all
    expect(/route-map AWS-DX-IN-V4 permit 10\n match community/.test(frr)).toBe(accepted.length > 0);
    expect(frr).toMatch(new RegExp(`! Region pair: location ${DirectConnectLocation.of(location).code}, location Region `)); // AWS's spelling
    expect(frr).not.toContain('could not be checked');
  });

  test('the acceptance follows the pair, not a wider outbound scope, on all three vendors', () => {
    const props = { ...PROPS, location: 'EqLD5', connectRegions: ['eu-west-2'], communityScope: BgpCommunityScope.GLOBAL };
    const frr = RouterConfiguration.render(RouterVendor.FRR, props);
    expect(frr).toContain(' set community 7224:9300');
    expect(frr).toContain('bgp community-list standard AWS-DX-SCOPE-IN permit 7224:8200');
    expect(frr).toMatch(/Outbound scope GLOBAL \(7224:9300\) is wider than Amazon Connect Region eu-west-2 needs/);
    const ios = RouterConfiguration.render(RouterVendor.CISCO_IOS_XE, props);
    expect(ios).toContain('ip community-list standard AWS-DX-SCOPE-IN permit 7224:8100');
    expect(ios).toContain('ip community-list standard AWS-DX-SCOPE-IN permit 7224:8200');
    const junos = RouterConfiguration.render(RouterVendor.JUNOS, props);
    expect(junos).toMatch(/community AWS-DX-SAME-CONTINENT members 7224:8200;/);
    expect(junos).toMatch(/members 7224:9300;/);
  });

  test('without the pair: the scope decides, and a note says the acceptance could not be checked', () => {
    const frr = RouterConfiguration.render(RouterVendor.FRR, { ...PROPS, communityScope: BgpCommunityScope.REGION });
    expect(frr).toContain('! NOTE: the inbound acceptance could not be checked');
    expect(frr).toContain('bgp community-list standard AWS-DX-SCOPE-IN permit 7224:8100');
  });

  test('refusals: too narrow, unknown location, contradicting Region, half a pair', () => {
    expect(() => RouterConfiguration.render(RouterVendor.JUNOS, { ...PROPS, location: 'EqLD5', connectRegions: ['eu-west-2'], communityScope: BgpCommunityScope.REGION }))
      .toThrow(/^communityScope REGION \(7224:9100\) does not reach Amazon Connect Region eu-west-2 from location 'EqLD5' \(associated with eu-west-1\)/);
    expect(() => RouterConfiguration.render(RouterVendor.FRR, { ...PROPS, location: 'Nope1', connectRegions: ['eu-west-2'] })).toThrow(/^location 'Nope1' is not in/);
    expect(() => RouterConfiguration.render(RouterVendor.FRR, { ...PROPS, location: 'EqLD5', locationRegion: 'eu-west-2', connectRegions: ['eu-west-2'] }))
      .toThrow(/^locationRegion must be the Region location 'EqLD5' is associated with, 'eu-west-1'/);
    expect(() => RouterConfiguration.render(RouterVendor.FRR, { ...PROPS, location: 'EqLD5' })).toThrow(/^connectRegions must be given with location/);
    expect(() => RouterConfiguration.render(RouterVendor.FRR, { ...PROPS, connectRegions: ['eu-west-2'] })).toThrow(/^locationRegion must be given with connectRegions/);
  });
});

describe('cdk-connect-dx router-config --location / --location-region / --connect-region', () => {
  test('--scope becomes optional: the pair derives it', async () => {
    const { code, io } = await cli('--vendor', 'cisco-ios-xe', ...PEERING, '--location', 'eqld5', '--connect-region', 'eu-west-2');
    expect(code).toBe(0);
    expect(io.stdout).toContain(' set community 7224:9200');
    expect(io.stdout).toContain('ip community-list standard AWS-DX-SCOPE-IN permit 7224:8200');
  });

  test('a location the snapshot lacks, with --location-region; two Connect Regions', async () => {
    const { code, io } = await cli('--vendor', 'frr', ...PEERING, '--location', 'GovSite1', '--location-region', 'us-gov-west-1', '--connect-region', 'us-gov-west-1');
    expect([code, io.stderr]).toEqual([0, '']);
    expect(io.stdout).toContain(' set community 7224:9100');
    const two = await cli('--vendor', 'junos', ...PEERING, '--location-region', 'us-east-1', '--connect-region', 'us-east-1,eu-west-2');
    expect(two.io.stdout).toMatch(/members 7224:9300;/);
  });

  test.each([
    ['too narrow --scope', ['--location', 'EqLD5', '--connect-region', 'eu-west-2', '--scope', 'REGION'],
      /^cdk-connect-dx router-config: --scope: communityScope REGION \(7224:9100\) does not reach Amazon Connect Region eu-west-2 from location 'EqLD5' \(associated with eu-west-1\).*use CONTINENT \(7224:9200\) or wider\n$/],
    ['unknown --location', ['--location', 'XX99', '--connect-region', 'eu-west-2'], /--location: location 'XX99' is not in the Direct Connect location snapshot/],
    ['malformed --connect-region', ['--location', 'EqLD5', '--connect-region', 'London'], /--connect-region must be a Region where Amazon Connect runs: .*got 'London'/],
    ['empty --connect-region item', ['--location', 'EqLD5', '--connect-region', 'eu-west-2,'], /--connect-region must be a comma-separated list of Regions without empty items/],
    ['contradicting --location-region', ['--location', 'EqLD5', '--location-region', 'eu-west-2', '--connect-region', 'eu-west-2'], /--location-region: locationRegion must be the Region location 'EqLD5' is associated with, 'eu-west-1'/],
    ['--location without --connect-region', ['--location', 'EqLD5'], /--connect-region: connectRegions must be given with location/],
  ])('%s exits 2 with one line', async (_name, flags, message) => {
    const { code, io } = await cli('--vendor', 'frr', ...PEERING, ...flags);
    expect(code).toBe(2);
    expect(io.stdout).toBe('');
    expect(io.stderr).toMatch(/^cdk-connect-dx router-config: [^\n]+\n$/);
    expect(io.stderr).toMatch(message);
  });
});

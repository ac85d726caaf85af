import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import {
  BgpCommunityScope, ConnectDirectConnectStack, DedicatedBandwidth, DedicatedConnection, DirectConnectConnection,
  DirectConnectLocation, IDirectConnectConnection, LinkAggregationGroup, PublicVirtualInterface, PublicVirtualInterfaceProps,
} from '../../lib';

const PEERING = { vlan: 101, asn: 65000, customerAddress: '18.0.0.1/30', amazonAddress: '18.0.0.2/30', routeFilterPrefixes: ['18.0.1.0/24'] };

/**
 * GIVEN a stack in the location's Region (where Direct Connect creates it) and a new LAG at `location`, WHEN a VIF for
 * Amazon Connect in `region` attaches, THEN its scope is returned.
 */
function vifAt(location: string, region: string, props: Partial<PublicVirtualInterfaceProps> = {}, bandwidth = DedicatedBandwidth.GBPS_10) {
  const stack = new Stack(new App(), 'Dx', { env: { region: DirectConnectLocation.of(location).region } });
  const lag = new LinkAggregationGroup(stack, 'Lag', { location, connectionsBandwidth: bandwidth });
  const vif = new PublicVirtualInterface(stack, 'Vif', { connection: lag, connectRegions: [region], ...PEERING, ...props });
  return { stack, vif };
}

function importedVif(region: string, props: Partial<PublicVirtualInterfaceProps> = {}) {
  const stack = new Stack(new App(), 'Dx', { env: { region } });
  const connection: IDirectConnectConnection = DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123');
  return { stack, vif: new PublicVirtualInterface(stack, 'Vif', { connection, ...PEERING, ...props }) };
}

function warningIds(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue())
    .map((w) => /\[ack: cdk-connect-dx:([A-Za-z]+)\]/.exec(String(w.entry.data))?.[1] ?? '').filter(Boolean);
}

describe('community scope derived from the location Region and the Connect Region', () => {
  test.each([
    ['THNO2', 'eu-west-2', 'REGION', ['7224:8100'], false], // same Region
    ['EqLD5', 'eu-west-2', 'CONTINENT', ['7224:8100', '7224:8200'], false], // same continent (EqLD5 is eu-west-1)
    ['EqDC2', 'us-west-2', 'CONTINENT', ['7224:8100', '7224:8200'], false],
    ['EqDC2', 'eu-west-2', 'GLOBAL', ['7224:8100', '7224:8200'], true], // other continent
    ['CIBNA', 'us-east-1', 'GLOBAL', ['7224:8100', '7224:8200'], true], // sa-east-1: no documented continent group
  ])('%s -> %s: %s', (location, region, scope, accepted, untagged) => {
    const { stack, vif } = vifAt(location, region);
    expect([vif.communityScope.name, vif.regionPair?.acceptedAwsCommunities, vif.regionPair?.acceptsUntaggedRoutes]).toEqual([scope, accepted, untagged]);
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      Tags: Match.arrayWith([{ Key: 'bgp-community-scope', Value: vif.community }]),
    });
    expect(warningIds(stack)).not.toContain('communityScopeWider');
  });

  test('two Connect Regions (Global Resiliency): the farther one decides', () => {
    expect(vifAt('EqDC2', 'us-east-1', { connectRegions: ['us-east-1', 'us-west-2'] }).vif.communityScope).toBe(BgpCommunityScope.CONTINENT);
    expect(vifAt('EqDC2', 'us-east-1', { connectRegions: ['us-east-1', 'eu-west-2'] }).vif.communityScope).toBe(BgpCommunityScope.GLOBAL);
  });

  test('a scope too narrow for the pair is refused, naming the location, both Regions and the scope that works', () => {
    expect(() => vifAt('EqLD5', 'eu-west-2', { communityScope: BgpCommunityScope.REGION })).toThrow(
      "communityScope REGION (7224:9100) does not reach Amazon Connect Region eu-west-2 from location 'EqLD5' (associated with eu-west-1): "
      + 'it propagates your prefixes only within eu-west-1; use CONTINENT (7224:9200) or wider');
    expect(() => vifAt('EqDC2', 'eu-west-2', { communityScope: BgpCommunityScope.CONTINENT }))
      .toThrow(/^communityScope CONTINENT \(7224:9200\) does not reach Amazon Connect Region eu-west-2 .*use GLOBAL \(7224:9300\)$/);
  });

  test('a wider scope is allowed with a warning', () => {
    const { stack, vif } = vifAt('THNO2', 'eu-west-2', { communityScope: BgpCommunityScope.GLOBAL });
    expect(vif.communityScope).toBe(BgpCommunityScope.GLOBAL);
    Annotations.fromStack(stack).hasWarning('/Dx/Vif', Match.stringLikeRegexp(
      "communityScope GLOBAL \\(7224:9300\\) is wider than Amazon Connect Region eu-west-2 needs from location 'THNO2'.*REGION \\(7224:9100\\) reaches it.*\\[ack: cdk-connect-dx:communityScopeWider\\]$"));
    // the inbound acceptance stays the pair's
    expect(vif.regionPair?.acceptedAwsCommunities).toEqual(['7224:8100']);
  });

  test('an imported connection without locationRegion: GLOBAL and a warning naming locationRegion', () => {
    const { stack, vif } = importedVif('eu-west-2');
    expect([vif.communityScope, vif.regionPair]).toEqual([BgpCommunityScope.GLOBAL, undefined]);
    Annotations.fromStack(stack).hasWarning('/Dx/Vif', Match.stringLikeRegexp('communityScope defaults to GLOBAL.*Give locationRegion.*\\[ack: cdk-connect-dx:locationRegionUnknown\\]$'));
  });

  test('an imported connection with locationRegion derives the scope; a narrower explicit scope without it is unchecked', () => {
    expect(importedVif('eu-west-1', { locationRegion: 'eu-west-1', connectRegions: ['eu-west-2'] }).vif.community).toBe('7224:9200');
    const { stack } = importedVif('eu-west-2', { communityScope: BgpCommunityScope.REGION });
    Annotations.fromStack(stack).hasWarning('/Dx/Vif', Match.stringLikeRegexp('communityScope REGION \\(7224:9100\\) cannot be checked.*locationRegion.*communityScopeUnchecked'));
    expect(warningIds(importedVif('eu-west-2', { communityScope: BgpCommunityScope.GLOBAL }).stack)).not.toContain('communityScopeUnchecked');
  });

  test('locationRegion contradicting a new connection\'s location is refused; a malformed one too', () => {
    expect(() => vifAt('EqLD5', 'eu-west-2', { locationRegion: 'eu-west-2' })).toThrow(
      /^locationRegion must agree with the connection's location 'EqLD5', which is associated with 'eu-west-1'; got 'eu-west-2'/);
    expect(() => importedVif('eu-west-2', { locationRegion: 'London' })).toThrow(/^locationRegion must be an AWS Region code such as 'eu-west-2', got 'London'$/);
    expect(() => importedVif('eu-west-2', { connectRegions: ['eu-west-2', 'moon-1'] })).toThrow(/^connectRegions must be an AWS Region code/);
  });

  test('a token stack Region without connectRegions: GLOBAL with a warning', () => {
    const stack = new Stack(new App(), 'Dx');
    const lag = new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10 });
    const vif = new PublicVirtualInterface(stack, 'Vif', { connection: lag, ...PEERING });
    expect(vif.communityScope).toBe(BgpCommunityScope.GLOBAL);
    expect(warningIds(stack)).toContain('locationRegionUnknown');
  });
});

describe('new connections are checked against the location table', () => {
  const stack = (region = 'eu-west-2') => new Stack(new App(), 'Dx', { env: { region } });

  test('a speed the location does not offer is refused, listing what it offers', () => {
    expect(() => new DedicatedConnection(stack(), 'C', { location: 'EqMA3', bandwidth: DedicatedBandwidth.GBPS_100 })).toThrow(
      /^bandwidth must be a port speed offered at location EqMA3 \(Equinix MA3 - Manchester, Manchester, GB; associated with eu-west-2\): 1Gbps, 10Gbps \(location snapshot of 2026-02-17\), got '100Gbps'$/);
    expect(() => new LinkAggregationGroup(stack('eu-west-1'), 'L', { location: 'EqLD5', connectionsBandwidth: DedicatedBandwidth.GBPS_400 }))
      .toThrow(/^connectionsBandwidth must be a port speed offered at location EqLD5 .*1Gbps, 10Gbps, 100Gbps .*got '400Gbps'$/);
  });

  test('MACsec must be offered at the location at that speed', () => {
    expect(() => new DedicatedConnection(stack(), 'C', { location: 'EqMA3', bandwidth: DedicatedBandwidth.GBPS_10, requestMacSec: true }))
      .toThrow(/^requestMacSec can be true only at a speed where the location offers MACsec: EqMA3 .* offers no MACsec at any speed .*got bandwidth '10Gbps'$/);
    expect(() => new DedicatedConnection(stack('us-east-1'), 'C', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_400, requestMacSec: true })).not.toThrow();
  });

  test('an unknown location is refused unless locationRegion is given (then a warning)', () => {
    expect(() => new DedicatedConnection(stack(), 'C', { location: 'NewSite1', bandwidth: DedicatedBandwidth.GBPS_10 }))
      .toThrow(/^location 'NewSite1' is not in the Direct Connect location snapshot of 2026-02-17 .*locationRegion/);
    const s = stack();
    const c = new DedicatedConnection(s, 'C', { location: 'NewSite1', bandwidth: DedicatedBandwidth.GBPS_10, locationRegion: 'eu-west-2' });
    expect(c.locationRegion).toBe('eu-west-2');
    Annotations.fromStack(s).hasWarning('/Dx/C', Match.stringLikeRegexp("location 'NewSite1' is not in the Direct Connect location snapshot.*\\[ack: cdk-connect-dx:locationNotInSnapshot\\]$"));
  });

  test('a token location skips the table with a warning', () => {
    const s = stack();
    const location = new CfnParameter(s, 'Loc').valueAsString;
    const lag = new LinkAggregationGroup(s, 'L', { location, connectionsBandwidth: DedicatedBandwidth.GBPS_10 });
    expect(lag.locationRegion).toBeUndefined();
    expect(warningIds(s)).toContain('locationToken');
  });

  test('codes match in any case and are written in the location table\'s spelling', () => {
    const s = stack();
    const lag = new LinkAggregationGroup(s, 'L', { location: 'thno2', connectionsBandwidth: DedicatedBandwidth.GBPS_10 });
    new DedicatedConnection(s, 'C', { location: 'ThNo2', bandwidth: DedicatedBandwidth.GBPS_10, lag });
    Template.fromStack(s).hasResourceProperties('AWS::DirectConnect::Lag', { Location: 'THNO2' });
    Template.fromStack(s).hasResourceProperties('AWS::DirectConnect::Connection', { Location: 'THNO2' });
    expect(lag.location).toBe('THNO2');
  });

  test('a location of another Region than the stack\'s is refused naming both Regions and the fix, unless acknowledged', () => {
    expect(() => new LinkAggregationGroup(stack(), 'L', { location: 'EqLD5', connectionsBandwidth: DedicatedBandwidth.GBPS_10 }))
      .toThrow(/^location must be associated with this stack's Region eu-west-2, got 'EqLD5', associated with eu-west-1: .*deploy the Direct Connect resources in eu-west-1 .*ConnectDirectConnectStage.*acknowledgeLocationOutsideStackRegion/);
    expect(() => new DedicatedConnection(stack(), 'C', { location: 'EqLD5', bandwidth: DedicatedBandwidth.GBPS_10 }))
      .toThrow(/^location must be associated with this stack's Region eu-west-2, got 'EqLD5'/);
    const s = stack();
    new DedicatedConnection(s, 'C', { location: 'EqLD5', bandwidth: DedicatedBandwidth.GBPS_10, acknowledgeLocationOutsideStackRegion: true });
    expect(warningIds(s)).toContain('locationOutsideStackRegion');
    // a token Region (an environment-agnostic stack) passes through
    const agnostic = new Stack(new App(), 'Agnostic');
    expect(() => new LinkAggregationGroup(agnostic, 'L', { location: 'EqLD5', connectionsBandwidth: DedicatedBandwidth.GBPS_10 })).not.toThrow();
  });
});

describe('ConnectDirectConnectStack: the quick start pair', () => {
  const props = {
    env: { region: 'eu-west-1' }, connectRegions: ['eu-west-2'], instanceAlias: 'cc', vlan: 101, asn: 65000, customerAddress: '18.0.0.1/31',
    amazonAddress: '18.0.0.0/31', routeFilterPrefixes: ['18.0.1.0/24'], agentCidrs: ['10.20.0.0/16'], monitoring: false,
    newConnection: { location: 'EqLD5', bandwidth: DedicatedBandwidth.GBPS_10 },
  };

  test('EqLD5 for an eu-west-2 instance: BgpCommunity 7224:9200', () => {
    const stack = new ConnectDirectConnectStack(new App(), 'Dx', props);
    Template.fromStack(stack).hasOutput('BgpCommunity', { Value: '7224:9200' });
  });

  test('REGION is refused; an existing connection takes locationRegion', () => {
    expect(() => new ConnectDirectConnectStack(new App(), 'Dx', { ...props, communityScope: BgpCommunityScope.REGION }))
      .toThrow(/^communityScope REGION .*eu-west-2 from location 'EqLD5' \(associated with eu-west-1\).*use CONTINENT/);
    expect(() => new ConnectDirectConnectStack(new App(), 'Dx', { ...props, locationRegion: 'eu-west-2' }))
      .toThrow(/^locationRegion must be the Region location 'EqLD5' is associated with, 'eu-west-1'/);
    const existing = new ConnectDirectConnectStack(new App(), 'Dx', {
      ...props, env: { region: 'eu-west-2' }, connectRegions: undefined, newConnection: undefined, existingConnectionId: 'dxcon-fgabc123', locationRegion: 'eu-west-2',
    });
    Template.fromStack(existing).hasOutput('BgpCommunity', { Value: '7224:9100' });
  });
});

/**
 * Global Resiliency end to end in the stack (issue 22): the set of Amazon Connect Regions is the instance's Region
 * and the documented partner, and everything that depends on the Connect Region covers both. The three documented
 * pairs, each with a location in each of its Regions and one outside them (Regions from lib/locations/location-data.generated.ts:
 * EqDC2 us-east-1, EqSE2 us-west-2, THNO2 eu-west-2 (London), EqFA5 eu-central-1, EqLD5 eu-west-1, EqTY2
 * ap-northeast-1, KDOS2 ap-northeast-3, and EqOS1, in Osaka but associated with ap-northeast-1).
 */
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import {
  AllowListMode, BgpCommunityScope, ConnectDirectConnectStack, ConnectDirectConnectStackProps, ConnectFeature, DedicatedBandwidth,
  FailoverMode, ResiliencyModel, RouterConfiguration, RouterVendor,
} from '../../lib';
import { BASE_STACK_PROPS } from '../helpers/stack-props';

const ID = '12345678-aaaa-bbbb-cccc-123456789012';
const gr = (sourceRegion: string) => ConnectFeature.globalResiliency({ sourceRegion, instanceId: ID });

function build(region: string, location: string, source: string, overrides: Partial<ConnectDirectConnectStackProps> = {}) {
  const stack = new ConnectDirectConnectStack(new App(), 'Dx', {
    ...BASE_STACK_PROPS,
    env: { region },
    newConnection: { location, bandwidth: DedicatedBandwidth.GBPS_10 },
    features: [gr(source)],
    replicaAlias: 'my-contact-centre-replica',
    monitoring: false,
    ...overrides,
  });
  return { stack, template: Template.fromStack(stack), annotations: Annotations.fromStack(stack) };
}

describe('the three documented pairs: scope from the location\'s Region against both Connect Regions', () => {
  test.each([
    // pair us-east-1 / us-west-2
    ['us-east-1', 'EqDC2', 'us-east-1', ['us-east-1', 'us-west-2'], 'CONTINENT', '7224:9200'],
    ['us-west-2', 'EqSE2', 'us-east-1', ['us-east-1', 'us-west-2'], 'CONTINENT', '7224:9200'],
    ['eu-west-1', 'EqLD5', 'us-east-1', ['us-east-1', 'us-west-2'], 'GLOBAL', '7224:9300'],
    // pair eu-central-1 / eu-west-2, London first
    ['eu-west-2', 'THNO2', 'eu-west-2', ['eu-west-2', 'eu-central-1'], 'CONTINENT', '7224:9200'],
    ['eu-central-1', 'EqFA5', 'eu-central-1', ['eu-central-1', 'eu-west-2'], 'CONTINENT', '7224:9200'],
    ['eu-west-1', 'EqLD5', 'eu-west-2', ['eu-west-2', 'eu-central-1'], 'CONTINENT', '7224:9200'],
    ['us-east-1', 'EqDC2', 'eu-central-1', ['eu-central-1', 'eu-west-2'], 'GLOBAL', '7224:9300'],
    // pair ap-northeast-1 -> ap-northeast-3 (Osaka is a replica Region only)
    ['ap-northeast-1', 'EqTY2', 'ap-northeast-1', ['ap-northeast-1', 'ap-northeast-3'], 'CONTINENT', '7224:9200'],
    ['ap-northeast-3', 'KDOS2', 'ap-northeast-1', ['ap-northeast-1', 'ap-northeast-3'], 'CONTINENT', '7224:9200'],
    ['ap-northeast-1', 'EqOS1', 'ap-northeast-1', ['ap-northeast-1', 'ap-northeast-3'], 'CONTINENT', '7224:9200'],
    ['us-west-2', 'EqSE2', 'ap-northeast-1', ['ap-northeast-1', 'ap-northeast-3'], 'GLOBAL', '7224:9300'],
  ])('GIVEN a stack in %s at %s with Global Resiliency from %s THEN the set is %j and the scope %s (%s)',
    (region, location, source, regions, scope, community) => {
      // WHEN
      const { stack, template } = build(region, location, source);
      // THEN
      expect(stack.connectRegions).toEqual(regions);
      expect(stack.catalog.regions).toEqual(regions);
      expect(stack.virtualInterface.communityScope.name).toBe(scope);
      expect(stack.virtualInterface.regionPair?.connectRegions).toEqual(regions);
      template.hasOutput('BgpCommunity', {
        Value: community,
        Description: Match.stringLikeRegexp(`${scope} scope from ${region}: reaches Amazon Connect in ${regions.join(', ')}`),
      });
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ CONNECT_REGIONS: regions.join(',') }) },
      });
    });
});

describe('us-east-1 / us-west-2 at EqDC2 (the issue\'s example)', () => {
  test('both Regions\' endpoints, the replica\'s hosts, the lists sized for the union', () => {
    const { stack, template, annotations } = build('us-east-1', 'EqDC2', 'us-east-1');
    const targets = stack.catalog.firewallDomains();
    for (const r of ['us-east-1', 'us-west-2']) {
      expect(targets).toContain(`.telemetry.connect.${r}.amazonaws.com`);
      expect(targets).toContain(`.transport.connect.${r}.amazonaws.com`);
      expect(targets).toContain(`participant.connect.${r}.amazonaws.com`);
    }
    expect(targets).toContain('my-contact-centre.my.connect.aws');
    expect(targets).toContain('my-contact-centre-replica.my.connect.aws');
    expect(stack.catalog.endpoints.map((e) => e.host)).toEqual(expect.arrayContaining([
      'TurnNlb-*.elb.us-east-1.amazonaws.com', 'TurnNlb-*.elb.us-west-2.amazonaws.com',
    ]));
    // UDP 3478 to AMAZON_CONNECT of GLOBAL and both Regions
    expect(stack.catalog.ipRuleRequirements().find((q) => q.service === 'AMAZON_CONNECT')?.regions).toEqual(['GLOBAL', 'us-east-1', 'us-west-2']);
    // AMAZON_CONNECT-ipv4: 2 (us-east-1) + 3 (us-west-2) entries in the sizing table, 25% headroom -> 10
    expect(stack.prefixLists.entries.find((e) => e.selector === 'AMAZON_CONNECT-ipv4')?.currentEntries).toBe(5);
    template.hasResourceProperties('AWS::EC2::PrefixList', { AddressFamily: 'IPv4', MaxEntries: 10 });
    template.hasResourceProperties('AWS::NetworkFirewall::RuleGroup', {
      Description: Match.stringLikeRegexp('Amazon Connect \\(us-east-1, us-west-2\\)'),
    });
    expect(annotations.findWarning('*', Match.stringLikeRegexp('replicaAliasMissing'))).toEqual([]);
  });

  test('IP_RANGES mode: the EC2 lists hold both Regions (sized for the sum), TCP 443 rules select both', () => {
    const { stack } = build('us-east-1', 'EqDC2', 'us-east-1', { allowListMode: AllowListMode.IP_RANGES });
    // 232 + 132 EC2 IPv4 entries
    expect(stack.prefixLists.entries.find((e) => e.selector === 'EC2-ipv4')?.currentEntries).toBe(364);
    expect(stack.catalog.ipRuleRequirements(AllowListMode.IP_RANGES).find((q) => q.service === 'EC2')?.regions)
      .toEqual(['us-east-1', 'GLOBAL', 'us-west-2']);
  });

  test('stateless return rules cover the AMAZON_CONNECT ranges of both Regions', () => {
    const { template } = build('us-east-1', 'EqDC2', 'us-east-1', { statelessFirewall: true });
    const text = JSON.stringify(template.findResources('AWS::NetworkFirewall::RuleGroup'));
    for (const cidr of ['15.193.0.0/19', '52.55.191.224/27', '18.236.61.0/25', '54.190.198.32/28']) expect(text).toContain(cidr);
  });

  test('without replicaAlias: the replica\'s hosts are not allowed, and a warning says so and how to set it', () => {
    const { stack, annotations } = build('us-east-1', 'EqDC2', 'us-east-1', { replicaAlias: undefined });
    expect(stack.catalog.firewallDomains().filter((t) => t.endsWith('.my.connect.aws'))).toEqual(['my-contact-centre.my.connect.aws']);
    const found = annotations.findWarning('*', Match.stringLikeRegexp('cdk-connect-dx:replicaAliasMissing'));
    expect(found).toHaveLength(1);
    expect(JSON.stringify(found[0].entry.data)).toMatch(/replica instance's hosts in us-west-2 .* are not allowed.*replicaAlias on the stack/);
  });

  test('HIGH at EqDC2 + CSVA1: every path reaches both Regions', () => {
    const { stack } = build('us-east-1', 'EqDC2', 'us-east-1', {
      newConnection: undefined, customerAddress: undefined, amazonAddress: undefined,
      resiliency: { model: ResiliencyModel.HIGH, locations: ['EqDC2', 'CSVA1'], bandwidth: DedicatedBandwidth.GBPS_10, peerAddressPool: '198.51.100.0/29' },
    });
    expect(stack.resilient!.virtualInterfaces.map((v) => [v.communityScope.name, v.regionPair?.connectRegions]))
      .toEqual([['CONTINENT', ['us-east-1', 'us-west-2']], ['CONTINENT', ['us-east-1', 'us-west-2']]]);
    // the failover configurations get each path's location and the set: the acceptance is checked, no NOTE
    const files = RouterConfiguration.renderFailover(RouterVendor.FRR, {
      asn: 65000, routeFilterPrefixes: ['203.0.113.0/24'], failover: FailoverMode.ACTIVE_PASSIVE,
      connectRegions: stack.connectRegions,
      sessions: stack.resilient!.virtualInterfaces.map((vif, i) => ({
        vlan: vif.vlan, customerAddress: vif.customerAddress, amazonAddress: vif.amazonAddress,
        router: i === 0 ? 'edge-a' : 'edge-b', location: stack.resilient!.pathLocations[i],
      })),
    });
    expect(files.map((f) => f.routerName)).toEqual(['edge-a', 'edge-b']);
    for (const f of files) {
      expect(f.configuration).not.toMatch(/could not be checked/);
      expect(f.configuration).toContain('7224:9200');
      expect(f.configuration).toMatch(/us-west-2/);
    }
  });
});

describe('bad input', () => {
  test('a replica Region that is not the documented partner: refused naming both Regions and the pairs', () => {
    expect(() => build('us-east-1', 'EqDC2', 'us-east-1', { connectRegions: ['us-east-1', 'eu-west-2'] }))
      .toThrow(/^connectRegions names 'eu-west-2', which is not in the Global Resiliency pair of source Region us-east-1: its documented replica Region is us-west-2, not eu-west-2; documented pairs: us-east-1->us-west-2, us-west-2->us-east-1, eu-central-1->eu-west-2, eu-west-2->eu-central-1, ap-northeast-1->ap-northeast-3/);
    expect(() => build('us-east-1', 'EqDC2', 'ca-central-1'))
      .toThrow(/^globalResiliency.sourceRegion must be the source Region of a documented Global Resiliency pair \(us-east-1->us-west-2, .*got 'ca-central-1'/);
  });

  test('a Region where Amazon Connect does not run, or a duplicate: refused naming connectRegions', () => {
    expect(() => build('us-east-1', 'EqDC2', 'us-east-1', { features: [], replicaAlias: undefined, connectRegions: ['us-east-1', 'us-east-2'] }))
      .toThrow(/^connectRegions must be a Region where Amazon Connect runs: .*got 'us-east-2'/);
    expect(() => build('us-east-1', 'EqDC2', 'us-east-1', { connectRegions: ['us-east-1', 'us-east-1'] }))
      .toThrow(/^connectRegions must list each Region once, got 'us-east-1' twice/);
    expect(() => build('us-east-1', 'EqDC2', 'us-east-1', { features: [], replicaAlias: undefined, connectRegions: ['ap-northeast-3'] }))
      .toThrow(/^connectRegions must be a Region where Amazon Connect runs: .*got 'ap-northeast-3' \(ap-northeast-3 is a Global Resiliency replica Region only/);
  });

  test('communityScope narrower than the set needs: refused naming the Region it does not reach', () => {
    expect(() => build('us-east-1', 'EqDC2', 'us-east-1', { communityScope: BgpCommunityScope.REGION }))
      .toThrow(/^communityScope REGION \(7224:9100\) does not reach Amazon Connect Region us-west-2 from location 'EqDC2'/);
  });

  test('replicaAlias without Global Resiliency, or malformed: refused naming replicaAlias', () => {
    expect(() => build('us-east-1', 'EqDC2', 'us-east-1', { features: [] }))
      .toThrow(/^replicaAlias is only used with Global Resiliency/);
    expect(() => build('us-east-1', 'EqDC2', 'us-east-1', { replicaAlias: 'd-bad' })).toThrow(/^replicaAlias must be 1-45 letters/);
  });
});

/**
 * ConnectDirectConnectStage: a topology whose locations are associated with several Regions becomes one stack per
 * location Region, each with the same Amazon Connect Region and its own location's scope; a split MAXIMUM/HIGH model
 * is one resiliency group holding every connection; clashing VLANs and overlapping peer subnets are refused.
 */
import { App, Lazy, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as pipelines from 'aws-cdk-lib/pipelines';
import {
  ConnectDirectConnectStackProps, ConnectDirectConnectStage, ConnectFeature, ConnectDirectConnectStageProps, DedicatedBandwidth, ResiliencyModel,
  ResilientDirectConnect,
} from '../../lib';
import { expectCfnLintClean, nagFindings } from '../helpers/checks';

/** The shared settings: the stack props without the per-location parts. */
const SETTINGS: ConnectDirectConnectStackProps = {
  instanceAlias: 'my-contact-centre',
  connectRegions: ['us-east-1'],
  vlan: 101,
  asn: 65000,
  routeFilterPrefixes: ['203.0.113.0/24'],
  agentCidrs: ['10.20.0.0/16'],
};

const HIGH_TWO_REGIONS: ConnectDirectConnectStageProps = {
  settings: SETTINGS,
  resiliency: { model: ResiliencyModel.HIGH, locations: ['EqDC2', 'EqSE2'], bandwidth: DedicatedBandwidth.GBPS_10, peerAddressPool: '198.51.100.0/29' },
};

function stage(props: ConnectDirectConnectStageProps = HIGH_TWO_REGIONS, app = new App()): ConnectDirectConnectStage {
  return new ConnectDirectConnectStage(app, 'Dx', props);
}

const OUTSIDE = Match.stringLikeRegexp('cdk-connect-dx:locationOutsideStackRegion');

describe('ConnectDirectConnectStage with a resiliency model over two Regions', () => {
  test('HIGH at EqDC2 (us-east-1) + EqSE2 (us-west-2): one stack per Region, same Connect Region, scope per location', () => {
    // GIVEN / WHEN
    const s = stage();
    // THEN one stack per location Region, named after the stage and the Region
    expect(s.stacks.map((x) => [x.stackName, x.region])).toEqual([['Dx-UsEast1', 'us-east-1'], ['Dx-UsWest2', 'us-west-2']]);
    expect(s.stackForRegion('us-west-2')).toBe(s.stacks[1]);
    // AND every stack reaches the same Amazon Connect Region
    expect(s.stacks.map((x) => x.connectRegions)).toEqual([['us-east-1'], ['us-east-1']]);
    expect(s.stacks.map((x) => x.catalog.regions)).toEqual([['us-east-1'], ['us-east-1']]);
    // AND each interface's scope comes from its own location: EqDC2 is in us-east-1 (REGION), EqSE2 in us-west-2 (CONTINENT)
    const [east, west] = s.stacks.map((x) => Template.fromStack(x));
    east.hasResourceProperties('AWS::DirectConnect::Connection', { Location: 'EqDC2' });
    west.hasResourceProperties('AWS::DirectConnect::Connection', { Location: 'EqSE2' });
    east.hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      Tags: Match.arrayWith([{ Key: 'bgp-community-scope', Value: '7224:9100' }]),
      BgpPeers: [Match.objectLike({ CustomerAddress: '198.51.100.1/31', AmazonAddress: '198.51.100.0/31' })],
    });
    west.hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      Tags: Match.arrayWith([{ Key: 'bgp-community-scope', Value: '7224:9200' }]),
      // the pool is carved over the whole stage: path 2 gets the second /31
      BgpPeers: [Match.objectLike({ CustomerAddress: '198.51.100.3/31', AmazonAddress: '198.51.100.2/31' })],
    });
    expect(s.stacks.map((x) => x.virtualInterface.communityScope.name)).toEqual(['REGION', 'CONTINENT']);
    // AND the outputs keep the stack's ids in each stack
    east.hasOutput('BgpCommunity', { Value: '7224:9100' });
    west.hasOutput('BgpCommunity', { Value: '7224:9200' });
    // AND no location/Region warning: each connection is in its location's Region
    for (const x of s.stacks) {
      expect(Annotations.fromStack(x).findWarning('*', OUTSIDE)).toHaveLength(0);
    }
  });

  test('one resiliency group for the whole model, in the first stack, holding both Regions\' connections', () => {
    // GIVEN / WHEN
    const s = stage();
    const [east, west] = s.stacks.map((x) => Template.fromStack(x));
    // THEN the first location's stack holds the group: its own connection by GetAtt, the other Region's by a weak reference
    east.resourceCountIs('AWS::DirectConnect::ResiliencyGroup', 1);
    west.resourceCountIs('AWS::DirectConnect::ResiliencyGroup', 0);
    east.hasResourceProperties('AWS::DirectConnect::ResiliencyGroup', {
      IntendedResiliencyModel: 'high-resiliency',
      ResiliencyGroupName: 'Dx',
      ConnectionArns: [
        { 'Fn::GetAtt': [Match.stringLikeRegexp('^ResilientPath1Connection'), 'ConnectionArn'] },
        { 'Fn::GetStackOutput': { StackName: 'Dx-UsWest2', Region: 'us-west-2', OutputName: Match.anyValue() } },
      ],
    });
    expect(s.resiliencyGroup).toBeDefined();
    // AND the first stack deploys after the other (it reads the other's output), with no custom resource for it
    expect(s.stacks[0].dependencies).toContain(s.stacks[1]);
    east.resourceCountIs('Custom::CrossRegionExportReader', 0);
    // AND CDK's "default strong references" warning is acknowledged on the consuming stack (the reference is weak)
    expect(Annotations.fromStack(s.stacks[0]).findWarning('*', Match.stringLikeRegexp('crossStackReferencesDefaultStrong'))).toHaveLength(0);
  });

  test('MAXIMUM over three locations in two Regions: two connections per location in each location\'s stack, one group of six', () => {
    // GIVEN EqDC2 and CSVA1 in us-east-1, EqSE2 in us-west-2
    const s = stage({ ...HIGH_TWO_REGIONS, resiliency: { ...HIGH_TWO_REGIONS.resiliency!, model: ResiliencyModel.MAXIMUM, locations: ['EqDC2', 'EqSE2', 'CSVA1'], peerAddressPool: '198.51.100.0/28' } });
    // THEN us-east-1 orders four connections (EqDC2 and CSVA1, two each), us-west-2 two
    const [east, west] = s.stacks.map((x) => Template.fromStack(x));
    east.resourceCountIs('AWS::DirectConnect::Connection', 4);
    west.resourceCountIs('AWS::DirectConnect::Connection', 2);
    expect(s.stacks[0].resilient!.pathLocations).toEqual(['EqDC2', 'EqDC2', 'CSVA1', 'CSVA1']);
    // AND the peer addresses follow the stage's path order (EqDC2 paths 1-2, EqSE2 paths 3-4, CSVA1 paths 5-6)
    expect(s.stacks[0].resilient!.peerAddresses.map((p) => p.customerAddress)).toEqual(['198.51.100.1/31', '198.51.100.3/31', '198.51.100.9/31', '198.51.100.11/31']);
    expect(s.stacks[1].resilient!.peerAddresses.map((p) => p.customerAddress)).toEqual(['198.51.100.5/31', '198.51.100.7/31']);
    // AND one group holds all six
    east.hasResourceProperties('AWS::DirectConnect::ResiliencyGroup', {
      IntendedResiliencyModel: 'maximum-resiliency',
      ConnectionArns: Match.arrayWith([Match.objectLike({ 'Fn::GetStackOutput': Match.objectLike({ Region: 'us-west-2' }) })]),
    });
    const [group] = Object.values<any>(east.findResources('AWS::DirectConnect::ResiliencyGroup'));
    expect(group.Properties.ConnectionArns).toHaveLength(6);
  });

  test('Global Resiliency (us-east-1 -> us-west-2): every stack reaches both Regions, each location scoped for the pair', () => {
    // GIVEN the feature and no connectRegions: the set is the documented pair, decided once for the stage
    const features = [ConnectFeature.globalResiliency({ sourceRegion: 'us-east-1', instanceId: '11111111-2222-3333-4444-555555555555' })];
    const s = stage({ ...HIGH_TWO_REGIONS, settings: { ...SETTINGS, connectRegions: undefined, features, replicaAlias: 'my-contact-centre-west' } });
    // THEN
    expect(s.connectRegions).toEqual(['us-east-1', 'us-west-2']);
    expect(s.stacks.map((x) => x.connectRegions)).toEqual([['us-east-1', 'us-west-2'], ['us-east-1', 'us-west-2']]);
    // EqDC2 (us-east-1) and EqSE2 (us-west-2) each reach the other Region of the pair on their continent: CONTINENT
    expect(s.stacks.map((x) => x.virtualInterface.communityScope.community)).toEqual(['7224:9200', '7224:9200']);
    for (const x of s.stacks) {
      expect(x.catalog.regions).toEqual(['us-east-1', 'us-west-2']);
    }
  });

  test('a Connect Region outside the Global Resiliency pair is refused, naming the settings prop', () => {
    const features = [ConnectFeature.globalResiliency({ sourceRegion: 'us-east-1', instanceId: '11111111-2222-3333-4444-555555555555' })];
    expect(() => stage({ ...HIGH_TWO_REGIONS, settings: { ...SETTINGS, connectRegions: ['us-east-1', 'eu-west-2'], features } }))
      .toThrow(/settings.connectRegions names 'eu-west-2', which is not in the Global Resiliency pair of source Region us-east-1/);
  });

  test('a model whose locations share one Region is one stack, with the stack\'s own group', () => {
    const s = stage({ ...HIGH_TWO_REGIONS, resiliency: { ...HIGH_TWO_REGIONS.resiliency!, locations: ['EqDC2', 'CSVA1'] } });
    expect(s.stacks.map((x) => x.region)).toEqual(['us-east-1']);
    expect(s.resiliencyGroup).toBeUndefined();
    Template.fromStack(s.stacks[0]).resourceCountIs('AWS::DirectConnect::ResiliencyGroup', 1);
  });

  test('cfn-lint has no errors and cdk-nag has no finding on either stack', () => {
    const s = stage();
    for (const x of s.stacks) {
      expectCfnLintClean(x);
      expect(nagFindings(x)).toEqual([]);
    }
  });
});

describe('ConnectDirectConnectStage in an app and a pipeline', () => {
  test('Stage.of finds the stage; stage.synth() gives one assembly with both stacks', () => {
    const s = stage();
    expect(Stage.of(s.stacks[1])).toBe(s);
    const assembly = s.synth();
    expect(assembly.stacks.map((x) => `${x.stackName}@${x.environment.region}`).sort()).toEqual(['Dx-UsEast1@us-east-1', 'Dx-UsWest2@us-west-2']);
  });

  test('CDK Pipelines\' addStage accepts it: one deploy action per stack, in its Region, west before east', () => {
    // GIVEN a pipeline in us-east-1 of a known account (cross-Region deploys need one)
    const app = new App();
    const env = { account: '123456789012', region: 'us-east-1' };
    const pipelineStack = new Stack(app, 'Pipeline', { env });
    const pipeline = new pipelines.CodePipeline(pipelineStack, 'Pipeline', {
      synth: new pipelines.ShellStep('Synth', {
        input: pipelines.CodePipelineSource.connection('example/contact-centre-dx', 'main', {
          connectionArn: 'arn:aws:codeconnections:us-east-1:123456789012:connection/00000000-0000-0000-0000-000000000000',
        }),
        commands: ['npm ci', 'npx cdk synth'],
      }),
    });
    // WHEN the stage is added
    const s = stage({ ...HIGH_TWO_REGIONS, settings: { ...SETTINGS, env: { account: env.account } } }, app);
    pipeline.addStage(s);
    app.synth();
    // THEN the pipeline deploys both stacks, each in its Region, the group's stack after the other
    const actions = (Template.fromStack(pipelineStack).findResources('AWS::CodePipeline::Pipeline') as any);
    const stages = Object.values<any>(actions)[0].Properties.Stages as Array<{ Name: string; Actions: Array<{ Name: string; Region?: string; RunOrder: number }> }>;
    const dx = stages.find((x) => x.Name === 'Dx')!;
    const deploys = dx.Actions.filter((a) => a.Name.endsWith('.Deploy'));
    // (an action in the pipeline's own Region carries no Region)
    expect(deploys.map((a) => [a.Name, a.Region ?? env.region]).sort()).toEqual([['UsEast1.Deploy', 'us-east-1'], ['UsWest2.Deploy', 'us-west-2']]);
    const order = (name: string) => deploys.find((a) => a.Name === name)!.RunOrder;
    expect(order('UsWest2.Deploy')).toBeLessThan(order('UsEast1.Deploy'));
  });
});

describe('ConnectDirectConnectStage with connections', () => {
  test('an existing connection in us-east-1 and a new one at EqSE2: one stack each, the existing one scoped by its locationRegion', () => {
    const s = stage({
      settings: SETTINGS,
      connections: [
        { existingConnectionId: 'dxcon-fgq3d2ab', locationRegion: 'us-east-1', customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31' },
        { location: 'EqSE2', bandwidth: DedicatedBandwidth.GBPS_10, customerAddress: '198.51.100.3/31', amazonAddress: '198.51.100.2/31' },
      ],
    });
    expect(s.stacks.map((x) => [x.stackName, x.region, x.virtualInterface.communityScope.name]))
      .toEqual([['Dx-UsEast1', 'us-east-1', 'REGION'], ['Dx-UsWest2', 'us-west-2', 'CONTINENT']]);
    Template.fromStack(s.stacks[0]).hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', { ConnectionId: 'dxcon-fgq3d2ab' });
    Template.fromStack(s.stacks[1]).hasResourceProperties('AWS::DirectConnect::Connection', { Location: 'EqSE2' });
    expect(s.resiliencyGroup).toBeUndefined();
  });

  test('two interfaces on one connection with different VLANs: a second stack in that Region', () => {
    const s = stage({
      settings: SETTINGS,
      connections: [
        { existingConnectionId: 'dxcon-fgq3d2ab', locationRegion: 'us-east-1', customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31' },
        { existingConnectionId: 'dxcon-fgq3d2ab', locationRegion: 'us-east-1', vlan: 102, customerAddress: '198.51.100.3/31', amazonAddress: '198.51.100.2/31' },
      ],
    });
    expect(s.stacks.map((x) => x.stackName)).toEqual(['Dx-UsEast1', 'Dx-UsEast1Connection2']);
    Template.fromStack(s.stacks[1]).hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', { Vlan: 102 });
  });
});

describe('ConnectDirectConnectStage refusals', () => {
  const existing = (over: Record<string, unknown> = {}) => ({
    existingConnectionId: 'dxcon-fgq3d2ab', locationRegion: 'us-east-1', customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31', ...over,
  });

  test('the same VLAN twice on one connection (an id and its ARN are the same connection)', () => {
    expect(() => stage({
      settings: SETTINGS,
      connections: [existing(), existing({
        existingConnectionId: 'arn:aws:directconnect:us-east-1:123456789012:dxcon/dxcon-fgq3d2ab', customerAddress: '198.51.100.3/31', amazonAddress: '198.51.100.2/31',
      })],
    })).toThrow(/vlan must differ between interfaces on the same connection: connections\[0\] and connections\[1\] both put VLAN 101 on 'dxcon-fgq3d2ab'/);
  });

  test('overlapping peer subnets between two interfaces', () => {
    expect(() => stage({
      settings: SETTINGS,
      connections: [existing(), existing({ existingConnectionId: 'dxcon-ffq3d2ab', locationRegion: 'us-west-2', customerAddress: '198.51.100.0/30', amazonAddress: '198.51.100.2/30' })],
    })).toThrow(/customerAddress peer subnets must not overlap between interfaces: connections\[0\] has '198.51.100.1\/31' \/ '198.51.100.0\/31' and connections\[1\] has '198.51.100.0\/30'/);
  });

  test('overlapping explicit peer addresses of a resiliency model', () => {
    const pair = { customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31' };
    expect(() => stage({
      ...HIGH_TWO_REGIONS,
      resiliency: { ...HIGH_TWO_REGIONS.resiliency!, peerAddressPool: undefined, peerAddresses: [pair, pair] },
    })).toThrow(/peer subnets must not overlap between interfaces: resiliency peer addresses of path 1 \(EqDC2\) .* path 2 \(EqSE2\)/);
  });

  test.each([
    ['newConnection', { newConnection: { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10 } }, /settings.newConnection is set per location by the stage/],
    ['customerAddress', { customerAddress: '198.51.100.1/31' }, /settings.customerAddress is set per location by the stage, got '198.51.100.1\/31'/],
    ['env.region', { env: { region: 'us-east-1' } }, /settings.env.region is set per stack by the stage .* got 'us-east-1'/],
  ])('shared settings with a per-location part: %s', (_name, over, message) => {
    expect(() => stage({ ...HIGH_TWO_REGIONS, settings: { ...SETTINGS, ...over } })).toThrow(message);
  });

  test('both resiliency and connections, or neither', () => {
    expect(() => stage({ ...HIGH_TWO_REGIONS, connections: [existing()] })).toThrow(/connections and connections: give exactly one.*got both/);
    expect(() => stage({ settings: SETTINGS })).toThrow(/resiliency and connections: give exactly one.*got neither/);
  });

  test('a location the snapshot lacks in a model (its Region, and so its stack, is unknown)', () => {
    expect(() => stage({ ...HIGH_TWO_REGIONS, resiliency: { ...HIGH_TWO_REGIONS.resiliency!, locations: ['EqDC2', 'NoSuch9'] } }))
      .toThrow(/resiliency.locations\[1\] 'NoSuch9' is not in the Direct Connect location snapshot/);
  });

  test('an existing connection without its locationRegion', () => {
    expect(() => stage({ settings: SETTINGS, connections: [existing({ locationRegion: undefined })] }))
      .toThrow(/connections\[0\].locationRegion is required for the existing connection 'dxcon-fgq3d2ab'/);
  });

  test('a HIGH model over too few locations is still refused, counting every Region', () => {
    expect(() => stage({ ...HIGH_TWO_REGIONS, resiliency: { ...HIGH_TWO_REGIONS.resiliency!, locations: ['EqSE2'] } }))
      .toThrow(/locations must hold at least 2 distinct Direct Connect locations for the HIGH model/);
  });

  test('resiliencyGroupName without a model to record', () => {
    expect(() => stage({ settings: SETTINGS, connections: [existing()], resiliencyGroupName: 'dx' }))
      .toThrow(/resiliencyGroupName is only used with a MAXIMUM or HIGH resiliency model, got 'dx'/);
  });
});

describe('ResilientDirectConnect with otherRegionLocations (one Region\'s share of a model)', () => {
  const props = {
    model: ResiliencyModel.HIGH, bandwidth: DedicatedBandwidth.GBPS_10, vlan: 101, asn: 65000,
    routeFilterPrefixes: ['203.0.113.0/24'], peerAddressPool: '198.51.100.0/31',
  };

  test('one location here and one in another Region make a HIGH model; no group of its own', () => {
    const stack = new Stack(new App(), 'S', { env: { region: 'us-west-2' } });
    const r = new ResilientDirectConnect(stack, 'Dx', { ...props, locations: ['EqSE2'], otherRegionLocations: ['EqDC2'], connectRegions: ['us-east-1'] });
    expect(r.resiliencyGroup).toBeUndefined();
    expect(r.virtualInterfaces).toHaveLength(1);
    Template.fromStack(stack).resourceCountIs('AWS::DirectConnect::ResiliencyGroup', 0);
  });

  test('a location given both here and as another Region\'s is refused as a duplicate', () => {
    const stack = new Stack(new App(), 'S', { env: { region: 'us-west-2' } });
    expect(() => new ResilientDirectConnect(stack, 'Dx', { ...props, locations: ['EqSE2'], otherRegionLocations: ['eqse2'] }))
      .toThrow(/locations must be distinct Direct Connect locations, got 'eqse2' twice \(locations\[0\] and otherRegionLocations\[0\]\)/);
  });
});

test('peer addresses that are tokens pass the stage\'s overlap check (each interface checks its own at deploy)', () => {
  const token = Lazy.string({ produce: () => '198.51.100.1/31' });
  const s = stage({
    settings: SETTINGS,
    connections: [
      { existingConnectionId: 'dxcon-fgq3d2ab', locationRegion: 'us-east-1', customerAddress: token, amazonAddress: '198.51.100.0/31' },
      { existingConnectionId: 'dxcon-ffq3d2ab', locationRegion: 'us-west-2', customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31' },
    ],
  });
  expect(s.stacks).toHaveLength(2);
});

test('a single stack over locations of two Regions is refused naming the stage; acknowledged, it warns', () => {
  // GIVEN a stack in us-east-1 with HIGH at EqDC2 + EqSE2 (what the stage replaces)
  const build = (acknowledgeLocationOutsideStackRegion?: boolean) => {
    const stack = new Stack(new App(), 'S', { env: { region: 'us-east-1' } });
    new ResilientDirectConnect(stack, 'Dx', {
      model: ResiliencyModel.HIGH, locations: ['EqDC2', 'EqSE2'], bandwidth: DedicatedBandwidth.GBPS_10, vlan: 101, asn: 65000,
      routeFilterPrefixes: ['203.0.113.0/24'], peerAddressPool: '198.51.100.0/29', acknowledgeLocationOutsideStackRegion,
    });
    return stack;
  };
  // THEN EqSE2's connection is refused, pointing at ConnectDirectConnectStage
  expect(() => build()).toThrow(/^location must be associated with this stack's Region us-east-1, got 'EqSE2', associated with us-west-2: .*ConnectDirectConnectStage for a topology across Regions \(one stack per location Region\)/);
  const warnings = Annotations.fromStack(build(true)).findWarning('*', OUTSIDE);
  expect(warnings.length).toBeGreaterThan(0);
  expect(JSON.stringify(warnings)).toMatch(/location 'EqSE2', associated with us-west-2, is outside .*ConnectDirectConnectStage/);
});

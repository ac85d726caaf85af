import { App, Stack, RemovalPolicy } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  BgpAuthKey, ConnectDirectConnectStack, ConnectDirectConnectStackProps, DedicatedBandwidth, ResiliencyModel, ResilientDirectConnect,
  ResilientDirectConnectProps,
} from '../../lib';
import { cfnLint } from '../helpers/checks';

const BASE: ResilientDirectConnectProps = {
  model: ResiliencyModel.HIGH,
  locations: ['EqDC2', 'CSVA1'],
  bandwidth: DedicatedBandwidth.GBPS_10,
  vlan: 101,
  asn: 65000,
  routeFilterPrefixes: ['203.0.113.0/24'],
  peerAddressPool: '198.51.100.0/29',
};

function build(extra: Partial<ResilientDirectConnectProps> = {}) {
  const stack = new Stack(new App(), 'Dx', { env: { region: 'us-east-1' } });
  const construct = new ResilientDirectConnect(stack, 'Resilient', { ...BASE, ...extra });
  return { stack, construct, template: Template.fromStack(stack) };
}

describe('ResilientDirectConnect', () => {
  test('HIGH at two locations: two LAG+connection pairs, two interfaces with carved /31s, a high-resiliency group', () => {
    // WHEN
    const { construct, template } = build();
    // THEN
    template.resourceCountIs('AWS::DirectConnect::Connection', 2);
    template.resourceCountIs('AWS::DirectConnect::Lag', 2);
    template.resourceCountIs('AWS::DirectConnect::PublicVirtualInterface', 2);
    template.hasResourceProperties('AWS::DirectConnect::Connection', { Location: 'EqDC2', Bandwidth: '10Gbps' });
    template.hasResourceProperties('AWS::DirectConnect::Connection', { Location: 'CSVA1', Bandwidth: '10Gbps' });
    template.hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      Vlan: 101, RouteFilterPrefixes: ['203.0.113.0/24'],
      BgpPeers: [Match.objectLike({ CustomerAddress: '198.51.100.3/31', AmazonAddress: '198.51.100.2/31' })],
    });
    expect(construct.peerAddresses).toEqual([
      { amazonAddress: '198.51.100.0/31', customerAddress: '198.51.100.1/31' },
      { amazonAddress: '198.51.100.2/31', customerAddress: '198.51.100.3/31' },
    ]);
    template.hasResource('AWS::DirectConnect::ResiliencyGroup', {
      Properties: { IntendedResiliencyModel: 'high-resiliency', ConnectionArns: Match.arrayWith([Match.objectLike({ 'Fn::GetAtt': Match.anyValue() })]) },
      Metadata: { 'cfn-lint': { config: { ignore_checks: ['E3006'] } } },
    });
    // a secret per interface by default
    template.resourceCountIs('AWS::SecretsManager::Secret', 2);
  });

  test('MAXIMUM at two locations: four connections, two per location, maximum-resiliency', () => {
    const { construct, template } = build({ model: ResiliencyModel.MAXIMUM });
    template.resourceCountIs('AWS::DirectConnect::Connection', 4);
    template.resourceCountIs('AWS::DirectConnect::PublicVirtualInterface', 4);
    expect(construct.pathLocations).toEqual(['EqDC2', 'EqDC2', 'CSVA1', 'CSVA1']);
    template.hasResourceProperties('AWS::DirectConnect::ResiliencyGroup', { IntendedResiliencyModel: 'maximum-resiliency' });
  });

  test('DEVELOPMENT at one location: two connections there, no resiliency group', () => {
    const { template } = build({ model: ResiliencyModel.DEVELOPMENT, locations: ['EqDC2'] });
    template.resourceCountIs('AWS::DirectConnect::Connection', 2);
    template.resourceCountIs('AWS::DirectConnect::ResiliencyGroup', 0);
  });

  test('a shared secret (BgpAuthKey.fromSecret) is used by every interface; no secret is created', () => {
    const stack = new Stack(new App(), 'Dx', { env: { region: 'us-east-1' } });
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Key', 'dx/bgp');
    new ResilientDirectConnect(stack, 'Resilient', { ...BASE, authKey: BgpAuthKey.fromSecret(secret) });
    Template.fromStack(stack).resourceCountIs('AWS::SecretsManager::Secret', 0);
  });

  test('explicit peer addresses are used as given', () => {
    const pairs = [{ customerAddress: '203.0.113.9/31', amazonAddress: '203.0.113.8/31' }, { customerAddress: '203.0.113.11/31', amazonAddress: '203.0.113.10/31' }];
    const { construct } = build({ peerAddressPool: undefined, peerAddresses: pairs });
    expect(construct.peerAddresses).toEqual(pairs);
  });

  test('adding a location at the end keeps the earlier interfaces\' addresses', () => {
    const two = build().construct.peerAddresses;
    const three = build({ locations: ['EqDC2', 'CSVA1', 'CS32A'] }).construct.peerAddresses;
    expect(three.slice(0, 2)).toEqual(two);
  });

  test('cfn-lint: no error apart from nothing (E3006 suppressed for the resiliency group only)', () => {
    const { stack } = build({ model: ResiliencyModel.MAXIMUM });
    const r = cfnLint(stack);
    expect(r.output).not.toMatch(/E\d{4}/);
  });

  test.each([
    [{ locations: ['EqDC2'] }, /^locations must hold at least 2 distinct Direct Connect locations for the HIGH model .* got 1: 'EqDC2'$/],
    [{ locations: ['EqDC2', 'eqdc2'] }, /^locations must be distinct Direct Connect locations, got 'eqdc2' twice/],
    [{ model: ResiliencyModel.DEVELOPMENT }, /^locations must hold exactly 1 distinct Direct Connect location for the DEVELOPMENT model.*use HIGH or MAXIMUM/],
    [{ model: ResiliencyModel.MAXIMUM, peerAddressPool: '198.51.100.0/30' }, /^peerAddressPool is too small: 4 virtual interfaces need 4 \/31s, a \/29 or larger/],
    [{ locations: ['EqDC2', 'EqLD5'] }, /^locations 'EqDC2' \(us-east-1, North America\) and 'EqLD5' \(eu-west-1, .*\) are associated with Regions on different continents/],
    [{ peerAddressPool: undefined }, /^peerAddressPool is required \(or peerAddresses\): 2 virtual interfaces need 2 \/31s/],
    [{ peerAddresses: [{ customerAddress: '203.0.113.9/31', amazonAddress: '203.0.113.8/31' }] }, /^peerAddressPool and peerAddresses are both set/],
    [{ peerAddressPool: undefined, peerAddresses: [{ customerAddress: '203.0.113.9/31', amazonAddress: '203.0.113.8/31' }] }, /^peerAddresses must hold one pair per virtual interface, 2 for HIGH/],
    [{ resiliencyGroupName: 'bad name' }, /^resiliencyGroupName must be 1 to 255 letters/],
  ])('refuses %j', (extra, message) => {
    expect(() => build(extra as Partial<ResilientDirectConnectProps>)).toThrow(message);
  });

  test('addMonitoring watches every path, names each by its location, and alarms below the model\'s interface count', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Dx', { env: { region: 'us-east-1' } });
    const construct = new ResilientDirectConnect(stack, 'Resilient', { ...BASE, model: ResiliencyModel.MAXIMUM, requestMacSec: true });
    // WHEN
    const monitoring = construct.addMonitoring('Monitoring', { dashboardName: 'dx-resilient' });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 4, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching' });
    expect(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'ConnectionEncryptionState' } })).not.toEqual({});
    expect(Object.keys(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'ConnectionState' } }))).toHaveLength(4);
    const body = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));
    for (const heading of ['### Path 1 (EqDC2)', '### Path 2 (EqDC2)', '### Path 3 (CSVA1)', '### Path 4 (CSVA1)']) expect(body).toContain(heading);
    expect(monitoring.redundancyAlarm).toBeDefined();
  });

  test('cross-continent locations pass when acknowledged, with a warning (and EqLD5 outside the stack\'s Region acknowledged too)', () => {
    expect(() => build({ locations: ['EqDC2', 'EqLD5'], acknowledgeCrossContinent: true }))
      .toThrow(/^location must be associated with this stack's Region us-east-1, got 'EqLD5', associated with eu-west-1/);
    const { stack } = build({ locations: ['EqDC2', 'EqLD5'], acknowledgeCrossContinent: true, acknowledgeLocationOutsideStackRegion: true });
    Annotations.fromStack(stack).hasWarning('/Dx/Resilient', Match.stringLikeRegexp('cdk-connect-dx:crossContinentLocations|different continents'));
  });
});

describe('ConnectDirectConnectStack with resiliency', () => {
  const STACK: ConnectDirectConnectStackProps = {
    env: { region: 'us-east-1' }, instanceAlias: 'my-contact-centre', vlan: 101, asn: 65000,
    routeFilterPrefixes: ['203.0.113.0/24'], agentCidrs: ['10.20.0.0/16'],
    resiliency: { model: ResiliencyModel.HIGH, locations: ['EqDC2', 'CSVA1'], bandwidth: DedicatedBandwidth.GBPS_10, peerAddressPool: '198.51.100.0/29' },
  };

  test('path 1 keeps the stack\'s output ids; path 2 gets Path2* outputs', () => {
    const stack = new ConnectDirectConnectStack(new App(), 'Dx', STACK);
    const outputs = Object.keys(Template.fromStack(stack).toJSON().Outputs);
    expect(outputs).toEqual(expect.arrayContaining(['VirtualInterfaceId', 'BgpCommunity', 'BgpAuthKeySecretArn', 'Path2VirtualInterfaceId', 'Path2BgpAuthKeySecretArn', 'Path2ConnectionId']));
    expect(stack.virtualInterface).toBe(stack.resilient!.virtualInterfaces[0]);
    Template.fromStack(stack).resourceCountIs('AWS::DirectConnect::PublicVirtualInterface', 2);
  });

  test.each([
    [{ newConnection: { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10 } }, /^newConnection is not used with resiliency/],
    [{ customerAddress: '198.51.100.1/31' }, /^customerAddress is not used with resiliency/],
  ])('refuses %j together with resiliency', (extra, message) => {
    expect(() => new ConnectDirectConnectStack(new App(), 'Dx', { ...STACK, ...extra })).toThrow(message);
  });

  test('a HIGH stack gets the redundancy-lost alarm at 2 interfaces, and both paths are watched', () => {
    // GIVEN / WHEN
    const stack = new ConnectDirectConnectStack(new App(), 'Dx', STACK);
    const template = Template.fromStack(stack);
    // THEN
    expect(stack.monitoring!.redundancyAlarm).toBeDefined();
    const redundancy = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmDescription: Match.anyValue() } }))
      .map((a: any) => a.Properties).filter((p) => JSON.stringify(p.AlarmDescription).includes('Redundancy lost'));
    expect(redundancy).toHaveLength(1);
    expect(redundancy[0]).toMatchObject({ Threshold: 2, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching' });
    expect(redundancy[0].Metrics.find((m: any) => m.Expression).Expression).toBe('FILL(s1, 0) + FILL(s2, 0)');
    // each input is an interface's own AWS/DX BGP status, on the LAG the interface is attached to
    const inputs = redundancy[0].Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric);
    expect(inputs.map((m: any) => [m.Namespace, m.MetricName])).toEqual([['AWS/DX', 'VirtualInterfaceBgpStatus'], ['AWS/DX', 'VirtualInterfaceBgpStatus']]);
    stack.resilient!.virtualInterfaces.forEach((v, i) => {
      expect(inputs[i].Dimensions).toEqual(expect.arrayContaining([
        { Name: 'VirtualInterfaceId', Value: stack.resolve(v.virtualInterfaceId) },
        { Name: 'ConnectionId', Value: stack.resolve(stack.resilient!.lags[i].lagId) },
      ]));
    });
    // each path's member connection (not its LAG) is in a ConnectionState alarm
    const watched = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'ConnectionState' } }))
      .map((a: any) => JSON.stringify(a.Properties.Dimensions));
    expect(watched).toHaveLength(2);
    stack.resilient!.connections.forEach((c) => {
      expect(watched.some((d) => d === JSON.stringify([{ Name: 'ConnectionId', Value: stack.resolve(c.connectionId) }]))).toBe(true);
    });
  });

  test('MAXIMUM: the alarm needs all 4 interfaces up', () => {
    // GIVEN / WHEN
    const stack = new ConnectDirectConnectStack(new App(), 'Dx', { ...STACK, resiliency: { ...STACK.resiliency!, model: ResiliencyModel.MAXIMUM } });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 4, TreatMissingData: 'breaching',
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'FILL(s1, 0) + FILL(s2, 0) + FILL(s3, 0) + FILL(s4, 0)' })]),
    });
  });

  test('the connections and LAGs are retained by default; removalPolicy DESTROY reaches every one', () => {
    // GIVEN / WHEN
    const kept = Template.fromStack(new ConnectDirectConnectStack(new App(), 'Dx', STACK));
    const dropped = Template.fromStack(new ConnectDirectConnectStack(new App(), 'Dx', { ...STACK, removalPolicy: RemovalPolicy.DESTROY }));
    // THEN
    for (const type of ['AWS::DirectConnect::Connection', 'AWS::DirectConnect::Lag']) {
      expect(Object.keys(kept.findResources(type, { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' }))).toHaveLength(2);
      expect(Object.keys(dropped.findResources(type, { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' }))).toHaveLength(2);
    }
  });

  test('no IAM policy of the resilient stack grants directconnect:DescribeVirtualInterfaces (it returns every BGP key)', () => {
    // GIVEN / WHEN
    const template = Template.fromStack(new ConnectDirectConnectStack(new App(), 'Dx', STACK));
    // THEN
    expect(grantedActions(template)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^directconnect:(Describe\*|DescribeVirtualInterfaces|\*)$/i)]));
    expect(JSON.stringify(template.toJSON())).not.toContain('DescribeVirtualInterfaces');
    template.resourceCountIs('AWS::Lambda::Function', 1); // the prefix-list sync only
  });

  test('without resiliency, customerAddress is still required', () => {
    expect(() => new ConnectDirectConnectStack(new App(), 'Dx', {
      ...STACK, resiliency: undefined, newConnection: { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10 }, amazonAddress: '198.51.100.0/31',
    })).toThrow(/^customerAddress is required without resiliency/);
  });
});

/** Every IAM action any policy, role or managed policy of the template grants. */
function grantedActions(template: Template): string[] {
  const out: string[] = [];
  const collect = (doc: any) => {
    for (const st of doc?.Statement ?? []) {
      if (st.Effect !== 'Allow') continue;
      out.push(...[st.Action].flat().filter((a: unknown): a is string => typeof a === 'string'));
    }
  };
  for (const r of Object.values(template.toJSON().Resources) as any[]) {
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') collect(r.Properties.PolicyDocument);
    if (r.Type === 'AWS::IAM::Role') for (const p of r.Properties.Policies ?? []) collect(p.PolicyDocument);
  }
  return out;
}

import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Annotations as CoreAnnotations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import {
  AllowListMode, BgpCommunityScope, ConnectDirectConnectStack, ConnectDirectConnectStackProps, ConnectFeature, DedicatedBandwidth,
  EndpointSet, SignInMode,
} from '../../lib';
import { expectCfnLintClean, nagFindings } from '../helpers/checks';
import { BASE_STACK_PROPS } from '../helpers/stack-props';

const BASE: ConnectDirectConnectStackProps = BASE_STACK_PROPS;

function build(overrides: Partial<ConnectDirectConnectStackProps> = {}): { stack: ConnectDirectConnectStack; template: Template } {
  const stack = new ConnectDirectConnectStack(new App(), 'Dx', { ...BASE, ...overrides });
  return { stack, template: Template.fromStack(stack) };
}

function outputIds(template: Template): string[] {
  return Object.keys(template.toJSON().Outputs ?? {}).sort();
}

describe('ConnectDirectConnectStack', () => {
  test('new connection: LAG + connection, VIF on the LAG, REGION scope, DOMAINS mode, outputs, monitoring', () => {
    // WHEN
    const { stack, template } = build();
    // THEN the VIF attaches to the LAG, not to the requested connection
    template.resourceCountIs('AWS::DirectConnect::Lag', 1);
    template.resourceCountIs('AWS::DirectConnect::Connection', 1);
    template.hasResourceProperties('AWS::DirectConnect::Connection', { LagId: Match.anyValue(), Bandwidth: '10Gbps' });
    const lagId = Object.keys(template.findResources('AWS::DirectConnect::Lag'))[0];
    template.hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      Vlan: 101,
      ConnectionId: { 'Fn::GetAtt': [lagId, 'LagId'] },
      RouteFilterPrefixes: ['203.0.113.0/24'],
      Tags: Match.arrayWith([{ Key: 'bgp-community-scope', Value: '7224:9100' }]),
    });
    // the domain allow list and the UDP media rules exist; only AMAZON_CONNECT IPv4 list in DOMAINS mode without IPv6
    template.hasResourceProperties('AWS::NetworkFirewall::RuleGroup', {
      RuleGroup: Match.objectLike({ RulesSource: { RulesSourceList: Match.objectLike({ GeneratedRulesType: 'ALLOWLIST' }) } }),
    });
    template.resourceCountIs('AWS::EC2::PrefixList', 1);
    template.resourceCountIs('AWS::NetworkFirewall::Firewall', 0);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    expect(outputIds(template)).toEqual(['AlarmTopicArn', 'BgpAuthKeySecretArn', 'BgpCommunity', 'ConnectionId', 'DashboardName',
      'FirewallPolicyArn', 'PrefixListAmazonConnectIpv4', 'VirtualInterfaceId']);
    // AND the operator outputs: the LAG the interface is on, the alarm topic, the dashboard, each described
    template.hasOutput('ConnectionId', { Value: { 'Fn::GetAtt': [lagId, 'LagId'] }, Description: Match.stringLikeRegexp('connection or LAG') });
    const topicId = Object.keys(template.findResources('AWS::SNS::Topic'))[0];
    template.hasOutput('AlarmTopicArn', { Value: { Ref: topicId }, Description: Match.stringLikeRegexp('subscribe your on-call') });
    const dashboardId = Object.keys(template.findResources('AWS::CloudWatch::Dashboard'))[0];
    template.hasOutput('DashboardName', { Value: { Ref: dashboardId }, Description: Match.stringLikeRegexp('dashboard') });
    for (const o of Object.values(template.toJSON().Outputs as Record<string, { Description?: string }>)) expect(o.Description).toBeTruthy();
    template.hasOutput('BgpCommunity', { Value: '7224:9100' });
    expect(stack.virtualInterface.communityScope).toBe(BgpCommunityScope.REGION);
    // AND monitoring watches the port the stack orders (AWS/DX metrics are per connection), not the LAG
    const connId = Object.keys(template.findResources('AWS::DirectConnect::Connection'))[0];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ConnectionState',
      Dimensions: [{ Name: 'ConnectionId', Value: { 'Fn::GetAtt': [connId, 'ConnectionId'] } }],
    });
    // AND the interface's BGP alarm reads AWS's own metric, with the LAG it is attached to as ConnectionId
    const vifId = Object.keys(template.findResources('AWS::DirectConnect::PublicVirtualInterface'))[0];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/DX', MetricName: 'VirtualInterfaceBgpStatus', TreatMissingData: 'breaching',
      Dimensions: [
        { Name: 'ConnectionId', Value: { 'Fn::GetAtt': [lagId, 'LagId'] } },
        { Name: 'IpAddressFamily', Value: 'ipv4' },
        { Name: 'VirtualInterfaceId', Value: { 'Fn::GetAtt': [vifId, 'VirtualInterfaceId'] } },
      ],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'VirtualInterfaceBgpPrefixesAccepted', Threshold: BASE.routeFilterPrefixes.length });
    // AND no function runs for monitoring: the prefix-list sync is the stack's only Lambda
    template.resourceCountIs('AWS::Lambda::Function', 1);
  });

  test('the connection and the LAG are retained by default (destroy and replacement keep the port); removalPolicy chooses otherwise', () => {
    // WHEN
    const kept = build().template;
    const dropped = build({ removalPolicy: RemovalPolicy.DESTROY }).template;
    // THEN
    for (const type of ['AWS::DirectConnect::Connection', 'AWS::DirectConnect::Lag']) {
      kept.hasResource(type, { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      dropped.hasResource(type, { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    }
    // AND an existing connection is never deleted by the stack, so the prop is refused there
    expect(() => build({ newConnection: undefined, existingConnectionId: 'dxcon-fgabc123', removalPolicy: RemovalPolicy.DESTROY }))
      .toThrow(/^removalPolicy is only used for the connection and LAG the stack orders .*got destroy with existingConnectionId/);
  });

  test('no IAM policy of the default stack grants directconnect:DescribeVirtualInterfaces (it returns every BGP key)', () => {
    // WHEN
    const { template } = build();
    // THEN
    const actions: string[] = [];
    for (const r of Object.values(template.toJSON().Resources) as any[]) {
      const docs = r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy' ? [r.Properties.PolicyDocument]
        : r.Type === 'AWS::IAM::Role' ? (r.Properties.Policies ?? []).map((p: any) => p.PolicyDocument) : [];
      for (const d of docs) for (const st of d.Statement) if (st.Effect === 'Allow') actions.push(...[st.Action].flat());
    }
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => /^directconnect:(Describe\*|DescribeVirtualInterfaces|\*)$/i.test(a))).toEqual([]);
    expect(JSON.stringify(template.toJSON())).not.toContain('DescribeVirtualInterfaces');
  });

  test('existing LAG by id: no connection or LAG resources, VIF on the given id, GLOBAL scope', () => {
    // WHEN
    const { template } = build({ newConnection: undefined, existingConnectionId: 'dxlag-ffabc123', communityScope: BgpCommunityScope.GLOBAL });
    // THEN
    template.resourceCountIs('AWS::DirectConnect::Lag', 0);
    template.resourceCountIs('AWS::DirectConnect::Connection', 0);
    template.hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      ConnectionId: 'dxlag-ffabc123',
      Tags: Match.arrayWith([{ Key: 'bgp-community-scope', Value: '7224:9300' }]),
    });
    template.hasOutput('BgpCommunity', { Value: '7224:9300' });
  });

  test('existing connection with its port speed: monitoring alarms on egress utilization of that speed', () => {
    // WHEN
    const { template } = build({ newConnection: undefined, existingConnectionId: 'dxcon-fgq3d2ab', existingConnectionBandwidth: DedicatedBandwidth.GBPS_10 });
    // THEN a utilization alarm exists (it needs the port speed), and none without it
    const utilization = (t: Template) => Object.values(t.findResources('AWS::CloudWatch::Alarm'))
      .filter((a) => JSON.stringify(a.Properties).includes('ConnectionBpsEgress'));
    expect(utilization(template).length).toBe(1);
    expect(utilization(build({ newConnection: undefined, existingConnectionId: 'dxcon-fgq3d2ab' }).template)).toEqual([]);
  });

  test('existing dedicated connection, CONTINENT scope', () => {
    const { template } = build({ newConnection: undefined, existingConnectionId: 'dxcon-fgq3d2ab', communityScope: BgpCommunityScope.CONTINENT });
    template.hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', { ConnectionId: 'dxcon-fgq3d2ab' });
    template.hasOutput('BgpCommunity', { Value: '7224:9200' });
  });

  test('IP_RANGES mode with IPv6: six prefix lists, one output each, TCP 443 rules by prefix list', () => {
    // WHEN
    const { template } = build({
      allowListMode: AllowListMode.IP_RANGES,
      ipv6: true,
      routeFilterPrefixes: ['203.0.113.0/24', '2001:db8:100::/48'],
    });
    // THEN
    template.resourceCountIs('AWS::EC2::PrefixList', 6);
    expect(outputIds(template)).toEqual([
      'AlarmTopicArn', 'BgpAuthKeySecretArn', 'BgpCommunity', 'ConnectionId', 'DashboardName', 'FirewallPolicyArn',
      'PrefixListAmazonConnectIpv4', 'PrefixListAmazonConnectIpv6', 'PrefixListCloudfrontIpv4', 'PrefixListCloudfrontIpv6',
      'PrefixListEc2Ipv4', 'PrefixListEc2Ipv6', 'VirtualInterfaceId',
    ]);
    template.hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      BgpPeers: Match.arrayWith([Match.objectLike({ AddressFamily: 'ipv6' })]),
    });
    const ipGroups = template.findResources('AWS::NetworkFirewall::RuleGroup', {
      Properties: { RuleGroup: { ReferenceSets: Match.anyValue() } },
    });
    const refs = Object.values(ipGroups).flatMap((g) => Object.keys(g.Properties.RuleGroup.ReferenceSets.IPSetReferences));
    expect(refs.length).toBeGreaterThanOrEqual(6);
  });

  test('stateless firewall: a stateless rule group from the snapshot, with a warning naming its syncToken', () => {
    // WHEN
    const { stack, template } = build({ statelessFirewall: true });
    // THEN
    template.hasResourceProperties('AWS::NetworkFirewall::RuleGroup', { Type: 'STATELESS' });
    template.hasResourceProperties('AWS::NetworkFirewall::FirewallPolicy', {
      FirewallPolicy: Match.objectLike({ StatelessRuleGroupReferences: Match.arrayWith([Match.objectLike({ Priority: Match.anyValue() })]) }),
    });
    Annotations.fromStack(stack).hasWarning('/Dx', Match.stringLikeRegexp('syncToken 1787411825'));
  });

  test('stateless firewall with explicit AMAZON_CONNECT CIDRs uses them', () => {
    const { template } = build({ statelessFirewall: true, amazonConnectCidrs: ['15.193.0.0/19'] });
    const json = JSON.stringify(template.findResources('AWS::NetworkFirewall::RuleGroup', { Properties: { Type: 'STATELESS' } }));
    expect(json).toContain('15.193.0.0/19');
    expect(json).not.toContain('52.55.191.224/27');
  });

  test('deployFirewall: firewall in a new two-AZ VPC with protections and logging', () => {
    // WHEN
    const { template } = build({ deployFirewall: true, newConnection: { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_100, requestMacSec: true } });
    // THEN
    template.hasResourceProperties('AWS::NetworkFirewall::Firewall', { DeleteProtection: true, SubnetChangeProtection: true });
    const fw = Object.values(template.findResources('AWS::NetworkFirewall::Firewall'))[0];
    expect(fw.Properties.SubnetMappings).toHaveLength(2);
    template.resourceCountIs('AWS::NetworkFirewall::LoggingConfiguration', 1);
    template.hasResourceProperties('AWS::DirectConnect::Lag', { RequestMACSec: true, ConnectionsBandwidth: '100Gbps' });
    // AND its outputs come from the firewall's attributes and the new VPC
    const fwId = Object.keys(template.findResources('AWS::NetworkFirewall::Firewall'))[0];
    const vpcId = Object.keys(template.findResources('AWS::EC2::VPC'))[0];
    template.hasOutput('FirewallArn', { Value: { 'Fn::GetAtt': [fwId, 'FirewallArn'] }, Description: Match.anyValue() });
    template.hasOutput('FirewallVpcId', { Value: { Ref: vpcId }, Description: Match.stringLikeRegexp('routing') });
    template.hasOutput('FirewallEndpointIds', {
      Value: { 'Fn::Join': [',', { 'Fn::GetAtt': [fwId, 'EndpointIds'] }] },
      Description: Match.stringLikeRegexp('AZ:endpoint-id pairs, comma-separated'),
    });
  });

  test('an existing connection: ConnectionId is its id; no monitoring: no alarm topic or dashboard output unless a topic is given', () => {
    // WHEN
    const existing = build({ newConnection: undefined, existingConnectionId: 'dxlag-ffabc123', monitoring: false }).template;
    // THEN
    existing.hasOutput('ConnectionId', { Value: 'dxlag-ffabc123' });
    expect(outputIds(existing)).not.toContain('AlarmTopicArn');
    expect(outputIds(existing)).not.toContain('DashboardName');
    expect(outputIds(existing)).not.toContain('FirewallArn');
  });

  test('deployFirewall into a VPC the user passes', () => {
    const app = new App();
    const vpcStack = new Stack(app, 'Net', { env: { region: 'us-east-1' } });
    const vpc = new ec2.Vpc(vpcStack, 'Vpc', { availabilityZones: ['us-east-1a', 'us-east-1b'], subnetConfiguration: [{ name: 'fw', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 28 }] });
    const stack = new ConnectDirectConnectStack(app, 'Dx', { ...BASE, deployFirewall: true, firewallVpc: vpc });
    Template.fromStack(stack).resourceCountIs('AWS::EC2::VPC', 0);
    Template.fromStack(stack).resourceCountIs('AWS::NetworkFirewall::Firewall', 1);
  });

  test('AmazonIpSpaceChanged subscription only in the commercial partition: us-gov-west-1 relies on the daily schedule', () => {
    // GIVEN / WHEN
    const commercial = build().template;
    const gov = build({ env: { region: 'us-gov-west-1' }, newConnection: undefined, existingConnectionId: 'dxcon-fgabc123' }).template;
    // THEN
    commercial.resourceCountIs('AWS::SNS::Subscription', 1);
    commercial.hasResourceProperties('AWS::SNS::Subscription', { TopicArn: Match.stringLikeRegexp(':AmazonIpSpaceChanged$') });
    expect(Object.keys(gov.findResources('AWS::SNS::Subscription', { Properties: { TopicArn: Match.stringLikeRegexp('AmazonIpSpaceChanged') } }))).toEqual([]);
    gov.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 day)' });
  });

  test('monitoring: false drops alarms and dashboard', () => {
    const { template } = build({ monitoring: false });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 6); // only the prefix-list sync alarms remain
    expect(Object.keys(template.toJSON().Resources).filter((id) => id.startsWith('Monitoring'))).toEqual([]);
  });

  test('the BGP key never appears in the template: AuthKey is a Secrets Manager dynamic reference', () => {
    const { template } = build();
    const vif = Object.values(template.findResources('AWS::DirectConnect::PublicVirtualInterface'))[0];
    const authKey = JSON.stringify(vif.Properties.BgpPeers[0].AuthKey);
    expect(authKey).toContain('{{resolve:secretsmanager:');
  });

  describe('endpoint catalog choices', () => {
    test('prints the catalog read date at synth; no catalogAge warning within 180 days (injected date)', () => {
      const { stack } = build({ catalogAgeAsOf: '2027-05-30' });
      const a = Annotations.fromStack(stack);
      a.hasInfo('/Dx', Match.stringLikeRegexp("^cdk-connect-dx: the Amazon Connect endpoint catalog was read from AWS's pages on 2026-12-01 \\(180 days before 2027-05-30\\); sign-in NEW, features none$"));
      expect(a.findWarning('/Dx', Match.stringLikeRegexp('catalogAge'))).toEqual([]);
    });

    test('warns cdk-connect-dx:catalogAge past 180 days', () => {
      const { stack } = build({ catalogAgeAsOf: '2027-05-31' });
      Annotations.fromStack(stack).hasWarning('/Dx', Match.stringLikeRegexp(
        "^the Amazon Connect endpoint catalog was read from AWS's pages on 2026-12-01, 181 days before 2027-05-31 \\(more than 180\\).*\\[ack: cdk-connect-dx:catalogAge\\]$"));
    });

    test('LEGACY endpoints: the domain list gets execute-api and the stack warns legacyEndpoints', () => {
      const { stack, template } = build({ endpointSets: [EndpointSet.LEGACY, EndpointSet.CURRENT], catalogAgeAsOf: '2026-12-01' });
      Annotations.fromStack(stack).hasWarning('/Dx', Match.stringLikeRegexp(
        'endpointSets includes LEGACY.*\\.execute-api\\.us-east-1\\.amazonaws\\.com \\(every API Gateway API in the Region.*\\[ack: cdk-connect-dx:legacyEndpoints\\]$'));
      template.hasResourceProperties('AWS::NetworkFirewall::RuleGroup', {
        RuleGroup: { RulesSource: { RulesSourceList: { Targets: Match.arrayWith(['.execute-api.us-east-1.amazonaws.com']) } } },
      });
    });

    test('the default domain list: the new sign-in rows, no execute-api, no warning but broadWildcards', () => {
      const { stack, template } = build({ catalogAgeAsOf: '2026-12-01' });
      const groups = template.findResources('AWS::NetworkFirewall::RuleGroup');
      const targets = Object.values(groups).flatMap((g: any) => g.Properties.RuleGroup.RulesSource.RulesSourceList?.Targets ?? []);
      expect(targets).toEqual(expect.arrayContaining(['.signin.aws', '.s3.dualstack.us-west-2.amazonaws.com', '.static.connect.aws']));
      expect(targets.filter((t: string) => /execute-api|awsapps|a2z/.test(t))).toEqual([]);
      const warnings = Annotations.fromStack(stack).findWarning('/Dx', Match.anyValue());
      expect(warnings.map((w) => /\[ack: ([^\]]+)\]/.exec(String(w.entry.data))?.[1])).toEqual(['cdk-connect-dx:broadWildcards']);
      expect(String(warnings[0].entry.data)).toMatch(/opens 3 domains shared with other AWS customers.*\.cloudfront\.net .*\.s3\.dualstack\.us-east-1\.amazonaws\.com .*\.s3\.dualstack\.us-west-2\.amazonaws\.com /);
    });

    test('broadWildcards is acknowledged the CDK way', () => {
      const stack = new ConnectDirectConnectStack(new App(), 'Dx', { ...BASE, catalogAgeAsOf: '2026-12-01' });
      CoreAnnotations.of(stack).acknowledgeWarning('cdk-connect-dx:broadWildcards', 'reviewed: AWS lists these for the CCP');
      expect(Annotations.fromStack(stack).findWarning('/Dx', Match.anyValue())).toEqual([]);
    });

    test('features and sign-in mode reach the rule groups: video calling adds .chime.aws and the Chime CIDR rule', () => {
      const { template } = build({ features: [ConnectFeature.VIDEO_CALLING], signInMode: SignInMode.SAML, catalogAgeAsOf: '2026-12-01' });
      const groups = Object.values(template.findResources('AWS::NetworkFirewall::RuleGroup')) as any[];
      const targets = groups.flatMap((g) => g.Properties.RuleGroup.RulesSource.RulesSourceList?.Targets ?? []);
      expect(targets).toEqual(expect.arrayContaining(['.chime.aws', 'signin.aws.amazon.com']));
      expect(targets).not.toContain('.signin.aws');
      const rules = groups.map((g) => g.Properties.RuleGroup.RulesSource.RulesString ?? '').join('\n');
      expect(rules).toMatch(/^pass udp \$HOME_NET any <> \[99\.77\.128\.0\/18\] 3478 /m);
    });

    test('refuses an undocumented Global Resiliency pair and a bad catalogAgeAsOf', () => {
      expect(() => build({ connectRegions: ['us-east-1'], features: [ConnectFeature.globalResiliency({ sourceRegion: 'eu-central-1', instanceId: '12345678-aaaa-bbbb-cccc-123456789012' })] }))
        .toThrow(/^connectRegions names 'us-east-1', which is not in the Global Resiliency pair of source Region eu-central-1: its documented replica Region is eu-west-2/);
      expect(() => build({ catalogAgeAsOf: '1 Dec 2026' })).toThrow("catalogAgeAsOf must be a date YYYY-MM-DD, got '1 Dec 2026'");
    });

    test('a documented pair: the replica stack gets the source Region\'s Global Resiliency hosts', () => {
      const { template } = build({
        env: { region: 'us-west-2' }, catalogAgeAsOf: '2026-12-01', newConnection: undefined, existingConnectionId: 'dxcon-fgabc123',
        features: [ConnectFeature.globalResiliency({ sourceRegion: 'us-east-1', instanceId: '12345678-aaaa-bbbb-cccc-123456789012' })],
      });
      template.hasResourceProperties('AWS::NetworkFirewall::RuleGroup', {
        RuleGroup: { RulesSource: { RulesSourceList: { Targets: Match.arrayWith([
          '.us-east-1.region-discovery.connect.aws', '12345678-aaaa-bbbb-cccc-123456789012.us-east-1.sign-in.connect.aws',
        ]) } } },
      });
    });
  });

  describe('refuses', () => {
    test('a token Region', () => {
      expect(() => new ConnectDirectConnectStack(new App(), 'Dx', { ...BASE, env: undefined }))
        .toThrow(/env.region must be a concrete Region code/);
    });
    test('both an existing connection and a new one', () => {
      expect(() => build({ existingConnectionId: 'dxcon-fgq3d2ab' }))
        .toThrow(/existingConnectionId and newConnection are both set \(existingConnectionId='dxcon-fgq3d2ab'/);
    });
    test('a port speed for an existing connection without one', () => {
      expect(() => build({ existingConnectionBandwidth: DedicatedBandwidth.GBPS_10 }))
        .toThrow(/existingConnectionBandwidth is only used with existingConnectionId, got '10Gbps'/);
    });
    test('neither an existing connection nor a new one', () => {
      expect(() => build({ newConnection: undefined })).toThrow(/newConnection is required when existingConnectionId is not set/);
    });
    test('amazonConnectCidrs without statelessFirewall (they would be ignored)', () => {
      expect(() => build({ amazonConnectCidrs: ['15.193.0.0/19'] })).toThrow(/^amazonConnectCidrs is only used by the stateless rule group; set statelessFirewall: true/);
    });
    test('firewallVpc without deployFirewall', () => {
      const app = new App();
      const vpc = new ec2.Vpc(new Stack(app, 'Net', { env: { region: 'us-east-1' } }), 'Vpc');
      expect(() => new ConnectDirectConnectStack(app, 'Dx', { ...BASE, firewallVpc: vpc })).toThrow(/firewallVpc is only used when deployFirewall is true/);
    });
    test('an unknown Region for the catalog', () => {
      expect(() => build({ env: { region: 'eu-south-2' } })).toThrow(/eu-south-2/);
    });
    test('a bad VLAN (validated by the virtual interface)', () => {
      expect(() => build({ vlan: 4095 })).toThrow(/vlan .*4095/);
    });
  });

  describe('scanners and linters', () => {
    test.each([
      ['default', {}],
      ['IP_RANGES + IPv6 + stateless + existing connection', {
        newConnection: undefined, existingConnectionId: 'dxcon-fgq3d2ab', allowListMode: AllowListMode.IP_RANGES, ipv6: true,
        statelessFirewall: true, routeFilterPrefixes: ['203.0.113.0/24', '2001:db8:100::/48'],
      }],
      ['firewall deployed', { deployFirewall: true }],
    ] as [string, Partial<ConnectDirectConnectStackProps>][])('%s: cfn-lint clean, no unacknowledged cdk-nag findings', (_name, overrides) => {
      const { stack } = build(overrides);
      expectCfnLintClean(stack);
      expect(nagFindings(stack)).toEqual([]);
    });

    test('the example app\'s synth-time plugins (cdk-nag packs + cfn-guard Control Tower rules) pass on the default and firewall configurations', () => {
      for (const overrides of [{}, { deployFirewall: true, statelessFirewall: true }]) {
        // GIVEN an app with every plugin the example app registers
        const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'guard-')) });
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app), new HIPAASecurityChecks(app),
          new PCIDSS321Checks(app), new CfnGuardValidator());
        new ConnectDirectConnectStack(app, 'Dx', { ...BASE, ...overrides });
        // WHEN / THEN synth reports no unacknowledged finding (a finding makes synth throw)
        expect(() => app.synth()).not.toThrow();
      }
    });
  });
});

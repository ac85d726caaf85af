import { Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ConnectFirewall } from '../../lib/firewall/firewall';
import { expectCfnLintClean, nagFindings } from '../helpers/checks';
import { newStack } from './fixtures';

const POLICY_ARN = 'arn:aws:network-firewall:us-east-1:111122223333:firewall-policy/connect';

describe('ConnectFirewall', () => {
  test('creates a VPC in 2 AZs and a protected firewall with a subnet in each', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const fw = new ConnectFirewall(stack, 'Firewall', { firewallPolicyArn: POLICY_ARN });
    // THEN
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::EC2::Subnet', 2);
    t.resourceCountIs('AWS::EC2::InternetGateway', 0);
    t.hasResourceProperties('AWS::EC2::Subnet', { CidrBlock: '10.255.0.0/28', MapPublicIpOnLaunch: false });
    t.hasResourceProperties('AWS::NetworkFirewall::Firewall', {
      FirewallPolicyArn: POLICY_ARN,
      DeleteProtection: true,
      SubnetChangeProtection: true,
      FirewallPolicyChangeProtection: false,
      SubnetMappings: [{ SubnetId: { Ref: Match.stringLikeRegexp('FirewallSubnet1') } }, { SubnetId: { Ref: Match.stringLikeRegexp('FirewallSubnet2') } }],
      Tags: Match.arrayWith([{ Key: 'cdk-connect-dx:component', Value: 'firewall' }]),
    });
    t.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL' });
    expect(fw.vpc).toBeInstanceOf(ec2.Vpc);
    expectCfnLintClean(stack);
  });

  test('sends ALERT and FLOW logs to two KMS-encrypted log groups kept one year', () => {
    const stack = newStack();
    new ConnectFirewall(stack, 'Firewall', { firewallPolicyArn: POLICY_ARN });
    const t = Template.fromStack(stack);
    const groups = t.findResources('AWS::Logs::LogGroup');
    expect(Object.keys(groups)).toHaveLength(3); // ALERT, FLOW, VPC flow logs
    for (const g of Object.values(groups)) {
      expect(g.Properties.RetentionInDays).toBe(365);
      expect(g.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^FirewallLogKey/), 'Arn'] });
    }
    t.hasResourceProperties('AWS::NetworkFirewall::LoggingConfiguration', {
      LoggingConfiguration: {
        LogDestinationConfigs: [
          { LogType: 'ALERT', LogDestinationType: 'CloudWatchLogs', LogDestination: { logGroup: { Ref: Match.stringLikeRegexp('FirewallAlertLogs') } } },
          { LogType: 'FLOW', LogDestinationType: 'CloudWatchLogs', LogDestination: { logGroup: { Ref: Match.stringLikeRegexp('FirewallFlowLogs') } } },
        ],
      },
    });
    t.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'OnlyAwsServicesCreateGrants', Effect: 'Deny' }), Match.objectLike({
        Sid: 'AllowCloudWatchLogs',
        Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
      })]) },
    });
  });

  test('honours retention and policy change protection', () => {
    const stack = newStack();
    new ConnectFirewall(stack, 'Firewall', {
      firewallPolicyArn: POLICY_ARN, logRetention: logs.RetentionDays.TWO_YEARS, firewallPolicyChangeProtection: true,
      firewallName: 'connect-fw',
    });
    const t = Template.fromStack(stack);
    t.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
    t.hasResourceProperties('AWS::NetworkFirewall::Firewall', { FirewallName: 'connect-fw', FirewallPolicyChangeProtection: true });
  });

  test('refuses infinite retention; a token retention passes', () => {
    expect(() => new ConnectFirewall(newStack(), 'Firewall', { firewallPolicyArn: POLICY_ARN, logRetention: logs.RetentionDays.INFINITE }))
      .toThrow(/logRetention must be a finite retention .*got INFINITE/);
    const stack = newStack();
    new ConnectFirewall(stack, 'Firewall', { firewallPolicyArn: POLICY_ARN, logRetention: Token.asNumber({ Ref: 'Days' }) });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: { Ref: 'Days' } });
  });

  test('uses a VPC you pass: its isolated subnets, one per AZ', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Inspection', {
      maxAzs: 2, natGateways: 0,
      subnetConfiguration: [{ name: 'Fw', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 28 }],
    });
    new ConnectFirewall(stack, 'Firewall', { firewallPolicyArn: POLICY_ARN, vpc });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::EC2::VPC', 1);
    const fw = Object.values(t.findResources('AWS::NetworkFirewall::Firewall'))[0];
    expect(fw.Properties.SubnetMappings).toHaveLength(2);
    expect(fw.Properties.VpcId).toEqual({ Ref: expect.stringMatching(/^Inspection/) });
  });

  test('warns that vpcCidr is ignored when a VPC is given', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Inspection', {
      maxAzs: 2, natGateways: 0,
      subnetConfiguration: [{ name: 'Fw', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 28 }],
    });
    const fw = new ConnectFirewall(stack, 'Firewall', { firewallPolicyArn: POLICY_ARN, vpc, vpcCidr: '10.1.0.0/24' });
    Annotations.fromStack(stack).hasWarning(`/${fw.node.path}`, Match.stringLikeRegexp("vpcCidr '10.1.0.0/24' is ignored because vpc is given"));
  });

  test('refuses fewer than two AZs', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Inspection', {
      maxAzs: 1, natGateways: 0,
      subnetConfiguration: [{ name: 'Fw', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 28 }],
    });
    expect(() => new ConnectFirewall(stack, 'Firewall', { firewallPolicyArn: POLICY_ARN, vpc }))
      .toThrow(/vpcSubnets must select subnets in at least 2 Availability Zones .*got 1 subnet/);
  });

  test('refuses two subnets in the same AZ', () => {
    const stack = newStack();
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Imported', {
      vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a', 'us-east-1b'],
      isolatedSubnetIds: ['subnet-1', 'subnet-2'],
    });
    const subnets = [
      ec2.Subnet.fromSubnetAttributes(stack, 'S1', { subnetId: 'subnet-1', availabilityZone: 'us-east-1a' }),
      ec2.Subnet.fromSubnetAttributes(stack, 'S2', { subnetId: 'subnet-2', availabilityZone: 'us-east-1a' }),
    ];
    expect(() => new ConnectFirewall(stack, 'Firewall', { firewallPolicyArn: POLICY_ARN, vpc, vpcSubnets: { subnets } }))
      .toThrow(/vpcSubnets must select one subnet per Availability Zone .*got two in 'us-east-1a'/);
  });

  test('refuses a bad firewall name', () => {
    expect(() => new ConnectFirewall(newStack(), 'Firewall', { firewallPolicyArn: POLICY_ARN, firewallName: 'no spaces' }))
      .toThrow(/firewallName must be 1 to 128 letters, digits and '-', got 'no spaces'/);
  });

  test('cdk-nag packs find nothing', () => {
    const stack = newStack();
    new ConnectFirewall(stack, 'Firewall', { firewallPolicyArn: POLICY_ARN });
    expect(nagFindings(stack)).toEqual([]);
  });
});

import { Aws, Tags, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as networkfirewall from 'aws-cdk-lib/aws-networkfirewall';
import { Construct } from 'constructs';
import { NetworkFirewallLimits } from '../facts/firewall-limits';
import { checkResourceName, defaultName } from './validation';
import { enterConstruct, fail, isToken, leaveConstruct, show, warn } from '../private/errors';
import { createManagedKey, encryptedLogGroup } from '../private/kms';
import { checkProps } from '../private/prop-types';

/** Fewest Availability Zones a firewall is deployed in (Security Hub NetworkFirewall.1). */
const MIN_AZS = NetworkFirewallLimits.MIN_AVAILABILITY_ZONES;
/** Name of the firewall subnet group of the VPC this construct creates. */
const FIREWALL_SUBNET_GROUP = 'Firewall';

/** Properties of {@link ConnectFirewall}. */
export interface ConnectFirewallProps {
  /** ARN of the firewall policy, e.g. `ConnectFirewallPolicy.firewallPolicyArn`. */
  readonly firewallPolicyArn: string;
  /**
   * The VPC to put the firewall endpoints in.
   *
   * @default - a new VPC (`vpcCidr`) in 2 Availability Zones with one isolated /28 firewall subnet per zone,
   * no internet gateway and VPC flow logs to an encrypted log group. Routing (transit gateway attachment,
   * NAT, route tables pointing at the endpoints) is yours to add.
   */
  readonly vpc?: ec2.IVpc;
  /**
   * The CIDR of the VPC this construct creates. Ignored when you pass `vpc`.
   *
   * @default '10.255.0.0/24'
   */
  readonly vpcCidr?: string;
  /**
   * The subnets for the firewall endpoints: one per Availability Zone, at least two zones.
   *
   * @default - the `Firewall` subnets of the VPC this construct creates; for a VPC you pass, its isolated
   * subnets (`PRIVATE_ISOLATED`)
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * The firewall name (letters, digits and '-', at most 128; fixed at creation).
   *
   * @default - derived from the construct path
   */
  readonly firewallName?: string;
  /**
   * Whether the firewall policy association is protected against change.
   *
   * @default false
   */
  readonly firewallPolicyChangeProtection?: boolean;
  /**
   * How long ALERT, FLOW (and VPC flow) log events are kept.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * The customer managed KMS key that encrypts the log groups. Its key policy must allow
   * `logs.<region>.amazonaws.com` to use it.
   *
   * @default - a new key with yearly rotation, a key policy for CloudWatch Logs in this Region, and grants
   * limited to AWS services
   */
  readonly encryptionKey?: kms.IKey;
}

/**
 * Creates an AWS Network Firewall with deletion and subnet-change protection in at least two Availability
 * Zones, with ALERT and FLOW logs to two KMS-encrypted CloudWatch Logs log groups.
 *
 * Without `vpc`, it also creates a VPC for it (2 AZs, /28 firewall subnets, flow logs). The firewall only sees
 * traffic routed through its endpoints: agent traffic on a public virtual interface never enters a VPC.
 * Deletion protection is always on: to remove the firewall, turn it off (console or `UpdateFirewallDeleteProtection`)
 * before deleting the stack.
 *
 * ```ts
 * declare const rules: ConnectFirewallRules;
 * const firewall = new ConnectFirewall(this, 'Firewall', {
 *   firewallPolicyArn: rules.policy.firewallPolicyArn,
 * });
 * firewall.firewallArn;
 * ```
 *
 * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewalls.html
 * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-logging.html
 */
export class ConnectFirewall extends Construct {
  /** The CIDR of the VPC the firewall creates when neither `vpc` nor `vpcCidr` is given. */
  public static readonly DEFAULT_VPC_CIDR: string = '10.255.0.0/24';

  /** The firewall ARN. */
  public readonly firewallArn: string;
  /** The firewall name. */
  public readonly firewallName: string;
  /** The firewall endpoints, each as `<availability zone>:<vpc endpoint id>`. */
  public readonly endpointIds: string[];
  /** The VPC the firewall is in (yours or the one created). */
  public readonly vpc: ec2.IVpc;
  /** The log group receiving ALERT logs. */
  public readonly alertLogGroup: logs.ILogGroup;
  /** The log group receiving FLOW logs. */
  public readonly flowLogGroup: logs.ILogGroup;
  /** The KMS key encrypting the log groups. */
  public readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: ConnectFirewallProps) {
    super(scope, id);
    enterConstruct(this);
    checkProps('ConnectFirewallProps', props);
    this.firewallName = props.firewallName ?? defaultName(this);
    checkResourceName('firewallName', this.firewallName);
    const retention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
    checkRetention(retention);

    if (props.vpc && props.vpcCidr !== undefined) {
      warn(this, 'vpcCidrIgnored', `vpcCidr ${show(props.vpcCidr)} is ignored because vpc is given; remove one of them`);
    }
    this.encryptionKey = props.encryptionKey ?? createManagedKey(this, 'LogKey', {
      description: 'Encrypts the Network Firewall and VPC flow log groups (cdk-connect-dx)',
      cloudWatchLogs: true,
    });
    this.vpc = props.vpc ?? this.createVpc(props.vpcCidr ?? ConnectFirewall.DEFAULT_VPC_CIDR, retention);
    const selection = props.vpcSubnets
      ?? (props.vpc ? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } : { subnetGroupName: FIREWALL_SUBNET_GROUP });
    const subnets = this.vpc.selectSubnets(selection).subnets;
    checkSubnets(subnets);

    const firewall = new networkfirewall.CfnFirewall(this, 'Resource', {
      firewallName: this.firewallName,
      firewallPolicyArn: props.firewallPolicyArn,
      vpcId: this.vpc.vpcId,
      subnetMappings: subnets.map((s) => ({ subnetId: s.subnetId })),
      deleteProtection: true,
      subnetChangeProtection: true,
      firewallPolicyChangeProtection: props.firewallPolicyChangeProtection ?? false,
      description: 'Amazon Connect agent traffic inspection (cdk-connect-dx)',
    });
    Tags.of(firewall).add('cdk-connect-dx:component', 'firewall');
    this.firewallArn = firewall.attrFirewallArn;
    this.endpointIds = firewall.attrEndpointIds;

    this.alertLogGroup = encryptedLogGroup(this, 'AlertLogs', { retention, encryptionKey: this.encryptionKey });
    this.flowLogGroup = encryptedLogGroup(this, 'FlowLogs', { retention, encryptionKey: this.encryptionKey });
    new networkfirewall.CfnLoggingConfiguration(this, 'Logging', {
      firewallArn: firewall.attrFirewallArn,
      loggingConfiguration: {
        logDestinationConfigs: [
          { logType: 'ALERT', logDestinationType: 'CloudWatchLogs', logDestination: { logGroup: this.alertLogGroup.logGroupName } },
          { logType: 'FLOW', logDestinationType: 'CloudWatchLogs', logDestination: { logGroup: this.flowLogGroup.logGroupName } },
        ],
      },
    });
    leaveConstruct(this);
  }

  /** A VPC with isolated /28 firewall subnets in 2 AZs and flow logs (no IGW, no public subnets). */
  private createVpc(cidr: string, retention: logs.RetentionDays): ec2.Vpc {
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      maxAzs: MIN_AZS,
      natGateways: 0,
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [{ name: FIREWALL_SUBNET_GROUP, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 28 }],
    });
    const flowLogGroup = encryptedLogGroup(vpc, 'FlowLogGroup', { retention, encryptionKey: this.encryptionKey });
    const role = new iam.Role(vpc, 'FlowLogRole', {
      // Confused-deputy guard as the VPC user guide recommends for this role: only flow logs of this account and
      // Region may assume it (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html). The flow
      // log id is not known before the flow log exists (it needs this role), hence `vpc-flow-log/*`.
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:vpc-flow-log/*` },
      }),
      description: 'Lets VPC Flow Logs write to the firewall VPC flow log group',
    });
    new iam.ManagedPolicy(role, 'Policy', {
      roles: [role],
      statements: [new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [flowLogGroup.logGroupArn],
      })],
    });
    new ec2.CfnFlowLog(vpc, 'FlowLog', {
      resourceId: vpc.vpcId,
      resourceType: 'VPC',
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logGroupName: flowLogGroup.logGroupName,
      deliverLogsPermissionArn: role.roleArn,
    });
    // The default security group keeps its rules: nothing in this VPC uses security groups (firewall endpoints
    // are Gateway Load Balancer endpoints, which have none), and emptying it takes a custom resource Lambda
    // (`restrictDefaultSecurityGroup`) that brings IAM and Lambda findings of its own.
    const reason = 'The created firewall VPC holds only Network Firewall endpoints, which use no security groups; '
      + 'the default security group is attached to nothing. Restricting it needs a custom-resource Lambda.';
    for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
      Validations.of(vpc).acknowledge({ id: `${pack}-VPCDefaultSecurityGroupClosed`, reason });
    }
    return vpc;
  }
}

/** Retention must be finite (Security Hub / NIST CloudWatchLogGroupRetentionPeriod). */
function checkRetention(retention: logs.RetentionDays): void {
  if (isToken(retention)) return;
  if (retention === logs.RetentionDays.INFINITE) {
    fail('logRetention', 'must be a finite retention (e.g. logs.RetentionDays.ONE_YEAR), got INFINITE');
  }
}

/** At least two subnets, each in its own Availability Zone (a firewall takes one subnet per zone). */
function checkSubnets(subnets: ec2.ISubnet[]): void {
  if (subnets.length < MIN_AZS) {
    fail('vpcSubnets', `must select subnets in at least ${MIN_AZS} Availability Zones (Security Hub NetworkFirewall.1), got ${subnets.length} subnet(s)`);
  }
  const zones = new Set<string>();
  for (const s of subnets) {
    const az = s.availabilityZone;
    if (Token.isUnresolved(az)) continue;
    if (zones.has(az)) {
      fail('vpcSubnets', `must select one subnet per Availability Zone (a firewall endpoint per zone), got two in ${show(az)}`);
    }
    zones.add(az);
  }
}

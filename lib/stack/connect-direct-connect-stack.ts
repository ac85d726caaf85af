/**
 * `ConnectDirectConnectStack`: every construct composed, with its outputs.
 *
 * Longer than 400 lines on purpose: the composition of every construct with its outputs, in one constructor a reader
 * follows top to bottom; the props are in stack-props.ts and the Stage in connect-direct-connect-stage.ts.
 */
import { Annotations, CfnOutput, Fn, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ConnectEndpointCatalog } from '../connect-endpoints/catalog';
import { AllowListMode } from '../connect-endpoints/endpoint-types';
import { DirectConnectConnection, HostedBandwidth, IDirectConnectConnection } from '../direct-connect/connection';
import { DX_FACTS } from '../facts/direct-connect-limits';
import { DedicatedConnection } from '../direct-connect/dedicated-connection';
import { LinkAggregationGroup } from '../direct-connect/link-aggregation-group';
import { MacsecKeyAssociation } from '../direct-connect/macsec';
import { PublicVirtualInterface } from '../direct-connect/public-virtual-interface';
import { ConnectFirewall } from '../firewall/firewall';
import { ConnectFirewallRules } from '../firewall/firewall-rules';
import { IpFamily, IpRangesService } from '../ip-ranges/ip-ranges';
import { partitionOfRegion } from '../facts/partitions';
import { DirectConnectMonitoring } from '../monitoring/direct-connect-monitoring';
import { ConnectPrefixLists } from '../prefix-lists/connect-prefix-lists';
import { amazonConnectSnapshotFor } from '../prefix-lists/snapshot';
import { resolveConnectRegions } from '../connect-endpoints/connect-regions';
import { enterConstruct, fail, leaveConstruct, show, warn } from '../private/errors';
import { checkNoOverlap } from '../firewall/validation';
import { ResilientDirectConnect } from '../resiliency/resilient-direct-connect';
import { checkProps } from '../private/prop-types';
import { ConnectDirectConnectStackProps, ResiliencyOptions } from './stack-props';

/**
 * Creates everything Amazon Connect agent traffic over AWS Direct Connect needs: the connection (a new dedicated
 * one with a LAG, or an existing one), the public virtual interface with its generated BGP key and community scope,
 * the endpoint catalog, Network Firewall rule groups and policy, managed prefix lists kept current from
 * ip-ranges.json, optionally a firewall, and Direct Connect monitoring.
 *
 * Outputs: `VirtualInterfaceId`, `ConnectionId`, `BgpCommunity`, `BgpAuthKeySecretArn`, `FirewallPolicyArn`,
 * `AlarmTopicArn` and `DashboardName` (with monitoring), `FirewallArn`, `FirewallVpcId` and `FirewallEndpointIds`
 * (with `deployFirewall`), and one `PrefixList<Service><Family>` per prefix list (e.g. `PrefixListAmazonConnectIpv4`).
 *
 * ```ts
 * declare const app: App;
 * new ConnectDirectConnectStack(app, 'ContactCentreDx', {
 *   env: { region: 'eu-west-1' },        // EqLD5's Region: the connection lives there
 *   connectRegions: ['eu-west-2'],       // the Amazon Connect instance's Region
 *   instanceAlias: 'my-contact-centre',
 *   newConnection: { location: 'EqLD5', bandwidth: DedicatedBandwidth.GBPS_10 },
 *   vlan: 101,
 *   asn: 65000,
 *   customerAddress: '198.51.100.1/31',
 *   amazonAddress: '198.51.100.0/31',
 *   routeFilterPrefixes: ['203.0.113.0/24'],
 *   agentCidrs: ['10.20.0.0/16'],
 * });
 * ```
 */
export class ConnectDirectConnectStack extends Stack {
  /** The connection (or LAG) the virtual interface attaches to. */
  public readonly connection: IDirectConnectConnection;
  /** The dedicated connection the stack orders, when `newConnection` is given (it joins the LAG `connection`). */
  public readonly memberConnection?: DedicatedConnection;
  /** The public virtual interface. */
  public readonly virtualInterface: PublicVirtualInterface;
  /** The Amazon Connect endpoint catalog for the Connect Regions and the instance alias(es). */
  public readonly catalog: ConnectEndpointCatalog;
  /** The managed prefix lists and their sync function. */
  public readonly prefixLists: ConnectPrefixLists;
  /** The Network Firewall rule groups and policy. */
  public readonly firewallRules: ConnectFirewallRules;
  /** The firewall, when `deployFirewall` is true. */
  public readonly firewall?: ConnectFirewall;
  /** The resiliency model's connections and interfaces, when `resiliency` is given (path 1 is `virtualInterface`). */
  public readonly resilient?: ResilientDirectConnect;
  /** Alarms and dashboard on AWS's Direct Connect metrics, unless `monitoring` is false. */
  public readonly monitoring?: DirectConnectMonitoring;
  /**
   * The Amazon Connect Regions: `connectRegions` when given, else the stack's Region; with Global Resiliency, the
   * pair's Regions (the other one added when missing).
   */
  public readonly connectRegions: string[];

  constructor(scope: Construct, id: string, props: ConnectDirectConnectStackProps) {
    super(scope, id, checkProps('ConnectDirectConnectStackProps', props));
    enterConstruct(this);
    if (Token.isUnresolved(this.region)) {
      fail('env.region', `must be a concrete Region code such as 'eu-west-2' (the Amazon Connect endpoint catalog is per Region), got an unresolved token ${this.region}; pass env: { region: '...' }`);
    }
    if (props.macsecEncryptionMode !== undefined && props.macsecKey === undefined) {
      fail('macsecEncryptionMode', `is set only with macsecKey (the mode takes effect with a key), got '${props.macsecEncryptionMode.value}' without one`);
    }
    const mode = props.allowListMode ?? AllowListMode.DOMAINS;
    this.connectRegions = resolveConnectRegions(props.connectRegions, this.region, props.features,
      { set: 'connectRegions', fallback: 'env.region', source: 'globalResiliency.sourceRegion' });

    if (props.resiliency !== undefined) {
      this.resilient = this.resilientFrom(props, props.resiliency);
      this.connection = this.resilient.lags[0];
      this.memberConnection = this.resilient.connections[0];
      this.virtualInterface = this.resilient.virtualInterfaces[0];
    } else {
      const attachment = this.connectionFrom(props);
      this.connection = attachment.connection;
      this.memberConnection = attachment.member;
      if (props.customerAddress === undefined || props.amazonAddress === undefined) {
        fail(props.customerAddress === undefined ? 'customerAddress' : 'amazonAddress', 'is required without resiliency: give customerAddress and amazonAddress (the /31 or /30 of the BGP peering)');
      }
      this.virtualInterface = new PublicVirtualInterface(this, 'VirtualInterface', {
        connection: this.connection,
        vlan: props.vlan,
        asn: props.asn,
        customerAddress: props.customerAddress,
        amazonAddress: props.amazonAddress,
        routeFilterPrefixes: props.routeFilterPrefixes,
        ipv6: props.ipv6,
        communityScope: props.communityScope,
        locationRegion: props.locationRegion,
        connectRegions: this.connectRegions,
        authKey: props.authKey,
        acknowledgeLocationOutsideStackRegion: props.acknowledgeLocationOutsideStackRegion,
        rateLimit: props.rateLimit,
      });
      if (props.macsecKey !== undefined && props.existingConnectionId !== undefined) {
        new MacsecKeyAssociation(this, 'MacsecKey', { connection: this.connection, key: props.macsecKey, encryptionMode: props.macsecEncryptionMode });
      }
    }

    this.catalog = ConnectEndpointCatalog.forRegions(this.connectRegions, {
      instanceAlias: props.instanceAlias,
      replicaAlias: props.replicaAlias,
      endpointSets: props.endpointSets,
      signInMode: props.signInMode,
      features: props.features,
    });
    this.reportCatalog(props.catalogAgeAsOf);

    if ((props.monitoring ?? true) && this.resilient !== undefined) {
      // every path, and the redundancy-lost alarm at the model's number of interfaces
      this.monitoring = this.resilient.addMonitoring('Monitoring', { alarmTopic: props.alarmTopic });
    } else if (props.monitoring ?? true) {
      this.monitoring = new DirectConnectMonitoring(this, 'Monitoring', {
        // AWS/DX metrics are per connection: watch the port the stack orders, not the LAG
        connectionId: (this.memberConnection ?? this.connection).connectionId,
        virtualInterfaces: [this.virtualInterface],
        bandwidthGbps: props.hosted ? hostedGbps(props) : this.connection.bandwidth?.gbps,
        macsecRequested: this.connection.macsecRequested,
        hostedConnection: props.hosted,
        rateLimitMbps: props.rateLimit?.mbpsValue,
        alarmTopic: props.alarmTopic,
      });
    }

    // AmazonIpSpaceChanged lives in us-east-1 of the commercial partition: a function in GovCloud (us-gov-west-1)
    // or another partition cannot subscribe to it, so there the daily schedule alone keeps the lists current.
    const partition = partitionOfRegion(this.region);
    this.prefixLists = new ConnectPrefixLists(this, 'PrefixLists', {
      regions: this.connectRegions,
      mode,
      ipv6: props.ipv6 ?? false,
      subscribeToIpSpaceChanged: partition === undefined || partition === 'aws',
      // one topic for every alarm of the stack: the user's, or the monitoring construct's KMS-encrypted one
      alarmTopic: props.alarmTopic ?? this.monitoring?.alarmTopic,
    });

    this.firewallRules = new ConnectFirewallRules(this, 'FirewallRules', {
      catalog: this.catalog,
      mode,
      agentCidrs: props.agentCidrs,
      amazonConnectPrefixLists: this.prefixLists.amazonConnectPrefixLists,
      ec2PrefixLists: mode === AllowListMode.IP_RANGES ? this.prefixLists.ec2PrefixLists : undefined,
      cloudFrontPrefixLists: mode === AllowListMode.IP_RANGES ? this.prefixLists.cloudFrontPrefixLists : undefined,
      statelessFirewall: props.statelessFirewall,
      amazonConnectCidrs: this.statelessCidrs(props),
    });

    if (props.deployFirewall) {
      if (props.firewallVpc !== undefined && props.firewallVpcCidr !== undefined) {
        fail('firewallVpcCidr', `is only used for the new firewall VPC, got ${show(props.firewallVpcCidr)} together with firewallVpc; drop one of them`);
      }
      if (props.firewallVpc === undefined) {
        checkNoOverlap('firewallVpcCidr', props.firewallVpcCidr ?? ConnectFirewall.DEFAULT_VPC_CIDR, 'agentCidrs', props.agentCidrs,
          props.firewallVpcCidr === undefined);
      }
      this.firewall = new ConnectFirewall(this, 'Firewall', {
        firewallPolicyArn: this.firewallRules.policy.firewallPolicyArn,
        vpc: props.firewallVpc,
        vpcCidr: props.firewallVpcCidr,
      });
    } else if (props.firewallVpc || props.firewallVpcCidr !== undefined) {
      fail(props.firewallVpc ? 'firewallVpc' : 'firewallVpcCidr', `is only used when deployFirewall is true; set deployFirewall: true or drop ${props.firewallVpc ? 'firewallVpc' : 'firewallVpcCidr'}`);
    }

    new CfnOutput(this, 'VirtualInterfaceId', {
      value: this.virtualInterface.virtualInterfaceId,
      description: 'Public virtual interface id (dxvif-...); it stays `verifying` until AWS approves the prefixes (up to 72 hours)',
    });
    new CfnOutput(this, 'BgpCommunity', {
      value: this.virtualInterface.community,
      description: bgpCommunityDescription(this.virtualInterface, this.connectRegions),
    });
    new CfnOutput(this, 'BgpAuthKeySecretArn', {
      value: this.virtualInterface.authKeySecret.secretArn,
      description: 'Secrets Manager secret holding the BGP MD5 key (set the same key on your router)',
    });
    new CfnOutput(this, 'FirewallPolicyArn', {
      value: this.firewallRules.policy.firewallPolicyArn,
      description: 'Network Firewall policy with the Amazon Connect allow list',
    });
    new CfnOutput(this, 'ConnectionId', {
      value: this.connection.connectionId,
      description: 'The Direct Connect connection or LAG the virtual interface is on (dxcon-/dxlag-): for the LOA and `cdk-connect-dx status --connection-id`',
    });
    const alarmTopic = props.alarmTopic ?? this.monitoring?.alarmTopic;
    if (alarmTopic !== undefined) {
      new CfnOutput(this, 'AlarmTopicArn', {
        value: alarmTopic.topicArn,
        description: 'SNS topic every alarm of the stack notifies (on ALARM and OK): subscribe your on-call to it',
      });
    }
    if (this.monitoring !== undefined) {
      new CfnOutput(this, 'DashboardName', {
        value: this.monitoring.dashboard.dashboardName,
        description: 'CloudWatch dashboard of the connection, BGP peers and traffic',
      });
    }
    if (this.firewall !== undefined) {
      new CfnOutput(this, 'FirewallArn', {
        value: this.firewall.firewallArn,
        description: 'AWS Network Firewall with the Amazon Connect policy',
      });
      new CfnOutput(this, 'FirewallVpcId', {
        value: this.firewall.vpc.vpcId,
        description: 'VPC of the firewall; routing to its endpoints (TGW attachment, NAT, route tables) is yours',
      });
      new CfnOutput(this, 'FirewallEndpointIds', {
        // the firewall's EndpointIds attribute: one `<availability zone>:<vpc endpoint id>` per subnet
        value: Fn.join(',', this.firewall.endpointIds),
        description: 'Firewall endpoints as AZ:endpoint-id pairs, comma-separated: route traffic in each AZ to its endpoint',
      });
    }
    this.resilient?.virtualInterfaces.forEach((vif, i) => {
      if (i === 0) return; // the first path keeps the stack's own output ids
      const path = `Path${i + 1}`;
      new CfnOutput(this, `${path}VirtualInterfaceId`, { value: vif.virtualInterfaceId, description: `Public virtual interface of path ${i + 1} (${this.resilient!.pathLocations[i]})` });
      new CfnOutput(this, `${path}BgpAuthKeySecretArn`, { value: vif.authKeySecret.secretArn, description: `Secrets Manager secret holding the BGP MD5 key of path ${i + 1}` });
      new CfnOutput(this, `${path}ConnectionId`, { value: this.resilient!.lags[i].connectionId, description: `The LAG the virtual interface of path ${i + 1} (${this.resilient!.pathLocations[i]}) is on (its member connection's LOA comes with it)` });
    });
    for (const info of this.prefixLists.entries) {
      new CfnOutput(this, outputIdFor(info.service, info.family), {
        value: info.prefixList.prefixListId,
        description: `Managed prefix list ${info.selector}, kept current from ip-ranges.json`,
      });
    }
    leaveConstruct(this);
  }

  private resilientFrom(props: ConnectDirectConnectStackProps, r: ResiliencyOptions): ResilientDirectConnect {
    const conflicting = (['newConnection', 'existingConnectionId', 'existingConnectionBandwidth', 'hosted', 'existingConnectionHostedBandwidth', 'customerAddress', 'amazonAddress', 'locationRegion'] as const)
      .filter((k) => props[k] !== undefined);
    if (conflicting.length > 0) {
      fail(conflicting[0], `is not used with resiliency (the model orders its own connections and carves the peer addresses from resiliency.peerAddressPool); drop ${conflicting.join(', ')}`);
    }
    return new ResilientDirectConnect(this, 'Resilient', {
      model: r.model, locations: r.locations, bandwidth: r.bandwidth, peerAddressPool: r.peerAddressPool, peerAddresses: r.peerAddresses,
      requestMacSec: r.requestMacSec, acknowledgeCrossContinent: r.acknowledgeCrossContinent, otherRegionLocations: r.otherRegionLocations,
      acknowledgeLocationOutsideStackRegion: props.acknowledgeLocationOutsideStackRegion,
      vlan: props.vlan, asn: props.asn, routeFilterPrefixes: props.routeFilterPrefixes, ipv6: props.ipv6,
      communityScope: props.communityScope, authKey: props.authKey,
      connectRegions: this.connectRegions,
      removalPolicy: props.removalPolicy,
      macsecKey: props.macsecKey, encryptionMode: props.macsecEncryptionMode, rateLimit: props.rateLimit,
    });
  }

  private connectionFrom(props: ConnectDirectConnectStackProps): { connection: IDirectConnectConnection; member?: DedicatedConnection } {
    if (props.existingConnectionId !== undefined && props.newConnection !== undefined) {
      fail('existingConnectionId', `and newConnection are both set (existingConnectionId='${props.existingConnectionId}', newConnection at '${props.newConnection.location}'); give one: an existing connection or LAG, or a new connection`);
    }
    if (props.existingConnectionBandwidth !== undefined && props.existingConnectionId === undefined) {
      fail('existingConnectionBandwidth', `is only used with existingConnectionId, got '${props.existingConnectionBandwidth.value}' without one; a new connection takes its speed from newConnection.bandwidth`);
    }
    checkHosted(props);
    if (props.existingConnectionId !== undefined) {
      if (props.removalPolicy !== undefined) {
        fail('removalPolicy', `is only used for the connection and LAG the stack orders (newConnection or resiliency), got ${props.removalPolicy} with existingConnectionId; `
          + 'an existing connection is never deleted by this stack');
      }
      const id = props.existingConnectionId;
      const bandwidth = props.hosted ? undefined : props.existingConnectionBandwidth;
      // A MACsec key declares the existing dedicated port MACsec-capable (a hosted one is refused by the key association).
      const macsecRequested = props.macsecKey !== undefined && !props.hosted;
      const connection = !Token.isUnresolved(id) && /dxlag/.test(id)
        ? DirectConnectConnection.fromLagId(this, 'Connection', id, { bandwidth, macsecRequested })
        : DirectConnectConnection.fromConnectionId(this, 'Connection', id, { bandwidth, hosted: props.hosted, macsecRequested });
      return { connection };
    }
    if (props.newConnection === undefined) {
      fail('newConnection', 'is required when existingConnectionId is not set: give newConnection { location, bandwidth } or existingConnectionId (dxcon-..., dxlag-... or an ARN)');
    }
    const nc = props.newConnection;
    const lag = new LinkAggregationGroup(this, 'Lag', {
      location: nc.location,
      connectionsBandwidth: nc.bandwidth,
      requestMacSec: nc.requestMacSec,
      locationRegion: props.locationRegion,
      acknowledgeLocationOutsideStackRegion: props.acknowledgeLocationOutsideStackRegion,
      lagName: nc.connectionName ? `${nc.connectionName}-lag` : undefined,
      removalPolicy: props.removalPolicy,
      macsecKey: props.macsecKey,
      encryptionMode: props.macsecEncryptionMode,
    });
    const member = new DedicatedConnection(this, 'Connection', {
      location: nc.location,
      bandwidth: nc.bandwidth,
      requestMacSec: nc.requestMacSec,
      locationRegion: props.locationRegion,
      acknowledgeLocationOutsideStackRegion: props.acknowledgeLocationOutsideStackRegion,
      connectionName: nc.connectionName,
      lag,
      removalPolicy: props.removalPolicy,
    });
    return { connection: lag, member };
  }

  /** Prints the catalog's read date at synth, and warns for its choices and when it is more than 180 days old. */
  private reportCatalog(asOfText: string | undefined): void {
    let asOf = new Date();
    if (asOfText !== undefined) {
      asOf = new Date(`${asOfText}T00:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOfText) || Number.isNaN(asOf.getTime())) {
        fail('catalogAgeAsOf', `must be a date YYYY-MM-DD, got '${asOfText}'`);
      }
    }
    Annotations.of(this).addInfo(`cdk-connect-dx: the Amazon Connect endpoint catalog was read from AWS's pages on ` +
      `${this.catalog.readDate} (${this.catalog.ageInDays(asOf)} days before ${asOf.toISOString().slice(0, 10)}); ` +
      `sign-in ${this.catalog.signInMode.name}, features ${this.catalog.featureNames.join(', ') || 'none'}`);
    const age = this.catalog.ageWarning(asOf);
    for (const w of [...this.catalog.warnings(), ...(age ? [age] : [])]) warn(this, w.id, w.message);
  }

  private statelessCidrs(props: ConnectDirectConnectStackProps): string[] | undefined {
    if (!props.statelessFirewall) {
      if (props.amazonConnectCidrs !== undefined) {
        fail('amazonConnectCidrs', 'is only used by the stateless rule group; set statelessFirewall: true or drop amazonConnectCidrs');
      }
      return undefined;
    }
    if (props.amazonConnectCidrs !== undefined) return props.amazonConnectCidrs;
    const snap = amazonConnectSnapshotFor(this.connectRegions, props.ipv6 ?? false);
    warn(this, 'statelessSnapshot',
      `The stateless return rules use the library's AMAZON_CONNECT ranges from ip-ranges.json syncToken ${snap.syncToken} ` +
      `(${snap.createDate}) of ${this.connectRegions.join(', ')}; stateless rules cannot reference prefix lists, so redeploy when AWS adds Amazon Connect ranges ` +
      'or pass amazonConnectCidrs.');
    return snap.cidrs;
  }
}

/**
 * `hosted` describes an existing dxcon- connection; its speed comes from existingConnectionHostedBandwidth, or from
 * existingConnectionBandwidth when that is also a hosted speed (1 or 10 Gbps).
 */
function checkHosted(props: ConnectDirectConnectStackProps): void {
  if (!props.hosted) {
    if (props.existingConnectionHostedBandwidth !== undefined) {
      fail('existingConnectionHostedBandwidth', `is only used with hosted: true, got ${show(props.existingConnectionHostedBandwidth.value)}; `
        + 'set hosted: true for a hosted connection, or give a dedicated port speed with existingConnectionBandwidth');
    }
    return;
  }
  const id = props.existingConnectionId;
  if (id === undefined) {
    fail('hosted', `is only used with existingConnectionId (a hosted connection is provisioned by a Partner, not by the stack), got true ${props.newConnection ? 'with newConnection' : 'without existingConnectionId'}`);
  }
  if (!Token.isUnresolved(id) && /dxlag/.test(id)) {
    fail('hosted', `must be false for a LAG (a hosted connection is a dxcon- connection), got true with existingConnectionId ${show(id)}`);
  }
  const dedicated = props.existingConnectionBandwidth;
  if (dedicated !== undefined && props.existingConnectionHostedBandwidth !== undefined) {
    fail('existingConnectionBandwidth', `and existingConnectionHostedBandwidth are both set (${show(dedicated.value)}, ${show(props.existingConnectionHostedBandwidth.value)}); give the hosted connection's speed once, with existingConnectionHostedBandwidth`);
  }
  if (dedicated !== undefined && !Token.isUnresolved(dedicated.value) && !DX_FACTS.hostedBandwidths.values.includes(dedicated.value)) {
    fail('existingConnectionBandwidth', `must be a hosted connection speed with hosted: true (${DX_FACTS.hostedBandwidths.values.join(', ')}), `
      + `got ${show(dedicated.value)}; give it with existingConnectionHostedBandwidth (e.g. HostedBandwidth.MBPS_500)`);
  }
}

/** The hosted connection's speed in Gbps, when known. */
function hostedGbps(props: ConnectDirectConnectStackProps): number | undefined {
  if (props.existingConnectionHostedBandwidth !== undefined) return props.existingConnectionHostedBandwidth.gbps;
  const value = props.existingConnectionBandwidth?.value;
  return value === undefined || Token.isUnresolved(value) ? undefined : HostedBandwidth.fromString(value).gbps;
}

/** `PrefixListAmazonConnectIpv4` for (AMAZON_CONNECT, IPV4), and so on. */
function outputIdFor(service: IpRangesService, family: IpFamily): string {
  const words = service.name.toLowerCase().split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `PrefixList${words.join('')}${family === IpFamily.IPV6 ? 'Ipv6' : 'Ipv4'}`;
}

/**
 * The `BgpCommunity` output's description: the scope and the Amazon Connect Regions it reaches from the location's
 * Region, e.g. `CONTINENT scope from us-east-1: reaches Amazon Connect in us-east-1, us-west-2`.
 */
function bgpCommunityDescription(vif: PublicVirtualInterface, connectRegions: string[]): string {
  const scope = vif.communityScope.name;
  const pair = vif.regionPair;
  const where = pair === undefined
    ? `${scope} scope (the location's Region is unknown): reaches Amazon Connect in ${connectRegions.join(', ')} `
      + (scope === 'GLOBAL' ? 'with every other Region' : 'only if the location is near enough (not checked)')
    : `${scope} scope from ${pair.locationRegion}: reaches Amazon Connect in ${pair.connectRegions.join(', ')}`;
  return `BGP community your router sets on the advertised prefixes (${where})`;
}

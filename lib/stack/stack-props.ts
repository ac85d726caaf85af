/**
 * The contract of `ConnectDirectConnectStack`: its props and their option structs. Kept apart from the stack's
 * composition (connect-direct-connect-stack.ts) because this is the surface users script against (the example app's
 * context keys map onto it, and jsii turns it into each language's props class); the composition can change freely
 * behind it.
 */
import { RemovalPolicy, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AllowListMode, EndpointSet } from '../connect-endpoints/endpoint-types';
import { ConnectFeature, SignInMode } from '../connect-endpoints/features';
import { BgpAuthKey } from '../direct-connect/bgp-auth-key';
import { BgpCommunityScope } from '../facts/bgp-community';
import { DedicatedBandwidth, HostedBandwidth } from '../direct-connect/connection';
import { MacsecEncryptionMode, MacsecKey } from '../direct-connect/macsec';
import { RateLimit } from '../direct-connect/rate-limit';
import { PeerAddressPair } from '../resiliency/resilient-direct-connect';
import { ResiliencyModel } from '../resiliency/resiliency-model';

/** A new dedicated connection, ordered by the stack together with a LAG that the virtual interface attaches to. */
export interface NewConnectionOptions {
  /**
   * Direct Connect location code, e.g. `EqDC2` (`aws directconnect describe-locations`).
   * @see https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DescribeLocations.html
   */
  readonly location: string;
  /** Port speed: 1, 10, 100 or 400 Gbps. */
  readonly bandwidth: DedicatedBandwidth;
  /**
   * Request a MACsec-capable port (10 Gbps and faster) on the connection and the LAG.
   * @default false
   */
  readonly requestMacSec?: boolean;
  /**
   * Name of the connection (the LAG is named `<name>-lag`).
   * @default - names derived from the construct paths
   */
  readonly connectionName?: string;
}

/** The resiliency model the stack builds (see `ResilientDirectConnect`). */
export interface ResiliencyOptions {
  /** The model: MAXIMUM, HIGH or DEVELOPMENT. */
  readonly model: ResiliencyModel;
  /** Distinct Direct Connect location codes (two or more for MAXIMUM and HIGH, one for DEVELOPMENT). */
  readonly locations: string[];
  /** Port speed of every connection. */
  readonly bandwidth: DedicatedBandwidth;
  /**
   * Public IPv4 pool the interfaces' peer addresses are carved from, one /31 per interface.
   * @default - use `peerAddresses`
   */
  readonly peerAddressPool?: string;
  /**
   * Explicit peer addresses, one pair per interface in path order.
   * @default - carved from `peerAddressPool`
   */
  readonly peerAddresses?: PeerAddressPair[];
  /**
   * Request MACsec on every connection.
   * @default false
   */
  readonly requestMacSec?: boolean;
  /**
   * Accept locations on different continents.
   * @default false
   */
  readonly acknowledgeCrossContinent?: boolean;
  /**
   * Locations of the same model whose connections other stacks order in their own Regions (set by
   * `ConnectDirectConnectStage`, which splits a model over the Regions of its locations): the model is checked over
   * all of them, and this stack creates no resiliency group (the stage records one for every connection).
   * @default - none: `locations` are all of the model's locations
   */
  readonly otherRegionLocations?: string[];
}

/** Properties of a `ConnectDirectConnectStack`. `env.region` must be a concrete Region code. */
export interface ConnectDirectConnectStackProps extends StackProps {
  /**
   * Alias of the Amazon Connect instance (the `{alias}` in `{alias}.my.connect.aws`); with Global Resiliency, the
   * source instance's (the replica's is `replicaAlias`).
   */
  readonly instanceAlias: string;
  /**
   * An existing dedicated or hosted connection, or LAG: `dxcon-...`, `dxlag-...` or its ARN.
   * Give this or `newConnection`, not both.
   * @default - a new connection (`newConnection` is then required)
   */
  readonly existingConnectionId?: string;
  /**
   * Port speed of the existing connection (for a LAG, of each member), so that monitoring can alarm on egress
   * utilization. Only with `existingConnectionId`.
   * @default - unknown: no utilization alarm (a warning says so)
   */
  readonly existingConnectionBandwidth?: DedicatedBandwidth;
  /**
   * The existing connection (`existingConnectionId`, a `dxcon-` id) is a hosted connection provisioned by a Direct
   * Connect Partner: it takes one virtual interface, has no MACsec and no light-level metrics, so the stack adds no
   * light-level alarms. Give its speed with `existingConnectionHostedBandwidth` (or `existingConnectionBandwidth`
   * for 1 or 10 Gbps).
   * @default false - a dedicated connection or LAG
   */
  readonly hosted?: boolean;
  /**
   * Speed of the existing hosted connection (50 Mbps to 25 Gbps), so that monitoring can alarm on egress
   * utilization. Only with `hosted: true`.
   * @default - `existingConnectionBandwidth` when given, else unknown: no utilization alarm (a warning says so)
   */
  readonly existingConnectionHostedBandwidth?: HostedBandwidth;
  /**
   * Order a new dedicated connection; the stack creates a LAG it joins, and the virtual interface attaches to the
   * LAG (a new connection stays `requested` until the cross-connect is done; a LAG takes the interface at once).
   * Give this or `existingConnectionId`, not both.
   * @default - use `existingConnectionId`
   */
  readonly newConnection?: NewConnectionOptions;
  /** 802.1Q VLAN of the public virtual interface (1-4094). Changing it replaces the interface. */
  readonly vlan: number;
  /** Your BGP ASN (1-4294967294, not 7224): a private ASN, or a public one you own. */
  readonly asn: number;
  /**
   * Your router's peer address in CIDR form, e.g. `198.51.100.1/31` (public, same subnet as `amazonAddress`).
   * Required unless `resiliency` is given (its interfaces take theirs from `resiliency.peerAddressPool`).
   * @default - none: required without `resiliency`
   */
  readonly customerAddress?: string;
  /**
   * The AWS router's peer address in CIDR form, e.g. `198.51.100.0/31`. Required unless `resiliency` is given.
   * @default - none: required without `resiliency`
   */
  readonly amazonAddress?: string;
  /**
   * Build a Direct Connect resiliency model instead of one connection: the connections it needs at the given
   * locations (each in its own LAG), one public virtual interface per connection with this stack's VLAN, ASN,
   * prefixes, scope and MD5 policy, and a resiliency group. Replaces `newConnection`, `existingConnectionId`,
   * `customerAddress` and `amazonAddress`. The first path keeps the stack's output ids; the others add
   * `Path<N>VirtualInterfaceId`, `Path<N>BgpAuthKeySecretArn` and `Path<N>ConnectionId`.
   * @default - one connection (`newConnection` or `existingConnectionId`)
   */
  readonly resiliency?: ResiliencyOptions;
  /** The public prefixes you advertise (1-1000). AWS reviews them (up to 72 hours); changing them replaces the interface. */
  readonly routeFilterPrefixes: string[];
  /**
   * Add an IPv6 BGP peer (Amazon assigns the addresses) and IPv6 prefix lists.
   * @default false
   */
  readonly ipv6?: boolean;
  /**
   * How far AWS propagates your prefixes, relative to the Region the Direct Connect location is associated with.
   * A scope that does not reach every Amazon Connect Region (`connectRegions`) is refused, naming the Region it does
   * not reach; a wider one warned about.
   * @default - derived from the location's Region and the Amazon Connect Regions (REGION, CONTINENT or GLOBAL; the
   * farthest Region decides);
   * GLOBAL with a warning when the location's Region is unknown (an existing connection without `locationRegion`)
   */
  readonly communityScope?: BgpCommunityScope;
  /**
   * The Amazon Connect Regions the agents use: the instance's Region and, with Global Resiliency, the other Region of
   * its pair. Everything that depends on the Connect Region covers each of them: the endpoint catalog and firewall
   * rules, the Amazon Connect (and in IP_RANGES mode EC2) ranges of the prefix lists, the stateless return rules, and
   * the community scope and inbound acceptance, derived from the location's Region against every Region of the set.
   * Give it when the Direct Connect location is associated with another Region than the instance's (e.g. EqLD5,
   * eu-west-1, for an instance in eu-west-2): Direct Connect creates a connection in its location's Region, so the
   * stack deploys there (`env.region`). `ConnectFeature.globalResiliency(...)` in `features` adds the pair's other
   * Region by itself; a Region outside the documented pair is refused, and so are duplicates and Regions where Amazon
   * Connect does not run.
   * @default - the stack's Region; with Global Resiliency, the pair's two Regions
   */
  readonly connectRegions?: string[];
  /**
   * The alias of the Global Resiliency replica instance (`ReplicaAlias` of CreateReplicaConnectInstance): its hosts
   * (`{replicaAlias}.my.connect.aws`) are allowed for the replica Region. `instanceAlias` is the source instance's.
   * Only with `ConnectFeature.globalResiliency` in `features`.
   * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_ReplicateInstance.html
   * @default - the replica instance's hosts are not allowed; the stack warns `cdk-connect-dx:replicaAliasMissing`
   */
  readonly replicaAlias?: string;
  /**
   * The AWS Region the Direct Connect location is associated with (`cdk-connect-dx locations` prints it). Give it
   * for an existing connection, or for a new connection at a location the library's snapshot lacks; for a known
   * location it must agree with the snapshot.
   * @default - from the new connection's location; unknown for an existing connection
   */
  readonly locationRegion?: string;
  /**
   * Accept a Direct Connect location (or an existing connection's `locationRegion`) associated with another Region
   * than the stack's. Direct Connect creates a connection, LAG and virtual interface only in the location's Region,
   * so this is refused by default (CloudFormation would fail); when acknowledged, the warning
   * `cdk-connect-dx:locationOutsideStackRegion` remains. For a topology across Regions, use
   * `ConnectDirectConnectStage`.
   * @default false - refused
   */
  readonly acknowledgeLocationOutsideStackRegion?: boolean;
  /**
   * The BGP MD5 key.
   * @default - a key generated into a new Secrets Manager secret
   */
  readonly authKey?: BgpAuthKey;
  /**
   * How the firewall allows TCP 443: by domain (AWS's recommended option) or by EC2 and CloudFront ranges.
   * @default AllowListMode.DOMAINS
   */
  readonly allowListMode?: AllowListMode;
  /**
   * Which pages of the Amazon Connect network guidance the catalog follows. LEGACY (the older page) is an explicit
   * choice: it adds names the current page no longer lists, among them `*.execute-api.{region}` (every API Gateway
   * API in the Region), and the stack warns (`cdk-connect-dx:legacyEndpoints`) naming every broad wildcard it opens.
   * @default [EndpointSet.CURRENT] - what AWS lists today
   */
  readonly endpointSets?: EndpointSet[];
  /**
   * How the agents sign in; decides the sign-in hosts of the allow list.
   * @default SignInMode.NEW - AWS's default for instances without SAML since 7 April 2026
   */
  readonly signInMode?: SignInMode;
  /**
   * Optional Amazon Connect features whose endpoints the allow list adds (video calling, screen recording, Global
   * Resiliency with a documented Region pair, chat attachments, scheduling uploads).
   * @default - none
   */
  readonly features?: ConnectFeature[];
  /**
   * The date the endpoint catalog's age is measured at (ISO 8601 `YYYY-MM-DD`): past 180 days since AWS's pages
   * were read, the stack warns `cdk-connect-dx:catalogAge`. Give it for a reproducible synth.
   * @default - the synth machine's clock
   */
  readonly catalogAgeAsOf?: string;
  /** The agents' networks (Network Firewall `HOME_NET`), e.g. `['10.20.0.0/16']`. */
  readonly agentCidrs: string[];
  /**
   * Add the stateless rule group that passes return media to the browsers' ephemeral UDP ports.
   * @default false
   */
  readonly statelessFirewall?: boolean;
  /**
   * The `AMAZON_CONNECT` CIDRs for the stateless rule group (stateless rules cannot reference prefix lists).
   * Only with `statelessFirewall: true`; refused otherwise.
   * @default - the library's snapshot of ip-ranges.json for the Amazon Connect Regions (see README)
   */
  readonly amazonConnectCidrs?: string[];
  /**
   * Deploy an AWS Network Firewall with the policy (in `firewallVpc`, or a new two-AZ VPC).
   * @default false - only the rule groups and the policy are created
   */
  readonly deployFirewall?: boolean;
  /**
   * The VPC for the firewall when `deployFirewall` is true.
   * @default - a new VPC with two Availability Zones
   */
  readonly firewallVpc?: ec2.IVpc;
  /**
   * The IPv4 CIDR of the new firewall VPC (`deployFirewall` without `firewallVpc`), a /16 to /28 that overlaps no
   * agent network (`agentCidrs`): the firewall inspects traffic between them, so an overlap is refused naming both.
   * @default '10.255.0.0/24'
   */
  readonly firewallVpcCidr?: string;
  /**
   * Create the Direct Connect alarms and dashboard (on AWS's own AWS/DX metrics; nothing runs in the account).
   * @default true
   */
  readonly monitoring?: boolean;
  /**
   * What happens to the Direct Connect connections and LAGs the stack orders (`newConnection`, `resiliency`) when the
   * stack is destroyed or a change replaces them: `RETAIN` keeps the ports, their cross-connects and their bills in
   * the account (delete them yourself when you mean to), `DESTROY` gives them up (a new order starts over with a new
   * LOA-CFA). Not used with `existingConnectionId` (the stack creates no connection then).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * SNS topic for every alarm of the stack.
   * @default - the monitoring construct creates a KMS-encrypted topic
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * MACsec key (CKN/CAK) to associate with the connection the virtual interface uses: the new LAG (with
   * `newConnection.requestMacSec`), every path's LAG (with `resiliency.requestMacSec`), or the existing dedicated
   * connection or LAG (`existingConnectionId`, which must then be MACsec-capable). Your secret holding the pair as
   * JSON, in the stack's Region; the pair never appears in the template.
   * @default - no key: MACsec is not turned on
   */
  readonly macsecKey?: MacsecKey;
  /**
   * MACsec encryption mode set with `macsecKey`.
   * @default - left as AWS sets it
   */
  readonly macsecEncryptionMode?: MacsecEncryptionMode;
  /**
   * Rate limit (bandwidth allocation) of the public virtual interface (each interface with `resiliency`); the
   * utilization alarm and dashboard then measure the interface against it.
   * @default - no limit: the interface may use the whole port
   */
  readonly rateLimit?: RateLimit;
}

/**
 * A Direct Connect public virtual interface: an eBGP session with AWS (AS 7224) over a VLAN on a connection or
 * LAG, advertising your public prefixes and receiving AWS public routes.
 *
 * Longer than 400 lines on purpose: one jsii construct with its props interface (every prop documented with its
 * default), its import by attributes and the AWS/DX metric methods of its base; the input checks are already in
 * private/validate.ts and the community rules in private/community-scope.ts.
 */
import { ArnFormat, IResource, Resource, Stack, Tags, Tokenization } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dx from 'aws-cdk-lib/aws-directconnect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { enterConstruct, fail, isToken, leaveConstruct, show, warn } from '../private/errors';
import { BgpAuthKey } from './bgp-auth-key';
import { RegionPairScope } from '../locations/region-pair-scope';
import { BgpCommunityScope } from '../facts/bgp-community';
import { ConnectionKind, IDirectConnectConnection } from './connection';
import { DedicatedConnection } from './dedicated-connection';
import { LinkAggregationGroup } from './link-aggregation-group';
import { DX_FACTS } from '../facts/direct-connect-limits';
import { decideScope } from './private/community-scope';
import { bgpDimensions, dxMetric } from './private/metrics';
import { DX_METRICS } from '../facts/direct-connect-metrics';
import { reportOutsideStackRegion } from './private/location-checks';
import { checkRateLimit } from './private/connection-checks';
import { RateLimit } from './rate-limit';
import { applyTags, defaultName } from './private/util';
import {
  checkAsn, checkPeerAddress, checkPeerPair, checkPrefixFamilies, checkPrefixes, checkVifName, checkVlan, DOCUMENTATION_RANGE_TEXTS,
  isDocumentation, isPrivateAsn, privateRangesText,
} from './private/validate';
import { checkProps } from '../private/prop-types';

/** A Direct Connect virtual interface. */
export interface IVirtualInterface extends IResource {
  /**
   * The virtual interface id, `dxvif-...`.
   * @attribute
   */
  readonly virtualInterfaceId: string;
  /**
   * The virtual interface ARN.
   * @attribute
   */
  readonly virtualInterfaceArn: string;
}

/**
 * A public virtual interface, created here or imported with `PublicVirtualInterface.fromVirtualInterfaceAttributes`,
 * with its AWS/DX metrics.
 */
export interface IPublicVirtualInterface extends IVirtualInterface {
  /**
   * The connection or LAG the interface is attached to (`dxcon-...`, `dxlag-...`): the `ConnectionId` dimension of the
   * interface's metrics.
   */
  readonly attachedConnectionId: string;
  /** Whether the interface has an IPv6 BGP peer (its BGP metrics then also have an `ipv6` series). */
  readonly ipv6Enabled: boolean;
  /**
   * The route filter prefixes (the public prefixes you advertise); empty when not known (an import without them).
   * Their number per address family is the least AWS should accept.
   */
  readonly routeFilterPrefixes: string[];

  /** Any AWS/DX metric of this interface (dimensions `ConnectionId`, `VirtualInterfaceId`). */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /**
   * `VirtualInterfaceBgpStatus`: the BGP session, 1 up, 0 down (Minimum over 5 minutes). IPv4; pass
   * `dimensionsMap: { IpAddressFamily: 'ipv6' }` for the IPv6 session.
   */
  metricBgpStatus(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /**
   * `VirtualInterfaceBgpPrefixesAccepted`: prefixes AWS accepted from your router (Minimum over 5 minutes). IPv4;
   * `dimensionsMap: { IpAddressFamily: 'ipv6' }` for IPv6.
   */
  metricBgpPrefixesAccepted(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /**
   * `VirtualInterfaceBgpPrefixesAdvertised`: prefixes AWS advertises to your router (Minimum over 5 minutes). IPv4;
   * `dimensionsMap: { IpAddressFamily: 'ipv6' }` for IPv6.
   */
  metricBgpPrefixesAdvertised(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** `VirtualInterfaceBpsEgress`: bits per second leaving AWS on the interface (Average over 5 minutes). */
  metricVirtualInterfaceBpsEgress(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** `VirtualInterfaceBpsIngress`: bits per second arriving at AWS on the interface (Average over 5 minutes). */
  metricVirtualInterfaceBpsIngress(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** `VirtualInterfacePpsEgress`: packets per second leaving AWS on the interface (Average over 5 minutes). */
  metricVirtualInterfacePpsEgress(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** `VirtualInterfacePpsIngress`: packets per second arriving at AWS on the interface (Average over 5 minutes). */
  metricVirtualInterfacePpsIngress(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** What `PublicVirtualInterface.fromVirtualInterfaceAttributes` needs to know of an existing interface. */
export interface PublicVirtualInterfaceAttributes {
  /** The interface id, `dxvif-...`. */
  readonly virtualInterfaceId: string;
  /**
   * The connection or LAG the interface is attached to (`dxcon-...`, `dxlag-...`), as `aws directconnect
   * describe-virtual-interfaces` reports its `connectionId`: the `ConnectionId` dimension of its metrics.
   */
  readonly attachedConnectionId: string;
  /**
   * Whether the interface has an IPv6 BGP peer.
   * @default false
   */
  readonly ipv6Enabled?: boolean;
  /**
   * The interface's route filter prefixes, so that monitoring can alarm when AWS accepts fewer.
   * @default - unknown: no accepted-prefixes alarm
   */
  readonly routeFilterPrefixes?: string[];
}

/** The metrics every public virtual interface has, created or imported. */
abstract class PublicVirtualInterfaceBase extends Resource implements IPublicVirtualInterface {
  public abstract readonly virtualInterfaceId: string;
  public abstract readonly virtualInterfaceArn: string;
  public abstract readonly attachedConnectionId: string;
  public abstract readonly ipv6Enabled: boolean;
  public abstract readonly routeFilterPrefixes: string[];

  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    const fact = Object.values(DX_METRICS).find((m) => m.name === metricName);
    const dimensions = fact && fact.dimensions.includes('IpAddressFamily')
      ? bgpDimensions(this.attachedConnectionId, this.virtualInterfaceId)
      : { ConnectionId: this.attachedConnectionId, VirtualInterfaceId: this.virtualInterfaceId };
    return dxMetric(fact ?? { name: metricName, unit: 'None', dimensions: ['ConnectionId', 'VirtualInterfaceId'], statistic: 'Average', meaning: '' },
      dimensions, props).attachTo(this);
  }

  public metricBgpStatus(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.virtualInterfaceBgpStatus.name, props);
  }

  public metricBgpPrefixesAccepted(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.virtualInterfaceBgpPrefixesAccepted.name, props);
  }

  public metricBgpPrefixesAdvertised(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.virtualInterfaceBgpPrefixesAdvertised.name, props);
  }

  public metricVirtualInterfaceBpsEgress(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.virtualInterfaceBpsEgress.name, props);
  }

  public metricVirtualInterfaceBpsIngress(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.virtualInterfaceBpsIngress.name, props);
  }

  public metricVirtualInterfacePpsEgress(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.virtualInterfacePpsEgress.name, props);
  }

  public metricVirtualInterfacePpsIngress(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.virtualInterfacePpsIngress.name, props);
  }
}

/** Properties of a `PublicVirtualInterface`. */
export interface PublicVirtualInterfaceProps {
  /** Connection or LAG the interface attaches to (prefer a LAG when the connection is new in the same template). */
  readonly connection: IDirectConnectConnection;
  /**
   * 802.1Q VLAN tag, 1 to 4094, unused on the connection. Changing it replaces the interface.
   *
   * @remarks A replacement gives the interface a new id: its BGP session is down until AWS has verified the new
   * interface (up to 72 hours for a public one) and your router uses the new settings. Changing `vlan`,
   * `routeFilterPrefixes` or `allocationRole` replaces the interface; to add prefixes without replacement, AWS asks
   * for a Support case.
   */
  readonly vlan: number;
  /**
   * Your BGP ASN, 1 to 4294967294 (2-byte or 4-byte), not 7224 and not IANA-reserved (23456, 65535,
   * 65552-131071). A public ASN must be yours and approved by AWS;
   * a private ASN (64512-65534, 4200000000-4294967294) works but AS-path prepending then has no effect.
   */
  readonly asn: number;
  /**
   * Your router's IPv4 peer address in CIDR form, e.g. `198.51.100.1/30`: a public address you own (or one
   * AWS or your provider assigned), in the same subnet and with the same mask as `amazonAddress`.
   */
  readonly customerAddress: string;
  /** The AWS router's IPv4 peer address in CIDR form, e.g. `198.51.100.2/30`. */
  readonly amazonAddress: string;
  /**
   * Public prefixes you advertise, 1 to 1000 (IPv4 /1-/32, IPv6 /1-/64, no host bits, no duplicates). AWS
   * verifies you own them (up to 72 hours). IPv6 prefixes need `ipv6: true`. Changing them replaces the interface.
   *
   * @remarks AWS verifies the ASN, peer addresses and prefixes of every public virtual interface before it comes
   * up: it stays `verifying` for up to 72 hours, and you must own the prefixes (registered to you in the regional
   * internet registry) or hold a Letter of Authorization. Changing them later replaces the interface (new id, BGP
   * down until the new one is verified); to add prefixes without replacement, AWS asks for a Support case.
   */
  readonly routeFilterPrefixes: string[];
  /**
   * Add an IPv6 BGP peer. Amazon assigns its addresses (a /125); you cannot choose them.
   * @default false
   */
  readonly ipv6?: boolean;
  /**
   * How far AWS propagates your prefixes: the community your router must set on them. Relative to the Region the
   * connection's location is associated with, not to the Amazon Connect Region: a scope that does not reach every
   * `connectRegions` Region is refused; a wider one is allowed with a warning (`communityScopeWider`).
   * @default - derived from the Region pair (REGION when the location's Region is the Connect Region, CONTINENT
   * in the same continent group, GLOBAL otherwise); GLOBAL with a warning when the location's Region is unknown
   */
  readonly communityScope?: BgpCommunityScope;
  /**
   * The AWS Region the connection's Direct Connect location is associated with (the Region whose
   * `DescribeLocations` lists it; `cdk-connect-dx locations` prints it). For an imported connection; a new
   * connection knows it from its location, and a different value here is refused.
   * @default - the connection's `locationRegion`; unknown for an imported connection (the scope then defaults to GLOBAL)
   */
  readonly locationRegion?: string;
  /**
   * The Region(s) of the Amazon Connect instance(s) the interface must reach (two for a Global Resiliency pair).
   * @default - the stack's Region
   */
  readonly connectRegions?: string[];
  /**
   * Accept a `locationRegion` other than the stack's Region. Direct Connect creates an interface only on a connection
   * of its own Region, so this is refused by default (CloudFormation would fail); when acknowledged, the warning
   * `cdk-connect-dx:locationOutsideStackRegion` remains. For interfaces in several Regions, use
   * `ConnectDirectConnectStage`.
   * @default false - refused
   */
  readonly acknowledgeLocationOutsideStackRegion?: boolean;
  /**
   * Where the BGP MD5 key comes from.
   * @default BgpAuthKey.generate() - a 32-character key generated into a new Secrets Manager secret
   */
  readonly authKey?: BgpAuthKey;
  /**
   * Name of the interface: 1 to 100 characters from a-z, 0-9 and `-` (the Direct Connect API rule).
   * @default - a name derived from the construct path
   */
  readonly virtualInterfaceName?: string;
  /**
   * Role in the owner account of a hosted virtual interface, for an interface a connection owner (Partner)
   * allocates to another account. Replaces the interface when changed.
   *
   * @remarks A replacement gives the interface a new id, and its BGP session is down until the new one is verified.
   * @default - none: the interface is owned by this account
   */
  readonly allocationRole?: iam.IRole;
  /**
   * The most bandwidth the interface may use on its dedicated connection or LAG, in both directions (Direct Connect
   * drops the excess): keeps other traffic on the port from starving it and it from starving others. Not on a
   * hosted connection; never above the parent's bandwidth.
   * @default - no limit: the interface may use the whole port
   * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/vif-rate-limiters.html
   */
  readonly rateLimit?: RateLimit;
  /**
   * Tags on the interface (and on a generated key secret).
   * @default - only the `bgp-community-scope` tag
   */
  readonly tags?: Record<string, string>;
}

/**
 * Creates a Direct Connect public virtual interface (`AWS::DirectConnect::PublicVirtualInterface`) with an IPv4
 * BGP peer, an optional IPv6 peer, a BGP MD5 key held in Secrets Manager, and a tag recording the BGP community
 * scope your router must set.
 *
 * ```ts
 * declare const lag: LinkAggregationGroup;
 * const vif = new PublicVirtualInterface(this, 'Vif', {
 *   connection: lag,
 *   vlan: 101,
 *   asn: 65000,
 *   customerAddress: '198.51.100.1/30',
 *   amazonAddress: '198.51.100.2/30',
 *   routeFilterPrefixes: ['198.51.100.0/24'],
 * });
 * vif.community;     // from the location's Region and the stack's Region, e.g. '7224:9100' when they are the same
 * vif.authKeySecret; // the secret holding the MD5 key
 * ```
 * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/create-vif.html
 */
export class PublicVirtualInterface extends PublicVirtualInterfaceBase {
  /** Key of the tag that records the BGP community (e.g. `7224:9100`) on the interface. */
  public static readonly COMMUNITY_TAG_KEY = 'bgp-community-scope';

  /**
   * An interface created elsewhere (another stack, the console), so that it can be monitored
   * (`DirectConnectMonitoring`'s `virtualInterfaces`) or graphed with its `metricXxx()` methods. Creates nothing.
   */
  public static fromVirtualInterfaceAttributes(scope: Construct, id: string, attrs: PublicVirtualInterfaceAttributes): IPublicVirtualInterface {
    checkProps('PublicVirtualInterfaceAttributes', attrs);
    checkImportAttributes(attrs);
    return new ImportedPublicVirtualInterface(scope, id, attrs);
  }

  /** @attribute */
  public readonly virtualInterfaceId: string;
  /** @attribute */
  public readonly virtualInterfaceArn: string;
  /** The connection or LAG it attaches to. */
  public readonly connection: IDirectConnectConnection;
  /** The BGP community scope (given, or derived from the Region pair). */
  public readonly communityScope: BgpCommunityScope;
  /**
   * The Region pair the scope was derived or checked against, with the AWS communities to accept inbound.
   * Undefined when the location's Region or the Connect Region is unknown.
   */
  public readonly regionPair?: RegionPairScope;
  /** The community your router sets on advertised prefixes, e.g. `7224:9100`. */
  public readonly community: string;
  /** The VLAN tag. */
  public readonly vlan: number;
  /** Your BGP ASN. */
  public readonly asn: number;
  /** Your router's IPv4 peer address (CIDR form). */
  public readonly customerAddress: string;
  /** The AWS router's IPv4 peer address (CIDR form). */
  public readonly amazonAddress: string;
  /** Whether an IPv6 peer is configured (its addresses are assigned by Amazon, read them after deployment). */
  public readonly ipv6Enabled: boolean;
  /** The connection or LAG the interface is attached to (`connection.connectionId`). */
  public readonly attachedConnectionId: string;
  /** The secret holding the BGP MD5 key (generated or yours). */
  public readonly authKeySecret: secretsmanager.ISecret;
  /** The interface name. */
  public readonly virtualInterfaceName: string;
  /**
   * The rate limit, if one is set.
   * @default - none
   */
  public readonly rateLimit?: RateLimit;
  private readonly prefixes: string[];

  constructor(scope: Construct, id: string, props: PublicVirtualInterfaceProps) {
    super(scope, id);
    enterConstruct(this);
    checkProps('PublicVirtualInterfaceProps', props);
    checkVlan(props.vlan);
    checkAsn(props.asn);
    const customer = checkPeerAddress('customerAddress', props.customerAddress);
    const amazon = checkPeerAddress('amazonAddress', props.amazonAddress);
    if (customer && amazon) checkPeerPair(customer, amazon);
    const prefixes = checkPrefixes(props.routeFilterPrefixes);
    checkPrefixFamilies(props.routeFilterPrefixes, props.ipv6 ?? false);
    const name = props.virtualInterfaceName ?? defaultName(this);
    checkVifName(name);
    checkAllocationRole(props.allocationRole);
    checkConnectionForVif(props.connection);
    if (props.rateLimit) {
      checkRateLimit(props.rateLimit, props.connection, props.connection instanceof LinkAggregationGroup ? props.connection._memberCount : undefined);
    }
    claimVlan(this, props.connection, props.vlan);

    this.connection = props.connection;
    this.attachedConnectionId = idOfConnection(props.connection.connectionId);
    const decision = decideScope(this, {
      chosen: props.communityScope,
      connectionLocationRegion: props.connection.locationRegion,
      locationCode: locationCodeOf(props.connection),
      locationRegion: props.locationRegion,
      connectRegions: props.connectRegions ?? [Stack.of(this).region],
      connectRegionsGiven: props.connectRegions !== undefined,
    });
    checkImportedLocationRegion(this, props.connection, props.locationRegion, props.acknowledgeLocationOutsideStackRegion ?? false);
    this.communityScope = decision.scope;
    this.regionPair = decision.pair;
    this.community = this.communityScope.community;
    this.vlan = props.vlan;
    this.asn = props.asn;
    this.customerAddress = props.customerAddress;
    this.amazonAddress = props.amazonAddress;
    this.prefixes = [...props.routeFilterPrefixes];
    this.ipv6Enabled = props.ipv6 ?? false;
    this.virtualInterfaceName = name;
    this.rateLimit = props.rateLimit;

    const key = (props.authKey ?? BgpAuthKey.generate())._bind(this,
      `BGP MD5 key of Direct Connect public virtual interface ${name} (VLAN ${props.vlan}); also set on the customer router`);
    this.authKeySecret = key.secret;

    // CloudFormation takes the ASN as a string (4-byte ASNs above 2147483647 included); a number token stays a token.
    const asn = Tokenization.stringifyNumber(props.asn);
    const peers: dx.CfnPublicVirtualInterface.BgpPeerProperty[] = [{
      addressFamily: 'ipv4',
      asn,
      authKey: key.dynamicReference,
      customerAddress: props.customerAddress,
      amazonAddress: props.amazonAddress,
    }];
    if (this.ipv6Enabled) peers.push({ addressFamily: 'ipv6', asn, authKey: key.dynamicReference });

    const resource = new dx.CfnPublicVirtualInterface(this, 'Resource', {
      connectionId: props.connection.connectionId,
      vlan: props.vlan,
      virtualInterfaceName: name,
      bgpPeers: peers,
      routeFilterPrefixes: this.prefixes,
      allocatePublicVirtualInterfaceRoleArn: props.allocationRole?.roleArn,
      rateLimit: props.rateLimit?.value,
    });
    if (props.rateLimit) {
      // cfn-lint 1.51 (the version these templates are checked with) predates RateLimit (2026-06) and reports it as an
      // unknown property (E3002); CloudFormation and aws-cdk-lib 2.276 (CfnPublicVirtualInterface.rateLimit) know it.
      // Switched off for this resource only, and only when the property is set.
      resource.addMetadata('cfn-lint', { config: { ignore_checks: ['E3002'] } });
    }
    applyTags(this, props.tags);
    Tags.of(resource).add(PublicVirtualInterface.COMMUNITY_TAG_KEY, this.community);
    this.virtualInterfaceId = resource.attrVirtualInterfaceId;
    this.virtualInterfaceArn = resource.attrVirtualInterfaceArn;

    this.addWarnings(props, customer !== undefined && isDocumentation(customer) || amazon !== undefined && isDocumentation(amazon),
      prefixes.filter(isDocumentation).map((c) => c.text));
    leaveConstruct(this);
  }

  /** The public prefixes advertised (a copy). */
  public get routeFilterPrefixes(): string[] {
    return [...this.prefixes];
  }

  private addWarnings(props: PublicVirtualInterfaceProps, docPeer: boolean, docPrefixes: string[]): void {
    if (props.connection.kind === ConnectionKind.DEDICATED && props.connection.createdInThisStack) {
      warn(this, 'vifOnNewConnection', `virtual interface ${this.node.path} attaches directly to a connection created in this app; `
        + 'a new connection stays \'requested\' until AWS provisions it and the cross-connect is done, so the interface cannot '
        + 'be created in the same deployment. Attach it to a LinkAggregationGroup the connection joins (CloudFormation\'s '
        + 'recommendation), or import the connection once it is available.');
    }
    if (docPeer || docPrefixes.length > 0) {
      const what = [docPeer ? `peer addresses ${show(props.customerAddress)}/${show(props.amazonAddress)}` : '',
        docPrefixes.length ? `routeFilterPrefixes ${docPrefixes.join(', ')}` : ''].filter(Boolean).join(' and ');
      warn(this, 'documentationAddress', `${what} lie in documentation ranges (${DOCUMENTATION_RANGE_TEXTS.join(', ')}): `
        + 'placeholders that AWS will not verify; replace them with public addresses you own before deploying.');
    }
    if (!isToken(props.asn) && !isPrivateAsn(props.asn)) {
      warn(this, 'publicAsn', `asn ${props.asn} is a public ASN: it must be registered to you and approved by AWS. `
        + `If you do not own it, use a private ASN (${privateRangesText()}); AS-path prepending does not work with a private ASN.`);
    }
  }
}

class ImportedPublicVirtualInterface extends PublicVirtualInterfaceBase {
  public readonly virtualInterfaceId: string;
  public readonly virtualInterfaceArn: string;
  public readonly attachedConnectionId: string;
  public readonly ipv6Enabled: boolean;
  private readonly prefixes: string[];

  constructor(scope: Construct, id: string, attrs: PublicVirtualInterfaceAttributes) {
    super(scope, id);
    this.virtualInterfaceId = attrs.virtualInterfaceId;
    this.attachedConnectionId = attrs.attachedConnectionId;
    this.ipv6Enabled = attrs.ipv6Enabled ?? false;
    this.prefixes = [...(attrs.routeFilterPrefixes ?? [])];
    this.virtualInterfaceArn = Stack.of(this).formatArn({
      service: 'directconnect', resource: 'dxvif', resourceName: attrs.virtualInterfaceId, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  public get routeFilterPrefixes(): string[] {
    return [...this.prefixes];
  }
}

const VIF_ID = /^dxvif-[a-zA-Z0-9]{8,21}$/;
const ATTACHED_ID = /^dx(con|lag)-[a-zA-Z0-9]{8,21}$/;

/** A connection's id from its id or ARN (CloudWatch's `ConnectionId` dimension holds the id); tokens pass through. */
function idOfConnection(value: string): string {
  if (isToken(value)) return value;
  return /(dx(con|lag)-[a-zA-Z0-9]{8,21})$/.exec(value)?.[1] ?? value;
}

/** An imported interface: ids in the Direct Connect format, prefixes as a public interface takes them. */
function checkImportAttributes(attrs: PublicVirtualInterfaceAttributes): void {
  if (!isToken(attrs.virtualInterfaceId) && !VIF_ID.test(attrs.virtualInterfaceId)) {
    fail('virtualInterfaceId', `must be a virtual interface id (dxvif- followed by 8 to 21 letters or digits), got ${show(attrs.virtualInterfaceId)}`);
  }
  if (!isToken(attrs.attachedConnectionId) && !ATTACHED_ID.test(attrs.attachedConnectionId)) {
    fail('attachedConnectionId', `must be the id of the connection or LAG the interface is on (dxcon-/dxlag- followed by 8 to 21 letters or digits), got ${show(attrs.attachedConnectionId)}`);
  }
  if (attrs.routeFilterPrefixes !== undefined) {
    checkPrefixes(attrs.routeFilterPrefixes);
    checkPrefixFamilies(attrs.routeFilterPrefixes, attrs.ipv6Enabled ?? false);
  }
}

function checkAllocationRole(role: iam.IRole | undefined): void {
  if (!role || isToken(role.roleArn)) return;
  if (!DX_FACTS.allocationRolePattern.value.test(role.roleArn)) {
    fail('allocationRole', `must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got ${show(role.roleArn)}`);
  }
}

/** Per stack: connection id (literal or token string) -> the interfaces on it (paths) and the VLANs they use. */
const IN_USE = new WeakMap<Stack, Map<string, { paths: string[]; vlans: Map<number, string> }>>();

/**
 * Registers the interface on its connection. Within one stack, a VLAN already used on the same connection is
 * refused, and so is a second interface on a hosted connection (it takes exactly one).
 */
function claimVlan(vif: Construct, connection: IDirectConnectConnection, vlan: number): void {
  const stack = Stack.of(vif);
  const byConnection = IN_USE.get(stack) ?? new Map<string, { paths: string[]; vlans: Map<number, string> }>();
  IN_USE.set(stack, byConnection);
  const used = byConnection.get(connection.connectionId) ?? { paths: [], vlans: new Map<number, string>() };
  byConnection.set(connection.connectionId, used);
  const where = isToken(connection.connectionId) ? `connection ${show(connection.node.path)}` : show(connection.connectionId);
  const max = DX_FACTS.vifsPerHostedConnection.value;
  if (connection.kind === ConnectionKind.HOSTED && used.paths.length >= max) {
    fail('connection', `must not carry another virtual interface: the hosted connection ${where} takes ${max} `
      + `(fixed AWS quota) and ${used.paths.map((p) => show(p)).join(', ')} already uses it`);
  }
  if (!isToken(vlan)) {
    const other = used.vlans.get(vlan);
    if (other !== undefined) {
      fail('vlan', `must not be in use on the connection already, got ${vlan}, which ${show(other)} uses on ${where}; `
        + 'give each virtual interface on a connection its own VLAN');
    }
    used.vlans.set(vlan, vif.node.path);
  }
  used.paths.push(vif.node.path);
}

function checkConnectionForVif(connection: IDirectConnectConnection): void {
  if (connection.kind === ConnectionKind.HOSTED && connection.macsecRequested) {
    fail('connection', `must not request MACsec on a hosted connection (MACsec is for dedicated connections only), got ${show(connection.connectionId)}`);
  }
}

/** The location code of a connection created in the app (for messages); undefined for an import. */
function locationCodeOf(connection: IDirectConnectConnection): string | undefined {
  return connection instanceof LinkAggregationGroup || connection instanceof DedicatedConnection ? connection.location : undefined;
}

/**
 * An imported connection lives in the Region its location is associated with (DX_FACTS.connectionInLocationRegion),
 * and the interface only on a connection of its own Region: a given `locationRegion` other than the stack's is
 * refused unless acknowledged. (A new connection or LAG reports its own location.)
 */
function checkImportedLocationRegion(scope: Construct, connection: IDirectConnectConnection, locationRegion: string | undefined, acknowledged: boolean): void {
  const stackRegion = Stack.of(scope).region;
  if (connection.locationRegion !== undefined || locationRegion === undefined || isToken(locationRegion) || isToken(stackRegion)) return;
  if (locationRegion === stackRegion) return;
  reportOutsideStackRegion(scope, 'locationRegion', show(locationRegion), locationRegion, stackRegion, acknowledged);
}

/**
 * A resiliency model built out: the dedicated connections it needs at the given locations (each joining its own
 * LAG, which takes the virtual interface at once), one public virtual interface per connection with the same
 * prefixes, scope and MD5 policy, peer addresses carved from one pool, and the intent recorded in an
 * `AWS::DirectConnect::ResiliencyGroup`.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import * as dx from 'aws-cdk-lib/aws-directconnect';
import { Construct } from 'constructs';
import { BgpAuthKey } from '../direct-connect/bgp-auth-key';
import { BgpCommunityScope } from '../direct-connect/bgp-community';
import { DedicatedBandwidth } from '../direct-connect/connection';
import { DedicatedConnection } from '../direct-connect/dedicated-connection';
import { LinkAggregationGroup } from '../direct-connect/link-aggregation-group';
import { PublicVirtualInterface } from '../direct-connect/public-virtual-interface';
import { ContinentGroup } from '../locations/continent-groups';
import { DirectConnectLocation } from '../locations/direct-connect-location';
import { RegionPairScope } from '../locations/region-pair-scope';
import { fail, isToken, show, warn } from '../private/errors';
import { carvePeerAddresses } from './private/carve';
import { ResiliencyModel } from './resiliency-model';

/** A customer/Amazon peer address pair of one virtual interface. */
export interface PeerAddressPair {
  /** Your router's IPv4 peer address in CIDR form, e.g. `198.51.100.1/31`. */
  readonly customerAddress: string;
  /** The AWS router's IPv4 peer address in CIDR form, e.g. `198.51.100.0/31`. */
  readonly amazonAddress: string;
}

/** Properties of a `ResilientDirectConnect`. */
export interface ResilientDirectConnectProps {
  /** The resiliency model: how many locations and connections, and what AWS promises. */
  readonly model: ResiliencyModel;
  /**
   * Distinct Direct Connect location codes, e.g. `['EqDC2', 'CSVA1']`: two or more for MAXIMUM and HIGH, one for
   * DEVELOPMENT. Locations whose associated Regions are on different continents are refused unless
   * `acknowledgeCrossContinent` is true.
   */
  readonly locations: string[];
  /** Port speed of every connection. */
  readonly bandwidth: DedicatedBandwidth;
  /** 802.1Q VLAN of every virtual interface (each is on its own connection, so one VLAN serves all). */
  readonly vlan: number;
  /** Your BGP ASN, the same on every interface. */
  readonly asn: number;
  /** The public prefixes every interface advertises (the same route filter prefixes on each). */
  readonly routeFilterPrefixes: string[];
  /**
   * One IPv4 pool (e.g. a /29 of public space you own) the peer addresses are carved from: interface i gets the
   * i-th /31 (Amazon the even address, you the odd one), so adding locations at the end keeps the others' addresses.
   * Give this or `peerAddresses`.
   * @default - use `peerAddresses`
   */
  readonly peerAddressPool?: string;
  /**
   * Explicit peer addresses, one pair per interface in path order (location order, then connection order).
   * @default - carved from `peerAddressPool`
   */
  readonly peerAddresses?: PeerAddressPair[];
  /**
   * Add an IPv6 peer on every interface.
   * @default false
   */
  readonly ipv6?: boolean;
  /**
   * How far AWS propagates your prefixes (the same on every interface).
   * @default - the widest scope any location's Region derives for the stack's Region (the same on every interface)
   */
  readonly communityScope?: BgpCommunityScope;
  /**
   * The MD5 key policy, applied to every interface: `BgpAuthKey.generate()` gives each interface its own secret;
   * `BgpAuthKey.fromSecret(...)` makes every interface use that one secret.
   * @default BgpAuthKey.generate() - a secret per interface
   */
  readonly authKey?: BgpAuthKey;
  /**
   * Request MACsec on every connection and LAG (10 Gbps and faster).
   * @default false
   */
  readonly requestMacSec?: boolean;
  /**
   * Accept locations whose associated Regions are on different continents (traffic to a far location crosses
   * continents when the near one fails, and community scopes differ per location).
   * @default false - such locations are refused
   */
  readonly acknowledgeCrossContinent?: boolean;
  /**
   * Name of the resiliency group (letters, digits, `-`, `_`, up to 255).
   * @default - derived from the construct path
   */
  readonly resiliencyGroupName?: string;
}

/**
 * Orders the connections a Direct Connect resiliency model needs at the given locations, each joining its own LAG,
 * and creates one public virtual interface per path with the same prefixes, scope and MD5 policy, peer addresses
 * carved from one pool. MAXIMUM and HIGH are recorded in an `AWS::DirectConnect::ResiliencyGroup`.
 *
 * ```ts
 * const resilient = new ResilientDirectConnect(this, 'Dx', {
 *   model: ResiliencyModel.HIGH,
 *   locations: ['EqDC2', 'CSVA1'],
 *   bandwidth: DedicatedBandwidth.GBPS_10,
 *   vlan: 101,
 *   asn: 65000,
 *   routeFilterPrefixes: ['203.0.113.0/24'],
 *   peerAddressPool: '198.51.100.0/29',
 * });
 * resilient.virtualInterfaces.length; // 2
 * ```
 * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/resiliency_toolkit.html
 */
export class ResilientDirectConnect extends Construct {
  /** The model built. */
  public readonly model: ResiliencyModel;
  /** The location of each path, in path order. */
  public readonly pathLocations: string[];
  /** The dedicated connection of each path. */
  public readonly connections: DedicatedConnection[];
  /** The LAG of each path (its connection joins it; the interface attaches to it). */
  public readonly lags: LinkAggregationGroup[];
  /** The public virtual interface of each path. */
  public readonly virtualInterfaces: PublicVirtualInterface[];
  /** The peer addresses of each path. */
  public readonly peerAddresses: PeerAddressPair[];
  /**
   * The resiliency group recording the model.
   * @default - none for DEVELOPMENT (AWS documents no resiliency group value for it)
   */
  public readonly resiliencyGroup?: dx.CfnResiliencyGroup;

  constructor(scope: Construct, id: string, props: ResilientDirectConnectProps) {
    super(scope, id);
    this.model = props.model;
    const locations = checkLocations(this, props);
    this.pathLocations = locations.flatMap((l) => Array<string>(props.model.connectionsPerLocation).fill(l));
    const count = this.pathLocations.length;
    this.peerAddresses = peerAddressesFor(props, count);

    this.connections = [];
    this.lags = [];
    this.virtualInterfaces = [];
    const authKey = props.authKey ?? BgpAuthKey.generate();
    const communityScope = props.communityScope ?? sharedScope(this, locations);
    this.pathLocations.forEach((location, i) => {
      const path = `Path${i + 1}`;
      const lag = new LinkAggregationGroup(this, `${path}Lag`, {
        location, connectionsBandwidth: props.bandwidth, requestMacSec: props.requestMacSec,
      });
      const connection = new DedicatedConnection(this, `${path}Connection`, {
        location, bandwidth: props.bandwidth, requestMacSec: props.requestMacSec, lag,
      });
      const vif = new PublicVirtualInterface(this, `${path}VirtualInterface`, {
        connection: lag,
        vlan: props.vlan,
        asn: props.asn,
        customerAddress: this.peerAddresses[i].customerAddress,
        amazonAddress: this.peerAddresses[i].amazonAddress,
        routeFilterPrefixes: props.routeFilterPrefixes,
        ipv6: props.ipv6,
        communityScope,
        authKey,
      });
      this.lags.push(lag);
      this.connections.push(connection);
      this.virtualInterfaces.push(vif);
    });

    if (props.model.resiliencyGroupModel !== undefined) {
      const name = props.resiliencyGroupName ?? this.node.path.replace(/[^A-Za-z0-9_-]/g, '-').slice(-255);
      if (!isToken(name) && !/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
        fail('resiliencyGroupName', `must be 1 to 255 letters, digits, '-' or '_', got ${show(name)}`);
      }
      this.resiliencyGroup = new dx.CfnResiliencyGroup(this, 'ResiliencyGroup', {
        resiliencyGroupName: name,
        intendedResiliencyModel: props.model.resiliencyGroupModel,
        connectionArns: this.connections.map((c) => c.connectionArn),
      });
      // cfn-lint 1.51 (the version these templates are checked with) and the resource schemas behind CDK's template
      // validation predate AWS::DirectConnect::ResiliencyGroup: both report the type as unknown (cfn-lint E3006, CDK
      // F3006). CloudFormation and aws-cdk-lib 2.276 (CfnResiliencyGroup) know it. This is the one place that check is
      // switched off, and only for this resource.
      const reason = 'AWS::DirectConnect::ResiliencyGroup is newer than the resource specification of cfn-lint 1.51 and of CDK\'s template validation; CloudFormation and aws-cdk-lib 2.276 (CfnResiliencyGroup) support it';
      this.resiliencyGroup.addMetadata('cfn-lint', { config: { ignore_checks: ['E3006'] } });
      Validations.of(this.resiliencyGroup).acknowledge({ id: 'CloudFormation-Validate::F3006', reason });
    }
    warn(this, 'resiliencySeparateDevices', `${props.model.awsName}: AWS places each connection on a device when it provisions it; `
      + 'after provisioning, check that connections at the same location report different awsLogicalDeviceId values '
      + '(aws directconnect describe-connections), and test failover with `cdk-connect-dx failover-test`.');
  }
}

/**
 * The one scope every interface uses when none is given: the widest of what each location's Region derives for the
 * stack's Region (REGION when all are in that Region). Unknown locations leave it to each interface (undefined).
 */
function sharedScope(scope: Construct, locations: string[]): BgpCommunityScope | undefined {
  const region = Stack.of(scope).region;
  const known = locations.map((code) => DirectConnectLocation.tryOf(code));
  if (isToken(region) || known.some((l) => l === undefined)) return undefined;
  const order = BgpCommunityScope.all();
  const derived = known.map((l) => RegionPairScope.derive(l!.region, [region]).scope);
  return derived.reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a));
}

function checkLocations(scope: Construct, props: ResilientDirectConnectProps): string[] {
  const model = props.model;
  const given = props.locations ?? [];
  if (isToken(given)) fail('locations', 'must be a literal list of location codes (the model is checked at synth time), got a token');
  const seen = new Map<string, number>();
  given.forEach((code, i) => {
    if (isToken(code)) fail(`locations[${i}]`, 'must be a literal location code, got a token');
    const key = code.toUpperCase();
    const before = seen.get(key);
    if (before !== undefined) {
      fail('locations', `must be distinct Direct Connect locations, got ${show(code)} twice (locations[${before}] and locations[${i}]); `
        + `${model.awsName} needs ${model.layout}`);
    }
    seen.set(key, i);
  });
  const distinct = given.length;
  if (distinct < model.minLocations || (model.maxLocations !== undefined && distinct > model.maxLocations)) {
    const want = model.maxLocations === model.minLocations ? `exactly ${model.minLocations}` : `at least ${model.minLocations}`;
    fail('locations', `must hold ${want} distinct Direct Connect location${model.minLocations > 1 ? 's' : ''} for the ${model.name} model `
      + `(${model.layout}), got ${distinct}: ${given.map(show).join(', ') || 'none'}`
      + (model.name === 'DEVELOPMENT' ? '; for several locations use HIGH or MAXIMUM' : ''));
  }
  // A code the snapshot lacks is refused by the LinkAggregationGroup (with the fix); here only known ones are compared.
  const known = given.map((code) => DirectConnectLocation.tryOf(code)).filter((l): l is DirectConnectLocation => l !== undefined);
  for (let a = 0; a < known.length; a++) {
    for (let b = a + 1; b < known.length; b++) {
      const x = known[a];
      const y = known[b];
      if (x.region === y.region || ContinentGroup.sameContinent(x.region, y.region)) continue;
      if (!props.acknowledgeCrossContinent) {
        fail('locations', `${show(x.code)} (${x.region}, ${ContinentGroup.ofRegion(x.region).label}) and ${show(y.code)} (${y.region}, `
          + `${ContinentGroup.ofRegion(y.region).label}) are associated with Regions on different continents: when one fails, traffic `
          + 'crosses continents and the community scopes differ per location; pick locations on one continent or set acknowledgeCrossContinent');
      }
      warn(scope, 'crossContinentLocations', `locations ${show(x.code)} (${x.region}) and ${show(y.code)} (${y.region}) are on different continents (acknowledged)`);
    }
  }
  return given;
}

function peerAddressesFor(props: ResilientDirectConnectProps, count: number): PeerAddressPair[] {
  if (props.peerAddressPool !== undefined && props.peerAddresses !== undefined) {
    fail('peerAddressPool', 'and peerAddresses are both set; give a pool to carve from or explicit pairs, not both');
  }
  if (props.peerAddressPool !== undefined) {
    if (isToken(props.peerAddressPool)) fail('peerAddressPool', 'must be a literal CIDR (addresses are carved at synth time), got a token');
    return carvePeerAddresses(props.peerAddressPool, count, 'peerAddressPool');
  }
  if (props.peerAddresses === undefined) {
    fail('peerAddressPool', `is required (or peerAddresses): ${count} virtual interfaces need ${count} /31s of public IPv4 space you own, e.g. a /29`);
  }
  if (props.peerAddresses.length !== count) {
    fail('peerAddresses', `must hold one pair per virtual interface, ${count} for ${props.model.name} at ${props.locations.length} location(s), got ${props.peerAddresses.length}`);
  }
  return props.peerAddresses;
}

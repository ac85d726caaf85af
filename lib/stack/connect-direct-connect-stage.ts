/**
 * A Direct Connect topology whose locations are associated with several AWS Regions, as one CDK `Stage`: one
 * `ConnectDirectConnectStack` per location Region (Direct Connect creates a connection in the Region its location is
 * associated with), all with the same shared settings and the same Amazon Connect Region set, each interface's scope
 * derived from its own location. A resiliency model split this way is recorded in one resiliency group.
 */
import { Annotations, ReferenceStrength, Stack, Stage, StageProps } from 'aws-cdk-lib';
import * as dx from 'aws-cdk-lib/aws-directconnect';
import { Construct } from 'constructs';
import { resolveConnectRegions } from '../connect-endpoints/connect-regions';
import { DedicatedBandwidth } from '../direct-connect/connection';
import { DirectConnectLocation } from '../locations/direct-connect-location';
import { contains, parseCidr } from '../private/cidr';
import { fail, isToken, show } from '../private/errors';
import { checkProps } from '../private/prop-types';
import { carvePeerAddresses } from '../resiliency/private/carve';
import { groupNameFromPath, recordResiliencyGroup } from '../resiliency/private/group';
import { PeerAddressPair } from '../resiliency/resilient-direct-connect';
import { ConnectDirectConnectStack } from './connect-direct-connect-stack';
import { ConnectDirectConnectStackProps, ResiliencyOptions } from './stack-props';

/** One connection of a `ConnectDirectConnectStage` and the public virtual interface on it. */
export interface StageConnectionOptions {
  /**
   * An existing dedicated or hosted connection, or LAG (`dxcon-...`, `dxlag-...` or its ARN). Give this (with
   * `locationRegion`) or `location`.
   * @default - a new connection at `location`
   */
  readonly existingConnectionId?: string;
  /**
   * The Region the connection's location is associated with (`cdk-connect-dx locations` prints it): the Region of its
   * stack. Required with `existingConnectionId`; with `location`, it must agree with the location snapshot.
   * @default - from `location`
   */
  readonly locationRegion?: string;
  /**
   * Direct Connect location code of a new dedicated connection (ordered with a LAG the interface attaches to).
   * @default - use `existingConnectionId`
   */
  readonly location?: string;
  /**
   * Port speed: of the new connection (required with `location`), or of the existing one (for its utilization alarm).
   * @default - required with `location`; unknown for an existing connection (no utilization alarm)
   */
  readonly bandwidth?: DedicatedBandwidth;
  /**
   * Request MACsec on the new connection and its LAG (10 Gbps and faster).
   * @default false
   */
  readonly requestMacSec?: boolean;
  /** Your router's peer address of this interface in CIDR form, e.g. `198.51.100.1/31`. */
  readonly customerAddress: string;
  /** The AWS router's peer address of this interface in CIDR form, e.g. `198.51.100.0/31`. */
  readonly amazonAddress: string;
  /**
   * 802.1Q VLAN of this interface.
   * @default - the shared settings' `vlan`
   */
  readonly vlan?: number;
}

/** Properties of a `ConnectDirectConnectStage`. */
export interface ConnectDirectConnectStageProps extends StageProps {
  /**
   * The settings every stack shares, given once: the props of `ConnectDirectConnectStack` without the per-location
   * parts (`newConnection`, `existingConnectionId`, `existingConnectionBandwidth`, `customerAddress`,
   * `amazonAddress`, `locationRegion`, `resiliency`, `env.region`, `stackName`: those are refused here, the stage
   * sets them per stack). Its Amazon Connect Region set (`connectRegions`, or with Global Resiliency the pair)
   * applies to every stack; without one, the Region of the first location.
   */
  readonly settings: ConnectDirectConnectStackProps;
  /**
   * A resiliency model over locations of several Regions: the stage orders each location's connections in the stack
   * of its Region, carves every interface's peer addresses from the one pool (or takes `peerAddresses` in path
   * order: location order, then connection order), and records the model in one resiliency group. Give this or
   * `connections`.
   * @default - use `connections`
   */
  readonly resiliency?: ResiliencyOptions;
  /**
   * Connections (new or existing) across Regions, one public virtual interface each; the stack of a Region takes its
   * first connection, a second connection in the same Region gets a stack of its own. Give this or `resiliency`.
   * @default - use `resiliency`
   */
  readonly connections?: StageConnectionOptions[];
  /**
   * Name of the resiliency group that records a MAXIMUM or HIGH model (letters, digits, `-`, `_`, up to 255).
   * @default - derived from the stage's path
   */
  readonly resiliencyGroupName?: string;
}

/** Settings that belong to one location: the stage sets them per stack. */
const PER_LOCATION = ['newConnection', 'existingConnectionId', 'existingConnectionBandwidth', 'customerAddress', 'amazonAddress',
  'locationRegion', 'resiliency', 'stackName'] as const;

/** One interface of the stage, for the VLAN and peer-address checks. */
interface StageInterface {
  readonly where: string;
  /** The existing connection (id, lower case); undefined for a port the stage orders for this interface alone. */
  readonly connection?: string;
  readonly vlan: number;
  readonly customerAddress: string;
  readonly amazonAddress: string;
}

/**
 * A Direct Connect topology over locations associated with several AWS Regions: one `ConnectDirectConnectStack` per
 * location Region (a connection lives in its location's Region), each with the same settings and the same Amazon
 * Connect Region set, each interface's BGP community scope derived from its own location. A MAXIMUM or HIGH model is
 * recorded in one `AWS::DirectConnect::ResiliencyGroup` (in the first location's stack) holding every connection.
 * The stacks are created in the constructor, so the stage can be given to CDK Pipelines' `addStage`.
 *
 * Two interfaces with the same VLAN on the same connection, and interfaces whose peer subnets overlap, are refused.
 *
 * ```ts
 * declare const app: App;
 * const stage = new ConnectDirectConnectStage(app, 'ContactCentreDx', {
 *   settings: {
 *     instanceAlias: 'my-contact-centre',
 *     connectRegions: ['us-east-1'],
 *     vlan: 101,
 *     asn: 65000,
 *     routeFilterPrefixes: ['203.0.113.0/24'],
 *     agentCidrs: ['10.20.0.0/16'],
 *   },
 *   resiliency: {
 *     model: ResiliencyModel.HIGH,
 *     locations: ['EqDC2', 'EqSE2'], // us-east-1 and us-west-2
 *     bandwidth: DedicatedBandwidth.GBPS_10,
 *     peerAddressPool: '198.51.100.0/29',
 *   },
 * });
 * stage.stacks; // two stacks: one in us-east-1 (EqDC2), one in us-west-2 (EqSE2)
 * ```
 */
export class ConnectDirectConnectStage extends Stage {
  /** One stack per location Region (per connection with `connections` when a Region has several), in location order. */
  public readonly stacks: ConnectDirectConnectStack[];
  /**
   * The resiliency group recording a MAXIMUM or HIGH model over every connection of the stage (in the first stack).
   * @default - none: no model (`connections`), or DEVELOPMENT
   */
  public readonly resiliencyGroup?: dx.CfnResiliencyGroup;
  /**
   * The Amazon Connect Regions every stack reaches: `settings.connectRegions`, else the first location's Region; with
   * Global Resiliency, the pair's Regions.
   */
  public readonly connectRegions: string[];
  /** The Region of the first location (or connection): its stack holds the resiliency group. */
  private firstRegion?: string;

  constructor(scope: Construct, id: string, props: ConnectDirectConnectStageProps) {
    // the stage's own props are type-checked for JavaScript callers before Stage reads them (the settings are
    // checked by each stack)
    checkProps('ConnectDirectConnectStageProps', props);
    super(scope, id, props);
    const settings = props.settings;
    if (settings === undefined || settings === null || typeof settings !== 'object') {
      fail('settings', `is required: the ConnectDirectConnectStack props every stack shares, got ${show(settings)}`);
    }
    checkShared(settings);
    if ((props.resiliency === undefined) === (props.connections === undefined)) {
      fail(props.resiliency === undefined ? 'resiliency' : 'connections', 'and connections: give exactly one, a resiliency model over the '
        + `locations (resiliency) or a list of connections (connections); got ${props.resiliency === undefined ? 'neither' : 'both'}`);
    }
    this.connectRegions = [];
    this.stacks = props.resiliency !== undefined
      ? this.resilientStacks(settings, props.resiliency)
      : this.connectionStacks(settings, props.connections!);

    if (props.resiliency !== undefined && props.resiliency.model.resiliencyGroupModel !== undefined && this.stacks.length > 1) {
      // One group for the whole model (a group is a global resource that takes connection ARNs of any Region: see
      // lib/resiliency/private/group.ts for AWS's pages). The other Regions' ARNs reach the first stack as weak
      // references (Fn::GetStackOutput, no custom resource); the first stack then deploys after the others.
      const [first] = this.stacks;
      const arns = this.stacks.flatMap((s) => s.resilient!.connections.map((c) => (s === first
        ? c.connectionArn : Stack.consumeReference(c.connectionArn, ReferenceStrength.WEAK))));
      this.resiliencyGroup = recordResiliencyGroup(first, 'StageResiliencyGroup', props.resiliency.model,
        props.resiliencyGroupName ?? groupNameFromPath(this.node.path), arns);
      // CDK warns once per app that references default to "strong" when the app sets no strength; these are weak by
      // choice, whatever the default. Acknowledged on the consuming stack only.
      Annotations.of(first).acknowledgeWarning('@aws-cdk/core:crossStackReferencesDefaultStrong',
        'the stage\'s cross-Region references (the other Regions\' connection ARNs in the resiliency group) are weak by choice (Fn::GetStackOutput)');
    } else if (props.resiliencyGroupName !== undefined && props.resiliency?.model.resiliencyGroupModel === undefined) {
      fail('resiliencyGroupName', `is only used with a MAXIMUM or HIGH resiliency model, got ${show(props.resiliencyGroupName)} without one`);
    } else if (props.resiliencyGroupName !== undefined) {
      // one Region: the stack's own ResilientDirectConnect holds the group; its name was not passed down
      fail('resiliencyGroupName', `names the group of a model split over Regions; the locations ${show(props.resiliency!.locations)} are all in `
        + `${this.stacks[0].region}: use a ConnectDirectConnectStack with resiliency (its group is named after its path)`);
    }
  }

  /** The stack of a Region (the first one when `connections` gave the Region several), or undefined. */
  public stackForRegion(region: string): ConnectDirectConnectStack | undefined {
    return this.stacks.find((s) => s.region === region);
  }

  private resilientStacks(settings: ConnectDirectConnectStackProps, r: ResiliencyOptions): ConnectDirectConnectStack[] {
    const locations = r.locations ?? [];
    if (!Array.isArray(locations) || isToken(locations)) fail('resiliency.locations', `must be a literal list of location codes, got ${show(locations)}`);
    if (r.otherRegionLocations !== undefined) {
      fail('resiliency.otherRegionLocations', 'is set by the stage itself (each stack gets the locations of the other Regions); list every location in resiliency.locations');
    }
    const regionOf = locations.map((code, i) => {
      if (isToken(code)) fail(`resiliency.locations[${i}]`, 'must be a literal location code, got a token');
      const known = DirectConnectLocation.tryOf(code);
      if (known === undefined) {
        fail(`resiliency.locations[${i}]`, `${show(code)} is not in the Direct Connect location snapshot of ${DirectConnectLocation.SNAPSHOT_DATE}, `
          + 'so its Region (and its stack) is unknown; order it with connections: [{ location, locationRegion, ... }] instead');
      }
      return known.region;
    });
    const regions = [...new Set(regionOf)];
    this.firstRegion = regions[0];
    // Peer addresses in path order over the whole stage (location order, then connection order): one pool, no overlap.
    const pathCount = r.model.connectionCount(locations.length);
    const pairs = r.peerAddressPool !== undefined && r.peerAddresses === undefined && !isToken(r.peerAddressPool)
      ? carvePeerAddresses(r.peerAddressPool, pathCount, 'resiliency.peerAddressPool') : r.peerAddresses;
    if (pairs !== undefined && r.peerAddressPool !== undefined && r.peerAddresses !== undefined) {
      fail('resiliency.peerAddressPool', 'and resiliency.peerAddresses are both set; give a pool to carve from or explicit pairs, not both');
    }
    if (pairs !== undefined && pairs.length !== pathCount) {
      fail('resiliency.peerAddresses', `must hold one pair per virtual interface, ${pathCount} for ${r.model.name} at ${locations.length} location(s), got ${pairs.length}`);
    }
    const pathsOf = (region: string): PeerAddressPair[] | undefined => pairs === undefined ? undefined
      : locations.flatMap((_, i) => (regionOf[i] === region
        ? pairs.slice(i * r.model.connectionsPerLocation, (i + 1) * r.model.connectionsPerLocation) : []));
    if (pairs !== undefined) {
      checkInterfaces(pairs.map((p, i) => ({
        where: `resiliency peer addresses of path ${i + 1} (${locations[Math.floor(i / r.model.connectionsPerLocation)]})`,
        vlan: settings.vlan, customerAddress: p.customerAddress, amazonAddress: p.amazonAddress,
      })));
    }
    return regions.map((region) => new ConnectDirectConnectStack(this, stackIdOf(region), {
      ...this.sharedFor(settings, region),
      resiliency: {
        ...r,
        locations: locations.filter((_, i) => regionOf[i] === region),
        otherRegionLocations: locations.filter((_, i) => regionOf[i] !== region),
        peerAddressPool: undefined,
        peerAddresses: pathsOf(region),
      },
    }));
  }

  private connectionStacks(settings: ConnectDirectConnectStackProps, connections: StageConnectionOptions[]): ConnectDirectConnectStack[] {
    if (!Array.isArray(connections) || connections.length === 0) {
      fail('connections', `must list at least one connection ({ location, bandwidth, customerAddress, amazonAddress } or { existingConnectionId, locationRegion, ... }), got ${show(connections)}`);
    }
    const regions = connections.map((c, i) => regionOfConnection(c, i));
    this.firstRegion = regions[0];
    checkInterfaces(connections.map((c, i) => ({
      where: `connections[${i}]`,
      // a new connection is a port of its own; existing ones compare by id (an ARN and its id are the same port)
      connection: c.existingConnectionId !== undefined ? connectionKey(c.existingConnectionId) : undefined,
      vlan: c.vlan ?? settings.vlan, customerAddress: c.customerAddress, amazonAddress: c.amazonAddress,
    })));
    const seen = new Map<string, number>();
    return connections.map((c, i) => {
      const region = regions[i];
      const n = (seen.get(region) ?? 0) + 1;
      seen.set(region, n);
      if (c.existingConnectionId !== undefined && c.location !== undefined) {
        fail(`connections[${i}].existingConnectionId`, `and connections[${i}].location are both set (${show(c.existingConnectionId)}, ${show(c.location)}); give an existing connection or a new one`);
      }
      if (c.location !== undefined && c.bandwidth === undefined) {
        fail(`connections[${i}].bandwidth`, `is required for the new connection at ${show(c.location)} (its port speed)`);
      }
      return new ConnectDirectConnectStack(this, n === 1 ? stackIdOf(region) : `${stackIdOf(region)}Connection${n}`, {
        ...this.sharedFor(settings, region),
        existingConnectionId: c.existingConnectionId,
        existingConnectionBandwidth: c.existingConnectionId !== undefined ? c.bandwidth : undefined,
        newConnection: c.location !== undefined ? { location: c.location, bandwidth: c.bandwidth!, requestMacSec: c.requestMacSec } : undefined,
        locationRegion: c.locationRegion,
        customerAddress: c.customerAddress,
        amazonAddress: c.amazonAddress,
        vlan: c.vlan ?? settings.vlan,
      });
    });
  }

  /** The shared settings for the stack of `region`: that Region, and the stage's Amazon Connect Region set. */
  private sharedFor(settings: ConnectDirectConnectStackProps, region: string): ConnectDirectConnectStackProps {
    if (this.connectRegions.length === 0) {
      // decided once, so that every stack reaches the same set (a stack alone would fall back to its own Region)
      this.connectRegions.push(...resolveConnectRegions(settings.connectRegions, this.firstRegion, settings.features, {
        set: 'settings.connectRegions', fallback: 'the first location\'s Region (settings.connectRegions unset)', source: 'globalResiliency.sourceRegion',
      }));
    }
    return { ...settings, env: { account: settings.env?.account, region }, connectRegions: [...this.connectRegions] };
  }
}

/** The stack id of a Region: `UsEast1` for us-east-1. */
function stackIdOf(region: string): string {
  return region.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/** The shared settings must not hold a per-location part. */
function checkShared(settings: ConnectDirectConnectStackProps): void {
  for (const key of PER_LOCATION) {
    if (settings[key] !== undefined) {
      fail(`settings.${key}`, `is set per location by the stage, got ${show(settings[key] as unknown)}; give the locations in resiliency.locations `
        + 'or the connections in connections (with their peer addresses and location Region)');
    }
  }
  if (settings.env?.region !== undefined) {
    fail('settings.env.region', `is set per stack by the stage (each stack deploys to its locations' Region), got ${show(settings.env.region)}; leave it out`);
  }
}

/** The Region of connection `i` of `connections`: its location's, or the given `locationRegion` of an existing one. */
function regionOfConnection(c: StageConnectionOptions, i: number): string {
  if (c.location !== undefined) {
    const known = DirectConnectLocation.tryOf(c.location);
    if (known !== undefined) return c.locationRegion === undefined ? known.region : DirectConnectLocation.withRegion(c.location, c.locationRegion).region;
  }
  if (c.locationRegion === undefined || isToken(c.locationRegion)) {
    fail(`connections[${i}].locationRegion`, `is required for ${c.existingConnectionId !== undefined ? `the existing connection ${show(c.existingConnectionId)}`
      : `location ${show(c.location)} (not in the location snapshot)`}: the Region its location is associated with decides its stack, got ${show(c.locationRegion)}`);
  }
  return c.locationRegion.toLowerCase();
}

/** `dxcon-abc` for `dxcon-abc` and for its ARN, lower case. */
function connectionKey(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1).toLowerCase();
}

/**
 * Refuses two interfaces with the same VLAN on the same connection, and interfaces whose peer subnets overlap (the
 * peer addresses of each interface are a subnet of their own; two interfaces sharing addresses cannot both peer).
 */
function checkInterfaces(interfaces: StageInterface[]): void {
  for (let a = 0; a < interfaces.length; a++) {
    for (let b = a + 1; b < interfaces.length; b++) {
      const x = interfaces[a];
      const y = interfaces[b];
      if (x.connection !== undefined && x.connection === y.connection && !isToken(x.vlan) && x.vlan === y.vlan) {
        fail('vlan', `must differ between interfaces on the same connection: ${x.where} and ${y.where} both put VLAN ${x.vlan} on ${show(x.connection)}; `
          + 'give one of them its own vlan');
      }
      const subnet = (i: StageInterface) => parseCidr(i.customerAddress) ?? parseCidr(i.amazonAddress);
      const [p, q] = [subnet(x), subnet(y)];
      if ([x.customerAddress, y.customerAddress].some(isToken) || p === undefined || q === undefined) continue; // checked by each interface
      if (contains(p, q) || contains(q, p)) {
        fail('customerAddress', `peer subnets must not overlap between interfaces: ${x.where} has ${show(x.customerAddress)} / ${show(x.amazonAddress)} and `
          + `${y.where} has ${show(y.customerAddress)} / ${show(y.amazonAddress)}; give each interface its own subnet (e.g. the next /31)`);
      }
    }
  }
}

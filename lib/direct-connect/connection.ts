/**
 * Direct Connect connections a virtual interface attaches to: a new dedicated connection, a new link aggregation
 * group (LAG), or an existing dedicated connection, hosted connection or LAG imported by id or ARN.
 */
import { IResource, Resource } from 'aws-cdk-lib';
import * as dx from 'aws-cdk-lib/aws-directconnect';
import { Construct } from 'constructs';
import { fail, isToken, show } from '../private/errors';
import { DX_FACTS } from './limits';
import { applyTags, defaultName } from './private/util';

/**
 * Port speed of a dedicated connection or LAG member: 1, 10, 100 or 400 Gbps.
 *
 * Hosted connections (50 Mbps to 25 Gbps) are provisioned by an AWS Direct Connect Partner, not by this library;
 * import them with `DirectConnectConnection.fromConnectionId(..., { hosted: true })`.
 *
 * ```ts
 * const bw = DedicatedBandwidth.GBPS_10;
 * bw.value;         // '10Gbps'
 * bw.macsecCapable; // true
 * ```
 * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/dedicated_connection.html
 */
export class DedicatedBandwidth {
  /** 1 Gbps (no MACsec). */
  public static readonly GBPS_1 = new DedicatedBandwidth('1Gbps');
  /** 10 Gbps (MACsec capable at selected locations). */
  public static readonly GBPS_10 = new DedicatedBandwidth('10Gbps');
  /** 100 Gbps (MACsec capable at selected locations). */
  public static readonly GBPS_100 = new DedicatedBandwidth('100Gbps');
  /** 400 Gbps (MACsec capable at selected locations). */
  public static readonly GBPS_400 = new DedicatedBandwidth('400Gbps');

  /** Every dedicated speed, slowest first. */
  public static all(): DedicatedBandwidth[] {
    return [DedicatedBandwidth.GBPS_1, DedicatedBandwidth.GBPS_10, DedicatedBandwidth.GBPS_100, DedicatedBandwidth.GBPS_400];
  }

  /**
   * The speed written the way the Direct Connect API writes it (`1Gbps`, `10Gbps`, `100Gbps`, `400Gbps`).
   * Throws for any other value, with the allowed list. An unresolved token passes through unchecked
   * (its `gbps` is then undefined and `macsecCapable` false).
   */
  public static fromString(value: string): DedicatedBandwidth {
    if (isToken(value)) return new DedicatedBandwidth(value);
    const found = DedicatedBandwidth.all().find((b) => b.value === value);
    if (!found) {
      fail('bandwidth', `must be one of ${DX_FACTS.dedicatedBandwidths.values.join(', ')} for a dedicated connection, got ${show(value)}; `
        + `hosted speeds (${DX_FACTS.hostedBandwidths.values.join(', ')}) are provisioned by a Direct Connect Partner, `
        + 'not by CreateConnection: import a hosted connection with DirectConnectConnection.fromConnectionId(..., { hosted: true })');
    }
    return found;
  }

  /** The speed in Gbps; undefined when the value is an unresolved token. */
  public readonly gbps?: number;

  /** @param value the API spelling, e.g. `10Gbps` */
  private constructor(public readonly value: string) {
    if (!isToken(value)) this.gbps = Number(value.replace('Gbps', ''));
  }

  /** True when a port of this speed can request MACsec (10, 100 and 400 Gbps; the location must offer it too). */
  public get macsecCapable(): boolean {
    return this.gbps !== undefined && DX_FACTS.macsecGbps.values.includes(this.gbps);
  }

  /** Maximum members of a LAG at this speed (4 below 100 Gbps, 2 at 100 and 400 Gbps). */
  public get maxLagMembers(): number {
    return this.gbps !== undefined && this.gbps >= 100 ? DX_FACTS.lagMembers.atOrAbove100G : DX_FACTS.lagMembers.below100G;
  }
}

/** What kind of Direct Connect connection a virtual interface attaches to. */
export enum ConnectionKind {
  /** A dedicated connection (a physical port you ordered from AWS). */
  DEDICATED = 'DEDICATED',
  /** A hosted connection provisioned by an AWS Direct Connect Partner. */
  HOSTED = 'HOSTED',
  /** A link aggregation group of dedicated connections. */
  LAG = 'LAG',
}

/** A Direct Connect connection or LAG that a virtual interface can attach to. */
export interface IDirectConnectConnection extends IResource {
  /**
   * Id (`dxcon-...`, `dxlag-...`) or ARN, usable as a virtual interface's `ConnectionId`.
   * @attribute
   */
  readonly connectionId: string;
  /** Dedicated connection, hosted connection or LAG. */
  readonly kind: ConnectionKind;
  /**
   * True when this CDK app creates the connection (so it may still be `requested` while the virtual interface
   * deploys); false for an imported connection.
   */
  readonly createdInThisStack: boolean;
  /** True when MACsec was requested on the connection (or, for imports, declared). */
  readonly macsecRequested: boolean;
  /**
   * Port speed (for a LAG, the speed of each member).
   * @default - unknown (imported without a bandwidth, or a hosted connection)
   */
  readonly bandwidth?: DedicatedBandwidth;
}

/** Options for `DirectConnectConnection.fromConnectionId`. */
export interface ConnectionImportOptions {
  /**
   * True for a hosted connection (provisioned by a Partner). Hosted connections cannot use MACsec.
   * @default false - a dedicated connection
   */
  readonly hosted?: boolean;
  /**
   * Declares that MACsec is enabled on the imported connection. Refused together with `hosted: true`.
   * @default false
   */
  readonly macsecRequested?: boolean;
  /**
   * Port speed of the imported dedicated connection, if you want it recorded.
   * @default - unknown
   */
  readonly bandwidth?: DedicatedBandwidth;
}

/** Options for `DirectConnectConnection.fromLagId`. */
export interface LagImportOptions {
  /**
   * Declares that MACsec is enabled on the imported LAG.
   * @default false
   */
  readonly macsecRequested?: boolean;
  /**
   * Speed of each member of the imported LAG, if you want it recorded.
   * @default - unknown
   */
  readonly bandwidth?: DedicatedBandwidth;
}

/**
 * Base of the connection constructs, with the static imports for existing connections and LAGs.
 *
 * ```ts
 * const existing = DirectConnectConnection.fromConnectionId(this, 'Conn', 'dxcon-fgabc123');
 * const hosted = DirectConnectConnection.fromConnectionId(this, 'Hosted', 'dxcon-fh12ab34', { hosted: true });
 * const lag = DirectConnectConnection.fromLagId(this, 'Lag', 'dxlag-ffabc123');
 * ```
 */
export abstract class DirectConnectConnection extends Resource implements IDirectConnectConnection {
  /**
   * Imports an existing dedicated or hosted connection by id (`dxcon-...`) or ARN. Creates nothing.
   * The id is checked against the CloudFormation ConnectionId pattern; a LAG id is refused (use `fromLagId`).
   * An unresolved token passes through.
   */
  public static fromConnectionId(scope: Construct, id: string, connectionId: string, options: ConnectionImportOptions = {}): IDirectConnectConnection {
    checkConnectionId('connectionId', connectionId, 'dxcon');
    const hosted = options.hosted ?? false;
    const macsec = options.macsecRequested ?? false;
    if (hosted && macsec) {
      fail('macsecRequested', `must be false for a hosted connection (MACsec is unavailable on hosted connections), got true for ${show(connectionId)}`);
    }
    if (macsec && options.bandwidth) checkMacsecSpeed('macsecRequested', options.bandwidth);
    return new ImportedConnection(scope, id, connectionId, hosted ? ConnectionKind.HOSTED : ConnectionKind.DEDICATED, macsec, options.bandwidth);
  }

  /**
   * Imports an existing LAG by id (`dxlag-...`) or ARN. Creates nothing. A connection id is refused
   * (use `fromConnectionId`). An unresolved token passes through.
   */
  public static fromLagId(scope: Construct, id: string, lagId: string, options: LagImportOptions = {}): IDirectConnectConnection {
    checkConnectionId('lagId', lagId, 'dxlag');
    const macsec = options.macsecRequested ?? false;
    if (macsec && options.bandwidth) checkMacsecSpeed('macsecRequested', options.bandwidth);
    return new ImportedConnection(scope, id, lagId, ConnectionKind.LAG, macsec, options.bandwidth);
  }

  public abstract readonly connectionId: string;
  public abstract readonly kind: ConnectionKind;
  public abstract readonly createdInThisStack: boolean;
  public abstract readonly macsecRequested: boolean;
  public abstract readonly bandwidth?: DedicatedBandwidth;
}

class ImportedConnection extends DirectConnectConnection {
  public readonly createdInThisStack: boolean = false;
  constructor(
    scope: Construct, id: string,
    public readonly connectionId: string,
    public readonly kind: ConnectionKind,
    public readonly macsecRequested: boolean,
    public readonly bandwidth?: DedicatedBandwidth,
  ) {
    super(scope, id);
  }
}

/** Properties of a `LinkAggregationGroup`. */
export interface LinkAggregationGroupProps {
  /**
   * Direct Connect location code, e.g. `EqDC2` (see `aws directconnect describe-locations`).
   * @see https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DescribeLocations.html
   */
  readonly location: string;
  /** Speed of every member connection (all members have the same speed). */
  readonly connectionsBandwidth: DedicatedBandwidth;
  /**
   * Name of the LAG (1 to 200 characters: letters, digits, space, `_ - , /`).
   * @default - a name derived from the construct path
   */
  readonly lagName?: string;
  /**
   * Minimum number of operational members for the LAG itself to be operational.
   * @default - not set (AWS default 0)
   */
  readonly minimumLinks?: number;
  /**
   * Request MACsec on the LAG (every member must then be MACsec capable; 10, 100 or 400 Gbps). Replaces the LAG
   * when changed.
   * @default false
   */
  readonly requestMacSec?: boolean;
  /**
   * Name of the Direct Connect service provider for the LAG.
   * @default - none
   */
  readonly providerName?: string;
  /**
   * Tags on the LAG.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/**
 * Creates a Direct Connect link aggregation group (`AWS::DirectConnect::LAG`), the recommended attachment point for
 * a virtual interface created in the same template (a new connection stays `requested` until the cross-connect is
 * done, a LAG can take the virtual interface at once).
 *
 * ```ts
 * const lag = new LinkAggregationGroup(this, 'Lag', {
 *   location: 'EqDC2',
 *   connectionsBandwidth: DedicatedBandwidth.GBPS_10,
 * });
 * new DedicatedConnection(this, 'Port1', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10, lag });
 * ```
 * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/lags.html
 */
export class LinkAggregationGroup extends DirectConnectConnection {
  /** The LAG id, `dxlag-...`. @attribute */
  public readonly lagId: string;
  /** The LAG ARN. @attribute */
  public readonly lagArn: string;
  /** Same as `lagId`: what a virtual interface uses as its ConnectionId. */
  public readonly connectionId: string;
  public readonly kind: ConnectionKind = ConnectionKind.LAG;
  public readonly createdInThisStack: boolean = true;
  public readonly macsecRequested: boolean;
  /** Speed of every member (same as `connectionsBandwidth`). */
  public readonly bandwidth?: DedicatedBandwidth;
  /** Speed of every member. */
  public readonly connectionsBandwidth: DedicatedBandwidth;
  /** The location code. */
  public readonly location: string;
  private readonly members: string[] = [];

  constructor(scope: Construct, id: string, props: LinkAggregationGroupProps) {
    super(scope, id);
    checkLocation('location', props.location);
    const name = props.lagName ?? defaultName(this);
    checkConnectionName('lagName', name);
    this.macsecRequested = props.requestMacSec ?? false;
    if (this.macsecRequested) checkMacsecSpeed('requestMacSec', props.connectionsBandwidth, 'connectionsBandwidth');
    if (props.minimumLinks !== undefined) checkMinimumLinks(props.minimumLinks, props.connectionsBandwidth);

    const resource = new dx.CfnLag(this, 'Resource', {
      location: props.location,
      connectionsBandwidth: props.connectionsBandwidth.value,
      lagName: name,
      minimumLinks: props.minimumLinks,
      requestMacSec: props.requestMacSec,
      providerName: props.providerName,
    });
    applyTags(this, props.tags);
    this.lagId = resource.attrLagId;
    this.lagArn = resource.attrLagArn;
    this.connectionId = this.lagId;
    this.bandwidth = props.connectionsBandwidth;
    this.connectionsBandwidth = props.connectionsBandwidth;
    this.location = props.location;
  }

  /** @internal registers a member and enforces the member count limit for the speed. */
  public _addMember(path: string): void {
    const max = this.connectionsBandwidth.maxLagMembers;
    if (this.members.length >= max) {
      fail('lag', `can hold at most ${max} connections at ${this.connectionsBandwidth.value}, got one more: ${show(path)} `
        + `after ${this.members.map((m) => show(m)).join(', ')}`);
    }
    this.members.push(path);
  }
}

/** Properties of a `DedicatedConnection`. */
export interface DedicatedConnectionProps {
  /**
   * Direct Connect location code, e.g. `EqDC2` (see `aws directconnect describe-locations`). Replaces the
   * connection when changed.
   * @see https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DescribeLocations.html
   */
  readonly location: string;
  /** Port speed: 1, 10, 100 or 400 Gbps. Replaces the connection when changed. */
  readonly bandwidth: DedicatedBandwidth;
  /**
   * Name of the connection (1 to 200 characters: letters, digits, space, `_ - , /`).
   * @default - a name derived from the construct path
   */
  readonly connectionName?: string;
  /**
   * Request a MACsec-capable port (10, 100 or 400 Gbps, at a location that offers it). Replaces the connection
   * when changed.
   * @default false
   */
  readonly requestMacSec?: boolean;
  /**
   * LAG the connection joins. Location and bandwidth must match the LAG's.
   * @default - the connection is standalone
   */
  readonly lag?: LinkAggregationGroup;
  /**
   * Name of the Direct Connect service provider for the connection.
   * @default - none
   */
  readonly providerName?: string;
  /**
   * Tags on the connection.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/**
 * Orders a dedicated Direct Connect connection (`AWS::DirectConnect::Connection`). The connection stays `requested`
 * until AWS provisions the port and the cross-connect is done, which can take days: attach virtual interfaces to
 * a `LinkAggregationGroup` it joins, or to the connection in a later deployment.
 *
 * ```ts
 * const conn = new DedicatedConnection(this, 'Conn', {
 *   location: 'EqDC2',
 *   bandwidth: DedicatedBandwidth.GBPS_10,
 *   requestMacSec: true,
 * });
 * ```
 * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/dedicated_connection.html
 */
export class DedicatedConnection extends DirectConnectConnection {
  /** The connection id, `dxcon-...`. @attribute */
  public readonly connectionId: string;
  /** The connection ARN. @attribute */
  public readonly connectionArn: string;
  public readonly kind: ConnectionKind = ConnectionKind.DEDICATED;
  public readonly createdInThisStack: boolean = true;
  public readonly macsecRequested: boolean;
  /** Port speed (always set on a connection this construct creates). */
  public readonly bandwidth?: DedicatedBandwidth;
  /** The location code. */
  public readonly location: string;
  /** The LAG the connection joins, if any. */
  public readonly lag?: LinkAggregationGroup;

  constructor(scope: Construct, id: string, props: DedicatedConnectionProps) {
    super(scope, id);
    checkLocation('location', props.location);
    const name = props.connectionName ?? defaultName(this);
    checkConnectionName('connectionName', name);
    this.macsecRequested = props.requestMacSec ?? false;
    if (this.macsecRequested) checkMacsecSpeed('requestMacSec', props.bandwidth, 'bandwidth');
    if (props.lag) checkLagMatch(props, props.lag, this.node.path);

    const resource = new dx.CfnConnection(this, 'Resource', {
      location: props.location,
      bandwidth: props.bandwidth.value,
      connectionName: name,
      requestMacSec: props.requestMacSec,
      lagId: props.lag?.lagId,
      providerName: props.providerName,
    });
    applyTags(this, props.tags);
    this.connectionId = resource.attrConnectionId;
    this.connectionArn = resource.attrConnectionArn;
    this.bandwidth = props.bandwidth;
    this.location = props.location;
    this.lag = props.lag;
  }
}

// ---- validation rules (one per function; tokens pass through) ----

function checkConnectionId(property: string, value: string, expected: 'dxcon' | 'dxlag'): void {
  if (isToken(value)) return;
  if (!DX_FACTS.connectionIdPattern.value.test(value)) {
    fail(property, `must be a Direct Connect ${expected === 'dxcon' ? 'connection' : 'LAG'} id (${expected}- followed by 8 to 21 letters or digits) `
      + `or its ARN (arn:aws:directconnect:<region>:<account>:${expected}/${expected}-...), got ${show(value)}`);
  }
  const other = expected === 'dxcon' ? 'dxlag' : 'dxcon';
  if (value.includes(`${other}-`)) {
    fail(property, `must be a ${expected}- id or ARN, got the ${other === 'dxlag' ? 'LAG' : 'connection'} id ${show(value)}; `
      + `use DirectConnectConnection.${other === 'dxlag' ? 'fromLagId' : 'fromConnectionId'} for it`);
  }
}

function checkLocation(property: string, value: string): void {
  if (isToken(value)) return;
  if (!DX_FACTS.locationPattern.value.test(value)) {
    fail(property, `must be a Direct Connect location code (${DX_FACTS.locationPattern.text}), got ${show(value)}`);
  }
}

function checkConnectionName(property: string, value: string): void {
  if (isToken(value)) return;
  if (!DX_FACTS.connectionNamePattern.value.test(value)) {
    fail(property, `must be ${DX_FACTS.connectionNamePattern.text}, got ${show(value)}`);
  }
}

function checkMacsecSpeed(property: string, bandwidth: DedicatedBandwidth, bandwidthProperty = 'bandwidth'): void {
  if (bandwidth.gbps === undefined) return; // token
  if (!bandwidth.macsecCapable) {
    fail(property, `can be true only on a ${DX_FACTS.macsecGbps.values.map((g) => `${g}Gbps`).join(', ')} dedicated port `
      + `at a MACsec-capable location (see DescribeLocations availableMacSecPortSpeeds), got ${bandwidthProperty} ${show(bandwidth.value)}`);
  }
}

function checkMinimumLinks(value: number, bandwidth: DedicatedBandwidth): void {
  if (isToken(value)) return;
  const max = bandwidth.maxLagMembers;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    fail('minimumLinks', `must be an integer from 0 to ${max} (the most members a ${bandwidth.value} LAG can hold), got ${show(value)}`);
  }
}

function checkLagMatch(props: DedicatedConnectionProps, lag: LinkAggregationGroup, path: string): void {
  const lagBw = lag.connectionsBandwidth.value;
  if (!isToken(props.bandwidth.value) && !isToken(lagBw) && props.bandwidth.value !== lagBw) {
    fail('bandwidth', `must equal the LAG's connectionsBandwidth ${show(lagBw)} (all LAG members have the same speed), got ${show(props.bandwidth.value)}`);
  }
  if (!isToken(props.location) && !isToken(lag.location) && props.location !== lag.location) {
    fail('location', `must equal the LAG's location ${show(lag.location)} (members terminate on the same AWS device), got ${show(props.location)}`);
  }
  if (lag.macsecRequested && !(props.requestMacSec ?? false)) {
    fail('requestMacSec', `must be true on a connection joining a LAG that requests MACsec (every member of a MACsec LAG `
      + `must be a MACsec-capable port), got ${show(props.requestMacSec ?? false)} for LAG ${show(lag.node.path)}`);
  }
  lag._addMember(path);
}

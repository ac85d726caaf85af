/** A new Direct Connect link aggregation group (LAG). */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dx from 'aws-cdk-lib/aws-directconnect';
import { Construct } from 'constructs';
import { enterConstruct, fail, leaveConstruct, show } from '../private/errors';
import { MacsecEncryptionMode, MacsecKey, MacsecKeyAssociation } from './macsec';
import { associateMacsecKey } from './private/macsec-wiring';
import { ConnectionKind, DedicatedBandwidth, DirectConnectConnection } from './connection';
import { checkConnectionName, checkLocation, checkMacsecSpeed, checkMinimumLinks } from './private/connection-checks';
import { checkRemovalPolicy } from './private/removal-policy';
import { checkLocationRequest } from './private/location-checks';
import { applyTags, defaultName } from './private/util';
import { checkProps } from '../private/prop-types';

/** Properties of a `LinkAggregationGroup`. */
export interface LinkAggregationGroupProps {
  /**
   * Direct Connect location code, e.g. `EqDC2` (see `aws directconnect describe-locations`).
   * @see https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DescribeLocations.html
   */
  readonly location: string;
  /**
   * The AWS Region the location is associated with (the Region whose `DescribeLocations` lists it). Needed only for
   * a location the library's snapshot lacks (GovCloud, a new site); for a known location it must agree with the
   * snapshot. It decides the BGP community scope of a virtual interface on this connection.
   * @default - from the location snapshot (`DirectConnectLocation.of(location).region`)
   */
  readonly locationRegion?: string;
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
   * MACsec key (CKN/CAK) to associate with the LAG once it is available; needs `requestMacSec: true`. The pair
   * never appears in the template (see `MacsecKey`).
   * @default - no key: MACsec is not turned on
   */
  readonly macsecKey?: MacsecKey;
  /**
   * MACsec encryption mode set with the key (only with `macsecKey`).
   * @default - left as AWS sets it
   */
  readonly encryptionMode?: MacsecEncryptionMode;
  /**
   * Name of the Direct Connect service provider for the LAG.
   * @default - none
   */
  readonly providerName?: string;
  /**
   * What happens to the LAG when it leaves the stack (`cdk destroy`, a removed construct) or a change replaces it (its
   * member connections have their own `removalPolicy`). `RETAIN` keeps it in the account: CloudFormation forgets it,
   * it stays (with its members) until you delete it (`aws directconnect delete-lag`); `DESTROY` deletes it, and a new
   * LAG starts over with new LOA-CFAs for its ports. `SNAPSHOT` is refused (Direct Connect has none).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Accept a location associated with another Region than the stack's. Direct Connect creates a connection or LAG
   * only in its location's Region, so this is refused by default (CloudFormation would fail); when acknowledged, the
   * warning `cdk-connect-dx:locationOutsideStackRegion` remains. For a topology across Regions, use
   * `ConnectDirectConnectStage`.
   * @default false - refused
   */
  readonly acknowledgeLocationOutsideStackRegion?: boolean;
  /**
   * Tags on the LAG.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/**
 * Creates a Direct Connect link aggregation group (`AWS::DirectConnect::LAG`), the recommended attachment point for
 * a virtual interface created in the same template (a new connection stays `requested` until the cross-connect is
 * done, a LAG can take the virtual interface at once). The LAG is retained when it leaves the stack or is replaced
 * (`removalPolicy`, default `RETAIN`).
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
  /**
   * The MACsec key association, when `macsecKey` is set.
   * @default - none
   */
  public readonly macsecKeyAssociation?: MacsecKeyAssociation;
  /** The Region the location is associated with; undefined only for a token location without `locationRegion`. */
  public readonly locationRegion?: string;
  private readonly members: string[] = [];

  constructor(scope: Construct, id: string, props: LinkAggregationGroupProps) {
    super(scope, id);
    enterConstruct(this);
    checkProps('LinkAggregationGroupProps', props);
    checkLocation('location', props.location);
    const name = props.lagName ?? defaultName(this);
    checkConnectionName('lagName', name);
    this.macsecRequested = props.requestMacSec ?? false;
    if (this.macsecRequested) checkMacsecSpeed('requestMacSec', props.connectionsBandwidth, 'connectionsBandwidth');
    const located = checkLocationRequest(this, {
      location: props.location, locationRegion: props.locationRegion, bandwidth: props.connectionsBandwidth,
      bandwidthProperty: 'connectionsBandwidth', macsec: this.macsecRequested,
      acknowledgeOutsideStackRegion: props.acknowledgeLocationOutsideStackRegion,
    });
    this.locationRegion = located.region;
    if (props.minimumLinks !== undefined) checkMinimumLinks(props.minimumLinks, props.connectionsBandwidth);

    const resource = new dx.CfnLag(this, 'Resource', {
      location: located.code,
      connectionsBandwidth: props.connectionsBandwidth.value,
      lagName: name,
      minimumLinks: props.minimumLinks,
      requestMacSec: props.requestMacSec,
      providerName: props.providerName,
    });
    resource.applyRemovalPolicy(checkRemovalPolicy(props.removalPolicy));
    applyTags(this, props.tags);
    this.lagId = resource.attrLagId;
    this.lagArn = resource.attrLagArn;
    this.connectionId = this.lagId;
    this.bandwidth = props.connectionsBandwidth;
    this.connectionsBandwidth = props.connectionsBandwidth;
    this.location = located.code;
    this.macsecKeyAssociation = associateMacsecKey(this, props.macsecKey, props.encryptionMode);
    leaveConstruct(this);
  }

  /** @internal how many connections joined the LAG in this app so far */
  public get _memberCount(): number {
    return this.members.length;
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

/** A new dedicated Direct Connect connection. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dx from 'aws-cdk-lib/aws-directconnect';
import { Construct } from 'constructs';
import { MacsecEncryptionMode, MacsecKey, MacsecKeyAssociation } from './macsec';
import { associateMacsecKey } from './private/macsec-wiring';
import { ConnectionKind, DedicatedBandwidth, DirectConnectConnection } from './connection';
import { LinkAggregationGroup } from './link-aggregation-group';
import { checkConnectionName, checkLagMatch, checkLocation, checkMacsecSpeed } from './private/connection-checks';
import { checkRemovalPolicy } from './private/removal-policy';
import { checkLocationRequest } from './private/location-checks';
import { applyTags, defaultName } from './private/util';
import { checkProps } from '../private/prop-types';
import { enterConstruct, leaveConstruct } from '../private/errors';

/** Properties of a `DedicatedConnection`. */
export interface DedicatedConnectionProps {
  /**
   * Direct Connect location code, e.g. `EqDC2` (see `aws directconnect describe-locations`). Replaces the
   * connection when changed.
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
   * MACsec key (CKN/CAK) to associate with the connection once it is available; needs `requestMacSec: true`. The pair
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
   * What happens to the connection (the physical port and the cross-connect that ends on it) when it leaves the stack
   * (`cdk destroy`, a removed construct) or a change replaces it. `RETAIN` keeps it in the account: CloudFormation
   * forgets it, the port and its bill stay until you delete it (`aws directconnect delete-connection`); `DESTROY`
   * deletes it, and a new order starts over (new LOA-CFA, new cross-connect). `SNAPSHOT` is refused (Direct Connect
   * has none).
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
   * Tags on the connection.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/**
 * Orders a dedicated Direct Connect connection (`AWS::DirectConnect::Connection`). The connection stays `requested`
 * until AWS provisions the port and the cross-connect is done, which can take days: attach virtual interfaces to
 * a `LinkAggregationGroup` it joins, or to the connection in a later deployment. The connection is retained when it
 * leaves the stack or is replaced (`removalPolicy`, default `RETAIN`): a destroy never gives up the port by accident.
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
  /**
   * The MACsec key association, when `macsecKey` is set.
   * @default - none
   */
  public readonly macsecKeyAssociation?: MacsecKeyAssociation;
  /** The Region the location is associated with; undefined only for a token location without `locationRegion`. */
  public readonly locationRegion?: string;
  /** The LAG the connection joins, if any. */
  public readonly lag?: LinkAggregationGroup;

  constructor(scope: Construct, id: string, props: DedicatedConnectionProps) {
    super(scope, id);
    enterConstruct(this);
    checkProps('DedicatedConnectionProps', props);
    checkLocation('location', props.location);
    const name = props.connectionName ?? defaultName(this);
    checkConnectionName('connectionName', name);
    this.macsecRequested = props.requestMacSec ?? false;
    if (this.macsecRequested) checkMacsecSpeed('requestMacSec', props.bandwidth, 'bandwidth');
    const located = checkLocationRequest(this, {
      location: props.location, locationRegion: props.locationRegion, bandwidth: props.bandwidth,
      bandwidthProperty: 'bandwidth', macsec: this.macsecRequested,
      acknowledgeOutsideStackRegion: props.acknowledgeLocationOutsideStackRegion,
    });
    this.locationRegion = located.region;
    if (props.lag) {
      checkLagMatch(props, { connectionsBandwidth: props.lag.connectionsBandwidth, location: props.lag.location,
        macsecRequested: props.lag.macsecRequested, path: props.lag.node.path });
      props.lag._addMember(this.node.path);
    }

    const resource = new dx.CfnConnection(this, 'Resource', {
      location: located.code,
      bandwidth: props.bandwidth.value,
      connectionName: name,
      requestMacSec: props.requestMacSec,
      lagId: props.lag?.lagId,
      providerName: props.providerName,
    });
    resource.applyRemovalPolicy(checkRemovalPolicy(props.removalPolicy));
    applyTags(this, props.tags);
    this.connectionId = resource.attrConnectionId;
    this.connectionArn = resource.attrConnectionArn;
    this.bandwidth = props.bandwidth;
    this.location = located.code;
    this.lag = props.lag;
    this.macsecKeyAssociation = associateMacsecKey(this, props.macsecKey, props.encryptionMode);
    leaveConstruct(this);
  }
}

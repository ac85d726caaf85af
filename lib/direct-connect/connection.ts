/**
 * The Direct Connect connection a virtual interface attaches to: the port speeds, the common interface, and the
 * imports of an existing dedicated connection, hosted connection or LAG by id or ARN. The new ones are in
 * `./dedicated-connection.ts` and `./link-aggregation-group.ts`, their validation rules in `./private/connection-checks.ts`.
 */
import { IResource, Resource } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { fail, isToken, show } from '../private/errors';
import { DX_FACTS } from '../facts/direct-connect-limits';
import { checkConnectionId, checkMacsecSpeed } from './private/connection-checks';
import { dxMetric } from './private/metrics';
import { DX_METRICS } from '../facts/direct-connect-metrics';
import { checkProps } from '../private/prop-types';

/**
 * Port speed of a dedicated connection or LAG member: 1, 10, 100 or 400 Gbps.
 *
 * Hosted connections (50 Mbps to 25 Gbps, `HostedBandwidth`) are provisioned by an AWS Direct Connect Partner, not
 * by this library; import them with `DirectConnectConnection.fromConnectionId(..., { hosted: true })`.
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

/**
 * Speed of a hosted connection, as a Direct Connect Partner provisions it (AllocateHostedConnection): 50 Mbps to
 * 25 Gbps. Used to describe an existing hosted connection to the stack (`existingConnectionHostedBandwidth`), so
 * that monitoring can alarm on its egress utilization.
 *
 * ```ts
 * const bw = HostedBandwidth.MBPS_500;
 * bw.value; // '500Mbps'
 * bw.gbps;  // 0.5
 * ```
 * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/hosted_connection.html
 */
export class HostedBandwidth {
  /** 50 Mbps. */
  public static readonly MBPS_50 = new HostedBandwidth('50Mbps');
  /** 100 Mbps. */
  public static readonly MBPS_100 = new HostedBandwidth('100Mbps');
  /** 200 Mbps. */
  public static readonly MBPS_200 = new HostedBandwidth('200Mbps');
  /** 300 Mbps. */
  public static readonly MBPS_300 = new HostedBandwidth('300Mbps');
  /** 400 Mbps. */
  public static readonly MBPS_400 = new HostedBandwidth('400Mbps');
  /** 500 Mbps. */
  public static readonly MBPS_500 = new HostedBandwidth('500Mbps');
  /** 1 Gbps (only from Partners that met AWS's requirements). */
  public static readonly GBPS_1 = new HostedBandwidth('1Gbps');
  /** 2 Gbps (only from Partners that met AWS's requirements). */
  public static readonly GBPS_2 = new HostedBandwidth('2Gbps');
  /** 5 Gbps (only from Partners that met AWS's requirements). */
  public static readonly GBPS_5 = new HostedBandwidth('5Gbps');
  /** 10 Gbps (only from Partners that met AWS's requirements). */
  public static readonly GBPS_10 = new HostedBandwidth('10Gbps');
  /** 25 Gbps (only from Partners that met AWS's requirements). */
  public static readonly GBPS_25 = new HostedBandwidth('25Gbps');

  /** Every hosted speed, slowest first. */
  public static all(): HostedBandwidth[] {
    return [HostedBandwidth.MBPS_50, HostedBandwidth.MBPS_100, HostedBandwidth.MBPS_200, HostedBandwidth.MBPS_300,
      HostedBandwidth.MBPS_400, HostedBandwidth.MBPS_500, HostedBandwidth.GBPS_1, HostedBandwidth.GBPS_2,
      HostedBandwidth.GBPS_5, HostedBandwidth.GBPS_10, HostedBandwidth.GBPS_25];
  }

  /**
   * The speed written the way the Direct Connect API writes it (`50Mbps` ... `25Gbps`). Throws for any other value,
   * with the allowed list. An unresolved token passes through unchecked (its `gbps` is then undefined).
   */
  public static fromString(value: string): HostedBandwidth {
    if (isToken(value)) return new HostedBandwidth(value);
    const found = HostedBandwidth.all().find((b) => b.value === value);
    if (!found) {
      fail('existingConnectionHostedBandwidth', `must be one of the hosted connection speeds ${DX_FACTS.hostedBandwidths.values.join(', ')}, got ${show(value)}`);
    }
    return found;
  }

  /** The speed in Gbps (0.05 for 50Mbps); undefined when the value is an unresolved token. */
  public readonly gbps?: number;

  /** @param value the API spelling, e.g. `500Mbps` */
  private constructor(public readonly value: string) {
    if (isToken(value)) return;
    const m = /^(\d+)(Mbps|Gbps)$/.exec(value);
    if (m) this.gbps = m[2] === 'Gbps' ? Number(m[1]) : Number(m[1]) / 1000;
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
  /**
   * The AWS Region the connection's Direct Connect location is associated with: the Region AWS's BGP communities
   * 7224:8100/9100 and 7224:8200/9200 are relative to.
   * @default - unknown (an imported connection without `locationRegion`)
   */
  readonly locationRegion?: string;

  /** Any AWS/DX metric of this connection (dimension `ConnectionId`), e.g. `ConnectionErrorCount`. */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** `ConnectionState`: 1 up, 0 down (Minimum over 5 minutes). */
  metricConnectionState(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** `ConnectionEncryptionState`: MACsec 1 up, 0 down (Minimum over 5 minutes). */
  metricConnectionEncryptionState(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** `ConnectionBpsEgress`: bits per second leaving AWS (Average over 5 minutes). */
  metricEgressBps(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** `ConnectionBpsIngress`: bits per second arriving at AWS (Average over 5 minutes). */
  metricIngressBps(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** `ConnectionPpsEgress`: packets per second leaving AWS (Average over 5 minutes). */
  metricEgressPps(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** `ConnectionPpsIngress`: packets per second arriving at AWS (Average over 5 minutes). */
  metricIngressPps(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** `ConnectionErrorCount`: MAC-level errors on the AWS device (Sum over 5 minutes). */
  metricErrorCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** `ConnectionLightLevelRx`: optical power AWS receives from you, dBm (Average over 5 minutes; dedicated connections). */
  metricLightLevelRx(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** `ConnectionLightLevelTx`: optical power AWS sends to you, dBm (Average over 5 minutes; dedicated connections). */
  metricLightLevelTx(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
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
 * Base of the connection constructs, with the static imports for existing connections and LAGs, and the AWS/DX
 * metrics of the connection (`metricConnectionState()`, `metricEgressBps()`, ...; dimension `ConnectionId`). Direct
 * Connect publishes the port metrics per physical connection: on a LAG, watch its member connections' metrics
 * (AWS documents `ConnectionEncryptionState` for a LAG as a whole).
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
    checkProps('ConnectionImportOptions', options);
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
    checkProps('LagImportOptions', options);
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
  public abstract readonly locationRegion?: string;

  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    const fact = Object.values(DX_METRICS).find((m) => m.name === metricName);
    return dxMetric(fact ?? { name: metricName, unit: 'None', dimensions: ['ConnectionId'], statistic: 'Average', meaning: '' },
      { ConnectionId: this.connectionId }, props).attachTo(this);
  }

  public metricConnectionState(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.connectionState.name, props);
  }

  public metricConnectionEncryptionState(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.connectionEncryptionState.name, props);
  }

  public metricEgressBps(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.connectionBpsEgress.name, props);
  }

  public metricIngressBps(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.connectionBpsIngress.name, props);
  }

  public metricEgressPps(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.connectionPpsEgress.name, props);
  }

  public metricIngressPps(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.connectionPpsIngress.name, props);
  }

  public metricErrorCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.connectionErrorCount.name, props);
  }

  public metricLightLevelRx(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.connectionLightLevelRx.name, props);
  }

  public metricLightLevelTx(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(DX_METRICS.connectionLightLevelTx.name, props);
  }
}

class ImportedConnection extends DirectConnectConnection {
  public readonly createdInThisStack: boolean = false;
  /** Unknown for an import: the virtual interface's `locationRegion` gives it. */
  public readonly locationRegion?: string = undefined;
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

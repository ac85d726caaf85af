import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ALARM_MATH_LIMITS, DEFAULT_UTILIZATION_ALARM_PERCENT } from '../facts/direct-connect-metrics';
import { pathAlarms, redundancyAlarm } from './private/alarms';
import {
  checkBandwidth, checkDashboardName, checkDropPercent, checkLabel, checkPercent, checkVirtualInterfaces, connectionIdOf, expectedUp, lightRange,
} from './private/checks';
import { createDashboard } from './private/dashboard';
import { MonitoringSettings, WatchedPath } from './private/paths';
import { DirectConnectConnection, IDirectConnectConnection } from '../direct-connect/connection';
import { IPublicVirtualInterface } from '../direct-connect/public-virtual-interface';
import { enterConstruct, fail, isToken, leaveConstruct, show, warn } from '../private/errors';
import { DX_FACTS } from '../facts/direct-connect-limits';
import { createManagedKey } from '../private/kms';
import { checkProps } from '../private/prop-types';

/** Properties of {@link DirectConnectMonitoring}. */
export interface DirectConnectMonitoringProps {
  /**
   * The Direct Connect connection or LAG to watch: its id (`dxcon-...` / `dxlag-...`, e.g.
   * `CfnConnection.attrConnectionId`) or its ARN (the id is taken from the ARN). Tokens are accepted and must
   * resolve to the id, because CloudWatch's `ConnectionId` dimension holds the id, not the ARN.
   */
  readonly connectionId: string;

  /**
   * Virtual interfaces to watch (a `PublicVirtualInterface`, or `PublicVirtualInterface.fromVirtualInterfaceAttributes`
   * for one made elsewhere), wherever they are attached. Each BGP session (IPv4, and IPv6 when the interface has an
   * IPv6 peer) gets three alarms on AWS's own metrics (BGP down, fewer prefixes accepted than the route filter lists,
   * AWS's advertised prefixes falling sharply) and a dashboard row.
   * @default - no interface is watched: connection alarms only
   */
  readonly virtualInterfaces?: IPublicVirtualInterface[];

  /**
   * Port speed of ONE connection in Gbps: a dedicated speed (1, 10, 100, 400) or a hosted capacity (0.05 to 25), as
   * Direct Connect sells them. It picks the optic's light-level range and, times `lagMembers`, is the capacity the
   * egress utilization alarm measures against. For a LAG give the member speed (three 1 Gbps members: `1`, with
   * `lagMembers: 3`); a total such as `3` is refused.
   * @default - no utilization alarm (a warning says so); light levels use the 10GBASE-LR range
   */
  readonly bandwidthGbps?: number;

  /**
   * How many member connections of `bandwidthGbps` the watched LAG bundles (1 to 4 below 100 Gbps, 1 to 2 at 100
   * and 400 Gbps): the utilization alarm measures against `bandwidthGbps` x `lagMembers`. Leave it at 1 when
   * `connectionId` is a single connection or one member of a LAG. Only with `bandwidthGbps`.
   * @default 1
   */
  readonly lagMembers?: number;

  /**
   * Further paths of a redundant set (the other connections of a resiliency model), watched like the first one:
   * each gets its own alarms and its own rows on the dashboard. They share `bandwidthGbps`, `lagMembers`,
   * `macsecRequested` and the light-level range with the first path.
   * @default - only `connectionId` is watched
   */
  readonly additionalPaths?: MonitoredPath[];

  /**
   * A name for the first path on the dashboard and in alarm descriptions when `additionalPaths` are given, e.g.
   * its location code.
   * @default - 'Path 1' only
   */
  readonly pathName?: string;

  /**
   * How many of the listed virtual interfaces, over every path, must have their IPv4 BGP session up
   * (`VirtualInterfaceBgpStatus`). The "redundancy lost" alarm fires when fewer do for two 5-minute periods in a row;
   * an interface AWS reports nothing for (deleted, or no session) counts as down, and no data at all is breaching. A
   * resiliency model's value is its number of interfaces. The alarm adds one metric per listed interface, at most
   * 10 (a CloudWatch alarm on metric math takes up to 10 metrics).
   * @default - with `additionalPaths` that each list their interfaces, the number of interfaces listed; otherwise
   * no redundancy alarm
   */
  readonly expectedInterfacesUp?: number;

  /**
   * Whether MACsec was requested on the connection; adds an alarm on `ConnectionEncryptionState`.
   * @default false
   */
  readonly macsecRequested?: boolean;

  /**
   * The connection is a hosted connection (provisioned by a Direct Connect Partner): it has no light-level metrics
   * of its own and no MACsec, so there are no light-level alarms and `macsecRequested` is refused.
   * @default false - a dedicated connection or LAG
   */
  readonly hostedConnection?: boolean;

  /**
   * Rate limit of the watched virtual interfaces (`PublicVirtualInterface.rateLimit`, in Mbps): the utilization
   * alarm and graph then measure each path's first listed interface (`virtualInterfaces`) against it instead of
   * the port against its speed. Needs `virtualInterfaces`.
   * @default - no limit: utilization is measured against the port speed
   */
  readonly rateLimitMbps?: number;

  /**
   * Egress utilization, in percent of the port speed, above which the utilization alarm fires
   * (average over 15 minutes).
   * @default 80
   */
  readonly utilizationThresholdPercent?: number;

  /**
   * Lowest safe received light level in dBm (`ConnectionLightLevelRx`); below it the fiber, a connector or
   * your optic is degrading.
   *
   * @remarks The optics of 100 and 400 Gbps ports also report light levels per lane (dimension
   * `OpticalLaneNumber`); the light alarms watch the connection-level series only.
   * @default - the receiver sensitivity of the optic for `bandwidthGbps` (10GBASE-LR: -14.4 dBm, IEEE 802.3 Clause 52)
   */
  readonly lightLevelLowDbm?: number;

  /**
   * Highest safe received light level in dBm (`ConnectionLightLevelRx`); above it the receiver overloads.
   * @default - the receive overload of the optic for `bandwidthGbps` (10GBASE-LR: +0.5 dBm, IEEE 802.3 Clause 52)
   */
  readonly lightLevelHighDbm?: number;

  /**
   * How far, in percent of the previous 5-minute period, AWS's count of advertised prefixes
   * (`VirtualInterfaceBgpPrefixesAdvertised`) may fall before the advertised-prefixes alarm fires.
   * @default 50
   */
  readonly advertisedDropPercent?: number;

  /**
   * SNS topic the alarms notify (on ALARM and on OK). If you pass a topic with a KMS key, the key policy
   * must let `cloudwatch.amazonaws.com` use it (kms:Decrypt, kms:GenerateDataKey*).
   * @default - a new topic encrypted with a new customer managed KMS key, SSL enforced
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * Name of the CloudWatch dashboard.
   * @default - a name generated by CloudFormation
   */
  readonly dashboardName?: string;
}

/** One more path (connection or LAG and its virtual interfaces) watched by a `DirectConnectMonitoring`. */
export interface MonitoredPath {
  /**
   * The connection or LAG of this path: its id (`dxcon-...` / `dxlag-...`) or ARN, as for `connectionId`.
   */
  readonly connectionId: string;
  /**
   * Virtual interfaces of this path, watched as the first path's `virtualInterfaces`.
   * @default - no interface of this path is watched
   */
  readonly virtualInterfaces?: IPublicVirtualInterface[];
  /**
   * A name for the path on the dashboard and in alarm descriptions, e.g. its location code.
   * @default - 'Path N' only
   */
  readonly name?: string;
}

/**
 * CloudWatch alarms and a dashboard on AWS's own Direct Connect metrics (namespace AWS/DX) for a connection (or
 * LAG) and its virtual interfaces, or for every path of a redundant set (`additionalPaths`). Nothing runs in the
 * account: no function, no role, and no principal that could read the interfaces' BGP keys.
 *
 * Alarms per path: connection down, MACsec encryption down (if requested), received light level outside the
 * optic's safe range, egress utilization above a share of the capacity. Per BGP session of each listed interface:
 * BGP down (no data counts as down), fewer prefixes accepted than the route filter lists, AWS's advertised prefixes
 * falling sharply. Over every path: redundancy lost (fewer interfaces with BGP up than `expectedInterfacesUp`). All
 * notify one SNS topic. Every series comes from the constructs' `metricXxx()` methods.
 *
 * ```ts
 * declare const vif: PublicVirtualInterface;
 * const monitoring = new DirectConnectMonitoring(this, 'Monitoring', {
 *   connectionId: 'dxcon-fgabc123',
 *   virtualInterfaces: [vif],
 *   bandwidthGbps: 10,
 *   macsecRequested: true,
 * });
 * // monitoring.alarmTopic.addSubscription(...)
 * ```
 *
 * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/monitoring-cloudwatch.html
 */
export class DirectConnectMonitoring extends Construct {
  /** The topic every alarm notifies. */
  public readonly alarmTopic: sns.ITopic;
  /** Every alarm this construct created. */
  public readonly alarms: cloudwatch.Alarm[];
  /** The dashboard. */
  public readonly dashboard: cloudwatch.Dashboard;
  /**
   * The customer managed key of the alarm topic.
   * @default - none when `alarmTopic` is given
   */
  public readonly encryptionKey?: kms.IKey;
  /** The connection id used in metric dimensions (of the first path). */
  public readonly connectionId: string;
  /**
   * The "redundancy lost" alarm (fewer interfaces with BGP up than `expectedInterfacesUp`).
   * @default - none without `expectedInterfacesUp` (or several paths that list their interfaces)
   */
  public readonly redundancyAlarm?: cloudwatch.IAlarm;

  constructor(scope: Construct, id: string, props: DirectConnectMonitoringProps) {
    super(scope, id);
    enterConstruct(this);
    checkProps('DirectConnectMonitoringProps', props);
    this.connectionId = connectionIdOf('connectionId', props.connectionId);
    const paths = watchedPaths(this, this.connectionId, props);
    checkBandwidth(props.bandwidthGbps, props.lagMembers);
    checkPercent(props.utilizationThresholdPercent);
    checkDropPercent(props.advertisedDropPercent);
    if (props.hostedConnection && props.macsecRequested) {
      fail('macsecRequested', 'must be false for a hosted connection (hostedConnection: true; MACsec is for dedicated connections only), got true');
    }
    checkDashboardName(props.dashboardName);
    const listed = paths.reduce((n, p) => n + p.virtualInterfaces.length, 0);
    const expected = expectedUp(props.expectedInterfacesUp, listed, paths.every((p) => p.virtualInterfaces.length > 0), paths.length);
    if (expected === undefined && paths.length > 1) {
      warn(this, 'noRedundancyAlarm', 'additionalPaths are given but not every path lists its virtualInterfaces, so there is no redundancy alarm; set expectedInterfacesUp to get one');
    }
    if (expected !== undefined && listed > ALARM_MATH_LIMITS.maxMetrics) {
      fail('virtualInterfaces', `must list at most ${ALARM_MATH_LIMITS.maxMetrics} interfaces over all paths for the redundancy alarm (one metric per interface; `
        + `a CloudWatch alarm on metric math takes up to ${ALARM_MATH_LIMITS.maxMetrics}), got ${listed}`);
    }
    const settings: MonitoringSettings = {
      light: props.hostedConnection ? undefined : lightRange(this, props),
      bandwidthGbps: props.bandwidthGbps,
      lagMembers: props.lagMembers ?? 1,
      utilizationPercent: props.utilizationThresholdPercent ?? DEFAULT_UTILIZATION_ALARM_PERCENT,
      rateLimitMbps: checkRateLimitMbps(props.rateLimitMbps, props.virtualInterfaces),
      macsecRequested: props.macsecRequested ?? false,
      advertisedDropPercent: props.advertisedDropPercent ?? 50,
      expectedInterfacesUp: expected,
    };
    if (props.bandwidthGbps === undefined && settings.rateLimitMbps === undefined) {
      warn(this, 'noUtilizationAlarm', 'bandwidthGbps is not set, so there is no egress utilization alarm; set it to the port speed (LAG: the member speed, with lagMembers) to get one');
    }

    if (props.alarmTopic !== undefined) {
      this.alarmTopic = props.alarmTopic;
    } else {
      const connections = paths.map((p) => p.connectionId).join(', ');
      const key = createManagedKey(this, 'Key', {
        description: `Direct Connect monitoring of ${connections}: alarm topic`,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      this.encryptionKey = key;
      this.alarmTopic = createAlarmTopic(this, key);
    }

    const alarms = paths.flatMap((p) => pathAlarms(this, p, settings));
    if (expected !== undefined) alarms.push(redundancyAlarm(this, paths, expected));
    for (const alarm of alarms) {
      alarm.addAlarmAction(new cwActions.SnsAction(this.alarmTopic));
      alarm.addOkAction(new cwActions.SnsAction(this.alarmTopic));
    }
    this.alarms = alarms;
    this.redundancyAlarm = expected === undefined ? undefined : alarms.find((a) => a.node.id === 'RedundancyLostAlarm');
    this.dashboard = createDashboard(this, props.dashboardName, paths, settings, alarms);
    leaveConstruct(this);
  }
}

/** An SNS topic encrypted with `key` that CloudWatch alarms of this account may publish to. */
function createAlarmTopic(scope: Construct, key: kms.Key): sns.ITopic {
  const topic = new sns.Topic(scope, 'AlarmTopic', { masterKey: key, enforceSSL: true });
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarms',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
    },
  }));
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToPublish',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
  }));
  return topic;
}

/** The connection a path watches, imported by id (creates nothing): its `metricXxx()` methods give the series. */
function watchedConnection(scope: Construct, id: string, connectionId: string): IDirectConnectConnection {
  return !isToken(connectionId) && connectionId.startsWith('dxlag-')
    ? DirectConnectConnection.fromLagId(scope, id, connectionId)
    : DirectConnectConnection.fromConnectionId(scope, id, connectionId);
}

/** Path 1 from the top-level props, then `additionalPaths`, checked (labels, each connection and interface once). */
function watchedPaths(scope: Construct, connectionId: string, props: DirectConnectMonitoringProps): WatchedPath[] {
  const more = props.additionalPaths ?? [];
  if (isToken(more)) fail('additionalPaths', 'must be a literal list (each path gets its own alarms at synth time), got a token');
  const several = more.length > 0;
  const seenVifs = new Map<unknown, string>();
  const seenConnections = new Map<string, string>();
  const one = (index: number, where: string, id: string, vifs: IPublicVirtualInterface[] | undefined, name: string | undefined): WatchedPath => {
    checkVirtualInterfaces(`${where}virtualInterfaces`, vifs ?? [], seenVifs);
    checkLabel(index === 1 ? 'pathName' : `${where}name`, name);
    if (!isToken(id)) {
      const before = seenConnections.get(id);
      if (before !== undefined) fail(`${where}connectionId`, `repeats '${id}' (already ${before}); every path is its own connection`);
      seenConnections.set(id, `${where}connectionId`);
    }
    const idPrefix = index === 1 ? '' : `Path${index}`;
    return {
      index,
      connection: watchedConnection(scope, `${idPrefix}WatchedConnection`, id),
      connectionId: id,
      virtualInterfaces: [...(vifs ?? [])],
      label: several ? `Path ${index}${name === undefined ? '' : ` (${name})`}` : undefined,
      idPrefix,
    };
  };
  if (!several && props.pathName !== undefined) fail('pathName', 'is only used with additionalPaths (it names path 1 among several)');
  return [
    one(1, '', connectionId, props.virtualInterfaces, props.pathName),
    ...more.map((p, i) => {
      const where = `additionalPaths[${i}].`;
      return one(i + 2, where, connectionIdOf(`${where}connectionId`, p.connectionId), p.virtualInterfaces, p.name);
    }),
  ];
}

/** A rate limit AWS offers (DX_FACTS.rateLimit), with the interfaces it is measured on. */
function checkRateLimitMbps(mbps: number | undefined, vifs: IPublicVirtualInterface[] | undefined): number | undefined {
  if (mbps === undefined || isToken(mbps)) return mbps;
  if (!DX_FACTS.rateLimit.mbps.includes(mbps)) {
    fail('rateLimitMbps', `must be a rate limit AWS offers, in Mbps (${DX_FACTS.rateLimit.mbps.join(', ')}), got ${show(mbps)}`);
  }
  if (vifs === undefined || vifs.length === 0) {
    fail('rateLimitMbps', `needs virtualInterfaces (the rate-limited interface is measured against it), got ${show(mbps)} without them`);
  }
  return mbps;
}

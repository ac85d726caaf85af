import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ALARM_MATH_LIMITS } from './metrics';
import { pathAlarms, pollerErrorsAlarm, redundancyAlarm } from './private/alarms';
import {
  checkBandwidth, checkDashboardName, checkLabel, checkPercent, checkVirtualInterfaceIds, connectionIdOf, expectedUp, lightRange, wholeUnits,
} from './private/checks';
import { createDashboard } from './private/dashboard';
import { MonitoringSettings, WatchedPath } from './private/paths';
import { createAlarmTopic, createPoller } from './private/poller';
import { fail, isToken, warn } from '../private/errors';
import { createManagedKey } from '../private/kms';

/** Properties of {@link DirectConnectMonitoring}. */
export interface DirectConnectMonitoringProps {
  /**
   * The Direct Connect connection or LAG to watch: its id (`dxcon-...` / `dxlag-...`, e.g.
   * `CfnConnection.attrConnectionId`) or its ARN (the id is taken from the ARN). Tokens are accepted and must
   * resolve to the id, because CloudWatch's `ConnectionId` dimension holds the id, not the ARN.
   */
  readonly connectionId: string;

  /**
   * Virtual interfaces to report (`dxvif-...`). They get traffic widgets on the dashboard, and the poller
   * reads and reports only these, by id, wherever they are attached (an interface on a LAG is found even
   * when `connectionId` is a member connection of that LAG).
   * @default - the poller reports every virtual interface on the connection; no per-interface traffic widgets
   */
  readonly virtualInterfaceIds?: string[];

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
   * each gets its own alarms, its own rows on the dashboard, and is polled by the same BGP status poller. At most 9
   * (a CloudWatch alarm on metric math takes up to 10 metrics, one per path). They share `bandwidthGbps`,
   * `lagMembers`, `macsecRequested` and the light-level range with the first path.
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
   * How many virtual interfaces, over every path, must have BGP up (state available and every ready peer up). The
   * "redundancy lost" alarm fires when fewer do for two polls in a row, and when the poller stops reporting (no
   * data is breaching). A resiliency model's value is its number of interfaces.
   * @default - with `additionalPaths` whose interfaces are all listed, the number of interfaces listed; otherwise
   * no redundancy alarm
   */
  readonly expectedInterfacesUp?: number;

  /**
   * Whether MACsec was requested on the connection; adds an alarm on `ConnectionEncryptionState`.
   * @default false
   */
  readonly macsecRequested?: boolean;

  /**
   * Egress utilization, in percent of the port speed, above which the utilization alarm fires
   * (average over 15 minutes).
   * @default 80
   */
  readonly utilizationThresholdPercent?: number;

  /**
   * Lowest safe received light level in dBm (`ConnectionLightLevelRx`); below it the fiber, a connector or
   * your optic is degrading.
   * @default - the receiver sensitivity of the optic for `bandwidthGbps` (10GBASE-LR: -14.4 dBm, IEEE 802.3 Clause 52)
   */
  readonly lightLevelLowDbm?: number;

  /**
   * Highest safe received light level in dBm (`ConnectionLightLevelRx`); above it the receiver overloads.
   * @default - the receive overload of the optic for `bandwidthGbps` (10GBASE-LR: +0.5 dBm, IEEE 802.3 Clause 52)
   */
  readonly lightLevelHighDbm?: number;

  /**
   * How long a virtual interface may stay in `confirming`, `verifying` or `pending` before the stuck alarm
   * fires; a whole number of hours from 1 to 168 (CloudWatch evaluates at most 7 days).
   * @default Duration.hours(72) - AWS says verifying public prefixes can take up to 72 hours, so the alarm
   * means "longer than AWS's own estimate: open a support case"
   */
  readonly stuckAfter?: Duration;

  /**
   * How often the BGP status poller runs; a whole number of minutes from 1 to 60.
   * @default Duration.minutes(5) - the period Direct Connect's own metrics use
   */
  readonly pollInterval?: Duration;

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
   * Virtual interfaces of this path (`dxvif-...`), read by id wherever they are attached.
   * @default - the poller reports every virtual interface on the connection
   */
  readonly virtualInterfaceIds?: string[];
  /**
   * A name for the path on the dashboard and in alarm descriptions, e.g. its location code.
   * @default - 'Path N' only
   */
  readonly name?: string;
}

/**
 * CloudWatch alarms, a dashboard and a scheduled BGP status poller for a Direct Connect connection (or LAG)
 * and its virtual interfaces, or for every path of a redundant set (`additionalPaths`).
 *
 * Alarms per path: connection down, MACsec encryption down (if requested), received light level outside the
 * optic's safe range, egress utilization above a share of the capacity, a BGP peer down, an interface stuck in
 * confirming/verifying/pending. Over every path: redundancy lost (fewer interfaces with BGP up than
 * `expectedInterfacesUp`, or the poller silent). And poller errors. All notify one SNS topic.
 *
 * ```ts
 * const monitoring = new DirectConnectMonitoring(this, 'Monitoring', {
 *   connectionId: 'dxcon-fgabc123',
 *   virtualInterfaceIds: ['dxvif-ffabc123'],
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
  /** The scheduled BGP status poller. */
  public readonly pollerFunction: lambda.Function;
  /** The customer managed key for the topic (when created here), the poller's logs and its dead-letter queue. */
  public readonly encryptionKey: kms.Key;
  /** The connection id used in metric dimensions (of the first path). */
  public readonly connectionId: string;
  /**
   * The "redundancy lost" alarm (fewer interfaces with BGP up than `expectedInterfacesUp`).
   * @default - none without `expectedInterfacesUp` (or several paths that list their interfaces)
   */
  public readonly redundancyAlarm?: cloudwatch.IAlarm;

  constructor(scope: Construct, id: string, props: DirectConnectMonitoringProps) {
    super(scope, id);
    this.connectionId = connectionIdOf('connectionId', props.connectionId);
    const paths = watchedPaths(this.connectionId, props);
    checkBandwidth(props.bandwidthGbps, props.lagMembers);
    checkPercent(props.utilizationThresholdPercent);
    checkDashboardName(props.dashboardName);
    const listed = paths.some((p) => isToken(p.virtualInterfaceIds) || p.virtualInterfaceIds.length === 0)
      ? undefined : paths.reduce((n, p) => n + p.virtualInterfaceIds.length, 0);
    const expected = expectedUp(props.expectedInterfacesUp, listed, paths.length);
    if (expected === undefined && paths.length > 1) {
      warn(this, 'noRedundancyAlarm', 'additionalPaths are given but not every path lists its virtualInterfaceIds, so there is no redundancy alarm; set expectedInterfacesUp to get one');
    }
    const settings: MonitoringSettings = {
      light: lightRange(this, props),
      bandwidthGbps: props.bandwidthGbps,
      lagMembers: props.lagMembers ?? 1,
      utilizationPercent: props.utilizationThresholdPercent ?? 80,
      macsecRequested: props.macsecRequested ?? false,
      stuckHours: wholeUnits('stuckAfter', props.stuckAfter ?? Duration.hours(72), 'hours', 1, 168),
      pollPeriod: Duration.minutes(wholeUnits('pollInterval', props.pollInterval ?? Duration.minutes(5), 'minutes', 1, 60)),
      expectedInterfacesUp: expected,
    };
    if (props.bandwidthGbps === undefined) {
      warn(this, 'noUtilizationAlarm', 'bandwidthGbps is not set, so there is no egress utilization alarm; set it to the port speed (LAG: the member speed, with lagMembers) to get one');
    }

    const connections = paths.map((p) => p.connectionId).join(', ');
    this.encryptionKey = createManagedKey(this, 'Key', {
      description: `Direct Connect monitoring of ${connections}: alarm topic, poller logs, poller dead-letter queue`,
      cloudWatchLogs: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.alarmTopic = props.alarmTopic ?? createAlarmTopic(this, this.encryptionKey);
    this.pollerFunction = createPoller(this, this.encryptionKey, paths, settings.pollPeriod.toMinutes());

    const alarms = paths.flatMap((p) => pathAlarms(this, p, settings));
    if (expected !== undefined) alarms.push(redundancyAlarm(this, paths, settings, expected));
    alarms.push(pollerErrorsAlarm(this, this.pollerFunction, settings, connections));
    for (const alarm of alarms) {
      alarm.addAlarmAction(new cwActions.SnsAction(this.alarmTopic));
      alarm.addOkAction(new cwActions.SnsAction(this.alarmTopic));
    }
    this.alarms = alarms;
    this.redundancyAlarm = expected === undefined ? undefined : alarms.find((a) => a.node.id === 'RedundancyLostAlarm');
    this.dashboard = createDashboard(this, props.dashboardName, paths, settings, alarms);
  }
}

/** Path 1 from the top-level props, then `additionalPaths`, checked (ids, labels, each connection and interface once). */
function watchedPaths(connectionId: string, props: DirectConnectMonitoringProps): WatchedPath[] {
  const more = props.additionalPaths ?? [];
  if (isToken(more)) fail('additionalPaths', 'must be a literal list (each path gets its own alarms at synth time), got a token');
  const max = ALARM_MATH_LIMITS.maxMetrics - 1;
  if (more.length > max) {
    fail('additionalPaths', `must hold at most ${max} paths (the redundancy alarm adds one metric per path and a CloudWatch alarm takes up to ${ALARM_MATH_LIMITS.maxMetrics}), got ${more.length}`);
  }
  const several = more.length > 0;
  const seenVifs = new Map<string, string>();
  const seenConnections = new Map<string, string>();
  const one = (index: number, where: string, id: string, vifs: string[] | undefined, name: string | undefined): WatchedPath => {
    checkVirtualInterfaceIds(`${where}virtualInterfaceIds`, vifs ?? [], seenVifs);
    checkLabel(index === 1 ? 'pathName' : `${where}name`, name);
    if (!isToken(id)) {
      const before = seenConnections.get(id);
      if (before !== undefined) fail(`${where}connectionId`, `repeats '${id}' (already ${before}); every path is its own connection`);
      seenConnections.set(id, `${where}connectionId`);
    }
    return {
      index,
      connectionId: id,
      virtualInterfaceIds: vifs ?? [],
      label: several ? `Path ${index}${name === undefined ? '' : ` (${name})`}` : undefined,
      idPrefix: index === 1 ? '' : `Path${index}`,
    };
  };
  if (!several && props.pathName !== undefined) fail('pathName', 'is only used with additionalPaths (it names path 1 among several)');
  return [
    one(1, '', connectionId, props.virtualInterfaceIds, props.pathName),
    ...more.map((p, i) => {
      const where = `additionalPaths[${i}].`;
      return one(i + 2, where, connectionIdOf(`${where}connectionId`, p.connectionId), p.virtualInterfaceIds, p.name);
    }),
  ];
}

/**
 * The alarms of the monitoring construct (not exported from the package): per path (connection down, MACsec down,
 * light levels, egress utilization, BGP peer down, interface stuck), the redundancy-lost alarm over every path, and
 * the poller's own errors.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { isToken } from '../../private/errors';
import { DX_METRIC_PERIOD_SECONDS, DX_METRICS, POLLER_METRICS } from '../metrics';
import { dxMetric, MonitoringSettings, pathText, pollerMetric, WatchedPath } from './paths';

/** Polls in a row with fewer interfaces up than expected before the redundancy alarm fires. */
export const REDUNDANCY_EVALUATION_PERIODS = 2;

/** Egress utilization of a path in percent of its capacity (port speed times LAG members). */
export function utilizationMetric(path: WatchedPath, settings: MonitoringSettings): cloudwatch.IMetric | undefined {
  const gbps = settings.bandwidthGbps;
  if (gbps === undefined) return undefined;
  const members = settings.lagMembers;
  const capacity = members === 1 ? `${gbps}` : isToken(gbps) || isToken(members) ? `${gbps} * ${members}` : `${gbps * members}`;
  return new cloudwatch.MathExpression({
    expression: `100 * egress / (${capacity} * 1000000000)`,
    usingMetrics: { egress: dxMetric(path, DX_METRICS.connectionBpsEgress) },
    period: Duration.seconds(DX_METRIC_PERIOD_SECONDS),
    label: 'Egress utilization (% of port speed)',
  });
}

function capacityText(settings: MonitoringSettings): string {
  return settings.lagMembers === 1 ? `${settings.bandwidthGbps} Gbps` : `${settings.lagMembers} x ${settings.bandwidthGbps} Gbps`;
}

/** The alarms of one path, in a fixed order; path 1 keeps the construct ids it always had. */
export function pathAlarms(scope: Construct, path: WatchedPath, settings: MonitoringSettings): cloudwatch.Alarm[] {
  const id = (name: string) => `${path.idPrefix}${name}`;
  const where = pathText(path);
  const alarms: cloudwatch.Alarm[] = [];
  alarms.push(new cloudwatch.Alarm(scope, id('ConnectionDownAlarm'), {
    metric: dxMetric(path, DX_METRICS.connectionState),
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    threshold: 1, evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.MISSING,
    alarmDescription: `Direct Connect ${where} is down (AWS/DX ConnectionState = 0). Check the cross connect, optics and your router port.`,
  }));
  if (settings.macsecRequested) {
    alarms.push(new cloudwatch.Alarm(scope, id('EncryptionDownAlarm'), {
      metric: dxMetric(path, DX_METRICS.connectionEncryptionState),
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      threshold: 1, evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.MISSING,
      alarmDescription: `MACsec encryption on ${where} is down (AWS/DX ConnectionEncryptionState = 0). Check the CKN/CAK association and your router's MACsec configuration.`,
    }));
  }
  const light = settings.light;
  if (light) {
    alarms.push(new cloudwatch.Alarm(scope, id('LightLevelRxLowAlarm'), {
      metric: dxMetric(path, DX_METRICS.connectionLightLevelRx),
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      threshold: light.low, evaluationPeriods: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `Light received by AWS on ${where} is below the safe range of ${light.optic} (low ${light.low} dBm). Clean connectors, check the fiber and your optic.`,
    }));
    alarms.push(new cloudwatch.Alarm(scope, id('LightLevelRxHighAlarm'), {
      metric: dxMetric(path, DX_METRICS.connectionLightLevelRx),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: light.high, evaluationPeriods: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `Light received by AWS on ${where} is above the safe range of ${light.optic} (high ${light.high} dBm): receiver overload. Check the optic type on your side.`,
    }));
  }
  const utilization = utilizationMetric(path, settings);
  if (utilization) {
    const percent = settings.utilizationPercent;
    alarms.push(new cloudwatch.Alarm(scope, id('EgressUtilizationAlarm'), {
      metric: utilization,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: percent, evaluationPeriods: 3,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `Egress on ${where} is above ${percent}% of ${capacityText(settings)} for 15 minutes. Plan more capacity (a LAG member or a second connection).`,
    }));
  }
  alarms.push(new cloudwatch.Alarm(scope, id('BgpPeerDownAlarm'), {
    metric: pollerMetric(path, POLLER_METRICS.bgpPeersDown, 'Maximum', settings.pollPeriod),
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    threshold: 1, evaluationPeriods: 2, datapointsToAlarm: 1,
    treatMissingData: cloudwatch.TreatMissingData.MISSING,
    alarmDescription: `At least one BGP peer on ${where} is down (bgpStatus = down). Check peer addresses, ASN, MD5 key and VLAN on your router; run 'npx cdk-connect-dx status --connection-id ${path.connectionId}'.`,
  }));
  alarms.push(new cloudwatch.Alarm(scope, id('InterfaceStuckAlarm'), {
    metric: pollerMetric(path, POLLER_METRICS.interfacesWaiting, 'Minimum', Duration.hours(1)),
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    threshold: 1, evaluationPeriods: settings.stuckHours, datapointsToAlarm: settings.stuckHours,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: `A virtual interface on ${where} has been confirming, verifying or pending for ${settings.stuckHours} hours. Verifying can take up to 72 hours; past that, open an AWS Support case.`,
  }));
  return alarms;
}

/**
 * Interfaces with BGP up over every path: `FILL(upN, 0)` per path, so a path the poller has no data for counts as
 * down; when there is no data at all (the poller stopped), the alarm treats it as breaching.
 */
export function interfacesUpMetric(paths: WatchedPath[], settings: MonitoringSettings): cloudwatch.MathExpression {
  const usingMetrics: Record<string, cloudwatch.IMetric> = {};
  paths.forEach((p) => { usingMetrics[`up${p.index}`] = pollerMetric(p, POLLER_METRICS.interfacesBgpUp, 'Maximum', settings.pollPeriod); });
  return new cloudwatch.MathExpression({
    expression: paths.map((p) => `FILL(up${p.index}, 0)`).join(' + '),
    usingMetrics,
    period: settings.pollPeriod,
    label: 'Interfaces with BGP up (all paths)',
  });
}

/** Fewer interfaces with BGP up than the model needs, for two polls in a row; no data is breaching. */
export function redundancyAlarm(scope: Construct, paths: WatchedPath[], settings: MonitoringSettings, expected: number): cloudwatch.Alarm {
  const names = paths.map((p) => pathText(p)).join('; ');
  return new cloudwatch.Alarm(scope, 'RedundancyLostAlarm', {
    metric: interfacesUpMetric(paths, settings),
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    threshold: expected,
    evaluationPeriods: REDUNDANCY_EVALUATION_PERIODS, datapointsToAlarm: REDUNDANCY_EVALUATION_PERIODS,
    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    alarmDescription: `Redundancy lost: fewer than ${expected} virtual interfaces have BGP up over the paths (${names}) for `
      + `${REDUNDANCY_EVALUATION_PERIODS} polls, or the BGP status poller stopped reporting. Traffic still flows on what is up, without the `
      + 'redundancy the resiliency model promises. Find the path with the dashboard and restore it.',
  });
}

/** The poller itself failing, which leaves the BGP alarms blind. */
export function pollerErrorsAlarm(scope: Construct, fn: lambda.IFunction, settings: MonitoringSettings, connections: string): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, 'PollerErrorsAlarm', {
    metric: fn.metricErrors({ period: settings.pollPeriod, statistic: 'Sum' }),
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    threshold: 1, evaluationPeriods: 3, datapointsToAlarm: 2,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: `The BGP status poller for ${connections} keeps failing, so BGP alarms are blind. Read its log group.`,
  });
}

/**
 * The alarms of the monitoring construct (not exported from the package): per path (connection down, MACsec down,
 * light levels, egress utilization), per virtual interface and BGP session (BGP down, fewer prefixes accepted than
 * the route filter lists, AWS's advertised prefixes falling sharply), and the redundancy-lost alarm over every path.
 * Every series is AWS's own (namespace AWS/DX), read through the constructs' `metricXxx()` methods.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { IPublicVirtualInterface } from '../../direct-connect/public-virtual-interface';
import { isToken } from '../../private/errors';
import { DX_METRIC_PERIOD_SECONDS } from '../../facts/direct-connect-metrics';
import { BgpSession, MonitoringSettings, pathText, sessionOptions, sessionsOf, WatchedPath } from './paths';

/** Periods in a row with fewer interfaces up than expected before the redundancy alarm fires. */
export const REDUNDANCY_EVALUATION_PERIODS = 2;

const PERIOD = Duration.seconds(DX_METRIC_PERIOD_SECONDS);

/**
 * Egress utilization of a path in percent of its capacity: with a rate limit, of the path's (first) interface
 * against the limit (the interface can carry no more, whatever the port speed); else of the port speed times the
 * LAG members.
 */
export function utilizationMetric(path: WatchedPath, settings: MonitoringSettings): cloudwatch.IMetric | undefined {
  const limited = rateLimitedInterface(path, settings);
  if (limited !== undefined) {
    return new cloudwatch.MathExpression({
      expression: `100 * egress / (${settings.rateLimitMbps} * 1000000)`,
      usingMetrics: { egress: limited.metricVirtualInterfaceBpsEgress() },
      period: PERIOD,
      label: 'Egress utilization (% of the interface rate limit)',
    });
  }
  const gbps = settings.bandwidthGbps;
  if (gbps === undefined) return undefined;
  const members = settings.lagMembers;
  const capacity = members === 1 ? `${gbps}` : isToken(gbps) || isToken(members) ? `${gbps} * ${members}` : `${gbps * members}`;
  return new cloudwatch.MathExpression({
    expression: `100 * egress / (${capacity} * 1000000000)`,
    usingMetrics: { egress: path.connection.metricEgressBps() },
    period: PERIOD,
    label: 'Egress utilization (% of port speed)',
  });
}

/**
 * How far AWS's advertised count fell since the previous period, in percent of that count (0 when it did not fall,
 * or there was nothing before): `DIFF` is the change from the previous datapoint.
 */
export function advertisedDropMetric(vif: IPublicVirtualInterface, session: BgpSession): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: 'IF((adv - DIFF(adv)) > 0, -100 * DIFF(adv) / (adv - DIFF(adv)), 0)',
    usingMetrics: { adv: vif.metricBgpPrefixesAdvertised(sessionOptions(session)) },
    period: PERIOD,
    label: `Fall of AWS's advertised prefixes${session.suffix ? ' (IPv6)' : ''} (% of the previous period)`,
  });
}

/** The interface the rate limit is measured on: the path's first listed interface (undefined without a limit or a list). */
function rateLimitedInterface(path: WatchedPath, settings: MonitoringSettings): IPublicVirtualInterface | undefined {
  if (settings.rateLimitMbps === undefined || path.virtualInterfaces.length === 0) return undefined;
  return path.virtualInterfaces[0];
}

function capacityText(settings: MonitoringSettings, path?: WatchedPath): string {
  const limited = path && rateLimitedInterface(path, settings);
  if (limited) return `the rate limit of interface ${limited.virtualInterfaceId} (${settings.rateLimitMbps} Mbps)`;
  return settings.lagMembers === 1 ? `${settings.bandwidthGbps} Gbps` : `${settings.lagMembers} x ${settings.bandwidthGbps} Gbps`;
}

/** The alarms of one path's connection, in a fixed order; path 1 keeps the construct ids it always had. */
export function pathAlarms(scope: Construct, path: WatchedPath, settings: MonitoringSettings): cloudwatch.Alarm[] {
  const id = (name: string) => `${path.idPrefix}${name}`;
  const where = pathText(path);
  const alarms: cloudwatch.Alarm[] = [];
  alarms.push(new cloudwatch.Alarm(scope, id('ConnectionDownAlarm'), {
    metric: path.connection.metricConnectionState(),
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    threshold: 1, evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.MISSING,
    alarmDescription: `Direct Connect ${where} is down (AWS/DX ConnectionState = 0). Check the cross connect, optics and your router port.`,
  }));
  if (settings.macsecRequested) {
    alarms.push(new cloudwatch.Alarm(scope, id('EncryptionDownAlarm'), {
      metric: path.connection.metricConnectionEncryptionState(),
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      threshold: 1, evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.MISSING,
      alarmDescription: `MACsec encryption on ${where} is down (AWS/DX ConnectionEncryptionState = 0). Check the CKN/CAK association and your router's MACsec configuration.`,
    }));
  }
  const light = settings.light;
  if (light) {
    alarms.push(new cloudwatch.Alarm(scope, id('LightLevelRxLowAlarm'), {
      metric: path.connection.metricLightLevelRx(),
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      threshold: light.low, evaluationPeriods: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `Light received by AWS on ${where} is below the safe range of ${light.optic} (low ${light.low} dBm). Clean connectors, check the fiber and your optic.`,
    }));
    alarms.push(new cloudwatch.Alarm(scope, id('LightLevelRxHighAlarm'), {
      metric: path.connection.metricLightLevelRx(),
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
      alarmDescription: `Egress on ${where} is above ${percent}% of ${capacityText(settings, path)} for 15 minutes. Plan more capacity (a LAG member or a second connection).`,
    }));
  }
  path.virtualInterfaces.forEach((vif, j) => alarms.push(...interfaceAlarms(scope, `${path.idPrefix}Vif${j + 1}`, vif, where, settings)));
  return alarms;
}

/** The three BGP alarms of each session (IPv4, and IPv6 when the interface has an IPv6 peer) of one interface. */
function interfaceAlarms(scope: Construct, prefix: string, vif: IPublicVirtualInterface, where: string, settings: MonitoringSettings): cloudwatch.Alarm[] {
  const alarms: cloudwatch.Alarm[] = [];
  const name = isToken(vif.virtualInterfaceId) ? `the virtual interface on ${where}` : `virtual interface ${vif.virtualInterfaceId} (${where})`;
  for (const session of sessionsOf(vif)) {
    const family = session.family;
    alarms.push(new cloudwatch.Alarm(scope, `${prefix}${session.suffix}BgpDownAlarm`, {
      metric: vif.metricBgpStatus(sessionOptions(session)),
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      threshold: 1, evaluationPeriods: 1,
      // no data: the interface is gone, or has no BGP session AWS reports on; either way no traffic flows on it
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      alarmDescription: `The ${family} BGP session of ${name} is down, or AWS reports no session at all (AWS/DX VirtualInterfaceBgpStatus below 1 or missing). `
        + 'A new public interface stays verifying (no session) for up to 72 hours. Check peer addresses, ASN, MD5 key and VLAN on your router; '
        + `run 'npx cdk-connect-dx status${isToken(vif.virtualInterfaceId) ? '' : ` --vif-id ${vif.virtualInterfaceId}`}'.`,
    }));
    if (session.expectedAccepted !== undefined && session.expectedAccepted > 0) {
      const n = session.expectedAccepted;
      alarms.push(new cloudwatch.Alarm(scope, `${prefix}${session.suffix}PrefixesAcceptedLowAlarm`, {
        metric: vif.metricBgpPrefixesAccepted(sessionOptions(session)),
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        threshold: n, evaluationPeriods: 2,
        // no data is the BGP alarm's; this one speaks only about an established session
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: `AWS accepts fewer than the ${n} ${family} prefix(es) the route filter of ${name} lists (AWS/DX VirtualInterfaceBgpPrefixesAccepted) `
          + 'for 10 minutes: AWS is not taking some of your routes, so return traffic to them leaves AWS over the internet. '
          + 'Check what your router advertises (the prefixes, the community) against the route filter prefixes.',
      }));
    }
    const drop = settings.advertisedDropPercent;
    alarms.push(new cloudwatch.Alarm(scope, `${prefix}${session.suffix}PrefixesAdvertisedDropAlarm`, {
      metric: advertisedDropMetric(vif, session),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      threshold: drop, evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `The ${family} prefixes AWS advertises on ${name} fell by ${drop}% or more within 5 minutes (AWS/DX VirtualInterfaceBgpPrefixesAdvertised): `
        + 'AWS withdrew routes (Amazon Connect\'s among them, perhaps), so agent traffic to them may leave over the internet. '
        + 'Compare your router\'s received routes with the Amazon Connect ranges; AWS Health may show an event.',
    }));
  }
  return alarms;
}

/**
 * Interfaces with BGP up over every path: `FILL(sN, 0)` per interface (its IPv4 session, Minimum), so an interface
 * AWS reports nothing for (gone, or no session) counts as down; when there is no data at all, the alarm treats it
 * as breaching.
 */
export function interfacesUpMetric(paths: WatchedPath[]): cloudwatch.MathExpression {
  const usingMetrics: Record<string, cloudwatch.IMetric> = {};
  const vifs = paths.flatMap((p) => p.virtualInterfaces);
  vifs.forEach((vif, i) => { usingMetrics[`s${i + 1}`] = vif.metricBgpStatus(); });
  return new cloudwatch.MathExpression({
    expression: vifs.map((_, i) => `FILL(s${i + 1}, 0)`).join(' + '),
    usingMetrics,
    period: PERIOD,
    label: 'Interfaces with BGP up (all paths)',
  });
}

/** Fewer interfaces with BGP up than the model needs, for two periods in a row; no data is breaching. */
export function redundancyAlarm(scope: Construct, paths: WatchedPath[], expected: number): cloudwatch.Alarm {
  const names = paths.map((p) => pathText(p)).join('; ');
  return new cloudwatch.Alarm(scope, 'RedundancyLostAlarm', {
    metric: interfacesUpMetric(paths),
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    threshold: expected,
    evaluationPeriods: REDUNDANCY_EVALUATION_PERIODS, datapointsToAlarm: REDUNDANCY_EVALUATION_PERIODS,
    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    alarmDescription: `Redundancy lost: fewer than ${expected} virtual interfaces have their IPv4 BGP session up over the paths (${names}) for `
      + `${REDUNDANCY_EVALUATION_PERIODS * DX_METRIC_PERIOD_SECONDS / 60} minutes (AWS/DX VirtualInterfaceBgpStatus; an interface AWS reports nothing for counts as down). `
      + 'Traffic still flows on what is up, without the redundancy the resiliency model promises. Find the path with the dashboard and restore it.',
  });
}

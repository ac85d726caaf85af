/**
 * The paths one monitoring construct watches (not exported from the package), the settings every path shares, and
 * the metric factories the alarms and the dashboard both use.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { LightRange } from './checks';
import { AWS_DX_NAMESPACE, DX_METRIC_PERIOD_SECONDS, DxMetricFact, POLLER_NAMESPACE } from '../metrics';

/** One watched path: a connection (or LAG) and its listed interfaces. */
export interface WatchedPath {
  /** 1-based. */
  readonly index: number;
  readonly connectionId: string;
  readonly virtualInterfaceIds: string[];
  /** e.g. `Path 2 (EqDC2)`; undefined for a single path (its texts stay as they were before paths existed). */
  readonly label?: string;
  /** Construct id prefix of the path's alarms: '' for path 1, `Path2` for path 2, ... */
  readonly idPrefix: string;
}

/** What every path shares, checked. */
export interface MonitoringSettings {
  readonly light?: LightRange;
  /** Port speed of one connection (Gbps). */
  readonly bandwidthGbps?: number;
  readonly lagMembers: number;
  readonly utilizationPercent: number;
  readonly macsecRequested: boolean;
  readonly stuckHours: number;
  readonly pollPeriod: Duration;
  /** Interfaces that must have BGP up over every path; undefined: no redundancy alarm. */
  readonly expectedInterfacesUp?: number;
}

/** An AWS/DX metric of a path's connection. */
export function dxMetric(path: WatchedPath, fact: DxMetricFact, label?: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: AWS_DX_NAMESPACE,
    metricName: fact.name,
    dimensionsMap: { ConnectionId: path.connectionId },
    statistic: fact.statistic,
    period: Duration.seconds(DX_METRIC_PERIOD_SECONDS),
    label,
  });
}

/** A poller metric of a path's connection. */
export function pollerMetric(path: WatchedPath, name: string, statistic: string, period: Duration, label?: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: POLLER_NAMESPACE,
    metricName: name,
    dimensionsMap: { ConnectionId: path.connectionId },
    statistic, period, label,
  });
}

/** Text that names the path in alarm descriptions: `Direct Connect dxcon-...` or `Path 2 (EqDC2) dxcon-...`. */
export function pathText(path: WatchedPath): string {
  return path.label === undefined ? path.connectionId : `${path.label}, ${path.connectionId}`;
}

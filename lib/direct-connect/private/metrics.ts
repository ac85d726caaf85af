/**
 * The CloudWatch metrics of a connection and of a virtual interface, built from the AWS/DX facts table
 * (`facts/direct-connect-metrics.ts`): the one place the constructs' `metricXxx()` methods get their namespace, names,
 * dimensions, statistics and period. Not exported from the package.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { AWS_DX_NAMESPACE, DX_ADDRESS_FAMILIES, DX_METRIC_PERIOD_SECONDS, DxMetricFact } from '../../facts/direct-connect-metrics';

/**
 * An AWS/DX metric with the fact's statistic and Direct Connect's 5-minute period; `props` overrides them, and its
 * `dimensionsMap` is merged over `dimensions` (so `{ IpAddressFamily: 'ipv6' }` picks the IPv6 session).
 */
export function dxMetric(fact: DxMetricFact, dimensions: Record<string, string>, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: AWS_DX_NAMESPACE,
    metricName: fact.name,
    statistic: fact.statistic,
    period: Duration.seconds(DX_METRIC_PERIOD_SECONDS),
    ...props,
    dimensionsMap: { ...dimensions, ...props.dimensionsMap },
  });
}

/** The dimensions of a BGP metric of an interface: IPv4 unless `props.dimensionsMap` names another family. */
export function bgpDimensions(connectionId: string, virtualInterfaceId: string): Record<string, string> {
  return { ConnectionId: connectionId, VirtualInterfaceId: virtualInterfaceId, IpAddressFamily: DX_ADDRESS_FAMILIES.ipv4 };
}

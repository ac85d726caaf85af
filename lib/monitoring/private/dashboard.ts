/**
 * The dashboard of the monitoring construct (not exported from the package): the alarm states, then for each path
 * its connection state, light levels, BGP (poller), traffic, utilization, packets and per-interface traffic. With
 * several paths, each path's widgets come under a heading that names it, after a graph of the interfaces with BGP
 * up over every path.
 */
import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { AWS_DX_NAMESPACE, DX_METRIC_PERIOD_SECONDS, DX_METRICS, POLLER_METRICS } from '../metrics';
import { interfacesUpMetric, utilizationMetric } from './alarms';
import { dxMetric, MonitoringSettings, pollerMetric, WatchedPath } from './paths';

const WIDTH = 8;

/** The rows of one path. */
function pathRows(path: WatchedPath, settings: MonitoringSettings): cloudwatch.IWidget[][] {
  const { light, pollPeriod } = settings;
  const state: cloudwatch.IMetric[] = [dxMetric(path, DX_METRICS.connectionState, 'ConnectionState (1 up)')];
  if (settings.macsecRequested) state.push(dxMetric(path, DX_METRICS.connectionEncryptionState, 'ConnectionEncryptionState (1 up)'));
  const rows: cloudwatch.IWidget[][] = [];
  rows.push([
    new cloudwatch.GraphWidget({ title: 'Connection state', left: state, width: WIDTH, leftYAxis: { min: 0, max: 1 } }),
    new cloudwatch.GraphWidget({
      title: 'Light levels (dBm)', width: WIDTH,
      left: [
        dxMetric(path, DX_METRICS.connectionLightLevelRx, 'Rx (received by AWS)'),
        dxMetric(path, DX_METRICS.connectionLightLevelTx, 'Tx (sent by AWS)'),
      ],
      leftAnnotations: light ? [
        { value: light.low, label: `Rx low ${light.low}`, color: cloudwatch.Color.RED },
        { value: light.high, label: `Rx high ${light.high}`, color: cloudwatch.Color.RED },
      ] : undefined,
    }),
    new cloudwatch.GraphWidget({
      title: 'BGP peers and interfaces (poller)', width: WIDTH,
      left: [
        pollerMetric(path, POLLER_METRICS.bgpPeersUp, 'Maximum', pollPeriod, 'BGP peers up'),
        pollerMetric(path, POLLER_METRICS.bgpPeersDown, 'Maximum', pollPeriod, 'BGP peers down'),
        pollerMetric(path, POLLER_METRICS.interfacesBgpUp, 'Maximum', pollPeriod, 'Interfaces with BGP up'),
        pollerMetric(path, POLLER_METRICS.interfacesWaiting, 'Maximum', pollPeriod, 'Interfaces waiting'),
        pollerMetric(path, POLLER_METRICS.interfacesDown, 'Maximum', pollPeriod, 'Interfaces down'),
      ],
    }),
  ]);
  const utilization = utilizationMetric(path, settings);
  const percent = settings.utilizationPercent;
  rows.push([
    new cloudwatch.GraphWidget({
      title: 'Traffic (bits/s)', width: WIDTH,
      left: [
        dxMetric(path, DX_METRICS.connectionBpsEgress, 'Egress'),
        dxMetric(path, DX_METRICS.connectionBpsIngress, 'Ingress'),
      ],
    }),
    utilization
      ? new cloudwatch.GraphWidget({
        title: 'Egress utilization (%)', width: WIDTH,
        left: [utilization],
        leftAnnotations: [{ value: percent, label: `${percent}%`, color: cloudwatch.Color.ORANGE }],
        leftYAxis: { min: 0, max: 100 },
      })
      : new cloudwatch.TextWidget({
        width: WIDTH, height: 6,
        markdown: '### Egress utilization\nSet `bandwidthGbps` on the monitoring construct to graph and alarm on utilization.',
      }),
    new cloudwatch.GraphWidget({
      title: 'Packets and errors', width: WIDTH,
      left: [
        dxMetric(path, DX_METRICS.connectionPpsEgress, 'Pps egress'),
        dxMetric(path, DX_METRICS.connectionPpsIngress, 'Pps ingress'),
      ],
      right: [dxMetric(path, DX_METRICS.connectionErrorCount, 'Errors')],
    }),
  ]);
  const vifIds = path.virtualInterfaceIds;
  if (!Token.isUnresolved(vifIds) && vifIds.length > 0) {
    rows.push(vifIds.map((vif) => new cloudwatch.GraphWidget({
      title: `Virtual interface ${vif} (bits/s)`, width: WIDTH,
      left: [DX_METRICS.virtualInterfaceBpsEgress, DX_METRICS.virtualInterfaceBpsIngress].map((fact) => new cloudwatch.Metric({
        namespace: AWS_DX_NAMESPACE, metricName: fact.name, statistic: fact.statistic,
        period: Duration.seconds(DX_METRIC_PERIOD_SECONDS),
        dimensionsMap: { ConnectionId: path.connectionId, VirtualInterfaceId: vif },
        label: fact.name,
      })),
    })));
  }
  return rows;
}

/** The dashboard: alarm states, then (several paths) the interfaces up over all paths, then each path's rows. */
export function createDashboard(
  scope: Construct, dashboardName: string | undefined, paths: WatchedPath[], settings: MonitoringSettings, alarms: cloudwatch.IAlarm[],
): cloudwatch.Dashboard {
  const dash = new cloudwatch.Dashboard(scope, 'Dashboard', { dashboardName, defaultInterval: Duration.days(1) });
  dash.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms, width: 24, height: 3 }));
  const expected = settings.expectedInterfacesUp;
  if (expected !== undefined) {
    dash.addWidgets(new cloudwatch.GraphWidget({
      title: 'Redundancy: interfaces with BGP up (all paths)', width: 24, height: 5,
      left: [interfacesUpMetric(paths, settings)],
      leftAnnotations: [{ value: expected, label: `needed: ${expected}`, color: cloudwatch.Color.RED }],
      leftYAxis: { min: 0 },
    }));
  }
  for (const path of paths) {
    if (path.label !== undefined) {
      dash.addWidgets(new cloudwatch.TextWidget({ width: 24, height: 1, markdown: `### ${path.label}: ${path.connectionId}` }));
    }
    for (const row of pathRows(path, settings)) dash.addWidgets(...row);
  }
  return dash;
}

/**
 * The dashboard of the monitoring construct (not exported from the package): the alarm states, then for each path
 * its connection state, light levels, traffic, utilization and packets, and for each of its virtual interfaces the
 * BGP session, the prefixes AWS accepted and advertised, and the traffic. With several paths, each path's widgets
 * come under a heading that names it, after a graph of the interfaces with BGP up over every path.
 */
import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { IPublicVirtualInterface } from '../../direct-connect/public-virtual-interface';
import { interfacesUpMetric, utilizationMetric } from './alarms';
import { MonitoringSettings, sessionOptions, sessionsOf, WatchedPath } from './paths';

const WIDTH = 8;
const QUARTER = 6;

/** The rows of one path's connection. */
function pathRows(path: WatchedPath, settings: MonitoringSettings): cloudwatch.IWidget[][] {
  const { light } = settings;
  const c = path.connection;
  const state: cloudwatch.IMetric[] = [c.metricConnectionState({ label: 'ConnectionState (1 up)' })];
  if (settings.macsecRequested) state.push(c.metricConnectionEncryptionState({ label: 'ConnectionEncryptionState (1 up)' }));
  const rows: cloudwatch.IWidget[][] = [];
  const utilization = utilizationMetric(path, settings);
  const percent = settings.utilizationPercent;
  rows.push([
    new cloudwatch.GraphWidget({ title: 'Connection state', left: state, width: QUARTER, leftYAxis: { min: 0, max: 1 } }),
    new cloudwatch.GraphWidget({
      title: 'Light levels (dBm)', width: QUARTER,
      left: [c.metricLightLevelRx({ label: 'Rx (received by AWS)' }), c.metricLightLevelTx({ label: 'Tx (sent by AWS)' })],
      leftAnnotations: light ? [
        { value: light.low, label: `Rx low ${light.low}`, color: cloudwatch.Color.RED },
        { value: light.high, label: `Rx high ${light.high}`, color: cloudwatch.Color.RED },
      ] : undefined,
    }),
    new cloudwatch.GraphWidget({
      title: 'Traffic (bits/s)', width: QUARTER,
      left: [c.metricEgressBps({ label: 'Egress' }), c.metricIngressBps({ label: 'Ingress' })],
    }),
    utilization
      ? new cloudwatch.GraphWidget({
        title: settings.rateLimitMbps === undefined ? 'Egress utilization (%)' : `Egress utilization (% of the ${settings.rateLimitMbps} Mbps rate limit)`, width: QUARTER,
        left: [utilization],
        leftAnnotations: [{ value: percent, label: `${percent}%`, color: cloudwatch.Color.ORANGE }],
        leftYAxis: { min: 0, max: 100 },
      })
      : new cloudwatch.TextWidget({
        width: QUARTER, height: 6,
        markdown: '### Egress utilization\nSet `bandwidthGbps` on the monitoring construct to graph and alarm on utilization.',
      }),
  ]);
  rows.push([
    new cloudwatch.GraphWidget({
      title: 'Packets and errors', width: WIDTH,
      left: [c.metricEgressPps({ label: 'Pps egress' }), c.metricIngressPps({ label: 'Pps ingress' })],
      right: [c.metricErrorCount({ label: 'Errors' })],
    }),
  ]);
  for (const vif of path.virtualInterfaces) rows.push(interfaceRow(vif));
  return rows;
}

/** One interface: BGP status, prefixes accepted (against the route filter), prefixes advertised by AWS, traffic. */
function interfaceRow(vif: IPublicVirtualInterface): cloudwatch.IWidget[] {
  const name = Token.isUnresolved(vif.virtualInterfaceId) ? 'Virtual interface' : vif.virtualInterfaceId;
  const sessions = sessionsOf(vif);
  const expected = sessions.filter((s) => s.expectedAccepted !== undefined && s.expectedAccepted > 0);
  return [
    new cloudwatch.GraphWidget({
      title: `${name}: BGP session (1 up)`, width: QUARTER, leftYAxis: { min: 0, max: 1 },
      left: sessions.map((s) => vif.metricBgpStatus(sessionOptions(s, `${s.family} BGP`))),
    }),
    new cloudwatch.GraphWidget({
      title: `${name}: prefixes AWS accepted`, width: QUARTER, leftYAxis: { min: 0 },
      left: sessions.map((s) => vif.metricBgpPrefixesAccepted(sessionOptions(s, `${s.family} accepted`))),
      leftAnnotations: expected.map((s) => ({ value: s.expectedAccepted!, label: `${s.family} route filter: ${s.expectedAccepted}`, color: cloudwatch.Color.RED })),
    }),
    new cloudwatch.GraphWidget({
      title: `${name}: prefixes AWS advertises`, width: QUARTER, leftYAxis: { min: 0 },
      left: sessions.map((s) => vif.metricBgpPrefixesAdvertised(sessionOptions(s, `${s.family} advertised`))),
    }),
    new cloudwatch.GraphWidget({
      title: `${name}: traffic (bits/s)`, width: QUARTER,
      left: [vif.metricVirtualInterfaceBpsEgress({ label: 'Egress' }), vif.metricVirtualInterfaceBpsIngress({ label: 'Ingress' })],
    }),
  ];
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
      left: [interfacesUpMetric(paths)],
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

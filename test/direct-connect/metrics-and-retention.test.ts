import { App, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import {
  DedicatedBandwidth, DedicatedConnection, DirectConnectConnection, LinkAggregationGroup, PublicVirtualInterface,
} from '../../lib';

function newStack(): Stack {
  return new Stack(new App(), 'Dx', { env: { region: 'us-east-1' } });
}

/** The alarm a metric would make, as CloudFormation properties. */
function alarmOf(stack: Stack, metric: cloudwatch.IMetric): Record<string, any> {
  new cloudwatch.Alarm(stack, 'Probe', { metric, threshold: 1, evaluationPeriods: 1 });
  const alarms = Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm');
  return stack.resolve((Object.values(alarms)[0] as any).Properties);
}

describe('connection and LAG: retained by default', () => {
  test('a new connection and a new LAG keep DeletionPolicy and UpdateReplacePolicy Retain', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const lag = new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10 });
    new DedicatedConnection(stack, 'Conn', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10, lag });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResource('AWS::DirectConnect::Connection', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResource('AWS::DirectConnect::Lag', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('removalPolicy DESTROY deletes; RETAIN_ON_UPDATE_OR_DELETE is passed as CloudFormation spells it', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10, removalPolicy: RemovalPolicy.DESTROY });
    new DedicatedConnection(stack, 'Conn', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10, removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResource('AWS::DirectConnect::Lag', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    template.hasResource('AWS::DirectConnect::Connection', { DeletionPolicy: 'RetainExceptOnCreate', UpdateReplacePolicy: 'Retain' });
  });

  test('SNAPSHOT is refused, naming the prop and the value', () => {
    // GIVEN / WHEN / THEN
    expect(() => new DedicatedConnection(newStack(), 'Conn', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10, removalPolicy: RemovalPolicy.SNAPSHOT }))
      .toThrow(/^removalPolicy must be RemovalPolicy\.RETAIN, DESTROY or RETAIN_ON_UPDATE_OR_DELETE, got snapshot/);
  });
});

describe('connection metrics', () => {
  test.each<[string, (c: DirectConnectConnection) => cloudwatch.Metric, string]>([
    ['metricConnectionState', (c) => c.metricConnectionState(), 'ConnectionState:Minimum'],
    ['metricConnectionEncryptionState', (c) => c.metricConnectionEncryptionState(), 'ConnectionEncryptionState:Minimum'],
    ['metricEgressBps', (c) => c.metricEgressBps(), 'ConnectionBpsEgress:Average'],
    ['metricIngressBps', (c) => c.metricIngressBps(), 'ConnectionBpsIngress:Average'],
    ['metricEgressPps', (c) => c.metricEgressPps(), 'ConnectionPpsEgress:Average'],
    ['metricIngressPps', (c) => c.metricIngressPps(), 'ConnectionPpsIngress:Average'],
    ['metricErrorCount', (c) => c.metricErrorCount(), 'ConnectionErrorCount:Sum'],
    ['metricLightLevelRx', (c) => c.metricLightLevelRx(), 'ConnectionLightLevelRx:Average'],
    ['metricLightLevelTx', (c) => c.metricLightLevelTx(), 'ConnectionLightLevelTx:Average'],
  ])('%s: AWS/DX, ConnectionId of the new connection, 5 minutes', (_name, pick, expected) => {
    // GIVEN
    const stack = newStack();
    const conn = new DedicatedConnection(stack, 'Conn', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10 });
    // WHEN
    const metric = pick(conn);
    // THEN
    expect(`${metric.metricName}:${metric.statistic}`).toBe(expected);
    expect(metric.namespace).toBe('AWS/DX');
    expect(metric.period.toSeconds()).toBe(300);
    expect(stack.resolve(metric.dimensions)).toEqual({ ConnectionId: { 'Fn::GetAtt': [stack.getLogicalId(conn.node.defaultChild as any), 'ConnectionId'] } });
  });

  test('a LAG and an import by id give their id; options override statistic and period', () => {
    // GIVEN
    const stack = newStack();
    const imported = DirectConnectConnection.fromLagId(stack, 'Lag', 'dxlag-ffabc123');
    // WHEN
    const metric = imported.metricEgressBps({ statistic: 'Maximum', period: cloudwatchMinutes(1) });
    // THEN
    expect(metric.dimensions).toEqual({ ConnectionId: 'dxlag-ffabc123' });
    expect([metric.statistic, metric.period.toSeconds()]).toEqual(['Maximum', 60]);
  });
});

function cloudwatchMinutes(n: number) {
  return Duration.minutes(n);
}

describe('public virtual interface metrics and import', () => {
  const GOOD = { vlan: 101, asn: 65000, customerAddress: '18.0.0.1/30', amazonAddress: '18.0.0.2/30', routeFilterPrefixes: ['18.0.1.0/24'] };

  test('the BGP metrics carry ConnectionId (the LAG it is on), IpAddressFamily ipv4 and VirtualInterfaceId', () => {
    // GIVEN
    const stack = newStack();
    const lag = new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10 });
    const vif = new PublicVirtualInterface(stack, 'Vif', { connection: lag, ...GOOD });
    // WHEN
    const props = alarmOf(stack, vif.metricBgpStatus());
    // THEN
    expect(props).toMatchObject({ Namespace: 'AWS/DX', MetricName: 'VirtualInterfaceBgpStatus', Statistic: 'Minimum', Period: 300 });
    expect(props.Dimensions).toEqual([
      { Name: 'ConnectionId', Value: { 'Fn::GetAtt': [stack.getLogicalId(lag.node.defaultChild as any), 'LagId'] } },
      { Name: 'IpAddressFamily', Value: 'ipv4' },
      { Name: 'VirtualInterfaceId', Value: { 'Fn::GetAtt': [stack.getLogicalId(vif.node.defaultChild as any), 'VirtualInterfaceId'] } },
    ]);
    expect(vif.attachedConnectionId).toBe(lag.lagId);
  });

  test.each<[string, string, string]>([
    ['metricBgpPrefixesAccepted', 'VirtualInterfaceBgpPrefixesAccepted', 'Minimum'],
    ['metricBgpPrefixesAdvertised', 'VirtualInterfaceBgpPrefixesAdvertised', 'Minimum'],
    ['metricVirtualInterfaceBpsEgress', 'VirtualInterfaceBpsEgress', 'Average'],
    ['metricVirtualInterfaceBpsIngress', 'VirtualInterfaceBpsIngress', 'Average'],
    ['metricVirtualInterfacePpsEgress', 'VirtualInterfacePpsEgress', 'Average'],
    ['metricVirtualInterfacePpsIngress', 'VirtualInterfacePpsIngress', 'Average'],
  ])('%s of an imported interface', (method, name, statistic) => {
    // GIVEN
    const stack = newStack();
    const vif = PublicVirtualInterface.fromVirtualInterfaceAttributes(stack, 'Vif', { virtualInterfaceId: 'dxvif-ffabc123', attachedConnectionId: 'dxlag-ffabc123' });
    // WHEN
    const metric = (vif as any)[method]() as cloudwatch.Metric;
    // THEN
    expect([metric.metricName, metric.statistic]).toEqual([name, statistic]);
    const dims: Record<string, string> = { ConnectionId: 'dxlag-ffabc123', VirtualInterfaceId: 'dxvif-ffabc123' };
    if (name.includes('Bgp')) dims.IpAddressFamily = 'ipv4';
    expect(metric.dimensions).toEqual(dims);
  });

  test('the IPv6 session is picked with dimensionsMap, the other dimensions kept', () => {
    // GIVEN
    const stack = newStack();
    const vif = PublicVirtualInterface.fromVirtualInterfaceAttributes(stack, 'Vif', {
      virtualInterfaceId: 'dxvif-ffabc123', attachedConnectionId: 'dxcon-fgabc123', ipv6Enabled: true, routeFilterPrefixes: ['18.0.1.0/24', '2600:1f00::/40'],
    });
    // WHEN
    const metric = vif.metricBgpPrefixesAccepted({ dimensionsMap: { IpAddressFamily: 'ipv6' } });
    // THEN
    expect(metric.dimensions).toEqual({ ConnectionId: 'dxcon-fgabc123', VirtualInterfaceId: 'dxvif-ffabc123', IpAddressFamily: 'ipv6' });
    expect(vif.routeFilterPrefixes).toEqual(['18.0.1.0/24', '2600:1f00::/40']);
    expect(vif.ipv6Enabled).toBe(true);
    expect(stack.resolve(vif.virtualInterfaceArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':directconnect:us-east-1:', { Ref: 'AWS::AccountId' }, ':dxvif/dxvif-ffabc123']] });
  });

  test('an interface on a connection imported by ARN has the id as ConnectionId', () => {
    // GIVEN
    const stack = newStack();
    const conn = DirectConnectConnection.fromConnectionId(stack, 'Conn', 'arn:aws:directconnect:us-east-1:111122223333:dxcon/dxcon-fgabc123');
    // WHEN
    const vif = new PublicVirtualInterface(stack, 'Vif', { connection: conn, ...GOOD, locationRegion: 'us-east-1' });
    // THEN
    expect(vif.metricBgpStatus().dimensions).toEqual({ ConnectionId: 'dxcon-fgabc123', VirtualInterfaceId: expect.any(String), IpAddressFamily: 'ipv4' });
  });

  test.each<[string, object, RegExp]>([
    ['interface id', { virtualInterfaceId: 'dxcon-fgabc123' }, /^virtualInterfaceId must be a virtual interface id .*got 'dxcon-fgabc123'$/],
    ['connection id', { attachedConnectionId: 'dxvif-ffabc123' }, /^attachedConnectionId must be the id of the connection or LAG .*got 'dxvif-ffabc123'$/],
    ['prefix', { routeFilterPrefixes: ['18.0.1.1/24'] }, /^routeFilterPrefixes\[0\]/],
    ['IPv6 prefix without ipv6Enabled', { routeFilterPrefixes: ['2600:1f00::/40'] }, /^routeFilterPrefixes\[0\] is an IPv6 prefix/],
  ])('the import refuses a bad %s', (_name, bad, message) => {
    // GIVEN / WHEN / THEN
    expect(() => PublicVirtualInterface.fromVirtualInterfaceAttributes(newStack(), 'Vif', {
      virtualInterfaceId: 'dxvif-ffabc123', attachedConnectionId: 'dxlag-ffabc123', ...bad,
    })).toThrow(message);
  });

  test('tokens pass through the import checks', () => {
    // GIVEN / WHEN
    const vif = PublicVirtualInterface.fromVirtualInterfaceAttributes(newStack(), 'Vif', {
      virtualInterfaceId: Lazy.string({ produce: () => 'dxvif-ffabc123' }), attachedConnectionId: Lazy.string({ produce: () => 'dxlag-ffabc123' }),
    });
    // THEN
    expect(vif.metricBgpStatus().metricName).toBe('VirtualInterfaceBgpStatus');
  });
});

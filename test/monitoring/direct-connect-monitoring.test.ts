import { App, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { DirectConnectMonitoring, DirectConnectMonitoringProps, IPublicVirtualInterface, PublicVirtualInterface } from '../../lib';
import { expectCfnLintClean, nagFindings } from '../helpers/checks';

type PropsOf = Partial<DirectConnectMonitoringProps> | ((stack: Stack) => Partial<DirectConnectMonitoringProps>);

function synth(props: PropsOf = {}): { stack: Stack; monitoring: DirectConnectMonitoring; template: Template } {
  const app = new App();
  const stack = new Stack(app, 'MonitoringStack');
  const given = typeof props === 'function' ? props(stack) : props;
  const monitoring = new DirectConnectMonitoring(stack, 'Monitoring', { connectionId: 'dxcon-fgabc123', ...given });
  return { stack, monitoring, template: Template.fromStack(stack) };
}

let imports = 0;
/** An interface made elsewhere, imported (on the LAG dxlag-ffabc123 unless said otherwise). */
function vif(stack: Stack, id: string, more: { attachedConnectionId?: string; ipv6Enabled?: boolean; routeFilterPrefixes?: string[] } = {}): IPublicVirtualInterface {
  return PublicVirtualInterface.fromVirtualInterfaceAttributes(stack, `Vif${++imports}`, { virtualInterfaceId: id, attachedConnectionId: 'dxlag-ffabc123', ...more });
}

function alarmOn(template: Template, metricName: string): Record<string, any> {
  const found = template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: metricName } });
  const values = Object.values(found);
  expect(values).toHaveLength(1);
  return (values[0] as any).Properties;
}

describe('DirectConnectMonitoring alarms', () => {
  test('connection down alarm on AWS/DX ConnectionState < 1 with the connection dimension, notifying the topic', () => {
    // GIVEN / WHEN
    const { template } = synth();
    // THEN
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/DX',
      MetricName: 'ConnectionState',
      Dimensions: [{ Name: 'ConnectionId', Value: 'dxcon-fgabc123' }],
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      Statistic: 'Minimum',
      Period: 300,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('MonitoringAlarmTopic') }],
      OKActions: [{ Ref: Match.stringLikeRegexp('MonitoringAlarmTopic') }],
    });
  });

  test('MACsec requested adds an encryption-state alarm; not requested adds none', () => {
    // GIVEN / WHEN
    const withMacsec = synth({ macsecRequested: true }).template;
    const without = synth().template;
    // THEN
    const p = alarmOn(withMacsec, 'ConnectionEncryptionState');
    expect(p).toMatchObject({ ComparisonOperator: 'LessThanThreshold', Threshold: 1, Statistic: 'Minimum', Dimensions: [{ Name: 'ConnectionId', Value: 'dxcon-fgabc123' }] });
    expect(Object.keys(without.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'ConnectionEncryptionState' } }))).toHaveLength(0);
  });

  test('light-level alarms default to the 10GBASE-LR receive range (-14.4 to +0.5 dBm)', () => {
    // GIVEN / WHEN
    const { template } = synth({ bandwidthGbps: 10 });
    // THEN
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'ConnectionLightLevelRx' } }))
      .map((r: any) => [r.Properties.ComparisonOperator, r.Properties.Threshold]);
    expect(alarms).toEqual(expect.arrayContaining([['LessThanThreshold', -14.4], ['GreaterThanThreshold', 0.5]]));
    expect(alarms).toHaveLength(2);
  });

  test('1 Gbps picks the 1000BASE-LX range; explicit props override it', () => {
    // GIVEN / WHEN
    const lx = synth({ bandwidthGbps: 1 }).template;
    const custom = synth({ bandwidthGbps: 1, lightLevelLowDbm: -12, lightLevelHighDbm: -4 }).template;
    // THEN
    const thresholds = (t: Template) => Object.values(t.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'ConnectionLightLevelRx' } }))
      .map((r: any) => r.Properties.Threshold).sort((a: number, b: number) => a - b);
    expect(thresholds(lx)).toEqual([-19, -3]);
    expect(thresholds(custom)).toEqual([-12, -4]);
  });

  test('100 Gbps: the LR4 per-lane range, no warning (per lane is in the remarks); 400 Gbps: no light alarms until both bounds are set, and a warning', () => {
    // GIVEN / WHEN
    const g100 = synth({ bandwidthGbps: 100 });
    const g400 = synth({ bandwidthGbps: 400 });
    const g400set = synth({ bandwidthGbps: 400, lightLevelLowDbm: -9, lightLevelHighDbm: 4 });
    // THEN
    const rx = (t: Template) => Object.values(t.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'ConnectionLightLevelRx' } }))
      .map((r: any) => r.Properties.Threshold).sort((a: number, b: number) => a - b);
    expect(rx(g100.template)).toEqual([-10.6, 4.5]);
    expect(Annotations.fromStack(g100.stack).findWarning('*', Match.stringLikeRegexp('per lane'))).toEqual([]);
    expect(rx(g400.template)).toEqual([]);
    Annotations.fromStack(g400.stack).hasWarning('*', Match.stringLikeRegexp('no known optic for a 400 Gbps port'));
    expect(rx(g400set.template)).toEqual([-9, 4]);
  });

  test('egress utilization alarm: percent of the port speed via metric math, default 80%', () => {
    // GIVEN / WHEN
    const { template } = synth({ bandwidthGbps: 10 });
    // THEN
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 80,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: '100 * egress / (10 * 1000000000)', ReturnData: true }),
        Match.objectLike({ Id: 'egress', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'ConnectionBpsEgress', Namespace: 'AWS/DX' }) }) }),
      ]),
    });
  });

  test('no bandwidth: no utilization alarm, and an acknowledgeable warning says so', () => {
    // GIVEN / WHEN
    const { stack, template } = synth();
    // THEN
    expect(Object.keys(template.findResources('AWS::CloudWatch::Alarm', { Properties: { Metrics: Match.anyValue() } }))).toHaveLength(0);
    Annotations.fromStack(stack).hasWarning('/MonitoringStack/Monitoring', Match.stringLikeRegexp('bandwidthGbps is not set.*\\[ack: cdk-connect-dx:noUtilizationAlarm\\]'));
  });

  test('per interface: BGP down on AWS/DX VirtualInterfaceBgpStatus (missing data breaching), with its three dimensions', () => {
    // GIVEN / WHEN
    const { template } = synth((s) => ({ virtualInterfaces: [vif(s, 'dxvif-ffabc123')] }));
    // THEN
    expect(alarmOn(template, 'VirtualInterfaceBgpStatus')).toMatchObject({
      Namespace: 'AWS/DX', Statistic: 'Minimum', Period: 300, Threshold: 1, EvaluationPeriods: 1,
      ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching',
      Dimensions: [
        { Name: 'ConnectionId', Value: 'dxlag-ffabc123' },
        { Name: 'IpAddressFamily', Value: 'ipv4' },
        { Name: 'VirtualInterfaceId', Value: 'dxvif-ffabc123' },
      ],
    });
  });

  test('accepted prefixes below the route filter count alarm, per family; unknown prefixes: no such alarm', () => {
    // GIVEN / WHEN
    const { template } = synth((s) => ({
      virtualInterfaces: [vif(s, 'dxvif-ffabc123', { ipv6Enabled: true, routeFilterPrefixes: ['198.51.100.0/24', '203.0.113.0/24', '2001:db8::/48'] })],
    }));
    const none = synth((s) => ({ virtualInterfaces: [vif(s, 'dxvif-ffabc123')] })).template;
    // THEN
    const accepted = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'VirtualInterfaceBgpPrefixesAccepted' } }))
      .map((a: any) => [a.Properties.Dimensions.find((d: any) => d.Name === 'IpAddressFamily').Value, a.Properties.Threshold, a.Properties.ComparisonOperator, a.Properties.TreatMissingData]);
    expect(accepted.sort()).toEqual([['ipv4', 2, 'LessThanThreshold', 'notBreaching'], ['ipv6', 1, 'LessThanThreshold', 'notBreaching']]);
    expect(Object.keys(none.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'VirtualInterfaceBgpPrefixesAccepted' } }))).toHaveLength(0);
    // AND the IPv6 session has its own BGP alarm
    const families = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'VirtualInterfaceBgpStatus' } }))
      .map((a: any) => a.Properties.Dimensions.find((d: any) => d.Name === 'IpAddressFamily').Value).sort();
    expect(families).toEqual(['ipv4', 'ipv6']);
  });

  test('AWS advertised prefixes falling sharply: percent fall from the previous period via DIFF, default 50%, settable', () => {
    // GIVEN / WHEN
    const { template } = synth((s) => ({ virtualInterfaces: [vif(s, 'dxvif-ffabc123')] }));
    const custom = synth((s) => ({ virtualInterfaces: [vif(s, 'dxvif-ffabc123')], advertisedDropPercent: 20 })).template;
    // THEN
    const props = {
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmDescription: Match.stringLikeRegexp('prefixes AWS advertises'),
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF((adv - DIFF(adv)) > 0, -100 * DIFF(adv) / (adv - DIFF(adv)), 0)', ReturnData: true }),
        Match.objectLike({ Id: 'adv', ReturnData: false, MetricStat: Match.objectLike({ Metric: Match.objectLike({ Namespace: 'AWS/DX', MetricName: 'VirtualInterfaceBgpPrefixesAdvertised' }) }) }),
      ]),
    };
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { ...props, Threshold: 50 });
    custom.hasResourceProperties('AWS::CloudWatch::Alarm', { ...props, Threshold: 20 });
    expect(() => synth({ advertisedDropPercent: 0 })).toThrow(/^advertisedDropPercent must be more than 0 and at most 100 .*got 0$/);
  });

  test('nothing runs in the account: no function, role, queue, schedule or IAM policy', () => {
    // GIVEN / WHEN
    const { template } = synth((s) => ({ virtualInterfaces: [vif(s, 'dxvif-ffabc123')], bandwidthGbps: 10, macsecRequested: true }));
    // THEN
    for (const type of ['AWS::Lambda::Function', 'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::SQS::Queue', 'AWS::Events::Rule', 'AWS::Logs::LogGroup']) {
      template.resourceCountIs(type, 0);
    }
    expect(JSON.stringify(template.toJSON())).not.toContain('directconnect:');
  });

  test('a user topic is used and no topic is created', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'S');
    const topic = new sns.Topic(stack, 'Mine');
    // WHEN
    const m = new DirectConnectMonitoring(stack, 'Monitoring', { connectionId: 'dxcon-fgabc123', alarmTopic: topic });
    // THEN
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::SNS::Topic', 1);
    expect(m.alarmTopic).toBe(topic);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: stack.getLogicalId(topic.node.defaultChild as any) }] });
  });

  test('the created topic is KMS-encrypted, SSL-only, and lets CloudWatch alarms of this account publish', () => {
    // GIVEN / WHEN
    const { template } = synth();
    // THEN
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([
        Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }),
      ]) },
    });
  });

  test('exposes alarms and dashboard; the dashboard graphs the three BGP metrics and the traffic of each interface', () => {
    // GIVEN / WHEN
    const { monitoring, template } = synth((s) => ({
      bandwidthGbps: 10, macsecRequested: true, dashboardName: 'dx-ops',
      virtualInterfaces: [vif(s, 'dxvif-ffabc123', { routeFilterPrefixes: ['198.51.100.0/24'] })],
    }));
    // THEN: state, encryption, 2 light, utilization; BGP down, accepted low, advertised drop
    expect(monitoring.alarms).toHaveLength(8);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 8);
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'dx-ops' });
    const titles = dashboardWidgets(template).map((w) => w.properties?.title).filter((t) => /dxvif/.test(t ?? ''));
    expect(titles).toEqual([
      'dxvif-ffabc123: BGP session (1 up)', 'dxvif-ffabc123: prefixes AWS accepted', 'dxvif-ffabc123: prefixes AWS advertises', 'dxvif-ffabc123: traffic (bits/s)',
    ]);
    const accepted = dashboardWidgets(template).find((w) => w.properties?.title === 'dxvif-ffabc123: prefixes AWS accepted');
    expect(accepted.properties.annotations.horizontal).toEqual([expect.objectContaining({ value: 1, label: 'ipv4 route filter: 1' })]);
    const body = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));
    for (const name of ['VirtualInterfaceBgpStatus', 'VirtualInterfaceBgpPrefixesAccepted', 'VirtualInterfaceBgpPrefixesAdvertised', 'VirtualInterfaceBpsEgress']) expect(body).toContain(name);
  });

  test('no key is created when the user gives the topic', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'S');
    // WHEN
    const m = new DirectConnectMonitoring(stack, 'Monitoring', { connectionId: 'dxcon-fgabc123', alarmTopic: new sns.Topic(stack, 'Mine') });
    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 0);
    expect(m.encryptionKey).toBeUndefined();
  });
});

describe('DirectConnectMonitoring validation', () => {
  const bad: Array<[string, Partial<DirectConnectMonitoringProps>, RegExp]> = [
    ['connectionId', { connectionId: 'dxvif-fgabc123' }, /^connectionId must be a Direct Connect connection or LAG id .* got 'dxvif-fgabc123'$/],
    ['virtualInterfaces not interfaces', { virtualInterfaces: ['dxvif-fgabc123' as any] }, /^virtualInterfaces\[0\] must be a public virtual interface/],
    ['bandwidthGbps', { bandwidthGbps: 0 }, /^bandwidthGbps must be the port speed of one connection in Gbps, one of 0\.05, .*got 0; for a LAG/],
    ['utilizationThresholdPercent', { utilizationThresholdPercent: 120 }, /^utilizationThresholdPercent must be more than 0 and at most 100, got 120$/],
    ['lightLevelLowDbm range', { lightLevelLowDbm: -50 }, /^lightLevelLowDbm must be a light level in dBm from -40 to 10, got -50$/],
    ['lightLevelHighDbm range', { lightLevelHighDbm: 11 }, /^lightLevelHighDbm must be a light level in dBm from -40 to 10, got 11$/],
    ['light order', { lightLevelLowDbm: -3, lightLevelHighDbm: -5 }, /^lightLevelLowDbm must be below lightLevelHighDbm \(-5\), got -3$/],
    ['dashboardName', { dashboardName: 'has space' }, /^dashboardName must be 1 to 255 letters, digits, '-' or '_', got 'has space'$/],
  ];
  test.each(bad)('refuses a bad %s', (_name, props, message) => {
    // GIVEN / WHEN / THEN
    expect(() => synth(props)).toThrow(message);
  });

  test('an interface listed twice is refused, naming both places', () => {
    // GIVEN / WHEN / THEN
    expect(() => synth((s) => { const v = vif(s, 'dxvif-fgabc123'); return { virtualInterfaces: [v, v] }; }))
      .toThrow(/^virtualInterfaces\[1\] repeats 'dxvif-fgabc123' \(already virtualInterfaces\[0\]\)/);
  });

  test('a connection ARN is accepted and its id used for the metric dimension', () => {
    // GIVEN / WHEN
    const { monitoring } = synth({ connectionId: 'arn:aws:directconnect:eu-west-1:111122223333:dxlag/dxlag-ffabc123' });
    // THEN
    expect(monitoring.connectionId).toBe('dxlag-ffabc123');
  });

  test('tokens pass through every validator', () => {
    // GIVEN
    const tokenString = Lazy.string({ produce: () => 'dxcon-fgabc123' });
    const tokenNumber = (n: number) => Token.asNumber(Lazy.number({ produce: () => n }));
    // WHEN
    const { template } = synth((s) => ({
      connectionId: tokenString,
      virtualInterfaces: [vif(s, Lazy.string({ produce: () => 'dxvif-ffabc123' }), { routeFilterPrefixes: [Lazy.string({ produce: () => '198.51.100.0/24' })] })],
      bandwidthGbps: tokenNumber(10),
      utilizationThresholdPercent: tokenNumber(70),
      lightLevelLowDbm: tokenNumber(-14),
      lightLevelHighDbm: tokenNumber(0),
      dashboardName: Lazy.string({ produce: () => 'dx-ops' }),
    }));
    // THEN
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 70, Metrics: Match.arrayWith([Match.objectLike({ Expression: '100 * egress / (10 * 1000000000)' })]) });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ConnectionLightLevelRx', Threshold: -14 });
  });

});

/** cfn-lint warnings. */
function warningsBeyondCdk(output: string): string[] {
  return output.split('\n').filter((l) => /:W\d{4}:/.test(l));
}

describe('DirectConnectMonitoring checks', () => {
  test('cfn-lint clean and no unacknowledged cdk-nag findings (defaults)', () => {
    // GIVEN / WHEN
    const { stack } = synth();
    // THEN
    const lint = expectCfnLintClean(stack);
    expect(warningsBeyondCdk(lint.output)).toEqual([]);
    expect(nagFindings(stack)).toEqual([]);
  });

  test('cfn-lint clean and no unacknowledged cdk-nag findings (all options on)', () => {
    // GIVEN / WHEN
    const { stack } = synth((s) => ({ bandwidthGbps: 10, macsecRequested: true, virtualInterfaces: [vif(s, 'dxvif-ffabc123', { ipv6Enabled: true, routeFilterPrefixes: ['198.51.100.0/24', '2001:db8::/48'] })] }));
    // THEN
    const lint = expectCfnLintClean(stack);
    expect(warningsBeyondCdk(lint.output)).toEqual([]);
    expect(nagFindings(stack)).toEqual([]);
  });
});

/** The dashboard body as JSON, with every CloudFormation token part replaced by 'X'. */
function dashboardWidgets(template: Template): any[] {
  const dash = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0] as any;
  const body = dash.Properties.DashboardBody;
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : 'X')).join('');
  return JSON.parse(text).widgets;
}

/** Connection ids of the AWS/DX metric `name` a widget graphs. */
function connectionsGraphed(widget: any, name: string): string[] {
  const metrics: any[] = widget.properties?.metrics ?? [];
  return metrics.filter((m) => m[0] === 'AWS/DX' && m[1] === name).map((m) => m[3]);
}

const TWO_PATHS = (s: Stack): Partial<DirectConnectMonitoringProps> => ({
  virtualInterfaces: [vif(s, 'dxvif-ffabc123')],
  pathName: 'EqDC2',
  additionalPaths: [{ connectionId: 'dxcon-fgdef456', virtualInterfaces: [vif(s, 'dxvif-ffdef456', { attachedConnectionId: 'dxlag-ffdef456' })], name: 'CSVA1' }],
  bandwidthGbps: 10,
});
const twoPaths = (more: Partial<DirectConnectMonitoringProps>) => (s: Stack) => ({ ...TWO_PATHS(s), ...more });

describe('DirectConnectMonitoring port speed and LAG members', () => {
  test('a LAG total such as 3 Gbps is refused, naming the prop, the value, the allowed speeds and lagMembers', () => {
    // GIVEN / WHEN / THEN
    expect(() => synth({ bandwidthGbps: 3 })).toThrow(
      /^bandwidthGbps must be the port speed of one connection in Gbps, one of 0\.05, 0\.1, 0\.2, 0\.3, 0\.4, 0\.5, 1, 2, 5, 10, 25, 100, 400 .*got 3; for a LAG give the member speed and lagMembers/);
  });

  test('three 1 Gbps members: utilization against 3 Gbps, light levels of the 1 Gbps optic (1000BASE-LX)', () => {
    // GIVEN / WHEN
    const { template } = synth({ bandwidthGbps: 1, lagMembers: 3 });
    // THEN
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([Match.objectLike({ Expression: '100 * egress / (3 * 1000000000)' })]),
      AlarmDescription: Match.stringLikeRegexp('above 80% of 3 x 1 Gbps'),
    });
    const low = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'ConnectionLightLevelRx', ComparisonOperator: 'LessThanThreshold' } }));
    expect((low[0] as any).Properties.Threshold).toBe(-19);
  });

  test('a single connection (lagMembers 1) keeps the port speed as capacity', () => {
    // GIVEN / WHEN
    const { template } = synth({ bandwidthGbps: 10 });
    // THEN
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Metrics: Match.arrayWith([Match.objectLike({ Expression: '100 * egress / (10 * 1000000000)' })]) });
  });

  test.each<[Partial<DirectConnectMonitoringProps>, RegExp]>([
    [{ bandwidthGbps: 100, lagMembers: 3 }, /^lagMembers must be an integer from 1 to 2 for 100 Gbps members .*got 3$/],
    [{ bandwidthGbps: 10, lagMembers: 5 }, /^lagMembers must be an integer from 1 to 4 for 10 Gbps members .*got 5$/],
    [{ bandwidthGbps: 10, lagMembers: 1.5 }, /^lagMembers must be an integer from 1 to 4 .*got 1\.5$/],
    [{ bandwidthGbps: 0.5, lagMembers: 2 }, /^lagMembers must be 1 for a 0\.5 Gbps port: LAG members are dedicated connections \(1, 10, 100, 400 Gbps\), got 2$/],
    [{ lagMembers: 2 }, /^lagMembers is only used with bandwidthGbps .*got 2 without it$/],
  ])('refuses %j', (props, message) => {
    // GIVEN / WHEN / THEN
    expect(() => synth(props)).toThrow(message);
  });
});

describe('DirectConnectMonitoring with several paths', () => {
  test('redundancy lost: sum of FILL(VirtualInterfaceBgpStatus) per interface < the expected count, for 2 periods, no data breaching', () => {
    // GIVEN / WHEN
    const { template, monitoring } = synth(twoPaths({ expectedInterfacesUp: 2 }));
    // THEN
    const found = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmDescription: Match.stringLikeRegexp('^Redundancy lost') } }));
    expect(found).toHaveLength(1);
    const alarm = (found[0] as any).Properties;
    expect(alarm).toMatchObject({ ComparisonOperator: 'LessThanThreshold', Threshold: 2, EvaluationPeriods: 2, DatapointsToAlarm: 2, TreatMissingData: 'breaching' });
    const expression = alarm.Metrics.find((m: any) => m.Expression !== undefined);
    expect(expression).toMatchObject({ Expression: 'FILL(s1, 0) + FILL(s2, 0)', ReturnData: true });
    const dim = (m: any, name: string) => m.MetricStat.Metric.Dimensions.find((d: any) => d.Name === name).Value;
    const inputs = alarm.Metrics.filter((m: any) => m.MetricStat !== undefined)
      .map((m: any) => [m.Id, m.MetricStat.Metric.Namespace, m.MetricStat.Metric.MetricName, dim(m, 'VirtualInterfaceId'), dim(m, 'ConnectionId'), dim(m, 'IpAddressFamily'), m.MetricStat.Stat, m.MetricStat.Period]);
    expect(inputs).toEqual([
      ['s1', 'AWS/DX', 'VirtualInterfaceBgpStatus', 'dxvif-ffabc123', 'dxlag-ffabc123', 'ipv4', 'Minimum', 300],
      ['s2', 'AWS/DX', 'VirtualInterfaceBgpStatus', 'dxvif-ffdef456', 'dxlag-ffdef456', 'ipv4', 'Minimum', 300],
    ]);
    expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^MonitoringAlarmTopic/) }]);
    expect(monitoring.redundancyAlarm).toBeDefined();
  });

  test('the expected count defaults to the interfaces listed over every path', () => {
    // GIVEN / WHEN
    const { template } = synth(TWO_PATHS);
    // THEN
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('^Redundancy lost: fewer than 2 '), Threshold: 2 });
  });

  test('every path is watched, not only path 1: its own alarms and its own dashboard rows', () => {
    // GIVEN / WHEN
    const { template, monitoring } = synth(twoPaths({ macsecRequested: true }));
    // THEN each per-path alarm exists once per connection
    for (const metric of ['ConnectionState', 'ConnectionEncryptionState', 'ConnectionLightLevelRx']) {
      const dims = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: metric } }))
        .map((a: any) => a.Properties.Dimensions[0].Value);
      expect([metric, [...new Set(dims)].sort()]).toEqual([metric, ['dxcon-fgabc123', 'dxcon-fgdef456']]);
    }
    const bgp = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'VirtualInterfaceBgpStatus' } }))
      .map((a: any) => a.Properties.Dimensions.find((d: any) => d.Name === 'VirtualInterfaceId').Value).sort();
    expect(bgp).toEqual(['dxvif-ffabc123', 'dxvif-ffdef456']);
    // per path: state, encryption, 2 light, utilization = 5, per interface: BGP down, advertised drop = 2; plus redundancy
    expect(monitoring.alarms).toHaveLength(15);
    // AND the dashboard has one group per path: a heading, then its connection's rows and its interfaces' rows
    const widgets = dashboardWidgets(template);
    const headings = widgets.filter((w) => w.type === 'text' && /^### Path/.test(w.properties.markdown)).map((w) => w.properties.markdown);
    expect(headings).toEqual(['### Path 1 (EqDC2): dxcon-fgabc123', '### Path 2 (CSVA1): dxcon-fgdef456']);
    const stateWidgets = widgets.filter((w) => w.properties?.title === 'Connection state').map((w) => connectionsGraphed(w, 'ConnectionState'));
    expect(stateWidgets).toEqual([['dxcon-fgabc123'], ['dxcon-fgdef456']]);
    const trafficWidgets = widgets.filter((w) => w.properties?.title === 'Traffic (bits/s)').map((w) => connectionsGraphed(w, 'ConnectionBpsEgress'));
    expect(trafficWidgets).toEqual([['dxcon-fgabc123'], ['dxcon-fgdef456']]);
    const lightWidgets = widgets.filter((w) => w.properties?.title === 'Light levels (dBm)').map((w) => connectionsGraphed(w, 'ConnectionLightLevelRx'));
    expect(lightWidgets).toEqual([['dxcon-fgabc123'], ['dxcon-fgdef456']]);
    expect(widgets.filter((w) => /BGP session/.test(w.properties?.title ?? '')).map((w) => w.properties.title))
      .toEqual(['dxvif-ffabc123: BGP session (1 up)', 'dxvif-ffdef456: BGP session (1 up)']);
    // the heading of each path comes before its widgets
    const order = widgets.map((w) => w.properties?.markdown ?? connectionsGraphed(w, 'ConnectionState')[0]).filter((x) => x !== undefined);
    expect(order).toEqual(['### Path 1 (EqDC2): dxcon-fgabc123', 'dxcon-fgabc123', '### Path 2 (CSVA1): dxcon-fgdef456', 'dxcon-fgdef456']);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('the redundancy graph shows the needed count on the dashboard', () => {
    // GIVEN / WHEN
    const { template } = synth(TWO_PATHS);
    // THEN
    const graph = dashboardWidgets(template).find((w) => w.properties?.title === 'Redundancy: interfaces with BGP up (all paths)');
    expect(graph.properties.annotations.horizontal).toEqual([expect.objectContaining({ value: 2, label: 'needed: 2' })]);
    expect(JSON.stringify(graph.properties.metrics)).toContain('FILL(s1, 0) + FILL(s2, 0)');
  });

  test('a single path keeps its layout: no headings, no redundancy alarm unless expectedInterfacesUp is set', () => {
    // GIVEN / WHEN
    const plain = synth((s) => ({ virtualInterfaces: [vif(s, 'dxvif-ffabc123')] }));
    const lagWithTwo = synth((s) => ({ virtualInterfaces: [vif(s, 'dxvif-ffabc123'), vif(s, 'dxvif-ffabc456')], expectedInterfacesUp: 2 }));
    // THEN
    expect(plain.monitoring.redundancyAlarm).toBeUndefined();
    expect(dashboardWidgets(plain.template).filter((w) => w.type === 'text' && /^### Path/.test(w.properties.markdown))).toEqual([]);
    lagWithTwo.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 2, TreatMissingData: 'breaching', Metrics: Match.arrayWith([Match.objectLike({ Expression: 'FILL(s1, 0) + FILL(s2, 0)' })]) });
  });

  test('paths that do not list their interfaces get no default redundancy alarm, with a warning', () => {
    // GIVEN / WHEN
    const { stack, monitoring } = synth({ additionalPaths: [{ connectionId: 'dxcon-fgdef456' }] });
    // THEN
    expect(monitoring.redundancyAlarm).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('not every path lists its virtualInterfaces, so there is no redundancy alarm'));
  });

  test.each<[string, PropsOf, RegExp]>([
    ['a repeated connection', { additionalPaths: [{ connectionId: 'dxcon-fgabc123' }] }, /^additionalPaths\[0\]\.connectionId repeats 'dxcon-fgabc123' \(already connectionId\)/],
    ['an interface on two paths', (s) => ({ virtualInterfaces: [vif(s, 'dxvif-ffabc123')], additionalPaths: [{ connectionId: 'dxcon-fgdef456', virtualInterfaces: [vif(s, 'dxvif-ffabc123', { attachedConnectionId: 'dxcon-fgdef456' })] }] }),
      /^additionalPaths\[0\]\.virtualInterfaces\[0\] repeats 'dxvif-ffabc123' \(already virtualInterfaces\[0\]\)/],
    ['a bad connection id', { additionalPaths: [{ connectionId: 'nope' }] }, /^additionalPaths\[0\]\.connectionId must be a Direct Connect connection or LAG id .*got 'nope'$/],
    ['a bad name', { additionalPaths: [{ connectionId: 'dxcon-fgdef456', name: '' }] }, /^additionalPaths\[0\]\.name must be 1 to 64 printable ASCII characters, got ''$/],
    ['more than 10 interfaces for the redundancy alarm', (s) => ({
      additionalPaths: Array.from({ length: 11 }, (_, i) => ({ connectionId: `dxcon-fgdef45${i}`, virtualInterfaces: [vif(s, `dxvif-ffdef4${String(i).padStart(2, '0')}`)] })),
      virtualInterfaces: [vif(s, 'dxvif-ffabc123')],
    }), /^virtualInterfaces must list at most 10 interfaces over all paths for the redundancy alarm .*got 12$/],
    ['too many expected', twoPaths({ expectedInterfacesUp: 3 }), /^expectedInterfacesUp must be at most the 2 virtual interface\(s\) listed over all paths .*got 3/],
    ['zero expected', { expectedInterfacesUp: 0 }, /^expectedInterfacesUp must be an integer of at least 1 .*got 0$/],
    ['pathName alone', { pathName: 'EqDC2' }, /^pathName is only used with additionalPaths/],
  ])('refuses %s', (_name, props, message) => {
    // GIVEN / WHEN / THEN
    expect(() => synth(props)).toThrow(message);
  });

  test('tokens as connection and interface ids of a further path pass into the metric dimensions', () => {
    // GIVEN
    const conn = Lazy.string({ produce: () => 'dxcon-fgdef456' });
    // WHEN
    const { template } = synth((s) => ({
      virtualInterfaces: [vif(s, 'dxvif-ffabc123')],
      additionalPaths: [{ connectionId: conn, virtualInterfaces: [vif(s, Lazy.string({ produce: () => 'dxvif-ffdef456' }), { attachedConnectionId: conn })] }],
    }));
    // THEN
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ConnectionState', Dimensions: [{ Name: 'ConnectionId', Value: 'dxcon-fgdef456' }] });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'VirtualInterfaceBgpStatus', Dimensions: Match.arrayWith([{ Name: 'VirtualInterfaceId', Value: 'dxvif-ffdef456' }]) });
  });

  test('cfn-lint clean and no unacknowledged cdk-nag findings (two paths, redundancy alarm)', () => {
    // GIVEN / WHEN
    const { stack } = synth(twoPaths({ macsecRequested: true }));
    // THEN
    const lint = expectCfnLintClean(stack);
    expect(warningsBeyondCdk(lint.output)).toEqual([]);
    expect(nagFindings(stack)).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { App, Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { DirectConnectMonitoring, DirectConnectMonitoringProps } from '../../lib';
import { POLLER_NAMESPACE } from '../../lib/monitoring/metrics';
import { expectCfnLintClean, nagFindings } from '../helpers/checks';

const ROOT = path.join(__dirname, '..', '..');

beforeAll(() => {
  // The construct loads the pre-bundled poller; `npm test` bundles first, this covers `npx jest test/monitoring`.
  if (!existsSync(path.join(ROOT, 'assets', 'bgp-status-poller', 'index.js'))) {
    execFileSync('node', ['scripts/bundle.mjs'], { cwd: ROOT });
  }
});

function synth(props: Partial<DirectConnectMonitoringProps> = {}): { stack: Stack; monitoring: DirectConnectMonitoring; template: Template } {
  const app = new App();
  const stack = new Stack(app, 'MonitoringStack');
  const monitoring = new DirectConnectMonitoring(stack, 'Monitoring', { connectionId: 'dxcon-fgabc123', ...props });
  return { stack, monitoring, template: Template.fromStack(stack) };
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

  test('100 Gbps: the LR4 per-lane range with a per-lane warning; 400 Gbps: no light alarms until both bounds are set, and a warning', () => {
    // GIVEN / WHEN
    const g100 = synth({ bandwidthGbps: 100 });
    const g400 = synth({ bandwidthGbps: 400 });
    const g400set = synth({ bandwidthGbps: 400, lightLevelLowDbm: -9, lightLevelHighDbm: 4 });
    // THEN
    const rx = (t: Template) => Object.values(t.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'ConnectionLightLevelRx' } }))
      .map((r: any) => r.Properties.Threshold).sort((a: number, b: number) => a - b);
    expect(rx(g100.template)).toEqual([-10.6, 4.5]);
    Annotations.fromStack(g100.stack).hasWarning('*', Match.stringLikeRegexp('per lane'));
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

  test('BGP peer down and interface stuck alarms watch the poller metrics; stuck defaults to 72 one-hour periods', () => {
    // GIVEN / WHEN
    const { template } = synth();
    // THEN
    expect(alarmOn(template, 'BgpPeersDown')).toMatchObject({
      Namespace: POLLER_NAMESPACE, Statistic: 'Maximum', Period: 300, Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold', Dimensions: [{ Name: 'ConnectionId', Value: 'dxcon-fgabc123' }],
    });
    expect(alarmOn(template, 'InterfacesWaiting')).toMatchObject({
      Namespace: POLLER_NAMESPACE, Statistic: 'Minimum', Period: 3600, EvaluationPeriods: 72, DatapointsToAlarm: 72,
    });
  });

  test('stuckAfter and pollInterval set the alarm periods and the schedule', () => {
    // GIVEN / WHEN
    const { template } = synth({ stuckAfter: Duration.hours(24), pollInterval: Duration.minutes(10) });
    // THEN
    expect(alarmOn(template, 'InterfacesWaiting')).toMatchObject({ EvaluationPeriods: 24 });
    expect(alarmOn(template, 'BgpPeersDown')).toMatchObject({ Period: 600 });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(10 minutes)' });
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

  test('exposes alarms, dashboard and poller', () => {
    // GIVEN / WHEN
    const { monitoring, template } = synth({ bandwidthGbps: 10, macsecRequested: true, virtualInterfaceIds: ['dxvif-ffabc123'], dashboardName: 'dx-ops' });
    // THEN: state, encryption, 2 light, utilization, peer down, stuck, poller errors
    expect(monitoring.alarms).toHaveLength(8);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 8);
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'dx-ops' });
    expect(monitoring.pollerFunction.runtime.name).toBe('nodejs24.x');
    const body = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(body).toContain('VirtualInterfaceBpsEgress');
    expect(body).toContain('dxvif-ffabc123');
  });
});

describe('DirectConnectMonitoring poller', () => {
  test('least-privilege role: DescribeVirtualInterfaces, PutMetricData limited by namespace, own log group only', () => {
    // GIVEN / WHEN
    const { template } = synth();
    // THEN
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([
        Match.objectLike({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('PollerLogs'), 'Arn'] } }),
        Match.objectLike({ Action: 'directconnect:DescribeVirtualInterfaces', Resource: '*' }),
        Match.objectLike({ Action: 'cloudwatch:PutMetricData', Resource: '*', Condition: { StringEquals: { 'cloudwatch:namespace': POLLER_NAMESPACE } } }),
      ]) },
    });
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    const actions = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(actions).not.toMatch(/"(kms|sqs|directconnect|cloudwatch|logs):[A-Za-z]*\*"/);
  });

  test('Node.js 24 (the latest, as the sync function), reserved concurrency 1, DLQ, no async retries, one-year logs, schedule every 5 minutes', () => {
    // GIVEN / WHEN
    const { template } = synth({ virtualInterfaceIds: ['dxvif-ffabc123', 'dxvif-ffabc456'] });
    // THEN
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      ReservedConcurrentExecutions: 1,
      DeadLetterConfig: { TargetArn: Match.anyValue() },
      Environment: { Variables: { CONNECTION_ID: 'dxcon-fgabc123', VIRTUAL_INTERFACE_IDS: 'dxvif-ffabc123,dxvif-ffabc456', METRICS_NAMESPACE: POLLER_NAMESPACE } },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0 });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
  });
});

describe('DirectConnectMonitoring validation', () => {
  const bad: Array<[string, Partial<DirectConnectMonitoringProps>, RegExp]> = [
    ['connectionId', { connectionId: 'dxvif-fgabc123' }, /^connectionId must be a Direct Connect connection or LAG id .* got 'dxvif-fgabc123'$/],
    ['virtualInterfaceIds format', { virtualInterfaceIds: ['dxcon-fgabc123'] }, /^virtualInterfaceIds\[0\] must be a virtual interface id .*got 'dxcon-fgabc123'/],
    ['virtualInterfaceIds repeat', { virtualInterfaceIds: ['dxvif-fgabc123', 'dxvif-fgabc123'] }, /^virtualInterfaceIds\[1\] repeats 'dxvif-fgabc123'/],
    ['bandwidthGbps', { bandwidthGbps: 0 }, /^bandwidthGbps must be the port speed of one connection in Gbps, one of 0\.05, .*got 0; for a LAG/],
    ['utilizationThresholdPercent', { utilizationThresholdPercent: 120 }, /^utilizationThresholdPercent must be more than 0 and at most 100, got 120$/],
    ['lightLevelLowDbm range', { lightLevelLowDbm: -50 }, /^lightLevelLowDbm must be a light level in dBm from -40 to 10, got -50$/],
    ['lightLevelHighDbm range', { lightLevelHighDbm: 11 }, /^lightLevelHighDbm must be a light level in dBm from -40 to 10, got 11$/],
    ['light order', { lightLevelLowDbm: -3, lightLevelHighDbm: -5 }, /^lightLevelLowDbm must be below lightLevelHighDbm \(-5\), got -3$/],
    ['stuckAfter', { stuckAfter: Duration.minutes(90) }, /^stuckAfter must be a whole number of hours from 1 to 168, got 1 hour 30 minutes$/],
    ['stuckAfter max', { stuckAfter: Duration.days(8) }, /^stuckAfter must be a whole number of hours from 1 to 168/],
    ['pollInterval', { pollInterval: Duration.seconds(30) }, /^pollInterval must be a whole number of minutes from 1 to 60, got 30 seconds$/],
    ['dashboardName', { dashboardName: 'has space' }, /^dashboardName must be 1 to 255 letters, digits, '-' or '_', got 'has space'$/],
  ];
  test.each(bad)('refuses a bad %s', (_name, props, message) => {
    // GIVEN / WHEN / THEN
    expect(() => synth(props)).toThrow(message);
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
    const { template } = synth({
      connectionId: tokenString,
      virtualInterfaceIds: [Lazy.string({ produce: () => 'dxvif-ffabc123' })],
      bandwidthGbps: tokenNumber(10),
      utilizationThresholdPercent: tokenNumber(70),
      lightLevelLowDbm: tokenNumber(-14),
      lightLevelHighDbm: tokenNumber(0),
      dashboardName: Lazy.string({ produce: () => 'dx-ops' }),
    });
    // THEN
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 70, Metrics: Match.arrayWith([Match.objectLike({ Expression: '100 * egress / (10 * 1000000000)' })]) });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ConnectionLightLevelRx', Threshold: -14 });
  });

  test('an encoded token list of interface ids is joined by CloudFormation', () => {
    // GIVEN
    const ids = Token.asList(Lazy.list({ produce: () => ['dxvif-ffabc123', 'dxvif-ffabc456'] }));
    // WHEN
    const { template } = synth({ virtualInterfaceIds: ids });
    // THEN
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { VIRTUAL_INTERFACE_IDS: { 'Fn::Join': [',', ['dxvif-ffabc123', 'dxvif-ffabc456']] } } },
    });
  });

  test('an unresolved Duration is refused with the property named (it sets periods)', () => {
    // GIVEN / WHEN / THEN
    expect(() => synth({ pollInterval: Duration.minutes(Token.asNumber(Lazy.number({ produce: () => 5 }))) })).toThrow(/^pollInterval must be a concrete Duration/);
  });
});

/**
 * cfn-lint warnings other than W3005: lambda.Function always adds DependsOn its role, which cfn-lint reports as
 * redundant with the GetAtt; that comes from aws-cdk-lib, not from this construct.
 */
function warningsBeyondCdk(output: string): string[] {
  return output.split('\n').filter((l) => /:W\d{4}:/.test(l) && !/:W3005:/.test(l));
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
    const { stack } = synth({ bandwidthGbps: 10, macsecRequested: true, virtualInterfaceIds: ['dxvif-ffabc123'] });
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

const TWO_PATHS: Partial<DirectConnectMonitoringProps> = {
  virtualInterfaceIds: ['dxvif-ffabc123'],
  pathName: 'EqDC2',
  additionalPaths: [{ connectionId: 'dxcon-fgdef456', virtualInterfaceIds: ['dxvif-ffdef456'], name: 'CSVA1' }],
  bandwidthGbps: 10,
};

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
  test('redundancy lost: sum of FILL(InterfacesBgpUp) per path < the expected count, for 2 polls, no data breaching', () => {
    // GIVEN / WHEN
    const { template, monitoring } = synth({ ...TWO_PATHS, expectedInterfacesUp: 2 });
    // THEN
    const found = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmDescription: Match.stringLikeRegexp('^Redundancy lost') } }));
    expect(found).toHaveLength(1);
    const alarm = (found[0] as any).Properties;
    expect(alarm).toMatchObject({ ComparisonOperator: 'LessThanThreshold', Threshold: 2, EvaluationPeriods: 2, DatapointsToAlarm: 2, TreatMissingData: 'breaching' });
    const expression = alarm.Metrics.find((m: any) => m.Expression !== undefined);
    expect(expression).toMatchObject({ Expression: 'FILL(up1, 0) + FILL(up2, 0)', ReturnData: true });
    const inputs = alarm.Metrics.filter((m: any) => m.MetricStat !== undefined).map((m: any) => [m.Id, m.MetricStat.Metric.MetricName, m.MetricStat.Metric.Dimensions[0].Value, m.MetricStat.Stat, m.MetricStat.Period]);
    expect(inputs).toEqual([
      ['up1', 'InterfacesBgpUp', 'dxcon-fgabc123', 'Maximum', 300],
      ['up2', 'InterfacesBgpUp', 'dxcon-fgdef456', 'Maximum', 300],
    ]);
    expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^MonitoringAlarmTopic/) }]);
    expect(monitoring.redundancyAlarm).toBeDefined();
  });

  test('the expected count defaults to the interfaces listed over every path', () => {
    // GIVEN / WHEN
    const { template } = synth({ ...TWO_PATHS });
    // THEN
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('^Redundancy lost: fewer than 2 '), Threshold: 2 });
  });

  test('every path is watched, not only path 1: its own alarms, its own dashboard rows, polled by the one poller', () => {
    // GIVEN / WHEN
    const { template, monitoring } = synth({ ...TWO_PATHS, macsecRequested: true });
    // THEN each per-path alarm exists once per connection
    for (const metric of ['ConnectionState', 'ConnectionEncryptionState', 'ConnectionLightLevelRx', 'BgpPeersDown', 'InterfacesWaiting']) {
      const dims = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: metric } }))
        .map((a: any) => a.Properties.Dimensions[0].Value);
      expect([metric, [...new Set(dims)].sort()]).toEqual([metric, ['dxcon-fgabc123', 'dxcon-fgdef456']]);
    }
    // per path: state, encryption, 2 light, utilization, peer down, stuck = 7; plus redundancy and poller errors
    expect(monitoring.alarms).toHaveLength(16);
    // AND the dashboard has one group per path: a heading, then state / light / BGP, traffic, interfaces of that path
    const widgets = dashboardWidgets(template);
    const headings = widgets.filter((w) => w.type === 'text' && /^### Path/.test(w.properties.markdown)).map((w) => w.properties.markdown);
    expect(headings).toEqual(['### Path 1 (EqDC2): dxcon-fgabc123', '### Path 2 (CSVA1): dxcon-fgdef456']);
    const stateWidgets = widgets.filter((w) => w.properties?.title === 'Connection state').map((w) => connectionsGraphed(w, 'ConnectionState'));
    expect(stateWidgets).toEqual([['dxcon-fgabc123'], ['dxcon-fgdef456']]);
    const trafficWidgets = widgets.filter((w) => w.properties?.title === 'Traffic (bits/s)').map((w) => connectionsGraphed(w, 'ConnectionBpsEgress'));
    expect(trafficWidgets).toEqual([['dxcon-fgabc123'], ['dxcon-fgdef456']]);
    const lightWidgets = widgets.filter((w) => w.properties?.title === 'Light levels (dBm)').map((w) => connectionsGraphed(w, 'ConnectionLightLevelRx'));
    expect(lightWidgets).toEqual([['dxcon-fgabc123'], ['dxcon-fgdef456']]);
    expect(widgets.filter((w) => /^Virtual interface /.test(w.properties?.title ?? '')).map((w) => w.properties.title))
      .toEqual(['Virtual interface dxvif-ffabc123 (bits/s)', 'Virtual interface dxvif-ffdef456 (bits/s)']);
    // the heading of each path comes before its widgets
    const order = widgets.map((w) => w.properties?.markdown ?? connectionsGraphed(w, 'ConnectionState')[0]).filter((x) => x !== undefined);
    expect(order).toEqual(['### Path 1 (EqDC2): dxcon-fgabc123', 'dxcon-fgabc123', '### Path 2 (CSVA1): dxcon-fgdef456', 'dxcon-fgdef456']);
    // AND the poller polls both paths
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: {
        CONNECTION_ID: 'dxcon-fgabc123', VIRTUAL_INTERFACE_IDS: 'dxvif-ffabc123',
        ADDITIONAL_PATHS: '[{"connectionId":"dxcon-fgdef456","virtualInterfaceIds":"dxvif-ffdef456"}]',
      } },
    });
    template.resourceCountIs('AWS::Lambda::Function', 1);
  });

  test('the redundancy graph shows the needed count on the dashboard', () => {
    // GIVEN / WHEN
    const { template } = synth({ ...TWO_PATHS });
    // THEN
    const graph = dashboardWidgets(template).find((w) => w.properties?.title === 'Redundancy: interfaces with BGP up (all paths)');
    expect(graph.properties.annotations.horizontal).toEqual([expect.objectContaining({ value: 2, label: 'needed: 2' })]);
    expect(JSON.stringify(graph.properties.metrics)).toContain('FILL(up1, 0) + FILL(up2, 0)');
  });

  test('a single path keeps its layout: no headings, no redundancy alarm unless expectedInterfacesUp is set', () => {
    // GIVEN / WHEN
    const plain = synth({ virtualInterfaceIds: ['dxvif-ffabc123'] });
    const lagWithTwo = synth({ virtualInterfaceIds: ['dxvif-ffabc123', 'dxvif-ffabc456'], expectedInterfacesUp: 2 });
    // THEN
    expect(plain.monitoring.redundancyAlarm).toBeUndefined();
    expect(dashboardWidgets(plain.template).filter((w) => w.type === 'text' && /^### Path/.test(w.properties.markdown))).toEqual([]);
    const fn = Object.values(plain.template.findResources('AWS::Lambda::Function'))[0] as any;
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(['CONNECTION_ID', 'METRICS_NAMESPACE', 'VIRTUAL_INTERFACE_IDS']);
    lagWithTwo.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 2, TreatMissingData: 'breaching', Metrics: Match.arrayWith([Match.objectLike({ Expression: 'FILL(up1, 0)' })]) });
  });

  test('paths whose interfaces are discovered get no default redundancy alarm, with a warning', () => {
    // GIVEN / WHEN
    const { stack, monitoring } = synth({ additionalPaths: [{ connectionId: 'dxcon-fgdef456' }] });
    // THEN
    expect(monitoring.redundancyAlarm).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('not every path lists its virtualInterfaceIds, so there is no redundancy alarm'));
  });

  test.each<[string, Partial<DirectConnectMonitoringProps>, RegExp]>([
    ['a repeated connection', { additionalPaths: [{ connectionId: 'dxcon-fgabc123' }] }, /^additionalPaths\[0\]\.connectionId repeats 'dxcon-fgabc123' \(already connectionId\)/],
    ['an interface on two paths', { virtualInterfaceIds: ['dxvif-ffabc123'], additionalPaths: [{ connectionId: 'dxcon-fgdef456', virtualInterfaceIds: ['dxvif-ffabc123'] }] }, /^additionalPaths\[0\]\.virtualInterfaceIds\[0\] repeats 'dxvif-ffabc123' \(already virtualInterfaceIds\[0\]\)/],
    ['a bad connection id', { additionalPaths: [{ connectionId: 'nope' }] }, /^additionalPaths\[0\]\.connectionId must be a Direct Connect connection or LAG id .*got 'nope'$/],
    ['a bad name', { additionalPaths: [{ connectionId: 'dxcon-fgdef456', name: '' }] }, /^additionalPaths\[0\]\.name must be 1 to 64 printable ASCII characters, got ''$/],
    ['more than 9 more paths', { additionalPaths: Array.from({ length: 10 }, (_, i) => ({ connectionId: `dxcon-fgdef45${i}` })) }, /^additionalPaths must hold at most 9 paths .*got 10$/],
    ['too many expected', { ...TWO_PATHS, expectedInterfacesUp: 3 }, /^expectedInterfacesUp must be at most the 2 virtual interface\(s\) listed over all paths .*got 3/],
    ['zero expected', { expectedInterfacesUp: 0 }, /^expectedInterfacesUp must be an integer of at least 1 .*got 0$/],
    ['pathName alone', { pathName: 'EqDC2' }, /^pathName is only used with additionalPaths/],
  ])('refuses %s', (_name, props, message) => {
    // GIVEN / WHEN / THEN
    expect(() => synth(props)).toThrow(message);
  });

  test('tokens as connection and interface ids of a further path pass and reach the poller through CloudFormation', () => {
    // GIVEN
    const conn = Lazy.string({ produce: () => 'dxcon-fgdef456' });
    // WHEN
    const { stack } = synth({ virtualInterfaceIds: ['dxvif-ffabc123'], additionalPaths: [{ connectionId: conn, virtualInterfaceIds: [Lazy.string({ produce: () => 'dxvif-ffdef456' })] }] });
    // THEN
    const fn = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0] as any;
    expect(JSON.parse(stack.resolve(fn.Properties.Environment.Variables.ADDITIONAL_PATHS))).toEqual([{ connectionId: 'dxcon-fgdef456', virtualInterfaceIds: 'dxvif-ffdef456' }]);
  });

  test('cfn-lint clean and no unacknowledged cdk-nag findings (two paths, redundancy alarm)', () => {
    // GIVEN / WHEN
    const { stack } = synth({ ...TWO_PATHS, macsecRequested: true });
    // THEN
    const lint = expectCfnLintClean(stack);
    expect(warningsBeyondCdk(lint.output)).toEqual([]);
    expect(nagFindings(stack)).toEqual([]);
  });
});

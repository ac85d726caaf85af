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
    ['bandwidthGbps', { bandwidthGbps: 0 }, /^bandwidthGbps must be the port speed in Gbps.*got 0$/],
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

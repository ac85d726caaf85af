/** The stack's macsecKey, macsecEncryptionMode and rateLimit, and what monitoring does with a rate limit. */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  ConnectDirectConnectStack, ConnectDirectConnectStackProps, DedicatedBandwidth, DirectConnectMonitoring, MacsecEncryptionMode, MacsecKey,
  PublicVirtualInterface, RateLimit, ResiliencyModel,
} from '../../lib';
import { BASE_STACK_PROPS } from '../helpers/stack-props';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:dx-macsec-AbCdEf';

function build(props: Partial<ConnectDirectConnectStackProps>): ConnectDirectConnectStack {
  return new ConnectDirectConnectStack(new App(), 'Dx', { ...BASE_STACK_PROPS, ...props } as ConnectDirectConnectStackProps);
}

function utilizationAlarms(t: Template): Record<string, any>[] {
  return Object.entries(t.findResources('AWS::CloudWatch::Alarm'))
    .filter(([id]) => /EgressUtilizationAlarm/.test(id)).map(([, r]) => r.Properties);
}

describe('ConnectDirectConnectStack macsecKey', () => {
  test('GIVEN a new MACsec connection and a key WHEN synthesized THEN the key is associated with the LAG the interface uses, with the mode', () => {
    const stack = build({
      newConnection: { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_100, requestMacSec: true },
      macsecKey: MacsecKey.fromSecretArn(SECRET_ARN), macsecEncryptionMode: MacsecEncryptionMode.MUST_ENCRYPT,
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('Custom::DirectConnectMacsecKey', 1);
    t.hasResourceProperties('Custom::DirectConnectMacsecKey', {
      ConnectionId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Lag'), 'LagId'] }, SecretArn: SECRET_ARN, EncryptionMode: 'must_encrypt',
    });
    // the existing encryption alarm covers it
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ConnectionEncryptionState' });
  });

  test('GIVEN an existing connection and a key WHEN synthesized THEN the connection is declared MACsec-capable and the key associated with it', () => {
    const stack = build({
      newConnection: undefined, existingConnectionId: 'dxcon-fgabc123', existingConnectionBandwidth: DedicatedBandwidth.GBPS_10,
      macsecKey: MacsecKey.fromSecretArn(SECRET_ARN),
    });
    Template.fromStack(stack).hasResourceProperties('Custom::DirectConnectMacsecKey', { ConnectionId: 'dxcon-fgabc123' });
    expect(stack.connection.macsecRequested).toBe(true);
  });

  test('GIVEN a resiliency model with MACsec and a key WHEN synthesized THEN every path\'s LAG gets the key, one handler', () => {
    const stack = build({
      newConnection: undefined, customerAddress: undefined, amazonAddress: undefined,
      resiliency: { model: ResiliencyModel.HIGH, locations: ['EqDC2', 'CSVA1'], bandwidth: DedicatedBandwidth.GBPS_10, requestMacSec: true, peerAddressPool: '198.51.100.0/29' },
      macsecKey: MacsecKey.fromSecretArn(SECRET_ARN), rateLimit: RateLimit.gbps(1),
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('Custom::DirectConnectMacsecKey', 2);
    t.resourceCountIs('AWS::Lambda::Function', 2); // prefix list sync, MACsec key handler (monitoring reads AWS/DX, no poller)
    const vifs = Object.values(t.findResources('AWS::DirectConnect::PublicVirtualInterface'));
    expect(vifs.map((v) => v.Properties.RateLimit)).toEqual(['1Gbps', '1Gbps']);
    const alarms = utilizationAlarms(t);
    expect(alarms).toHaveLength(2);
    for (const a of alarms) expect(JSON.stringify(a.Metrics)).toContain('VirtualInterfaceBpsEgress');
  });

  test('GIVEN macsecEncryptionMode without macsecKey THEN refused naming macsecEncryptionMode', () => {
    expect(() => build({ macsecEncryptionMode: MacsecEncryptionMode.SHOULD_ENCRYPT }))
      .toThrow(/^macsecEncryptionMode is set only with macsecKey .*got 'should_encrypt' without one/);
  });

  test('GIVEN macsecKey on a connection without MACsec THEN refused naming macsecKey', () => {
    expect(() => build({ macsecKey: MacsecKey.fromSecretArn(SECRET_ARN) })).toThrow(/^macsecKey needs a MACsec-capable port: set requestMacSec: true/);
  });

  test('GIVEN a secret in another Region THEN refused naming macsecKey', () => {
    expect(() => build({
      newConnection: { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10, requestMacSec: true },
      macsecKey: MacsecKey.fromSecretArn('arn:aws:secretsmanager:eu-west-2:111111111111:secret:x-AbCdEf'),
    })).toThrow(/^macsecKey must be a secret in the stack's Region us-east-1/);
  });
});

describe('rate limit and monitoring', () => {
  test('GIVEN rateLimit on the stack WHEN synthesized THEN the interface carries it and the utilization alarm measures the interface against it', () => {
    const t = Template.fromStack(build({ rateLimit: RateLimit.mbps(500) }));
    t.hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', { RateLimit: '500Mbps' });
    const [alarm] = utilizationAlarms(t);
    const metrics = JSON.stringify(alarm.Metrics);
    expect(metrics).toContain('100 * egress / (500 * 1000000)');
    expect(metrics).toContain('VirtualInterfaceBpsEgress');
    expect(metrics).toContain('VirtualInterfaceId');
    expect(JSON.stringify(alarm.AlarmDescription)).toContain('(500 Mbps)');
    const dashboard = JSON.stringify(t.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboard).toContain('Egress utilization (% of the 500 Mbps rate limit)');
  });

  test('GIVEN no rate limit THEN the utilization alarm measures the port against its speed (as before)', () => {
    const [alarm] = utilizationAlarms(Template.fromStack(build({})));
    expect(JSON.stringify(alarm.Metrics)).toContain('ConnectionBpsEgress');
  });

  test('GIVEN a rate limit above the 10 Gbps port THEN refused naming rateLimit', () => {
    expect(() => build({ rateLimit: RateLimit.gbps(25) })).toThrow(/^rateLimit must not exceed the bandwidth of the parent LAG \(10Gbps\), got '25Gbps'/);
  });

  const importedVif = (stack: Stack) => PublicVirtualInterface.fromVirtualInterfaceAttributes(stack, 'Vif', {
    virtualInterfaceId: 'dxvif-fgabc123', attachedConnectionId: 'dxcon-fgabc123',
  });

  test.each([
    [70, true, /^rateLimitMbps must be a rate limit AWS offers, in Mbps \(50, 100,.*got 70/],
    [500, false, /^rateLimitMbps needs virtualInterfaces/],
  ])('GIVEN DirectConnectMonitoring rateLimitMbps %d (interfaces listed: %s) THEN refused naming rateLimitMbps', (mbps, listed, message) => {
    const stack = new Stack(new App(), 'M', { env: { region: 'us-east-1' } });
    expect(() => new DirectConnectMonitoring(stack, 'Mon', {
      connectionId: 'dxcon-fgabc123', rateLimitMbps: mbps, virtualInterfaces: listed ? [importedVif(stack)] : undefined,
    })).toThrow(message);
  });

  test('GIVEN DirectConnectMonitoring with a rate limit and no bandwidth THEN a utilization alarm on the interface', () => {
    const stack = new Stack(new App(), 'M', { env: { region: 'us-east-1' } });
    new DirectConnectMonitoring(stack, 'Mon', { connectionId: 'dxcon-fgabc123', virtualInterfaces: [importedVif(stack)], rateLimitMbps: 1000 });
    const alarms = utilizationAlarms(Template.fromStack(stack));
    expect(alarms).toHaveLength(1);
    expect(JSON.stringify(alarms[0].Metrics)).toContain('dxvif-fgabc123');
  });
});

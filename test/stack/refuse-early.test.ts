/**
 * Inputs a deploy would certainly refuse are refused at synth (issue 23, item 6): hosted connections described
 * through the stack, and the firewall VPC's CIDR against the agent networks.
 */
import { App, Lazy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  ConnectDirectConnectStack, ConnectDirectConnectStackProps, DedicatedBandwidth, DirectConnectMonitoring, HostedBandwidth,
} from '../../lib';
import { DX_FACTS } from '../../lib/facts/direct-connect-limits';
import { BASE_STACK_PROPS } from '../helpers/stack-props';
import { Stack } from 'aws-cdk-lib';

const HOSTED: ConnectDirectConnectStackProps = {
  ...BASE_STACK_PROPS, newConnection: undefined, existingConnectionId: 'dxcon-fh12ab34', hosted: true,
};

function build(props: Partial<ConnectDirectConnectStackProps>): Template {
  return Template.fromStack(new ConnectDirectConnectStack(new App(), 'Dx', { ...BASE_STACK_PROPS, ...props }));
}

const LIGHT = Match.objectLike({ MetricName: Match.stringLikeRegexp('^ConnectionLightLevel') });

describe('hosted connections', () => {
  test('HostedBandwidth offers exactly the facts table\'s hosted speeds, with their Gbps', () => {
    expect(HostedBandwidth.all().map((b) => b.value)).toEqual([...DX_FACTS.hostedBandwidths.values]);
    expect([HostedBandwidth.MBPS_50.gbps, HostedBandwidth.MBPS_500.gbps, HostedBandwidth.GBPS_25.gbps]).toEqual([0.05, 0.5, 25]);
    expect(HostedBandwidth.fromString('200Mbps')).toBe(HostedBandwidth.MBPS_200);
    expect(() => HostedBandwidth.fromString('40Gbps')).toThrow(/^existingConnectionHostedBandwidth must be one of the hosted connection speeds 50Mbps, .*25Gbps, got '40Gbps'$/);
    const token = Lazy.string({ produce: () => '1Gbps' });
    expect(HostedBandwidth.fromString(token).gbps).toBeUndefined();
  });

  test('a hosted connection at 500 Mbps gets the utilization alarm at its speed and no light-level alarm', () => {
    const t = Template.fromStack(new ConnectDirectConnectStack(new App(), 'Dx', { ...HOSTED, existingConnectionHostedBandwidth: HostedBandwidth.MBPS_500 }));
    expect(Object.keys(t.findResources('AWS::CloudWatch::Alarm', { Properties: LIGHT }))).toEqual([]);
    expect(JSON.stringify(t.findResources('AWS::CloudWatch::Alarm'))).toMatch(/ConnectionBpsEgress/);
    // the dedicated stack has them
    expect(Object.keys(build({}).findResources('AWS::CloudWatch::Alarm', { Properties: LIGHT })).length).toBeGreaterThan(0);
  });

  test('existingConnectionBandwidth takes a speed that is also a hosted one (10 Gbps); 100 Gbps is refused naming the hosted prop', () => {
    expect(() => new ConnectDirectConnectStack(new App(), 'Dx', { ...HOSTED, existingConnectionBandwidth: DedicatedBandwidth.GBPS_10 })).not.toThrow();
    expect(() => new ConnectDirectConnectStack(new App(), 'Dx', { ...HOSTED, existingConnectionBandwidth: DedicatedBandwidth.GBPS_100 }))
      .toThrow(/^existingConnectionBandwidth must be a hosted connection speed with hosted: true \(50Mbps, .*\), got '100Gbps'; give it with existingConnectionHostedBandwidth/);
    expect(() => new ConnectDirectConnectStack(new App(), 'Dx', {
      ...HOSTED, existingConnectionBandwidth: DedicatedBandwidth.GBPS_10, existingConnectionHostedBandwidth: HostedBandwidth.GBPS_10,
    })).toThrow(/^existingConnectionBandwidth and existingConnectionHostedBandwidth are both set/);
  });

  test('hosted is refused without an existing connection, with a LAG, and the hosted speed without hosted', () => {
    expect(() => build({ hosted: true })).toThrow(/^hosted is only used with existingConnectionId .*got true with newConnection/);
    expect(() => build({ newConnection: undefined, existingConnectionId: 'dxlag-ffabc123', hosted: true }))
      .toThrow(/^hosted must be false for a LAG .*got true with existingConnectionId 'dxlag-ffabc123'/);
    expect(() => build({ newConnection: undefined, existingConnectionId: 'dxcon-fh12ab34', existingConnectionHostedBandwidth: HostedBandwidth.MBPS_50 }))
      .toThrow(/^existingConnectionHostedBandwidth is only used with hosted: true, got '50Mbps'/);
  });

  test('MACsec is refused on a hosted connection (monitoring)', () => {
    const stack = new Stack(new App(), 'S', { env: { region: 'us-east-1' } });
    expect(() => new DirectConnectMonitoring(stack, 'M', { connectionId: 'dxcon-fh12ab34', hostedConnection: true, macsecRequested: true }))
      .toThrow(/^macsecRequested must be false for a hosted connection/);
  });
});

describe('firewallVpcCidr', () => {
  test('sets the new firewall VPC\'s CIDR', () => {
    build({ deployFirewall: true, firewallVpcCidr: '172.31.255.0/24' })
      .hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '172.31.255.0/24' });
  });

  test('an agent network overlapping the firewall VPC is refused naming both, the default included', () => {
    expect(() => build({ deployFirewall: true, agentCidrs: ['10.0.0.0/8'] }))
      .toThrow(/^firewallVpcCidr must not overlap the agent networks, got '10.255.0.0\/24' \(the default\), which overlaps agentCidrs\[0\] '10.0.0.0\/8'/);
    expect(() => build({ deployFirewall: true, firewallVpcCidr: '10.20.1.0/24' }))
      .toThrow(/^firewallVpcCidr must not overlap the agent networks, got '10.20.1.0\/24', which overlaps agentCidrs\[0\] '10.20.0.0\/16'/);
    expect(() => build({ deployFirewall: true, firewallVpcCidr: '10.0.0.0/8' }))
      .toThrow(/which overlaps agentCidrs\[0\] '10.20.0.0\/16'/);
  });

  test('is refused without deployFirewall; a token passes through', () => {
    expect(() => build({ firewallVpcCidr: '172.31.255.0/24' })).toThrow(/^firewallVpcCidr is only used when deployFirewall is true/);
    expect(() => build({ deployFirewall: true, agentCidrs: ['10.0.0.0/8'], firewallVpcCidr: Lazy.string({ produce: () => '172.31.0.0/24' }) }))
      .not.toThrow(/overlap/);
  });
});

import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  DedicatedBandwidth, DedicatedConnection, DirectConnectConnection, IDirectConnectConnection, LinkAggregationGroup, PublicVirtualInterface, RateLimit,
} from '../../lib';
import { DX_FACTS } from '../../lib/facts/direct-connect-limits';

const GOOD = { vlan: 101, asn: 65000, customerAddress: '18.0.0.1/30', amazonAddress: '18.0.0.2/30', routeFilterPrefixes: ['18.0.1.0/24'], locationRegion: 'us-east-1' };

function stack(): Stack {
  return new Stack(new App(), 'Dx', { env: { region: 'us-east-1' } });
}

function vif(s: Stack, connection: IDirectConnectConnection, rateLimit: RateLimit): PublicVirtualInterface {
  return new PublicVirtualInterface(s, 'Vif', { connection, ...GOOD, rateLimit });
}

describe('RateLimit', () => {
  test.each([
    [RateLimit.mbps(50), '50Mbps', 50],
    [RateLimit.mbps(500), '500Mbps', 500],
    [RateLimit.gbps(1), '1Gbps', 1000],
    [RateLimit.gbps(25), '25Gbps', 25000],
    [RateLimit.gbps(1600), '1.6Tbps', 1600000],
    [RateLimit.fromString('1.6Tbps'), '1.6Tbps', 1600000],
    [RateLimit.fromString('200Mbps'), '200Mbps', 200],
    [RateLimit.mbps(2000), '2Gbps', 2000],
  ])('GIVEN %o THEN value %s and %d Mbps', (limit, value, mbps) => {
    expect(limit.value).toBe(value);
    expect(limit.mbpsValue).toBe(mbps);
    expect(limit.value).toMatch(/^[0-9]+\.?[0-9]*(Mbps|Gbps|Tbps)$/); // the CloudFormation pattern
  });

  test('GIVEN allowed() THEN every value of the facts table, slowest first', () => {
    expect(RateLimit.allowed().map((r) => r.mbpsValue)).toEqual([...DX_FACTS.rateLimit.mbps]);
  });

  test.each([
    ['70 Mbps', () => RateLimit.mbps(70), /^rateLimit must be one of the bandwidths AWS offers .*50Mbps, 100Mbps.*1\.6Tbps; got 70 Mbps/],
    ['3 Gbps', () => RateLimit.gbps(3), /got 3 Gbps/],
    ['NaN', () => RateLimit.mbps(NaN), /^rateLimit must be one of/],
    ['text without a unit', () => RateLimit.fromString('500'), /^rateLimit must be a bandwidth such as 500Mbps, 1Gbps or 10Gbps .*got '500'/],
    ['lower-case unit', () => RateLimit.fromString('1gbps'), /^rateLimit must be a bandwidth such as/],
    ['2 Tbps', () => RateLimit.fromString('2Tbps'), /got 2 Tbps/],
  ])('GIVEN %s THEN refused naming rateLimit and the allowed values', (_what, make, message) => {
    expect(make).toThrow(message);
  });
});

describe('PublicVirtualInterface rateLimit', () => {
  test('GIVEN a rate limit on a 10 Gbps connection WHEN synthesized THEN RateLimit is set', () => {
    const s = stack();
    const conn = DirectConnectConnection.fromConnectionId(s, 'C', 'dxcon-fgabc123', { bandwidth: DedicatedBandwidth.GBPS_10 });
    const v = vif(s, conn, RateLimit.mbps(500));
    Template.fromStack(s).hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', { RateLimit: '500Mbps' });
    expect(v.rateLimit?.value).toBe('500Mbps');
  });

  test('GIVEN no rate limit THEN no RateLimit property', () => {
    const s = stack();
    new PublicVirtualInterface(s, 'Vif', { connection: DirectConnectConnection.fromConnectionId(s, 'C', 'dxcon-fgabc123'), ...GOOD });
    const props = Object.values(Template.fromStack(s).findResources('AWS::DirectConnect::PublicVirtualInterface'))[0].Properties;
    expect(props.RateLimit).toBeUndefined();
  });

  test('GIVEN a limit above the connection\'s port speed THEN refused naming rateLimit and the parent', () => {
    const s = stack();
    const conn = DirectConnectConnection.fromConnectionId(s, 'C', 'dxcon-fgabc123', { bandwidth: DedicatedBandwidth.GBPS_1 });
    expect(() => vif(s, conn, RateLimit.gbps(2))).toThrow(/^rateLimit must not exceed the bandwidth of the parent connection \(1Gbps\), got '2Gbps'/);
  });

  test('GIVEN a new LAG with one 10 Gbps member THEN 10 Gbps is allowed and 25 Gbps refused naming 1 x 10Gbps; with two members 25 Gbps... still refused (20 Gbps)', () => {
    const s = stack();
    const lag = new LinkAggregationGroup(s, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10 });
    new DedicatedConnection(s, 'M1', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10, lag });
    expect(() => new PublicVirtualInterface(s, 'V1', { connection: lag, ...GOOD, rateLimit: RateLimit.gbps(10) })).not.toThrow();
    expect(() => new PublicVirtualInterface(s, 'V2', { connection: lag, ...GOOD, vlan: 102, rateLimit: RateLimit.gbps(25) }))
      .toThrow(/^rateLimit must not exceed the bandwidth of the parent LAG \(10Gbps\), got '25Gbps'/);
    new DedicatedConnection(s, 'M2', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10, lag });
    expect(() => new PublicVirtualInterface(s, 'V3', { connection: lag, ...GOOD, vlan: 103, rateLimit: RateLimit.gbps(25) }))
      .toThrow(/parent LAG \(2 x 10Gbps\), got '25Gbps'/);
  });

  test('GIVEN an imported 100 Gbps LAG THEN its most members (2 x 100 Gbps) bound the limit', () => {
    const s = stack();
    const lag = DirectConnectConnection.fromLagId(s, 'L', 'dxlag-ffabc123', { bandwidth: DedicatedBandwidth.GBPS_100 });
    expect(() => vif(s, lag, RateLimit.gbps(200))).not.toThrow();
    const s2 = stack();
    const lag2 = DirectConnectConnection.fromLagId(s2, 'L', 'dxlag-ffabc123', { bandwidth: DedicatedBandwidth.GBPS_100 });
    expect(() => vif(s2, lag2, RateLimit.gbps(400))).toThrow(/parent LAG \(2 x 100Gbps\), got '400Gbps'/);
  });

  test('GIVEN a hosted connection THEN refused naming rateLimit (hosted connections are policed already)', () => {
    const s = stack();
    const hosted = DirectConnectConnection.fromConnectionId(s, 'H', 'dxcon-fh12ab34', { hosted: true });
    expect(() => vif(s, hosted, RateLimit.mbps(50))).toThrow(/^rateLimit cannot be set on a virtual interface of a hosted connection .*got '50Mbps' on 'dxcon-fh12ab34'/);
  });

  test('GIVEN a connection of unknown speed THEN any offered limit passes (AWS checks it at deploy)', () => {
    const s = stack();
    expect(() => vif(s, DirectConnectConnection.fromConnectionId(s, 'C', 'dxcon-fgabc123'), RateLimit.gbps(400))).not.toThrow();
  });
});

import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  ConnectionKind, DedicatedBandwidth, DedicatedConnection, DirectConnectConnection, LinkAggregationGroup,
} from '../../lib';
import { expectCfnLintClean } from '../helpers/checks';

function newStack(): Stack {
  return new Stack(new App(), 'Dx');
}

describe('DedicatedBandwidth', () => {
  test('well-known speeds carry the API spelling, Gbps and MACsec capability', () => {
    // THEN
    expect(DedicatedBandwidth.all().map((b) => [b.value, b.gbps, b.macsecCapable, b.maxLagMembers])).toEqual([
      ['1Gbps', 1, false, 4], ['10Gbps', 10, true, 4], ['100Gbps', 100, true, 2], ['400Gbps', 400, true, 2],
    ]);
  });

  test('fromString returns the same instance for an offered speed', () => {
    expect(DedicatedBandwidth.fromString('100Gbps')).toBe(DedicatedBandwidth.GBPS_100);
  });

  test.each(['25Gbps', '10gbps', '500Mbps', ''])('fromString refuses %p with the allowed list and the hosted note', (v) => {
    expect(() => DedicatedBandwidth.fromString(v)).toThrow(
      new RegExp(`^bandwidth must be one of 1Gbps, 10Gbps, 100Gbps, 400Gbps for a dedicated connection, got '${v}'; hosted speeds .*Partner`));
  });

  test('fromString passes a token through, unchecked', () => {
    // GIVEN
    const stack = newStack();
    const p = new CfnParameter(stack, 'Bw');
    // WHEN
    const bw = DedicatedBandwidth.fromString(p.valueAsString);
    // THEN
    expect(bw.value).toBe(p.valueAsString);
    expect(bw.gbps).toBeUndefined();
    expect(bw.macsecCapable).toBe(false);
  });
});

describe('DedicatedConnection', () => {
  test('creates a CfnConnection with the given properties', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const conn = new DedicatedConnection(stack, 'Conn', {
      location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10, connectionName: 'agents primary, DC2', requestMacSec: true,
      providerName: 'Equinix', tags: { team: 'network' },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::Connection', {
      Location: 'EqDC2', Bandwidth: '10Gbps', ConnectionName: 'agents primary, DC2', RequestMACSec: true, ProviderName: 'Equinix',
      Tags: [{ Key: 'team', Value: 'network' }],
    });
    expect(conn.kind).toBe(ConnectionKind.DEDICATED);
    expect(conn.createdInThisStack).toBe(true);
    expect(conn.macsecRequested).toBe(true);
    expect(conn.bandwidth).toBe(DedicatedBandwidth.GBPS_10);
    expect(stack.resolve(conn.connectionId)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Conn/), 'ConnectionId'] });
    expect(conn.node.defaultChild?.node.id).toBe('Resource');
    expectCfnLintClean(stack);
  });

  test('defaults: a generated name matching the pattern, no MACsec', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const conn = new DedicatedConnection(stack, 'Conn', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_1 });
    // THEN
    const props = Template.fromStack(stack).findResources('AWS::DirectConnect::Connection');
    const p = Object.values(props)[0].Properties;
    expect(p.ConnectionName).toMatch(/^dx-conn-[0-9a-f]{8}$/);
    expect(p.RequestMACSec).toBeUndefined();
    expect(conn.macsecRequested).toBe(false);
  });

  test('refuses MACsec on 1 Gbps', () => {
    const stack = newStack();
    expect(() => new DedicatedConnection(stack, 'Conn', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_1, requestMacSec: true }))
      .toThrow(/^requestMacSec can be true only on a 10Gbps, 100Gbps, 400Gbps dedicated port .*got bandwidth '1Gbps'/);
  });

  test('MACsec with a token bandwidth passes through', () => {
    const stack = newStack();
    const bw = DedicatedBandwidth.fromString(new CfnParameter(stack, 'Bw').valueAsString);
    new DedicatedConnection(stack, 'Conn', { location: 'EqDC2', bandwidth: bw, requestMacSec: true });
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::Connection', { Bandwidth: { Ref: 'Bw' }, RequestMACSec: true });
  });

  test.each(['Eq DC2', 'EqDC2/1', ''])('refuses location %p', (loc) => {
    const stack = newStack();
    expect(() => new DedicatedConnection(stack, 'Conn', { location: loc, bandwidth: DedicatedBandwidth.GBPS_1 }))
      .toThrow(new RegExp(`^location must be a Direct Connect location code .*got '${loc.replace('/', '\\/')}'`));
  });

  test('location token passes through', () => {
    const stack = newStack();
    new DedicatedConnection(stack, 'Conn', { location: new CfnParameter(stack, 'Loc').valueAsString, bandwidth: DedicatedBandwidth.GBPS_1 });
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::Connection', { Location: { Ref: 'Loc' } });
  });

  test.each(['agents;primary', 'a'.repeat(201), 'dc#2'])('refuses connectionName %p', (name) => {
    const stack = newStack();
    expect(() => new DedicatedConnection(stack, 'Conn', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_1, connectionName: name }))
      .toThrow(/^connectionName must be 1 to 200 characters from letters, digits, space, _ - , \/, got '/);
  });

  test('connectionName token passes through', () => {
    const stack = newStack();
    new DedicatedConnection(stack, 'Conn', {
      location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_1, connectionName: new CfnParameter(stack, 'N').valueAsString,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::Connection', { ConnectionName: { Ref: 'N' } });
  });
});

describe('LinkAggregationGroup', () => {
  test('creates a CfnLag and members join it by LagId', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const lag = new LinkAggregationGroup(stack, 'Lag', {
      location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_100, lagName: 'agents-lag', minimumLinks: 1, requestMacSec: true,
      tags: { team: 'network' },
    });
    new DedicatedConnection(stack, 'Port1', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_100, requestMacSec: true, lag });
    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::DirectConnect::Lag', {
      Location: 'EqDC2', ConnectionsBandwidth: '100Gbps', LagName: 'agents-lag', MinimumLinks: 1, RequestMACSec: true,
      Tags: [{ Key: 'team', Value: 'network' }],
    });
    t.hasResourceProperties('AWS::DirectConnect::Connection', { LagId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Lag'), 'LagId'] } });
    expect(lag.kind).toBe(ConnectionKind.LAG);
    expect(lag.createdInThisStack).toBe(true);
    expect(lag.macsecRequested).toBe(true);
    expect(lag.bandwidth).toBe(DedicatedBandwidth.GBPS_100);
    expect(stack.resolve(lag.connectionId)).toEqual(stack.resolve(lag.lagId));
    expect(lag.node.defaultChild?.node.id).toBe('Resource');
    expectCfnLintClean(stack);
  });

  test('defaults: generated lagName, no MinimumLinks, no MACsec', () => {
    const stack = newStack();
    new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10 });
    const p = Object.values(Template.fromStack(stack).findResources('AWS::DirectConnect::Lag'))[0].Properties;
    expect(p.LagName).toMatch(/^dx-lag-[0-9a-f]{8}$/);
    expect(p.MinimumLinks).toBeUndefined();
    expect(p.RequestMACSec).toBeUndefined();
  });

  test('refuses MACsec on a 1 Gbps LAG', () => {
    const stack = newStack();
    expect(() => new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_1, requestMacSec: true }))
      .toThrow(/^requestMacSec can be true only on .*got connectionsBandwidth '1Gbps'/);
  });

  test.each([-1, 1.5, 3])('refuses minimumLinks %p on a 100 Gbps LAG', (n) => {
    const stack = newStack();
    expect(() => new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_100, minimumLinks: n }))
      .toThrow(new RegExp(`^minimumLinks must be an integer from 0 to 2 .*got ${n}$`));
  });

  test('minimumLinks token passes through', () => {
    const stack = newStack();
    const n = new CfnParameter(stack, 'Min', { type: 'Number' }).valueAsNumber;
    new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_100, minimumLinks: n });
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::Lag', { MinimumLinks: { Ref: 'Min' } });
  });

  test('refuses lagName with characters AWS refuses', () => {
    const stack = newStack();
    expect(() => new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10, lagName: 'lag*1' }))
      .toThrow(/^lagName must be 1 to 200 characters .*got 'lag\*1'/);
  });

  test('lagName token passes through', () => {
    const stack = newStack();
    new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10, lagName: new CfnParameter(stack, 'N').valueAsString });
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::Lag', { LagName: { Ref: 'N' } });
  });

  test('refuses a member with another bandwidth or location', () => {
    const stack = newStack();
    const lag = new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10 });
    expect(() => new DedicatedConnection(stack, 'A', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_1, lag }))
      .toThrow(/^bandwidth must equal the LAG's connectionsBandwidth '10Gbps' .*got '1Gbps'/);
    expect(() => new DedicatedConnection(stack, 'B', { location: 'CSVA1', bandwidth: DedicatedBandwidth.GBPS_10, lag }))
      .toThrow(/^location must equal the LAG's location 'EqDC2' .*got 'CSVA1'/);
  });

  test('refuses a member without MACsec on a LAG that requests MACsec; the reverse is allowed', () => {
    // GIVEN a MACsec LAG and a plain one
    const stack = newStack();
    const macsecLag = new LinkAggregationGroup(stack, 'MacsecLag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10, requestMacSec: true });
    const plainLag = new LinkAggregationGroup(stack, 'PlainLag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10 });
    // WHEN / THEN
    expect(() => new DedicatedConnection(stack, 'A', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10, lag: macsecLag }))
      .toThrow(/^requestMacSec must be true on a connection joining a LAG that requests MACsec .*got false for LAG 'Dx\/MacsecLag'$/);
    expect(() => new DedicatedConnection(stack, 'B', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10, requestMacSec: true, lag: macsecLag })).not.toThrow();
    expect(() => new DedicatedConnection(stack, 'C', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10, requestMacSec: true, lag: plainLag })).not.toThrow();
  });

  test('member location token passes through', () => {
    const stack = newStack();
    const lag = new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10 });
    new DedicatedConnection(stack, 'A', { location: new CfnParameter(stack, 'Loc').valueAsString, bandwidth: DedicatedBandwidth.GBPS_10, lag });
    Template.fromStack(stack).resourceCountIs('AWS::DirectConnect::Connection', 1);
  });

  test('refuses a third member on a 100 Gbps LAG', () => {
    const stack = newStack();
    const lag = new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_100 });
    new DedicatedConnection(stack, 'A', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_100, lag });
    new DedicatedConnection(stack, 'B', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_100, lag });
    expect(() => new DedicatedConnection(stack, 'C', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_100, lag }))
      .toThrow(/^lag can hold at most 2 connections at 100Gbps, got one more: 'Dx\/C' after 'Dx\/A', 'Dx\/B'/);
  });
});

describe('DirectConnectConnection imports', () => {
  test.each([
    ['dxcon-fgabc123', ConnectionKind.DEDICATED, false],
    ['arn:aws:directconnect:eu-west-1:111122223333:dxcon/dxcon-fgabc123', ConnectionKind.DEDICATED, false],
    ['dxcon-fh12ab34', ConnectionKind.HOSTED, true],
  ])('fromConnectionId(%p) imports without creating anything', (id, kind, hosted) => {
    const stack = newStack();
    const c = DirectConnectConnection.fromConnectionId(stack, 'C', id, { hosted });
    expect(c.connectionId).toBe(id);
    expect(c.kind).toBe(kind);
    expect(c.createdInThisStack).toBe(false);
    expect(c.macsecRequested).toBe(false);
    expect(c.bandwidth).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::DirectConnect::Connection', 0);
  });

  test('fromLagId imports a LAG by id or ARN', () => {
    const stack = newStack();
    const lag = DirectConnectConnection.fromLagId(stack, 'L', 'arn:aws:directconnect:eu-west-1:111122223333:dxlag/dxlag-ffabc123',
      { bandwidth: DedicatedBandwidth.GBPS_10, macsecRequested: true });
    expect(lag.kind).toBe(ConnectionKind.LAG);
    expect(lag.macsecRequested).toBe(true);
    expect(lag.bandwidth).toBe(DedicatedBandwidth.GBPS_10);
  });

  test.each(['dxcon-abc', 'dxvif-fgabc123', 'arn:aws:directconnect:eu-west-1:1111:dxcon/dxcon-fgabc123', 'dxcon-fgabc123 '])(
    'fromConnectionId refuses %p', (id) => {
      const stack = newStack();
      expect(() => DirectConnectConnection.fromConnectionId(stack, 'C', id))
        .toThrow(/^connectionId must be a Direct Connect connection id \(dxcon- followed by 8 to 21 letters or digits\) or its ARN .*got '/);
    });

  test('fromConnectionId refuses a LAG id and fromLagId a connection id', () => {
    const stack = newStack();
    expect(() => DirectConnectConnection.fromConnectionId(stack, 'C', 'dxlag-ffabc123'))
      .toThrow(/^connectionId must be a dxcon- id or ARN, got the LAG id 'dxlag-ffabc123'; use DirectConnectConnection.fromLagId/);
    expect(() => DirectConnectConnection.fromLagId(stack, 'L', 'dxcon-fgabc123'))
      .toThrow(/^lagId must be a dxlag- id or ARN, got the connection id 'dxcon-fgabc123'; use DirectConnectConnection.fromConnectionId/);
    expect(() => DirectConnectConnection.fromLagId(stack, 'L2', 'dxlag-x'))
      .toThrow(/^lagId must be a Direct Connect LAG id .*got 'dxlag-x'/);
  });

  test('ids given as tokens pass through', () => {
    const stack = newStack();
    const id = new CfnParameter(stack, 'ConnId').valueAsString;
    expect(DirectConnectConnection.fromConnectionId(stack, 'C', id).connectionId).toBe(id);
    expect(DirectConnectConnection.fromLagId(stack, 'L', id).kind).toBe(ConnectionKind.LAG);
  });

  test('refuses MACsec on a hosted connection, and on a 1 Gbps import', () => {
    const stack = newStack();
    expect(() => DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fh12ab34', { hosted: true, macsecRequested: true }))
      .toThrow(/^macsecRequested must be false for a hosted connection .*got true for 'dxcon-fh12ab34'/);
    expect(() => DirectConnectConnection.fromConnectionId(stack, 'D', 'dxcon-fh12ab34', { macsecRequested: true, bandwidth: DedicatedBandwidth.GBPS_1 }))
      .toThrow(/^macsecRequested can be true only on .*got bandwidth '1Gbps'/);
    expect(() => DirectConnectConnection.fromLagId(stack, 'L', 'dxlag-ffabc123', { macsecRequested: true, bandwidth: DedicatedBandwidth.GBPS_1 }))
      .toThrow(/^macsecRequested can be true only on/);
  });
});

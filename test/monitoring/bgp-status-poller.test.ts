import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeVirtualInterfacesCommand, DirectConnectClient, DirectConnectClientException, VirtualInterface } from '@aws-sdk/client-direct-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { handler, pathsFromEnvironment, pollOnce, pollPaths } from '../../lib/handlers/bgp-status-poller';
import { withBackoff } from '../../lib/handlers/shared/direct-connect-read';
import { POLLER_NAMESPACE } from '../../lib/monitoring/metrics';

const dxMock = mockClient(DirectConnectClient);
const cwMock = mockClient(CloudWatchClient);
const NOW = new Date('2026-11-23T12:00:00Z');
const noSleep = { sleep: async () => undefined, random: () => 0.5 };

function vif(id: string, state: string, peers: Array<[string, string]> = [['available', 'up']]): VirtualInterface {
  return {
    virtualInterfaceId: id, virtualInterfaceState: state as any, vlan: 101, connectionId: 'dxcon-fgabc123',
    bgpPeers: peers.map(([bgpPeerState, bgpStatus], i) => ({ bgpPeerId: `dxpeer-${id}-${i}`, addressFamily: 'ipv4', bgpPeerState: bgpPeerState as any, bgpStatus: bgpStatus as any })),
  };
}

function throttle(): Error {
  return Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
}

/** Every datum published, as "MetricName{dims}=value". */
function published(): string[] {
  return cwMock.commandCalls(PutMetricDataCommand).flatMap((c) => {
    expect(c.args[0].input.Namespace).toBe(POLLER_NAMESPACE);
    return (c.args[0].input.MetricData ?? []).map((d) => `${d.MetricName}{${(d.Dimensions ?? []).map((x) => x.Value).join(',')}}=${d.Value}`);
  });
}

function poll(extra: Partial<Parameters<typeof pollOnce>[0]> = {}) {
  return pollOnce({ dx: new DirectConnectClient({ region: 'us-east-1' }), cloudWatch: new CloudWatchClient({ region: 'us-east-1' }), connectionId: 'dxcon-fgabc123', backoff: noSleep, now: NOW, ...extra });
}

beforeEach(() => {
  dxMock.reset();
  cwMock.reset();
  cwMock.on(PutMetricDataCommand).resolves({});
});

describe('BGP status poller', () => {
  test('publishes aggregates, per-interface state and per-peer status', async () => {
    // GIVEN one healthy interface, one with a peer down, one verifying
    dxMock.on(DescribeVirtualInterfacesCommand, { connectionId: 'dxcon-fgabc123' }).resolves({ virtualInterfaces: [
      vif('dxvif-aaaa1111', 'available'),
      vif('dxvif-bbbb2222', 'down', [['available', 'down'], ['available', 'up']]),
      vif('dxvif-cccc3333', 'verifying', [['verifying', 'unknown']]),
    ] });
    // WHEN
    const report = await poll();
    // THEN
    expect(report).toMatchObject({ peersUp: 2, peersDown: 1, waiting: 1, down: 1, gone: [] });
    const data = published();
    expect(data).toEqual(expect.arrayContaining([
      'BgpPeersDown{dxcon-fgabc123}=1',
      'BgpPeersUp{dxcon-fgabc123}=2',
      'InterfacesWaiting{dxcon-fgabc123}=1',
      'InterfacesDown{dxcon-fgabc123}=1',
      'InterfacesMonitored{dxcon-fgabc123}=3',
      'InterfacesBgpUp{dxcon-fgabc123}=1',
      'VirtualInterfaceStateCode{dxcon-fgabc123,dxvif-cccc3333}=2',
      'VirtualInterfaceWaiting{dxcon-fgabc123,dxvif-cccc3333}=1',
      'VirtualInterfaceWaiting{dxcon-fgabc123,dxvif-aaaa1111}=0',
      'BgpPeerUp{dxcon-fgabc123,dxvif-bbbb2222,dxpeer-dxvif-bbbb2222-0}=0',
      'BgpPeerUp{dxcon-fgabc123,dxvif-bbbb2222,dxpeer-dxvif-bbbb2222-1}=1',
    ]));
  });

  test('peers of an interface still being verified are not counted as down (they report down by design for up to 72 hours)', async () => {
    // GIVEN a new public interface: verifying, its peer verifying with bgpStatus down
    dxMock.on(DescribeVirtualInterfacesCommand).resolves({ virtualInterfaces: [vif('dxvif-cccc3333', 'verifying', [['verifying', 'down']])] });
    // WHEN
    const report = await poll();
    // THEN the wait is reported, the BGP alarm's metric stays 0
    expect(report).toMatchObject({ peersDown: 0, waiting: 1 });
    expect(published()).toEqual(expect.arrayContaining([
      'BgpPeersDown{dxcon-fgabc123}=0', 'InterfacesWaiting{dxcon-fgabc123}=1', 'BgpPeerUp{dxcon-fgabc123,dxvif-cccc3333,dxpeer-dxvif-cccc3333-0}=0',
    ]));
  });

  test('follows nextToken pages', async () => {
    // GIVEN
    dxMock.on(DescribeVirtualInterfacesCommand)
      .resolvesOnce({ virtualInterfaces: [vif('dxvif-aaaa1111', 'available')], nextToken: 'p2' })
      .resolvesOnce({ virtualInterfaces: [vif('dxvif-bbbb2222', 'available')] });
    // WHEN
    const report = await poll();
    // THEN
    expect(report.reported).toEqual(['dxvif-aaaa1111', 'dxvif-bbbb2222']);
    expect(dxMock.commandCalls(DescribeVirtualInterfacesCommand)[1].args[0].input.nextToken).toBe('p2');
  });

  test('throttling is retried with backoff and the poll then succeeds', async () => {
    // GIVEN two throttles, then an answer
    const sleeps: number[] = [];
    dxMock.on(DescribeVirtualInterfacesCommand)
      .rejectsOnce(throttle())
      .rejectsOnce(new DirectConnectClientException({ message: 'Rate exceeded', $metadata: {} }))
      .resolves({ virtualInterfaces: [vif('dxvif-aaaa1111', 'available')] });
    // WHEN
    const report = await poll({ backoff: { sleep: async (ms) => { sleeps.push(ms); }, random: () => 1, baseMs: 100 } });
    // THEN exponential delays, three calls
    expect(dxMock.commandCalls(DescribeVirtualInterfacesCommand)).toHaveLength(3);
    expect(sleeps).toEqual([100, 200]);
    expect(report.peersUp).toBe(1);
  });

  test('throttling that never ends fails the poll with the call named, after the retry budget', async () => {
    // GIVEN
    dxMock.on(DescribeVirtualInterfacesCommand).rejects(throttle());
    // WHEN / THEN
    await expect(poll({ backoff: { ...noSleep, retries: 3 } })).rejects.toThrow(/^DescribeVirtualInterfaces was still throttled after retries/);
    expect(dxMock.commandCalls(DescribeVirtualInterfacesCommand)).toHaveLength(4);
    expect(cwMock.commandCalls(PutMetricDataCommand)).toHaveLength(0);
  });

  test('PutMetricData throttling is retried too', async () => {
    // GIVEN
    dxMock.on(DescribeVirtualInterfacesCommand).resolves({ virtualInterfaces: [vif('dxvif-aaaa1111', 'available')] });
    cwMock.reset();
    cwMock.on(PutMetricDataCommand).rejectsOnce(throttle()).resolves({});
    // WHEN
    await poll();
    // THEN
    expect(cwMock.commandCalls(PutMetricDataCommand)).toHaveLength(2);
  });

  test('a deleted interface is no longer reported (and not counted), without an error', async () => {
    // GIVEN one listed interface was deleted, another vanished entirely
    dxMock.on(DescribeVirtualInterfacesCommand).resolves({ virtualInterfaces: [
      vif('dxvif-aaaa1111', 'available'),
      vif('dxvif-bbbb2222', 'deleted', [['deleted', 'down']]),
    ] });
    // WHEN
    const report = await poll({ virtualInterfaceIds: ['dxvif-aaaa1111', 'dxvif-bbbb2222', 'dxvif-gone9999'] });
    // THEN
    expect(report.reported).toEqual(['dxvif-aaaa1111']);
    expect(report.gone.sort()).toEqual(['dxvif-bbbb2222', 'dxvif-gone9999']);
    const data = published();
    expect(data.some((d) => d.includes('dxvif-bbbb2222') || d.includes('dxvif-gone9999'))).toBe(false);
    expect(data).toContain('BgpPeersDown{dxcon-fgabc123}=0');
    expect(data).toContain('InterfacesMonitored{dxcon-fgabc123}=1');
  });

  test('only the listed interfaces are reported when a list is given', async () => {
    // GIVEN
    dxMock.on(DescribeVirtualInterfacesCommand).resolves({ virtualInterfaces: [vif('dxvif-aaaa1111', 'available'), vif('dxvif-other000', 'down')] });
    // WHEN
    const report = await poll({ virtualInterfaceIds: ['dxvif-aaaa1111'] });
    // THEN
    expect(report.reported).toEqual(['dxvif-aaaa1111']);
    expect(report.down).toBe(0);
  });

  test('listed interfaces are read by id, so one on the LAG is reported while the metrics carry the member connection', async () => {
    // GIVEN the stack's case: the alarms watch member connection dxcon-fgabc123, the interface is attached to its LAG,
    // and DescribeVirtualInterfaces for the member connection returns nothing
    dxMock.on(DescribeVirtualInterfacesCommand, { connectionId: 'dxcon-fgabc123' }).resolves({ virtualInterfaces: [] });
    dxMock.on(DescribeVirtualInterfacesCommand, { virtualInterfaceId: 'dxvif-aaaa1111' }).resolves({ virtualInterfaces: [
      { ...vif('dxvif-aaaa1111', 'available', [['available', 'down']]), connectionId: 'dxlag-ffabc123' },
    ] });
    // WHEN
    const report = await poll({ virtualInterfaceIds: ['dxvif-aaaa1111'] });
    // THEN the interface and its down peer are reported under the member connection's dimension
    expect(report).toMatchObject({ reported: ['dxvif-aaaa1111'], gone: [], peersDown: 1 });
    expect(published()).toContain('BgpPeersDown{dxcon-fgabc123}=1');
    expect(dxMock.commandCalls(DescribeVirtualInterfacesCommand).map((c) => c.args[0].input.connectionId)).toEqual([undefined]);
  });

  test('a listed interface that Direct Connect says does not exist is no longer reported, without an error', async () => {
    // GIVEN
    dxMock.on(DescribeVirtualInterfacesCommand, { virtualInterfaceId: 'dxvif-aaaa1111' }).resolves({ virtualInterfaces: [vif('dxvif-aaaa1111', 'available')] });
    dxMock.on(DescribeVirtualInterfacesCommand, { virtualInterfaceId: 'dxvif-gone9999' }).rejects(
      new DirectConnectClientException({ message: 'Virtual interface dxvif-gone9999 does not exist', $metadata: { httpStatusCode: 400 } }));
    // WHEN
    const report = await poll({ virtualInterfaceIds: ['dxvif-aaaa1111', 'dxvif-gone9999'] });
    // THEN
    expect(report).toMatchObject({ reported: ['dxvif-aaaa1111'], gone: ['dxvif-gone9999'] });
    expect(published()).toContain('InterfacesMonitored{dxcon-fgabc123}=1');
  });

  test('a connection that no longer exists ends the poll quietly with zero counts (no crash loop)', async () => {
    // GIVEN
    dxMock.on(DescribeVirtualInterfacesCommand).rejects(new DirectConnectClientException({ message: 'Connection dxcon-fgabc123 does not exist', $metadata: { httpStatusCode: 400 } }));
    // WHEN
    const report = await poll();
    // THEN
    expect(report.note).toMatch(/no longer exists/);
    expect(published()).toContain('InterfacesMonitored{dxcon-fgabc123}=0');
  });

  test('access denied fails the poll and names the IAM action', async () => {
    // GIVEN
    dxMock.on(DescribeVirtualInterfacesCommand).rejects(Object.assign(new Error('User: arn:aws:sts::000000000000:assumed-role/x is not authorized to perform: directconnect:DescribeVirtualInterfaces'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));
    // WHEN / THEN
    await expect(poll()).rejects.toThrow(/needs IAM permission directconnect:DescribeVirtualInterfaces/);
    expect(dxMock.commandCalls(DescribeVirtualInterfacesCommand)).toHaveLength(1);
  });

  test('the Lambda handler reads its configuration from the environment', async () => {
    // GIVEN
    process.env.CONNECTION_ID = 'dxlag-ffabc123';
    process.env.VIRTUAL_INTERFACE_IDS = ' dxvif-aaaa1111 ,';
    process.env.METRICS_NAMESPACE = POLLER_NAMESPACE;
    process.env.AWS_REGION = 'us-east-1';
    dxMock.on(DescribeVirtualInterfacesCommand, { virtualInterfaceId: 'dxvif-aaaa1111' }).resolves({ virtualInterfaces: [vif('dxvif-aaaa1111', 'available')] });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      // WHEN
      const report = await handler();
      // THEN
      expect(report).toMatchObject({ connectionId: 'dxlag-ffabc123', reported: ['dxvif-aaaa1111'] });
    } finally {
      log.mockRestore();
      delete process.env.CONNECTION_ID;
      delete process.env.VIRTUAL_INTERFACE_IDS;
      delete process.env.METRICS_NAMESPACE;
    }
  });

  test('the handler refuses to run without CONNECTION_ID', async () => {
    // GIVEN / WHEN / THEN
    delete process.env.CONNECTION_ID;
    await expect(handler()).rejects.toThrow('CONNECTION_ID is not set');
  });
});

describe('BGP status poller: interfaces with BGP up and several paths', () => {
  test('an interface counts as up only when available with every ready peer up (at least one)', async () => {
    // GIVEN
    dxMock.on(DescribeVirtualInterfacesCommand).resolves({ virtualInterfaces: [
      vif('dxvif-aaaa1111', 'available', [['available', 'up'], ['available', 'up']]),
      vif('dxvif-bbbb2222', 'available', [['available', 'up'], ['available', 'down']]),
      vif('dxvif-cccc3333', 'available', [['available', 'up'], ['pending', 'down']]),
      vif('dxvif-dddd4444', 'testing', [['available', 'down']]),
      vif('dxvif-eeee5555', 'available', []),
    ] });
    // WHEN
    const report = await poll();
    // THEN: aaaa (both up) and cccc (the pending IPv6 peer is not ready yet) count
    expect(report.interfacesBgpUp).toBe(2);
    expect(published()).toContain('InterfacesBgpUp{dxcon-fgabc123}=2');
  });

  test('several paths: each is published under its own connection', async () => {
    // GIVEN path 1 up, path 2 down
    dxMock.on(DescribeVirtualInterfacesCommand, { virtualInterfaceId: 'dxvif-aaaa1111' }).resolves({ virtualInterfaces: [vif('dxvif-aaaa1111', 'available')] });
    dxMock.on(DescribeVirtualInterfacesCommand, { virtualInterfaceId: 'dxvif-bbbb2222' }).resolves({ virtualInterfaces: [
      { ...vif('dxvif-bbbb2222', 'down', [['available', 'down']]), connectionId: 'dxcon-fgdef456' },
    ] });
    // WHEN
    const reports = await pollPaths({ dx: new DirectConnectClient({ region: 'us-east-1' }), cloudWatch: new CloudWatchClient({ region: 'us-east-1' }), backoff: noSleep, now: NOW }, [
      { connectionId: 'dxcon-fgabc123', virtualInterfaceIds: ['dxvif-aaaa1111'] },
      { connectionId: 'dxcon-fgdef456', virtualInterfaceIds: ['dxvif-bbbb2222'] },
    ]);
    // THEN
    expect(reports.map((r) => [r.connectionId, r.interfacesBgpUp])).toEqual([['dxcon-fgabc123', 1], ['dxcon-fgdef456', 0]]);
    expect(published()).toEqual(expect.arrayContaining(['InterfacesBgpUp{dxcon-fgabc123}=1', 'InterfacesBgpUp{dxcon-fgdef456}=0', 'BgpPeersDown{dxcon-fgdef456}=1']));
  });

  test('a path that cannot be read does not stop the others; the invocation still fails, naming it', async () => {
    // GIVEN path 1 is denied, path 2 answers
    dxMock.on(DescribeVirtualInterfacesCommand, { virtualInterfaceId: 'dxvif-aaaa1111' }).rejects(Object.assign(new Error('not authorized to perform: directconnect:DescribeVirtualInterfaces'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));
    dxMock.on(DescribeVirtualInterfacesCommand, { virtualInterfaceId: 'dxvif-bbbb2222' }).resolves({ virtualInterfaces: [vif('dxvif-bbbb2222', 'available')] });
    // WHEN / THEN
    await expect(pollPaths({ dx: new DirectConnectClient({ region: 'us-east-1' }), cloudWatch: new CloudWatchClient({ region: 'us-east-1' }), backoff: noSleep, now: NOW }, [
      { connectionId: 'dxcon-fgabc123', virtualInterfaceIds: ['dxvif-aaaa1111'] },
      { connectionId: 'dxcon-fgdef456', virtualInterfaceIds: ['dxvif-bbbb2222'] },
    ])).rejects.toThrow(/^1 of 2 path\(s\) could not be polled \(1 published\): dxcon-fgabc123: DescribeVirtualInterfaces was denied/);
    expect(published()).toContain('InterfacesBgpUp{dxcon-fgdef456}=1');
    expect(published().some((d) => d.includes('dxcon-fgabc123'))).toBe(false);
  });

  test('paths come from CONNECTION_ID / VIRTUAL_INTERFACE_IDS and the ADDITIONAL_PATHS JSON list', () => {
    // GIVEN / WHEN
    const paths = pathsFromEnvironment({
      CONNECTION_ID: 'dxcon-fgabc123', VIRTUAL_INTERFACE_IDS: 'dxvif-aaaa1111',
      ADDITIONAL_PATHS: '[{"connectionId":"dxcon-fgdef456","virtualInterfaceIds":"dxvif-bbbb2222, dxvif-cccc3333"},{"connectionId":"dxcon-fgghi789","virtualInterfaceIds":""}]',
    });
    // THEN
    expect(paths).toEqual([
      { connectionId: 'dxcon-fgabc123', virtualInterfaceIds: ['dxvif-aaaa1111'] },
      { connectionId: 'dxcon-fgdef456', virtualInterfaceIds: ['dxvif-bbbb2222', 'dxvif-cccc3333'] },
      { connectionId: 'dxcon-fgghi789', virtualInterfaceIds: [] },
    ]);
  });

  test.each([
    ['not JSON', '[{', /^ADDITIONAL_PATHS is not JSON/],
    ['not a list', '{}', /^ADDITIONAL_PATHS must be a JSON list/],
    ['no connection id', '[{"virtualInterfaceIds":"x"}]', /^ADDITIONAL_PATHS\[0\]\.connectionId must be a connection id/],
  ])('ADDITIONAL_PATHS %s is refused', (_name, value, message) => {
    // GIVEN / WHEN / THEN
    expect(() => pathsFromEnvironment({ CONNECTION_ID: 'dxcon-fgabc123', ADDITIONAL_PATHS: value })).toThrow(message);
  });

  test('the handler polls every path of the environment', async () => {
    // GIVEN
    process.env.CONNECTION_ID = 'dxcon-fgabc123';
    process.env.VIRTUAL_INTERFACE_IDS = 'dxvif-aaaa1111';
    process.env.ADDITIONAL_PATHS = '[{"connectionId":"dxcon-fgdef456","virtualInterfaceIds":"dxvif-bbbb2222"}]';
    process.env.AWS_REGION = 'us-east-1';
    dxMock.on(DescribeVirtualInterfacesCommand).callsFake((input) => ({ virtualInterfaces: [vif(input.virtualInterfaceId, 'available')] }));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      // WHEN
      await handler();
      // THEN
      expect(published()).toEqual(expect.arrayContaining(['InterfacesBgpUp{dxcon-fgabc123}=1', 'InterfacesBgpUp{dxcon-fgdef456}=1']));
      expect(log).toHaveBeenCalledTimes(2);
    } finally {
      log.mockRestore();
      delete process.env.CONNECTION_ID;
      delete process.env.VIRTUAL_INTERFACE_IDS;
      delete process.env.ADDITIONAL_PATHS;
    }
  });
});

describe('withBackoff', () => {
  test('does not retry errors that are not throttling', async () => {
    // GIVEN
    let calls = 0;
    // WHEN / THEN
    await expect(withBackoff(async () => { calls++; throw new Error('boom'); }, noSleep)).rejects.toThrow('boom');
    expect(calls).toBe(1);
  });

  test('caps the delay', async () => {
    // GIVEN
    const sleeps: number[] = [];
    let calls = 0;
    // WHEN
    await withBackoff(async () => { if (++calls < 6) throw throttle(); return 1; }, { retries: 5, baseMs: 1000, capMs: 3000, random: () => 1, sleep: async (ms) => { sleeps.push(ms); } });
    // THEN
    expect(sleeps).toEqual([1000, 2000, 3000, 3000, 3000]);
  });
});

import {
  DescribeConnectionsCommand, DescribeLagsCommand, DescribeVirtualInterfacesCommand, DirectConnectClient,
} from '@aws-sdk/client-direct-connect';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../lib/cli';
import { runStatus } from '../../lib/cli/commands/status';
import { startDxStandIn } from '../cli/dx-standin';
import { recorder } from '../helpers/cli-io';

const dxMock = mockClient(DirectConnectClient);

const CONNECTION = {
  connectionId: 'dxcon-fgabc123', connectionName: 'agents-primary', connectionState: 'available' as const,
  bandwidth: '10Gbps', location: 'EqDC2', macSecCapable: true, encryptionMode: 'must_encrypt', portEncryptionStatus: 'Encryption Up',
  macSecKeys: [{ state: 'associated' }],
};
const VERIFYING = {
  virtualInterfaceId: 'dxvif-ffabc123', virtualInterfaceName: 'connect-public', virtualInterfaceType: 'public',
  virtualInterfaceState: 'verifying' as const, vlan: 101, connectionId: 'dxcon-fgabc123', asn: 65000,
  bgpPeers: [{ bgpPeerId: 'dxpeer-aaaa1111', addressFamily: 'ipv4' as const, asn: 65000, customerAddress: '203.0.113.1/30', amazonAddress: '203.0.113.2/30', bgpPeerState: 'verifying' as const, bgpStatus: 'down' as const }],
};
const DOWN_PEER = {
  virtualInterfaceId: 'dxvif-ffdef456', virtualInterfaceType: 'public', virtualInterfaceState: 'available' as const, vlan: 102, connectionId: 'dxcon-fgabc123',
  bgpPeers: [{ bgpPeerId: 'dxpeer-bbbb2222', addressFamily: 'ipv6' as const, bgpPeerState: 'available' as const, bgpStatus: 'down' as const }],
};

function client() {
  return new DirectConnectClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}
const fast = { backoff: { sleep: async () => undefined } };

beforeEach(() => dxMock.reset());

describe('status: bad input', () => {
  test.each([
    [['--connection-id', 'dxcon-bad'], /--connection-id must be a connection or LAG id .* got 'dxcon-bad'/],
    [['--connection-id', 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1'], /--connection-id must be/],
    [['--connection-id', 'arn:aws:directconnect:us-east-1:123456789012:dxcon/dxcon-1'], /--connection-id must be .* got 'arn:aws:directconnect:us-east-1:123456789012:dxcon\/dxcon-1'/],
    [['--connection-id', 'arn:aws:directconnect:us-east-1:123456789012:dx-con/dx-moto-abc'], /--connection-id must be/],
    [['--vif-id', 'dxcon-fgabc123'], /--vif-id must be a virtual interface id .* got 'dxcon-fgabc123'/],
    [['--region', 'Europe'], /--region must be an AWS Region code .* got 'Europe'/],
    [['--endpoint-url', 'ftp://x'], /--endpoint-url must be an http:\/\/ or https:\/\/ URL, got 'ftp:\/\/x'/],
    [['--jsn'], /unknown flag --jsn/],
  ])('%j is refused with the flag named and exit code 2', async (argv, message) => {
    // GIVEN
    const r = recorder();
    // WHEN
    const code = await main(['status', ...argv], r.io);
    // THEN
    expect(code).toBe(2);
    expect(r.stderr()).toMatch(message);
    expect(r.stderr().trim().split('\n')).toHaveLength(1);
    expect(dxMock.calls()).toHaveLength(0);
  });

  test('--help prints every flag', async () => {
    // GIVEN
    const r = recorder();
    // WHEN
    const code = await main(['status', '--help'], r.io);
    // THEN
    expect(code).toBe(0);
    for (const flag of ['--connection-id', '--vif-id', '--region', '--endpoint-url', '--json']) expect(r.stdout()).toContain(flag);
  });
});

describe('status: output', () => {
  test('prints connections with bandwidth, location and MACsec, interfaces with VLAN and BGP peers, and what needs action', async () => {
    // GIVEN
    dxMock.on(DescribeConnectionsCommand).resolves({ connections: [CONNECTION] });
    dxMock.on(DescribeLagsCommand).resolves({ lags: [] });
    dxMock.on(DescribeVirtualInterfacesCommand).resolves({ virtualInterfaces: [VERIFYING, DOWN_PEER] });
    const r = recorder();
    // WHEN
    const code = await runStatus([], r.io, { client: client(), ...fast });
    // THEN
    expect(code).toBe(0);
    const out = r.stdout();
    expect(out).toContain('region eu-west-1');
    expect(out).toMatch(/dxcon-fgabc123 {2}"agents-primary" {2}connection {2}available/);
    expect(out).toContain('bandwidth 10Gbps, location EqDC2');
    expect(out).toContain('MACsec: MACsec-capable, encryption mode must_encrypt, port Encryption Up, keys associated');
    expect(out).toMatch(/dxvif-ffabc123 {2}"connect-public" {2}public {2}verifying {2}VLAN 101/);
    expect(out).toMatch(/! AWS is reviewing the public prefixes .* up to 72 hours/);
    expect(out).toContain('BGP ipv4 peer dxpeer-aaaa1111: down (peer verifying), your ASN 65000, you 203.0.113.1/30, AWS 203.0.113.2/30');
    // a peer down on an available interface gets the router checklist; one still verifying does not
    expect(out.match(/! The BGP session is not established/g)).toHaveLength(1);
    expect(r.stderr()).toBe('');
  });

  test('--json is machine-readable with explanations', async () => {
    // GIVEN
    dxMock.on(DescribeConnectionsCommand).resolves({ connections: [CONNECTION] });
    dxMock.on(DescribeLagsCommand).resolves({});
    dxMock.on(DescribeVirtualInterfacesCommand).resolves({ virtualInterfaces: [VERIFYING] });
    const r = recorder();
    // WHEN
    const code = await runStatus(['--json'], r.io, { client: client(), ...fast });
    // THEN
    expect(code).toBe(0);
    const json = JSON.parse(r.stdout());
    expect(json.connections[0]).toMatchObject({ id: 'dxcon-fgabc123', bandwidth: '10Gbps', state: { state: 'available' } });
    expect(json.virtualInterfaces[0]).toMatchObject({ vlan: 101, state: { state: 'verifying', meaning: expect.stringMatching(/72 hours/) } });
    expect(json.virtualInterfaces[0].bgpPeers[0]).toMatchObject({ bgpStatus: { state: 'down' }, bgpPeerState: { state: 'verifying' } });
    expect(json.errors).toEqual([]);
  });

  test('an empty account says so', async () => {
    // GIVEN
    dxMock.on(DescribeConnectionsCommand).resolves({ connections: [] });
    dxMock.on(DescribeLagsCommand).resolves({ lags: [] });
    dxMock.on(DescribeVirtualInterfacesCommand).resolves({ virtualInterfaces: [] });
    const r = recorder();
    // WHEN
    const code = await runStatus(['--region', 'eu-west-1'], r.io, { client: client(), ...fast });
    // THEN
    expect(code).toBe(0);
    expect(r.stdout()).toContain('None: this account has no Direct Connect connections or LAGs in eu-west-1.');
    expect(r.stdout()).toContain('None: no virtual interfaces in this account in eu-west-1.');
  });

  test('a LAG id is read with DescribeLags and its interfaces by LAG id', async () => {
    // GIVEN
    dxMock.on(DescribeLagsCommand, { lagId: 'dxlag-ffabc123' }).resolves({ lags: [{ lagId: 'dxlag-ffabc123', lagName: 'lag', lagState: 'pending', connectionsBandwidth: '10Gbps', numberOfConnections: 2, location: 'EqDC2', connections: [{ connectionId: 'dxcon-aaaa1111' }, { connectionId: 'dxcon-bbbb2222' }] }] });
    dxMock.on(DescribeVirtualInterfacesCommand, { connectionId: 'dxlag-ffabc123' }).resolves({ virtualInterfaces: [] });
    const r = recorder();
    // WHEN
    const code = await runStatus(['--connection-id', 'dxlag-ffabc123'], r.io, { client: client(), ...fast });
    // THEN
    expect(code).toBe(0);
    expect(dxMock.commandCalls(DescribeConnectionsCommand)).toHaveLength(0);
    expect(r.stdout()).toContain('bandwidth 2 x 10Gbps');
    expect(r.stdout()).toContain('members: dxcon-aaaa1111, dxcon-bbbb2222');
    expect(r.stdout()).toMatch(/! Approved and being initialized/);
    expect(r.stdout()).toContain('None: no virtual interfaces on dxlag-ffabc123');
  });

  test('a LAG member connection (what the monitoring alarms name) shows its LAG and the interfaces on the LAG', async () => {
    // GIVEN the stack's new connection: member dxcon-fgabc123 of dxlag-ffabc123, the interface on the LAG
    dxMock.on(DescribeConnectionsCommand, { connectionId: 'dxcon-fgabc123' }).resolves({ connections: [{ ...CONNECTION, lagId: 'dxlag-ffabc123' }] });
    dxMock.on(DescribeVirtualInterfacesCommand, { connectionId: 'dxcon-fgabc123' }).resolves({ virtualInterfaces: [] });
    dxMock.on(DescribeLagsCommand, { lagId: 'dxlag-ffabc123' }).resolves({ lags: [{ lagId: 'dxlag-ffabc123', lagState: 'available', connectionsBandwidth: '10Gbps', numberOfConnections: 1, connections: [{ connectionId: 'dxcon-fgabc123' }] }] });
    dxMock.on(DescribeVirtualInterfacesCommand, { connectionId: 'dxlag-ffabc123' }).resolves({ virtualInterfaces: [{ ...VERIFYING, connectionId: 'dxlag-ffabc123' }] });
    const r = recorder();
    // WHEN
    const code = await runStatus(['--connection-id', 'dxcon-fgabc123'], r.io, { client: client(), ...fast });
    // THEN
    expect(code).toBe(0);
    expect(r.stdout()).toContain('member of dxlag-ffabc123');
    expect(r.stdout()).toMatch(/dxlag-ffabc123 +LAG +available/);
    expect(r.stdout()).toMatch(/dxvif-ffabc123 .* verifying +VLAN 101 +on dxlag-ffabc123/);
    expect(r.stdout()).not.toContain('None: no virtual interfaces');
  });

  test('--region takes every Region code the library knows (eusc-de-east-1, us-gov-west-1)', async () => {
    for (const region of ['eusc-de-east-1', 'us-gov-west-1']) {
      // GIVEN
      dxMock.reset();
      dxMock.on(DescribeConnectionsCommand).resolves({ connections: [] });
      dxMock.on(DescribeLagsCommand).resolves({ lags: [] });
      dxMock.on(DescribeVirtualInterfacesCommand).resolves({ virtualInterfaces: [] });
      const r = recorder();
      // WHEN
      const code = await runStatus(['--region', region], r.io, { client: client(), ...fast });
      // THEN
      expect(code).toBe(0); // was 2 for eusc-de-east-1 (--region must be an AWS Region code)
      expect(r.stderr()).toBe('');
    }
  });

  test('an AWS connection ARN is reduced to the id the API takes', async () => {
    // GIVEN
    dxMock.on(DescribeConnectionsCommand, { connectionId: 'dxcon-fgabc123' }).resolves({ connections: [CONNECTION] });
    dxMock.on(DescribeVirtualInterfacesCommand, { connectionId: 'dxcon-fgabc123' }).resolves({ virtualInterfaces: [] });
    const r = recorder();
    // WHEN
    const code = await runStatus(['--connection-id', 'arn:aws:directconnect:eu-west-1:111122223333:dxcon/dxcon-fgabc123'], r.io, { client: client(), ...fast });
    // THEN
    expect(code).toBe(0);
    expect(dxMock.commandCalls(DescribeConnectionsCommand)[0].args[0].input.connectionId).toBe('dxcon-fgabc123');
    expect(dxMock.commandCalls(DescribeLagsCommand)).toHaveLength(0);
    expect(r.stdout()).toContain('agents-primary');
  });

  test('--vif-id reads that interface and then the connection it is on', async () => {
    // GIVEN
    dxMock.on(DescribeVirtualInterfacesCommand, { virtualInterfaceId: 'dxvif-ffabc123' }).resolves({ virtualInterfaces: [VERIFYING] });
    dxMock.on(DescribeConnectionsCommand, { connectionId: 'dxcon-fgabc123' }).resolves({ connections: [CONNECTION] });
    const r = recorder();
    // WHEN
    const code = await runStatus(['--vif-id', 'dxvif-ffabc123'], r.io, { client: client(), ...fast });
    // THEN
    expect(code).toBe(0);
    expect(r.stdout()).toContain('agents-primary');
    expect(r.stdout()).toContain('dxvif-ffabc123');
  });
});

describe('status: faults', () => {
  test('access denied on one call names the missing action; the rest is still printed; exit 1', async () => {
    // GIVEN
    dxMock.on(DescribeConnectionsCommand).resolves({ connections: [CONNECTION] });
    dxMock.on(DescribeLagsCommand).resolves({ lags: [] });
    dxMock.on(DescribeVirtualInterfacesCommand).rejects(Object.assign(new Error('User: arn:aws:iam::000000000000:user/ops is not authorized to perform: directconnect:DescribeVirtualInterfaces'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));
    const r = recorder();
    // WHEN
    const code = await runStatus([], r.io, { client: client(), ...fast });
    // THEN
    expect(code).toBe(1);
    expect(r.stdout()).toContain('agents-primary');
    expect(r.stdout()).toContain('(could not be read, see below)');
    expect(r.stderr()).toContain('DescribeVirtualInterfaces was denied: the caller needs IAM permission directconnect:DescribeVirtualInterfaces');
  });

  test('throttling is retried with backoff and then answers', async () => {
    // GIVEN
    const throttle = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    dxMock.on(DescribeConnectionsCommand).rejectsOnce(throttle).rejectsOnce(throttle).resolves({ connections: [CONNECTION] });
    dxMock.on(DescribeLagsCommand).resolves({});
    dxMock.on(DescribeVirtualInterfacesCommand).resolves({});
    const sleeps: number[] = [];
    const r = recorder();
    // WHEN
    const code = await runStatus([], r.io, { client: client(), backoff: { sleep: async (ms) => { sleeps.push(ms); } } });
    // THEN
    expect(code).toBe(0);
    expect(dxMock.commandCalls(DescribeConnectionsCommand)).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(r.stdout()).toContain('agents-primary');
  });

  test('throttling that does not stop is reported as such', async () => {
    // GIVEN
    dxMock.on(DescribeConnectionsCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    dxMock.on(DescribeLagsCommand).resolves({});
    dxMock.on(DescribeVirtualInterfacesCommand).resolves({});
    const r = recorder();
    // WHEN
    const code = await runStatus(['--json'], r.io, { client: client(), ...fast });
    // THEN
    expect(code).toBe(1);
    expect(JSON.parse(r.stdout()).errors).toEqual([{ call: 'DescribeConnections', message: expect.stringMatching(/^DescribeConnections was still throttled after retries with backoff/) }]);
  });

  test('no Region anywhere is a one-line error', async () => {
    // GIVEN a client whose region cannot be resolved
    const r = recorder();
    const noRegion = new DirectConnectClient({ region: async () => { throw new Error('Region is missing'); } });
    // WHEN
    const code = await runStatus([], r.io, { client: noRegion, ...fast });
    // THEN
    expect(code).toBe(1);
    expect(r.stderr()).toBe('cdk-connect-dx status: no AWS Region: pass --region or set AWS_REGION (or a region in your AWS profile)\n');
  });
});

describe('status: AWS/DX metrics next to the Describe calls (GetMetricData)', () => {
  const cwMock = mockClient(CloudWatchClient);
  const NOW = new Date('2026-12-07T12:00:00Z');
  const UP = {
    virtualInterfaceId: 'dxvif-ffabc123', virtualInterfaceType: 'public', virtualInterfaceState: 'available' as const, vlan: 101, connectionId: 'dxlag-ffabc123',
    routeFilterPrefixes: [{ cidr: '198.51.100.0/24' }, { cidr: '203.0.113.0/24' }, { cidr: '2001:db8::/48' }],
    bgpPeers: [
      { bgpPeerId: 'dxpeer-aaaa1111', addressFamily: 'ipv4' as const, bgpPeerState: 'available' as const, bgpStatus: 'up' as const },
      { bgpPeerId: 'dxpeer-bbbb2222', addressFamily: 'ipv6' as const, bgpPeerState: 'available' as const, bgpStatus: 'up' as const },
    ],
  };
  function cw() {
    return new CloudWatchClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  }
  /** Answers each query by metric name and family (ipv4 unless the query says ipv6); undefined: no datapoint. */
  function answer(values: Record<string, number | undefined>) {
    cwMock.on(GetMetricDataCommand).callsFake((input: any) => ({
      MetricDataResults: input.MetricDataQueries.map((q: any) => {
        const family = q.MetricStat.Metric.Dimensions.find((d: any) => d.Name === 'IpAddressFamily')?.Value;
        const v = values[`${q.MetricStat.Metric.MetricName}${family ? `/${family}` : ''}`];
        return { Id: q.Id, Values: v === undefined ? [] : [v, 0], Timestamps: v === undefined ? [] : [NOW, NOW] };
      }),
    }));
  }
  function describeAccount() {
    dxMock.on(DescribeConnectionsCommand).resolves({ connections: [CONNECTION] });
    dxMock.on(DescribeLagsCommand).resolves({ lags: [] });
    dxMock.on(DescribeVirtualInterfacesCommand).resolves({ virtualInterfaces: [UP] });
  }
  beforeEach(() => cwMock.reset());

  test('one GetMetricData call: per session the three BGP series with their dimensions, and ConnectionState, over the last 30 minutes', async () => {
    // GIVEN
    describeAccount();
    answer({});
    const r = recorder();
    // WHEN
    await runStatus([], r.io, { client: client(), cloudWatch: cw(), now: () => NOW, ...fast });
    // THEN
    const calls = cwMock.commandCalls(GetMetricDataCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0].args[0].input;
    expect(input).toMatchObject({ StartTime: new Date('2026-12-07T11:30:00Z'), EndTime: NOW, ScanBy: 'TimestampDescending' });
    const queries = input.MetricDataQueries!.map((q) => {
      const dims = Object.fromEntries(q.MetricStat!.Metric!.Dimensions!.map((d) => [d.Name, d.Value]));
      return [q.MetricStat!.Metric!.Namespace, q.MetricStat!.Metric!.MetricName, q.MetricStat!.Stat, q.MetricStat!.Period, dims];
    });
    const session = (family: string) => ({ ConnectionId: 'dxlag-ffabc123', IpAddressFamily: family, VirtualInterfaceId: 'dxvif-ffabc123' });
    expect(queries).toEqual([
      ['AWS/DX', 'VirtualInterfaceBgpStatus', 'Minimum', 300, session('ipv4')],
      ['AWS/DX', 'VirtualInterfaceBgpPrefixesAccepted', 'Minimum', 300, session('ipv4')],
      ['AWS/DX', 'VirtualInterfaceBgpPrefixesAdvertised', 'Minimum', 300, session('ipv4')],
      ['AWS/DX', 'VirtualInterfaceBgpStatus', 'Minimum', 300, session('ipv6')],
      ['AWS/DX', 'VirtualInterfaceBgpPrefixesAccepted', 'Minimum', 300, session('ipv6')],
      ['AWS/DX', 'VirtualInterfaceBgpPrefixesAdvertised', 'Minimum', 300, session('ipv6')],
      ['AWS/DX', 'ConnectionState', 'Minimum', 300, { ConnectionId: 'dxcon-fgabc123' }],
    ]);
  });

  test('text: the latest value per session beside the Describe answer; fewer accepted than the route filter is flagged', async () => {
    // GIVEN
    describeAccount();
    answer({
      'VirtualInterfaceBgpStatus/ipv4': 1, 'VirtualInterfaceBgpPrefixesAccepted/ipv4': 1, 'VirtualInterfaceBgpPrefixesAdvertised/ipv4': 2345,
      'VirtualInterfaceBgpStatus/ipv6': 0, ConnectionState: 1,
    });
    const r = recorder();
    // WHEN
    const code = await runStatus([], r.io, { client: client(), cloudWatch: cw(), now: () => NOW, ...fast });
    // THEN
    expect(code).toBe(0);
    const out = r.stdout();
    expect(out).toContain('CloudWatch ConnectionState: up (1)');
    expect(out).toContain('CloudWatch ipv4: BGP up, 1 prefix(es) accepted by AWS (route filter: 2), 2345 advertised by AWS');
    expect(out).toMatch(/! AWS accepts 1 of the 2 ipv4 route filter prefixes: return traffic to the others leaves AWS over the internet/);
    expect(out).toContain('CloudWatch ipv6: BGP down, prefix(es) accepted by AWS n/a (route filter: 1), advertised by AWS n/a');
    expect(r.stderr()).toBe('');
  });

  test('no datapoint for a session says AWS reports none; --json carries the numbers and the window', async () => {
    // GIVEN
    describeAccount();
    answer({ 'VirtualInterfaceBgpStatus/ipv4': 1, 'VirtualInterfaceBgpPrefixesAccepted/ipv4': 2, 'VirtualInterfaceBgpPrefixesAdvertised/ipv4': 10 });
    const text = recorder();
    const json = recorder();
    // WHEN
    await runStatus([], text.io, { client: client(), cloudWatch: cw(), now: () => NOW, ...fast });
    await runStatus(['--json'], json.io, { client: client(), cloudWatch: cw(), now: () => NOW, ...fast });
    // THEN
    expect(text.stdout()).toContain('CloudWatch ipv6: no data (last 30 minutes, 300 s periods): AWS reports no BGP session for this family');
    expect(text.stdout()).not.toContain('! AWS accepts');
    const doc = JSON.parse(json.stdout());
    expect(doc.virtualInterfaces[0].metrics).toEqual({
      ipv4: { bgpStatus: 1, prefixesAccepted: 2, prefixesAdvertised: 10 },
      ipv6: { bgpStatus: null, prefixesAccepted: null, prefixesAdvertised: null },
    });
    expect(doc.connections[0].metrics).toEqual({ connectionState: null });
    expect(doc.metricsWindow).toBe('last 30 minutes, 300 s periods');
  });

  test('GetMetricData denied: named with its CloudWatch action, the Describe answers still printed, exit 1', async () => {
    // GIVEN
    describeAccount();
    cwMock.on(GetMetricDataCommand).rejects(Object.assign(new Error('User is not authorized to perform: cloudwatch:GetMetricData'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
    const r = recorder();
    // WHEN
    const code = await runStatus([], r.io, { client: client(), cloudWatch: cw(), now: () => NOW, ...fast });
    // THEN
    expect(code).toBe(1);
    expect(r.stdout()).toMatch(/dxvif-ffabc123 .* available/);
    expect(r.stderr()).toMatch(/^cdk-connect-dx status: GetMetricData was denied: the caller needs IAM permission cloudwatch:GetMetricData/);
    expect(r.stderr().trim().split('\n')).toHaveLength(1);
  });

  test('--endpoint-url without --cloudwatch-endpoint-url reads no metrics and says why; a bad --cloudwatch-endpoint-url is refused', async () => {
    // GIVEN: a Direct Connect stand-in on loopback (an endpoint that refuses connections is one line, no report);
    // credentials from the environment
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_EC2_METADATA_DISABLED: 'true' });
    dxMock.restore();
    const standIn = await startDxStandIn([]);
    const r = recorder();
    try {
      // WHEN
      await runStatus(['--region', 'eu-west-1', '--endpoint-url', standIn.url], r.io, fast);
    } finally {
      process.env = saved;
      dxMock.reset();
      await standIn.close();
    }
    // THEN
    expect(cwMock.commandCalls(GetMetricDataCommand)).toHaveLength(0);
    expect(r.stdout()).toContain('CloudWatch metrics not read: --endpoint-url points Direct Connect at another endpoint; give --cloudwatch-endpoint-url');
    const bad = recorder();
    expect(await main(['status', '--cloudwatch-endpoint-url', 'ftp://x'], bad.io)).toBe(2);
    expect(bad.stderr()).toMatch(/--cloudwatch-endpoint-url must be an http:\/\/ or https:\/\/ URL, got 'ftp:\/\/x'/);
  });
});

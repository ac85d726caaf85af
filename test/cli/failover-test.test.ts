import {
  DescribeVirtualInterfacesCommand, DirectConnectClient, ListVirtualInterfaceTestHistoryCommand, StartBgpFailoverTestCommand,
  StopBgpFailoverTestCommand, VirtualInterface,
} from '@aws-sdk/client-direct-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../lib/cli';
import { DEFAULT_TEST_MINUTES, runFailoverTest } from '../../lib/cli/commands/failover-test';
import { recorder } from '../helpers/cli-io';

const dxMock = mockClient(DirectConnectClient);

function client() {
  return new DirectConnectClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}
const deps = () => ({ client: client(), backoff: { sleep: async () => undefined } });

const PREFIXES = [{ cidr: '203.0.113.0/24' }];
function vif(id: string, connectionId: string, extra: Partial<VirtualInterface> = {}): VirtualInterface {
  return {
    virtualInterfaceId: id, virtualInterfaceType: 'public', virtualInterfaceState: 'available', connectionId, vlan: 101,
    routeFilterPrefixes: PREFIXES, awsLogicalDeviceId: `dev-${connectionId}`,
    bgpPeers: [{
      bgpPeerId: `dxpeer-${id.slice(6)}`, addressFamily: 'ipv4', customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31',
      bgpPeerState: 'available', bgpStatus: 'up',
    }],
    ...extra,
  };
}
const TESTED = vif('dxvif-aaaa1111', 'dxcon-aaaa1111');
const SECOND = vif('dxvif-bbbb2222', 'dxcon-bbbb2222');

/** DescribeVirtualInterfaces: by id returns that one, without a filter every interface given. */
function account(...vifs: VirtualInterface[]) {
  dxMock.on(DescribeVirtualInterfacesCommand).callsFake((input: { virtualInterfaceId?: string }) => ({
    virtualInterfaces: input.virtualInterfaceId ? vifs.filter((v) => v.virtualInterfaceId === input.virtualInterfaceId) : vifs,
  }));
  dxMock.on(StartBgpFailoverTestCommand).callsFake((input: { virtualInterfaceId: string; testDurationInMinutes?: number; bgpPeers?: string[] }) => ({
    virtualInterfaceTest: {
      testId: 'dxtest-1234567890', virtualInterfaceId: input.virtualInterfaceId, status: 'in progress',
      testDurationInMinutes: input.testDurationInMinutes, bgpPeers: input.bgpPeers, startTime: new Date('2026-12-01T09:00:00Z'),
    },
  }));
}

beforeEach(() => dxMock.reset());

describe('failover-test: refuses to test the only path', () => {
  test.each([
    ['the only interface', [TESTED], /It is the only virtual interface/],
    ['another interface on the same connection', [TESTED, vif('dxvif-cccc3333', 'dxcon-aaaa1111', { vlan: 102 })], /dxvif-cccc3333: it is on the same connection dxcon-aaaa1111/],
    ['another interface whose BGP is down', [TESTED, vif('dxvif-bbbb2222', 'dxcon-bbbb2222', { bgpPeers: [{ ...SECOND.bgpPeers![0], bgpStatus: 'down' }] })], /no ipv4 BGP peer is up on it/],
    ['another interface with other prefixes', [TESTED, vif('dxvif-bbbb2222', 'dxcon-bbbb2222', { routeFilterPrefixes: [{ cidr: '192.0.2.0/24' }] })], /other route filter prefixes/],
    ['another interface still verifying', [TESTED, vif('dxvif-bbbb2222', 'dxcon-bbbb2222', { virtualInterfaceState: 'verifying' })], /it is verifying/],
  ])('with %s: exit 1, says why, starts nothing', async (_name, vifs, reason) => {
    // GIVEN
    account(...vifs);
    const r = recorder();
    // WHEN
    const code = await runFailoverTest(['--vif-id', 'dxvif-aaaa1111'], r.io, deps());
    // THEN
    expect(code).toBe(1);
    expect(r.stderr()).toMatch(/refusing to start: no second path/);
    expect(r.stderr()).toMatch(reason);
    expect(r.stderr()).toMatch(/takes the contact centre off Direct Connect.*Pass --yes to start anyway/);
    expect(dxMock.commandCalls(StartBgpFailoverTestCommand)).toHaveLength(0);
  });

  test('with --yes it starts anyway, after a warning', async () => {
    // GIVEN
    account(TESTED);
    const r = recorder();
    // WHEN
    const code = await runFailoverTest(['--vif-id', 'dxvif-aaaa1111', '--yes'], r.io, deps());
    // THEN
    expect(code).toBe(0);
    expect(r.stderr()).toMatch(/warning: no second path.*starting because --yes was given/);
    expect(dxMock.commandCalls(StartBgpFailoverTestCommand)).toHaveLength(1);
  });
});

describe('failover-test: start', () => {
  test(`with a second path it starts for ${DEFAULT_TEST_MINUTES} minutes by default, every peer`, async () => {
    // GIVEN
    account(TESTED, SECOND);
    const r = recorder();
    // WHEN
    const code = await runFailoverTest(['--vif-id', 'dxvif-aaaa1111'], r.io, deps());
    // THEN
    expect(code).toBe(0);
    expect(dxMock.commandCalls(StartBgpFailoverTestCommand)[0].args[0].input).toEqual({
      virtualInterfaceId: 'dxvif-aaaa1111', bgpPeers: undefined, testDurationInMinutes: DEFAULT_TEST_MINUTES,
    });
    expect(r.stdout()).toMatch(/Second path for ipv4: dxvif-bbbb2222 on dxcon-bbbb2222 \(device dev-dxcon-bbbb2222\)/);
    expect(r.stdout()).toMatch(/Started failover test on dxvif-aaaa1111 .* for 15 minutes/);
    expect(r.stdout()).toMatch(/--stop dxtest-1234567890/);
  });

  test('--peer by address selects that BGP peer id; --minutes is passed', async () => {
    // GIVEN
    account(TESTED, SECOND);
    const r = recorder();
    // WHEN
    const code = await runFailoverTest(['--vif-id', 'dxvif-aaaa1111', '--peer', '198.51.100.0', '--minutes', '60'], r.io, deps());
    // THEN
    expect(code).toBe(0);
    expect(dxMock.commandCalls(StartBgpFailoverTestCommand)[0].args[0].input).toEqual({
      virtualInterfaceId: 'dxvif-aaaa1111', bgpPeers: ['dxpeer-aaaa1111'], testDurationInMinutes: 60,
    });
  });

  test('an IPv6 test needs a second path with an IPv6 peer up', async () => {
    // GIVEN the tested interface has an IPv6 peer; the other interface only IPv4
    const v6 = { bgpPeerId: 'dxpeer-v6v6v6v6', addressFamily: 'ipv6' as const, customerAddress: '2001:db8::1/125', amazonAddress: '2001:db8::2/125', bgpPeerState: 'available' as const, bgpStatus: 'up' as const };
    account({ ...TESTED, bgpPeers: [...TESTED.bgpPeers!, v6] }, SECOND);
    const r = recorder();
    // WHEN
    const code = await runFailoverTest(['--vif-id', 'dxvif-aaaa1111', '--peer', '2001:DB8::2'], r.io, deps());
    // THEN
    expect(code).toBe(1);
    expect(r.stderr()).toMatch(/dxvif-bbbb2222: no ipv6 BGP peer is up on it/);
  });

  test('warns when every second path is on the same AWS device', async () => {
    // GIVEN
    account(TESTED, { ...SECOND, awsLogicalDeviceId: TESTED.awsLogicalDeviceId });
    const r = recorder();
    // WHEN
    const code = await runFailoverTest(['--vif-id', 'dxvif-aaaa1111'], r.io, deps());
    // THEN
    expect(code).toBe(0);
    expect(r.stderr()).toMatch(/every second path terminates on the same AWS device \(dev-dxcon-aaaa1111\)/);
  });

  test('an unknown --peer names the peers there are', async () => {
    account(TESTED, SECOND);
    await expect(runFailoverTest(['--vif-id', 'dxvif-aaaa1111', '--peer', '192.0.2.9'], recorder().io, deps()))
      .rejects.toThrow(/^--peer '192\.0\.2\.9' is not a BGP peer of dxvif-aaaa1111; its peers: dxpeer-aaaa1111 \(ipv4: you 198\.51\.100\.1\/31, AWS 198\.51\.100\.0\/31\)$/);
    expect(dxMock.commandCalls(StartBgpFailoverTestCommand)).toHaveLength(0);
  });

  test('an interface that does not exist is an error naming it', async () => {
    account(SECOND);
    const r = recorder();
    await expect(runFailoverTest(['--vif-id', 'dxvif-aaaa1111'], r.io, deps())).rejects.toThrow(/dxvif-aaaa1111 was not found/);
  });

  test('access denied on StartBgpFailoverTest names the IAM action', async () => {
    account(TESTED, SECOND);
    dxMock.on(StartBgpFailoverTestCommand).rejects(Object.assign(new Error('User is not authorized to perform: directconnect:StartBgpFailoverTest'), { name: 'AccessDeniedException' }));
    await expect(runFailoverTest(['--vif-id', 'dxvif-aaaa1111'], recorder().io, deps()))
      .rejects.toThrow(/StartBgpFailoverTest was denied: the caller needs IAM permission directconnect:StartBgpFailoverTest/);
  });
});

describe('failover-test: stop and history', () => {
  const RUNNING = { testId: 'dxtest-1234567890', virtualInterfaceId: 'dxvif-aaaa1111', status: 'in progress', bgpPeers: ['dxpeer-aaaa1111'], testDurationInMinutes: 15 };

  test('--stop stops a running test of the interface', async () => {
    // GIVEN
    dxMock.on(ListVirtualInterfaceTestHistoryCommand).resolves({ virtualInterfaceTestHistory: [RUNNING] });
    dxMock.on(StopBgpFailoverTestCommand).resolves({ virtualInterfaceTest: { ...RUNNING, status: 'cancelled' } });
    const r = recorder();
    // WHEN
    const code = await runFailoverTest(['--vif-id', 'dxvif-aaaa1111', '--stop', 'dxtest-1234567890'], r.io, deps());
    // THEN
    expect(code).toBe(0);
    expect(dxMock.commandCalls(ListVirtualInterfaceTestHistoryCommand)[0].args[0].input).toMatchObject({ virtualInterfaceId: 'dxvif-aaaa1111', testId: 'dxtest-1234567890' });
    expect(dxMock.commandCalls(StopBgpFailoverTestCommand)[0].args[0].input).toEqual({ virtualInterfaceId: 'dxvif-aaaa1111' });
    expect(r.stdout()).toMatch(/Stopped failover test dxtest-1234567890 on dxvif-aaaa1111.*\n.*cancelled/);
  });

  test.each([
    ['a finished test', [{ ...RUNNING, status: 'completed' }], /is completed, not in progress: nothing to stop/],
    ['a test of another interface', [], /is not a failover test of dxvif-aaaa1111/],
  ])('--stop refuses %s', async (_name, tests, message) => {
    dxMock.on(ListVirtualInterfaceTestHistoryCommand).resolves({ virtualInterfaceTestHistory: tests });
    const r = recorder();
    const code = await runFailoverTest(['--vif-id', 'dxvif-aaaa1111', '--stop', 'dxtest-1234567890'], r.io, deps());
    expect(code).toBe(1);
    expect(r.stderr()).toMatch(message);
    expect(dxMock.commandCalls(StopBgpFailoverTestCommand)).toHaveLength(0);
  });

  test('--history lists every page of tests', async () => {
    // GIVEN two pages
    dxMock.on(ListVirtualInterfaceTestHistoryCommand)
      .resolvesOnce({ virtualInterfaceTestHistory: [{ ...RUNNING, status: 'completed', startTime: new Date('2026-11-30T10:00:00Z') }], nextToken: 'p2' })
      .resolvesOnce({ virtualInterfaceTestHistory: [{ ...RUNNING, testId: 'dxtest-0000000001', status: 'cancelled' }] });
    const r = recorder();
    // WHEN
    const code = await runFailoverTest(['--vif-id', 'dxvif-aaaa1111', '--history'], r.io, deps());
    // THEN
    expect(code).toBe(0);
    expect(r.stdout()).toMatch(/dxtest-1234567890 {2}completed .* start 2026-11-30T10:00:00.000Z/);
    expect(r.stdout()).toMatch(/dxtest-0000000001 {2}cancelled/);
    expect(dxMock.commandCalls(ListVirtualInterfaceTestHistoryCommand)[1].args[0].input.nextToken).toBe('p2');
    expect(dxMock.commandCalls(StartBgpFailoverTestCommand)).toHaveLength(0);
  });
});

describe('failover-test: bad usage (exit 2, one line, no AWS call)', () => {
  test.each([
    [[], /--vif-id is required/],
    [['--vif-id', 'dxcon-aaaa1111'], /--vif-id must be a virtual interface id/],
    [['--vif-id', 'dxvif-aaaa1111', '--minutes', '0'], /--minutes must be an integer from 1 to 4320, got '0'/],
    [['--vif-id', 'dxvif-aaaa1111', '--minutes', '4321'], /--minutes must be an integer from 1 to 4320, got '4321'/],
    [['--vif-id', 'dxvif-aaaa1111', '--minutes', '1.5'], /--minutes must be an integer/],
    [['--vif-id', 'dxvif-aaaa1111', '--history', '--stop', 'dxtest-1'], /--history and --stop cannot be combined/],
    [['--vif-id', 'dxvif-aaaa1111', '--stop', 'dxtest-1', '--yes'], /--yes only apply when starting a test, not with --stop/],
    [['--vif-id', 'dxvif-aaaa1111', '--history', '--minutes', '5'], /--minutes only apply when starting a test, not with --history/],
    [['--vif-id', 'dxvif-aaaa1111', '--stop', 'bad id!'], /--stop must be a failover test id/],
    [['--vif-id', 'dxvif-aaaa1111', '--stop', 'abc'], /--stop must be a failover test id: a UUID \(8-4-4-4-12 hex digits\) or dxtest-/],
    [['--vif-id', 'dxvif-aaaa1111', '--region', 'Europe'], /--region must be an AWS Region code/],
    [['--vif-id', 'dxvif-aaaa1111', '--endpoint-url', 'ftp://x'], /--endpoint-url must be an http/],
  ])('%j', async (argv, message) => {
    const r = recorder();
    const code = await main(['failover-test', ...argv], r.io);
    expect(code).toBe(2);
    expect(r.stderr()).toMatch(message);
    expect(r.stderr().trim().split('\n')).toHaveLength(1);
    expect(dxMock.calls()).toHaveLength(0);
  });

  test('--help lists every flag and the limits', async () => {
    const r = recorder();
    expect(await main(['failover-test', '--help'], r.io)).toBe(0);
    for (const flag of ['--vif-id', '--minutes', '--peer', '--stop', '--history', '--region', '--endpoint-url', '--yes']) expect(r.stdout()).toContain(flag);
    expect(r.stdout()).toMatch(/1 to 4320 minutes \(default 15; AWS's own default is 180\)/);
  });
});

/**
 * `cdk-connect-dx failover-test`: AWS's Direct Connect failover test (StartBgpFailoverTest, StopBgpFailoverTest,
 * ListVirtualInterfaceTestHistory), guarded.
 *
 * Before it starts a test it looks for a second path: another `available` virtual interface, on another connection,
 * with the same route filter prefixes (public) or the same gateway (private, transit), with a BGP peer of the tested
 * address family up. Without one it refuses unless `--yes` is given: putting the only path's BGP session down takes
 * the contact centre off Direct Connect for the whole test. The default duration is short (15 minutes; AWS's own
 * default is 180).
 */
import {
  DirectConnectClient, ListVirtualInterfaceTestHistoryCommand, StartBgpFailoverTestCommand, StopBgpFailoverTestCommand,
  VirtualInterfaceTestHistory,
} from '@aws-sdk/client-direct-connect';
import { endpointFlag, FlagSpec, helpText, intFlag, parseFlags, regionFlag, UsageError } from './args';
import { withDirectConnectClient } from './dx-client';
import { CliIo, CommandEntry } from './io';
import { DX_FACTS } from '../direct-connect/limits';
import {
  BackoffOptions, explainReadError, InterfaceSummary, PeerSummary, readVirtualInterfaces, withBackoff,
} from '../handlers/shared/direct-connect-read';

const COMMAND = 'failover-test';
/** Minutes a test lasts when `--minutes` is not given: long enough to watch traffic move, short if forgotten. */
export const DEFAULT_TEST_MINUTES = 15;
const LIMITS = DX_FACTS.failoverTestMinutes;

const FLAGS: FlagSpec[] = [
  { name: 'vif-id', kind: 'string', value: 'ID', required: true, help: 'the virtual interface to test: dxvif- id (8-21 letters or digits)' },
  { name: 'minutes', kind: 'string', value: 'N', help: `test duration, ${LIMITS.min} to ${LIMITS.max} minutes (default ${DEFAULT_TEST_MINUTES}; AWS's own default is ${LIMITS.awsDefault})` },
  { name: 'peer', kind: 'string', value: 'IP', help: 'only this BGP peer: its customer or Amazon address (IPv4 or IPv6) or its dxpeer- id (default: every peer)' },
  { name: 'stop', kind: 'string', value: 'TEST_ID', help: 'stop this running test on the interface (AWS restores the BGP session)' },
  { name: 'history', kind: 'boolean', help: 'list the interface\'s failover tests (AWS keeps 365 days)' },
  { name: 'region', kind: 'string', value: 'REGION', help: 'AWS Region, e.g. eu-west-1 (default: from AWS_REGION or the profile)' },
  { name: 'endpoint-url', kind: 'string', value: 'URL', help: 'Direct Connect endpoint, http(s)://host[:port] (for emulators or VPC endpoints)' },
  { name: 'yes', kind: 'boolean', help: 'start even when no second path with BGP up carries the same prefixes' },
];

const SUMMARY = 'Run, stop or list AWS Direct Connect BGP failover tests, refusing to test the only path';

const VIF_ID = /^dxvif-[A-Za-z0-9]{8,21}$/;
const PEER_ID = /^dxpeer-[A-Za-z0-9]{8,21}$/;
const TEST_ID = /^[A-Za-z0-9-]{1,128}$/;

type Mode = 'start' | 'stop' | 'history';

/** Parsed and checked options. */
interface FailoverOptions {
  readonly mode: Mode;
  readonly vifId: string;
  readonly minutes: number;
  readonly peer?: string;
  readonly testId?: string;
  readonly yes: boolean;
  readonly region?: string;
  readonly endpoint?: string;
}

function checkOptions(argv: string[]): FailoverOptions | undefined {
  const flags = parseFlags(COMMAND, argv, FLAGS);
  if (flags.help) return undefined;
  const vifId = flags.strings['vif-id'];
  if (!VIF_ID.test(vifId)) {
    throw new UsageError(`--vif-id must be a virtual interface id (dxvif- followed by 8 to 21 letters or digits), got '${vifId}'`);
  }
  const history = flags.booleans.history === true;
  const testId = flags.strings.stop;
  const startOnly = (['minutes', 'peer'] as const).filter((f) => flags.strings[f] !== undefined).map((f) => `--${f}`);
  if (flags.booleans.yes) startOnly.push('--yes');
  if (history && testId !== undefined) throw new UsageError('--history and --stop cannot be combined: list the tests, or stop one');
  const mode: Mode = history ? 'history' : testId !== undefined ? 'stop' : 'start';
  if (mode !== 'start' && startOnly.length > 0) {
    throw new UsageError(`${startOnly.join(', ')} only apply when starting a test, not with --${mode === 'history' ? 'history' : 'stop'}`);
  }
  if (testId !== undefined && !TEST_ID.test(testId)) {
    throw new UsageError(`--stop must be a failover test id (letters, digits and -, as --history lists them), got '${testId}'`);
  }
  const minutes = flags.strings.minutes === undefined ? DEFAULT_TEST_MINUTES : intFlag('minutes', flags.strings.minutes, LIMITS.min, LIMITS.max);
  return {
    mode, vifId, minutes, testId,
    peer: flags.strings.peer,
    yes: flags.booleans.yes === true,
    region: regionFlag(flags.strings.region),
    endpoint: endpointFlag(flags.strings['endpoint-url']),
  };
}

/** Test seams. */
export interface FailoverTestDeps {
  readonly client?: DirectConnectClient;
  readonly backoff?: BackoffOptions;
}

/** The address without its mask, e.g. `203.0.113.1` for `203.0.113.1/31`. */
const bare = (cidr: string | undefined): string | undefined => cidr?.split('/')[0].toLowerCase();

/** The peers of the interface the test puts down: all, or the one `--peer` names. */
export function selectPeers(vif: InterfaceSummary, peer: string | undefined): PeerSummary[] {
  if (peer === undefined) return vif.bgpPeers;
  const wanted = peer.toLowerCase();
  const found = vif.bgpPeers.filter((p) => (PEER_ID.test(peer) ? p.bgpPeerId === peer
    : bare(p.customerAddress) === wanted || bare(p.amazonAddress) === wanted));
  if (found.length === 0) {
    const known = vif.bgpPeers.map((p) => `${p.bgpPeerId ?? '?'} (${p.addressFamily ?? '?'}: you ${p.customerAddress ?? '?'}, AWS ${p.amazonAddress ?? '?'})`);
    throw new UsageError(`--peer '${peer}' is not a BGP peer of ${vif.virtualInterfaceId}; its peers: ${known.join(', ') || 'none'}`);
  }
  return found;
}

const sameSet = (a: string[] = [], b: string[] = []): boolean => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** Why `other` is not a second path for `tested` (undefined when it is one). */
export function notASecondPath(tested: InterfaceSummary, families: Set<string>, other: InterfaceSummary): string | undefined {
  if (other.state !== 'available') return `it is ${other.state}`;
  if (other.connectionId !== undefined && other.connectionId === tested.connectionId) return `it is on the same connection ${other.connectionId}`;
  if (tested.type === 'public' || (tested.routeFilterPrefixes ?? []).length > 0) {
    if (!sameSet(tested.routeFilterPrefixes, other.routeFilterPrefixes)) return 'it carries other route filter prefixes';
  } else if (tested.gatewayId === undefined || other.gatewayId !== tested.gatewayId) {
    return 'it does not reach the same gateway';
  }
  const up = other.bgpPeers.filter((p) => p.bgpStatus === 'up' && families.has(p.addressFamily ?? ''));
  if (up.length === 0) return `no ${[...families].join('/')} BGP peer is up on it`;
  return undefined;
}

/** What the pre-start check found. */
interface PathCheck {
  readonly tested: InterfaceSummary;
  readonly peers: PeerSummary[];
  readonly secondPaths: InterfaceSummary[];
  /** Interfaces looked at and why each is not a second path. */
  readonly rejected: string[];
}

async function checkSecondPath(client: DirectConnectClient, options: FailoverOptions, backoff: BackoffOptions): Promise<PathCheck> {
  const read = async (filter: { virtualInterfaceId?: string }) => {
    try {
      return await readVirtualInterfaces(client, filter, backoff);
    } catch (e) {
      throw new Error(explainReadError('DescribeVirtualInterfaces', e));
    }
  };
  const tested = (await read({ virtualInterfaceId: options.vifId })).find((v) => v.virtualInterfaceId === options.vifId);
  if (!tested) throw new Error(`virtual interface ${options.vifId} was not found in this Region and account`);
  const peers = selectPeers(tested, options.peer);
  const families = new Set(peers.map((p) => p.addressFamily ?? ''));
  const secondPaths: InterfaceSummary[] = [];
  const rejected: string[] = [];
  for (const other of await read({})) {
    if (other.virtualInterfaceId === tested.virtualInterfaceId) continue;
    const why = notASecondPath(tested, families, other);
    if (why === undefined) secondPaths.push(other);
    else rejected.push(`${other.virtualInterfaceId}: ${why}`);
  }
  return { tested, peers, secondPaths, rejected };
}

function describeTest(t: VirtualInterfaceTestHistory | undefined): string {
  if (!t) return '(no test returned)';
  const when = (d: Date | undefined) => (d ? d.toISOString() : '-');
  return `${t.testId ?? '?'}  ${t.status ?? '?'}  ${t.virtualInterfaceId ?? '?'}  peers ${(t.bgpPeers ?? []).join(',') || 'all'}  `
    + `${t.testDurationInMinutes ?? '?'} min  start ${when(t.startTime)}  end ${when(t.endTime)}`;
}

async function call<T>(api: string, backoff: BackoffOptions, send: () => Promise<T>): Promise<T> {
  try {
    return await withBackoff(send, backoff);
  } catch (e) {
    throw new Error(explainReadError(api, e));
  }
}

async function start(client: DirectConnectClient, io: CliIo, options: FailoverOptions, backoff: BackoffOptions): Promise<number> {
  const check = await checkSecondPath(client, options, backoff);
  const peerText = check.peers.map((p) => `${p.bgpPeerId ?? '?'} (${p.addressFamily ?? '?'})`).join(', ') || 'every peer';
  if (check.secondPaths.length === 0) {
    const reasons = check.rejected.length > 0 ? ` Looked at: ${check.rejected.join('; ')}.` : ' It is the only virtual interface in this Region and account.';
    const message = `no second path: no other available interface on another connection carries the same prefixes with BGP up.${reasons} `
      + `Testing ${options.vifId} puts its BGP session down for ${options.minutes} minutes, which takes the contact centre off Direct Connect`;
    if (!options.yes) {
      io.err(`cdk-connect-dx ${COMMAND}: refusing to start: ${message}. Pass --yes to start anyway.\n`);
      return 1;
    }
    io.err(`cdk-connect-dx ${COMMAND}: warning: ${message}; starting because --yes was given.\n`);
  } else {
    io.out(`Second path: ${check.secondPaths.map((v) => `${v.virtualInterfaceId} on ${v.connectionId ?? '?'}${v.awsDevice ? ` (device ${v.awsDevice})` : ''}`).join(', ')}\n`);
    const sameDevice = check.secondPaths.filter((v) => v.awsDevice !== undefined && v.awsDevice === check.tested.awsDevice);
    if (sameDevice.length === check.secondPaths.length && sameDevice.length > 0) {
      io.err(`cdk-connect-dx ${COMMAND}: warning: every second path terminates on the same AWS device (${check.tested.awsDevice}) as ${options.vifId}; the test passes, but a device failure would take both down\n`);
    }
  }
  const response = await call('StartBgpFailoverTest', backoff, () => client.send(new StartBgpFailoverTestCommand({
    virtualInterfaceId: options.vifId,
    bgpPeers: options.peer === undefined ? undefined : check.peers.map((p) => p.bgpPeerId!).filter(Boolean),
    testDurationInMinutes: options.minutes,
  })));
  io.out(`Started failover test on ${options.vifId} (${peerText}) for ${options.minutes} minutes:\n  ${describeTest(response.virtualInterfaceTest)}\n`
    + `Stop it early with: cdk-connect-dx ${COMMAND} --vif-id ${options.vifId} --stop ${response.virtualInterfaceTest?.testId ?? '<TEST_ID>'}\n`);
  return 0;
}

async function history(client: DirectConnectClient, vifId: string, backoff: BackoffOptions, testId?: string): Promise<VirtualInterfaceTestHistory[]> {
  const out: VirtualInterfaceTestHistory[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call('ListVirtualInterfaceTestHistory', backoff, () => client.send(new ListVirtualInterfaceTestHistoryCommand({
      virtualInterfaceId: vifId, testId, nextToken,
    })));
    out.push(...(page.virtualInterfaceTestHistory ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

async function stop(client: DirectConnectClient, io: CliIo, options: FailoverOptions, backoff: BackoffOptions): Promise<number> {
  const tests = await history(client, options.vifId, backoff, options.testId);
  const test = tests.find((t) => t.testId === options.testId);
  if (!test) {
    io.err(`cdk-connect-dx ${COMMAND}: test ${options.testId} is not a failover test of ${options.vifId} (see --history)\n`);
    return 1;
  }
  if (!/^in[ _-]?progress$/i.test(test.status ?? '')) {
    io.err(`cdk-connect-dx ${COMMAND}: test ${options.testId} on ${options.vifId} is ${test.status ?? 'in an unknown state'}, not in progress: nothing to stop\n`);
    return 1;
  }
  const response = await call('StopBgpFailoverTest', backoff, () => client.send(new StopBgpFailoverTestCommand({ virtualInterfaceId: options.vifId })));
  io.out(`Stopped failover test ${options.testId} on ${options.vifId}; AWS restores the BGP session:\n  ${describeTest(response.virtualInterfaceTest)}\n`);
  return 0;
}

/** Runs the command: 0 on success, 1 when refused or an AWS call failed, 2 for bad usage. */
export async function runFailoverTest(argv: string[], io: CliIo, deps: FailoverTestDeps = {}): Promise<number> {
  const options = checkOptions(argv);
  if (!options) {
    io.out(helpText(COMMAND, SUMMARY, FLAGS));
    return 0;
  }
  const backoff = deps.backoff ?? {};
  return withDirectConnectClient(COMMAND, io, options, deps.client, async (client, region) => {
    if (options.mode === 'history') {
      const tests = await history(client, options.vifId, backoff);
      io.out(tests.length === 0 ? `No failover tests on ${options.vifId} in ${region} (AWS keeps 365 days).\n`
        : `Failover tests on ${options.vifId} in ${region}:\n${tests.map((t) => `  ${describeTest(t)}`).join('\n')}\n`);
      return 0;
    }
    return options.mode === 'stop' ? stop(client, io, options, backoff) : start(client, io, options, backoff);
  });
}

/** Registration for the subcommand table. */
export const failoverTestEntry: CommandEntry = {
  summary: SUMMARY,
  run: (argv, io) => runFailoverTest(argv, io),
};

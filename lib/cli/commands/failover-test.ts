/**
 * `cdk-connect-dx failover-test`: AWS's Direct Connect failover test (StartBgpFailoverTest, StopBgpFailoverTest,
 * ListVirtualInterfaceTestHistory), guarded.
 *
 * Before it starts a test it looks for a second path for every tested address family: another `available` virtual
 * interface, on another connection, with the same route filter prefixes (public) or the same gateway (private,
 * transit), with a BGP peer of that family up. Without one for each family it refuses unless `--yes` is given:
 * putting the only path's BGP session down takes the contact centre off Direct Connect for the whole test. The
 * default duration is short (15 minutes; AWS's own default is 180).
 *
 * `StartBgpFailoverTest` is sent exactly once (a client with one attempt and a request timeout): a retry after a lost
 * answer would start a second test or be told "already in progress". When the answer is ambiguous (a 5xx, a reset, a
 * timeout, "already in progress") the command reads the test history and prints the running test's id and the
 * command that stops it, exit 3. SIGINT/SIGTERM while the start is in flight prints how to find and stop a test that
 * may be running.
 */
import {
  DirectConnectClient, ListVirtualInterfaceTestHistoryCommand, StartBgpFailoverTestCommand, StopBgpFailoverTestCommand,
  VirtualInterfaceTestHistory,
} from '@aws-sdk/client-direct-connect';
import { endpointFlag, FlagSpec, helpText, intFlag, parseFlags, regionFlag, UsageError } from '../args';
import { runStopper } from '../aws-errors';
import { SUMMARIES } from '../summaries';
import { withDirectConnectClient } from '../dx-client';
import { CliIo, CommandEntry } from '../io';
import { DX_FACTS } from '../../facts/direct-connect-limits';
import {
  BackoffOptions, explainReadError, InterfaceSummary, isAccessDenied, PeerSummary, readVirtualInterfaces, withBackoff,
} from '../../handlers/shared/direct-connect-read';

const COMMAND = 'failover-test';
/** Minutes a test lasts when `--minutes` is not given: long enough to watch traffic move, short if forgotten. */
export const DEFAULT_TEST_MINUTES = 15;
const LIMITS = DX_FACTS.failoverTestMinutes;
const TEST_ID = DX_FACTS.failoverTestId;
/** How long the one StartBgpFailoverTest request may take before its outcome counts as unknown. */
export const DEFAULT_START_TIMEOUT_MS = 30_000;
/** Exit code when the start's outcome is unknown (a test may be running): stderr names it and the stop command. */
export const EXIT_AMBIGUOUS = 3;

const FLAGS: FlagSpec[] = [
  { name: 'vif-id', kind: 'string', value: 'ID', required: true, help: 'the virtual interface to test: dxvif- id (8-21 letters or digits)' },
  { name: 'minutes', kind: 'string', value: 'N', help: `test duration, ${LIMITS.min} to ${LIMITS.max} minutes (default ${DEFAULT_TEST_MINUTES}; AWS's own default is ${LIMITS.awsDefault})` },
  { name: 'peer', kind: 'string', value: 'IP', help: 'only this BGP peer: its customer or Amazon address (IPv4 or IPv6) or its dxpeer- id (default: every peer)' },
  { name: 'stop', kind: 'string', value: 'TEST_ID', help: `stop this running test on the interface (AWS restores the BGP session); TEST_ID is ${TEST_ID.text}` },
  { name: 'history', kind: 'boolean', help: 'list the interface\'s failover tests (AWS keeps 365 days)' },
  { name: 'region', kind: 'string', value: 'REGION', help: 'AWS Region, e.g. eu-west-1 (default: from AWS_REGION or the profile)' },
  { name: 'endpoint-url', kind: 'string', value: 'URL', help: 'Direct Connect endpoint, http(s)://host[:port] (for emulators or VPC endpoints)' },
  { name: 'yes', kind: 'boolean', help: 'start even when no second path with BGP up carries the same prefixes' },
];

const SUMMARY = SUMMARIES['failover-test'];

const VIF_ID = /^dxvif-[A-Za-z0-9]{8,21}$/;
const PEER_ID = /^dxpeer-[A-Za-z0-9]{8,21}$/;

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
  if (testId !== undefined && !TEST_ID.value.test(testId)) {
    throw new UsageError(`--stop must be a failover test id: ${TEST_ID.text}, got '${testId}'`);
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

/** Where signals come from (the process; tests pass an emitter). */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

/** Test seams. */
export interface FailoverTestDeps {
  readonly client?: DirectConnectClient;
  /** The client StartBgpFailoverTest goes through; default: one attempt, no SDK retry, `startTimeoutMs`. */
  readonly startClient?: DirectConnectClient;
  readonly backoff?: BackoffOptions;
  /** Request timeout of the one StartBgpFailoverTest call (default {@link DEFAULT_START_TIMEOUT_MS}). */
  readonly startTimeoutMs?: number;
  /** Signals that interrupt the run (default: the process). */
  readonly signals?: SignalSource;
  /** Ends the process after a signal (default process.exit). */
  readonly exit?: (code: number) => void;
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

/**
 * Why `other` is not a second path for `tested` (undefined when it is one) for the address `family`: it must be
 * available, on another connection, carry the same prefixes (or reach the same gateway) and have a BGP peer of that
 * family up.
 */
export function notASecondPath(tested: InterfaceSummary, family: string, other: InterfaceSummary): string | undefined {
  if (other.state !== 'available') return `it is ${other.state}`;
  if (other.connectionId !== undefined && other.connectionId === tested.connectionId) return `it is on the same connection ${other.connectionId}`;
  if (tested.type === 'public' || (tested.routeFilterPrefixes ?? []).length > 0) {
    if (!sameSet(tested.routeFilterPrefixes, other.routeFilterPrefixes)) return 'it carries other route filter prefixes';
  } else if (tested.gatewayId === undefined || other.gatewayId !== tested.gatewayId) {
    return 'it does not reach the same gateway';
  }
  if (!other.bgpPeers.some((p) => p.bgpStatus === 'up' && (p.addressFamily ?? '?') === family)) return `no ${family} BGP peer is up on it`;
  return undefined;
}

/** What the pre-start check found. */
interface PathCheck {
  readonly tested: InterfaceSummary;
  readonly peers: PeerSummary[];
  /** Every address family of the tested peers, with the interfaces that carry it on a second path. */
  readonly byFamily: Map<string, InterfaceSummary[]>;
  /** Interfaces looked at and why each is not a second path (per family). */
  readonly rejected: string[];
}

async function checkSecondPath(client: DirectConnectClient, options: FailoverOptions, region: string, backoff: BackoffOptions): Promise<PathCheck> {
  const read = async (filter: { virtualInterfaceId?: string }) => {
    try {
      return await readVirtualInterfaces(client, filter, backoff);
    } catch (e) {
      throw new Error(runStopper('DescribeVirtualInterfaces', e, { region, endpoint: options.endpoint }) ?? explainReadError('DescribeVirtualInterfaces', e), { cause: e });
    }
  };
  const tested = (await read({ virtualInterfaceId: options.vifId })).find((v) => v.virtualInterfaceId === options.vifId);
  if (!tested) throw new Error(`virtual interface ${options.vifId} was not found in ${region} in this account`);
  const peers = selectPeers(tested, options.peer);
  const byFamily = new Map<string, InterfaceSummary[]>([...new Set(peers.map((p) => p.addressFamily ?? '?'))].sort().map((f) => [f, []]));
  const rejected: string[] = [];
  for (const other of await read({})) {
    if (other.virtualInterfaceId === tested.virtualInterfaceId) continue;
    for (const [family, paths] of byFamily) {
      const why = notASecondPath(tested, family, other);
      if (why === undefined) paths.push(other);
      else if (!rejected.includes(`${other.virtualInterfaceId}: ${why}`)) rejected.push(`${other.virtualInterfaceId}: ${why}`);
    }
  }
  return { tested, peers, byFamily, rejected };
}

function describeTest(t: VirtualInterfaceTestHistory | undefined): string {
  if (!t) return '(no test returned)';
  const when = (d: Date | undefined) => (d ? d.toISOString() : '-');
  return `${t.testId ?? '?'}  ${t.status ?? '?'}  ${t.virtualInterfaceId ?? '?'}  peers ${(t.bgpPeers ?? []).join(',') || 'all'}  `
    + `${t.testDurationInMinutes ?? '?'} min  start ${when(t.startTime)}  end ${when(t.endTime)}`;
}

const inProgress = (t: VirtualInterfaceTestHistory): boolean => /^in[ _-]?progress$/i.test(t.status ?? '');

async function call<T>(api: string, options: FailoverOptions, region: string, backoff: BackoffOptions, send: () => Promise<T>): Promise<T> {
  try {
    return await withBackoff(send, backoff);
  } catch (e) {
    throw new Error(runStopper(api, e, { region, endpoint: options.endpoint }) ?? explainReadError(api, e), { cause: e });
  }
}

/** The command line that runs this command again for the same interface, Region and endpoint. */
function commandFor(options: FailoverOptions, region: string, tail: string): string {
  return `cdk-connect-dx ${COMMAND} --vif-id ${options.vifId} ${tail} --region ${region}${options.endpoint ? ` --endpoint-url ${options.endpoint}` : ''}`;
}

/**
 * True when StartBgpFailoverTest may have started a test although it did not answer with one: a server error, no
 * answer at all (reset, timeout), or "already in progress".
 */
export function isAmbiguousStart(e: unknown): boolean {
  const err = e as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = err?.$metadata?.httpStatusCode;
  if (/already in progress|in progress already/i.test(err?.message ?? '')) return true;
  if (status !== undefined) return status >= 500;
  // an AWS answer that says no (it names an exception) is not ambiguous
  if (isAccessDenied(e) || /Exception$|^AccessDenied/.test(err?.name ?? '')) return /ServerException$/.test(err?.name ?? '');
  // nothing came back: refused before a byte was sent is not ambiguous; everything else (reset, timeout) is
  if (err?.name === 'CredentialsProviderError') return false;
  return !/\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/.test(`${err?.code ?? ''} ${err?.message ?? ''}`);
}

/** The one-attempt client for StartBgpFailoverTest, with the same Region, endpoint and credentials as `client`. */
function startClientFor(client: DirectConnectClient, region: string, options: FailoverOptions, timeoutMs: number): DirectConnectClient {
  return new DirectConnectClient({
    region, endpoint: options.endpoint, credentials: client.config.credentials, maxAttempts: 1,
    requestHandler: { connectionTimeout: Math.min(timeoutMs, 10_000), requestTimeout: timeoutMs, throwOnRequestTimeout: true },
  });
}

/** After an ambiguous start: the tests in progress on the interface (history read with retries), or why unknown. */
async function runningTests(client: DirectConnectClient, options: FailoverOptions, region: string, backoff: BackoffOptions): Promise<VirtualInterfaceTestHistory[] | string> {
  try {
    return (await history(client, options, region, backoff)).filter(inProgress);
  } catch (e) {
    return (e as Error).message;
  }
}

async function reportAmbiguous(client: DirectConnectClient, io: CliIo, options: FailoverOptions, region: string, backoff: BackoffOptions, e: unknown): Promise<number> {
  const cause = explainReadError('StartBgpFailoverTest', e).replace(/ after retries/, '');
  const head = `cdk-connect-dx ${COMMAND}: StartBgpFailoverTest on ${options.vifId} did not answer with a test (${cause}); it was sent once, `
    + 'but AWS may have started a test';
  const running = await runningTests(client, options, region, backoff);
  if (typeof running === 'string') {
    io.err(`${head}; the test history could not be read (${running}). Find it with: ${commandFor(options, region, '--history')}; `
      + `stop it with: ${commandFor(options, region, '--stop TEST_ID')}\n`);
  } else if (running.length === 0) {
    io.err(`${head}; the test history shows no test in progress on ${options.vifId} yet. Check again with: ${commandFor(options, region, '--history')}\n`);
  } else {
    io.err(`${head}; the test history shows ${running.length === 1 ? 'a test' : `${running.length} tests`} in progress on ${options.vifId}:\n`
      + running.map((t) => `  ${describeTest(t)}\n  stop it with: ${commandFor(options, region, `--stop ${t.testId ?? 'TEST_ID'}`)}\n`).join(''));
  }
  return EXIT_AMBIGUOUS;
}

async function start(client: DirectConnectClient, io: CliIo, options: FailoverOptions, region: string, deps: FailoverTestDeps): Promise<number> {
  const backoff = deps.backoff ?? {};
  const check = await checkSecondPath(client, options, region, backoff);
  const peerText = check.peers.map((p) => `${p.bgpPeerId ?? '?'} (${p.addressFamily ?? '?'})`).join(', ') || 'every peer';
  const missing = [...check.byFamily].filter(([, paths]) => paths.length === 0).map(([family]) => family);
  if (check.peers.length === 0 || missing.length > 0) {
    const families = missing.length > 0 ? missing.join(' and ') : 'any family';
    const reasons = check.rejected.length > 0 ? ` Looked at: ${check.rejected.join('; ')}.` : ' It is the only virtual interface in this Region and account.';
    const message = `no second path for ${families}: no other available interface on another connection carries the same prefixes with a BGP peer of `
      + `${missing.length > 1 ? 'each family' : 'that family'} up.${reasons} Testing ${options.vifId} puts its BGP session down for ${options.minutes} minutes, `
      + 'which takes the contact centre off Direct Connect';
    if (!options.yes) {
      io.err(`cdk-connect-dx ${COMMAND}: refusing to start: ${message}. Pass --yes to start anyway.\n`);
      return 1;
    }
    io.err(`cdk-connect-dx ${COMMAND}: warning: ${message}; starting because --yes was given.\n`);
  } else {
    for (const [family, paths] of check.byFamily) {
      io.out(`Second path for ${family}: ${paths.map((v) => `${v.virtualInterfaceId} on ${v.connectionId ?? '?'}${v.awsDevice ? ` (device ${v.awsDevice})` : ''}`).join(', ')}\n`);
    }
    const all = [...new Set([...check.byFamily.values()].flat())];
    if (all.length > 0 && all.every((v) => v.awsDevice !== undefined && v.awsDevice === check.tested.awsDevice)) {
      io.err(`cdk-connect-dx ${COMMAND}: warning: every second path terminates on the same AWS device (${check.tested.awsDevice}) as ${options.vifId}; the test passes, but a device failure would take both down\n`);
    }
  }

  // Sent once: a retry after a lost answer would start a second test, or be told one is already in progress.
  const startClient = deps.startClient ?? (deps.client ?? startClientFor(client, region, options, deps.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS));
  const signals = deps.signals ?? process;
  const exit = deps.exit ?? ((code: number) => process.exit(code));
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => () => {
    io.err(`cdk-connect-dx ${COMMAND}: ${signal} while StartBgpFailoverTest was in flight: a failover test may be running on ${options.vifId}. `
      + `Find it with: ${commandFor(options, region, '--history')}; stop it with: ${commandFor(options, region, '--stop TEST_ID')}\n`);
    exit(signal === 'SIGINT' ? 130 : 143);
  };
  const handlers = { SIGINT: onSignal('SIGINT'), SIGTERM: onSignal('SIGTERM') };
  signals.on('SIGINT', handlers.SIGINT);
  signals.on('SIGTERM', handlers.SIGTERM);
  let response;
  try {
    response = await startClient.send(new StartBgpFailoverTestCommand({
      virtualInterfaceId: options.vifId,
      bgpPeers: options.peer === undefined ? undefined : check.peers.map((p) => p.bgpPeerId!).filter(Boolean),
      testDurationInMinutes: options.minutes,
    }));
  } catch (e) {
    if (isAmbiguousStart(e)) return await reportAmbiguous(client, io, options, region, backoff, e);
    throw new Error(runStopper('StartBgpFailoverTest', e, { region, endpoint: options.endpoint }) ?? explainReadError('StartBgpFailoverTest', e), { cause: e });
  } finally {
    signals.off('SIGINT', handlers.SIGINT);
    signals.off('SIGTERM', handlers.SIGTERM);
    if (startClient !== deps.startClient && startClient !== deps.client) startClient.destroy();
  }
  const testId = response.virtualInterfaceTest?.testId;
  io.out(`Started failover test on ${options.vifId} (${peerText}) for ${options.minutes} minutes:\n  ${describeTest(response.virtualInterfaceTest)}\n`
    + `Stop it early with: ${commandFor(options, region, `--stop ${testId ?? 'TEST_ID'}`)}\n`);
  return 0;
}

async function history(client: DirectConnectClient, options: FailoverOptions, region: string, backoff: BackoffOptions, testId?: string): Promise<VirtualInterfaceTestHistory[]> {
  const out: VirtualInterfaceTestHistory[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call('ListVirtualInterfaceTestHistory', options, region, backoff, () => client.send(new ListVirtualInterfaceTestHistoryCommand({
      virtualInterfaceId: options.vifId, testId, nextToken,
    })));
    out.push(...(page.virtualInterfaceTestHistory ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

async function stop(client: DirectConnectClient, io: CliIo, options: FailoverOptions, region: string, backoff: BackoffOptions): Promise<number> {
  const tests = await history(client, options, region, backoff, options.testId);
  const test = tests.find((t) => t.testId === options.testId);
  if (!test) {
    io.err(`cdk-connect-dx ${COMMAND}: test ${options.testId} is not a failover test of ${options.vifId} (see --history)\n`);
    return 1;
  }
  if (!inProgress(test)) {
    io.err(`cdk-connect-dx ${COMMAND}: test ${options.testId} on ${options.vifId} is ${test.status ?? 'in an unknown state'}, not in progress: nothing to stop\n`);
    return 1;
  }
  const response = await call('StopBgpFailoverTest', options, region, backoff, () => client.send(new StopBgpFailoverTestCommand({ virtualInterfaceId: options.vifId })));
  io.out(`Stopped failover test ${options.testId} on ${options.vifId}; AWS restores the BGP session:\n  ${describeTest(response.virtualInterfaceTest)}\n`);
  return 0;
}

/**
 * Runs the command: 0 on success, 1 when refused or an AWS call failed, 2 for bad usage, 3 when the start's outcome
 * is unknown (a test may be running; stderr names it and the stop command), 130/143 after SIGINT/SIGTERM during the
 * start.
 */
export async function runFailoverTest(argv: string[], io: CliIo, deps: FailoverTestDeps = {}): Promise<number> {
  const options = checkOptions(argv);
  if (!options) {
    io.out(helpText(COMMAND, SUMMARY, FLAGS));
    return 0;
  }
  const backoff = deps.backoff ?? {};
  return withDirectConnectClient(COMMAND, io, options, deps.client, async (client, region) => {
    if (options.mode === 'history') {
      const tests = await history(client, options, region, backoff);
      io.out(tests.length === 0 ? `No failover tests on ${options.vifId} in ${region} (AWS keeps 365 days).\n`
        : `Failover tests on ${options.vifId} in ${region}:\n${tests.map((t) => `  ${describeTest(t)}`).join('\n')}\n`);
      return 0;
    }
    return options.mode === 'stop' ? stop(client, io, options, region, backoff) : start(client, io, options, region, deps);
  });
}

/** Registration for the subcommand table. */
export const failoverTestEntry: CommandEntry = {
  summary: SUMMARY,
  run: (argv, io) => runFailoverTest(argv, io),
};

/**
 * `cdk-connect-dx status`: what Direct Connect says about the account's connections, LAGs and virtual
 * interfaces right now, with a plain explanation for every state that needs someone to act, and next to it what
 * AWS's own CloudWatch metrics say (GetMetricData, namespace AWS/DX: BGP status and prefix counts per session,
 * connection state), the series the monitoring alarms watch.
 *
 * Reads with @aws-sdk/client-direct-connect, @aws-sdk/client-cloudwatch and the standard credential chain. Every call
 * is independent: when one fails (access denied, throttled after backoff, server error), the others are still printed
 * and the failed call is named; the exit code is then 1. Missing or refused credentials, an endpoint that cannot be
 * reached, or every Direct Connect call failing is one line naming the cause, the profile and the Region (exit 1),
 * not a report.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DirectConnectClient } from '@aws-sdk/client-direct-connect';
import { endpointFlag, FlagSpec, helpText, parseFlags, regionFlag, UsageError } from '../args';
import { AwsUnavailableError, runStopper, targetText } from '../aws-errors';
import { CommandEntry, CliIo, jsonDocument, printable, writeJson } from '../io';
import { SUMMARIES } from '../summaries';
import { withDirectConnectClient } from '../dx-client';
import { CONNECT_REGION_FLAGS, connectRegionsFromFlags } from '../connect-region-flags';
import { locationText, pairOf, reachWarning } from './status/locations';
import { connectionMetricLine, createCloudWatchClient, interfaceMetricLines, readStatusMetrics, StatusMetrics } from './status/metrics';
import {
  BackoffOptions, ConnectionSummary, explainReadError, InterfaceSummary, isNotFound,
  readConnections, readLags, readVirtualInterfaces,
} from '../../handlers/shared/direct-connect-read';
import {
  BGP_PEER_STATES, BGP_STATUSES, CONNECTION_STATES, explainState, StateFact, VIRTUAL_INTERFACE_STATES,
} from '../../facts/direct-connect-metrics';

const COMMAND = 'status';

const FLAGS: FlagSpec[] = [
  { name: 'connection-id', kind: 'string', value: 'ID', help: 'only this connection or LAG: dxcon-/dxlag- id (8-21 letters or digits) or its ARN' },
  { name: 'vif-id', kind: 'string', value: 'ID', help: 'only this virtual interface: dxvif- id (8-21 letters or digits)' },
  { name: 'region', kind: 'string', value: 'REGION', help: 'AWS Region, e.g. eu-west-1 (default: from AWS_REGION or the profile)' },
  { name: 'endpoint-url', kind: 'string', value: 'URL', help: 'Direct Connect endpoint, http(s)://host[:port] (for emulators or VPC endpoints)' },
  { name: 'cloudwatch-endpoint-url', kind: 'string', value: 'URL', help: 'CloudWatch endpoint, http(s)://host[:port]; with --endpoint-url, metrics are read only when this is given too' },
  { name: 'json', kind: 'boolean', help: 'print machine-readable JSON instead of text' },
  ...CONNECT_REGION_FLAGS.map((f) => (f.name === 'connect-region'
    ? { ...f, help: `${f.help}: warn when an interface's community cannot reach one of them from its location's Region` } : f)),
];

const SUMMARY = SUMMARIES.status;

const CONNECTION_ID = /^dx(con|lag)-[A-Za-z0-9]{8,21}$/;
/** An AWS connection or LAG ARN: `...:dxcon/dxcon-...`, `...:dxlag/dxlag-...`. */
const CONNECTION_ARN = /^arn:aws[a-z-]*:directconnect:[a-z0-9-]+:\d{12}:(dxcon\/dxcon|dxlag\/dxlag)-[A-Za-z0-9]{8,21}$/;
/** Emulators such as moto use dx-con/ and ids of their own; accepted only with --endpoint-url. */
const EMULATOR_CONNECTION_ARN = /^arn:aws[a-z-]*:directconnect:[a-z0-9-]+:\d{12}:(dxcon|dxlag|dx-con|dx-lag)\/[A-Za-z0-9._-]{1,128}$/;
const VIF_ID = /^dxvif-[A-Za-z0-9]{8,21}$/;

/** Parsed and checked options. */
interface StatusOptions {
  readonly connectionId?: string;
  readonly vifId?: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly cloudWatchEndpoint?: string;
  readonly json: boolean;
  readonly connectRegions?: string[];
}

function checkOptions(argv: string[]): StatusOptions | undefined {
  const flags = parseFlags(COMMAND, argv, FLAGS);
  if (flags.help) return undefined;
  const connectionId = flags.strings['connection-id'];
  const emulator = flags.strings['endpoint-url'] !== undefined;
  if (connectionId !== undefined && !CONNECTION_ID.test(connectionId) && !CONNECTION_ARN.test(connectionId)
    && !(emulator && EMULATOR_CONNECTION_ARN.test(connectionId))) {
    throw new UsageError(`--connection-id must be a connection or LAG id (dxcon-/dxlag- followed by 8 to 21 letters or digits) or its ARN (...:dxcon/dxcon-... or ...:dxlag/dxlag-...), got '${connectionId}'`);
  }
  const vifId = flags.strings['vif-id'];
  if (vifId !== undefined && !VIF_ID.test(vifId)) {
    throw new UsageError(`--vif-id must be a virtual interface id (dxvif- followed by 8 to 21 letters or digits), got '${vifId}'`);
  }
  const region = regionFlag(flags.strings.region);
  const endpoint = endpointFlag(flags.strings['endpoint-url']);
  const cwFlag = flags.strings['cloudwatch-endpoint-url'];
  const cloudWatchEndpoint = cwFlag === undefined ? undefined : endpointFlag(cwFlag, 'cloudwatch-endpoint-url');
  const connectRegions = connectRegionsFromFlags(flags.strings)?.regions;
  return {
    connectionId: connectionId === undefined ? undefined : apiIdOf(connectionId), vifId, region, endpoint, cloudWatchEndpoint, json: flags.booleans.json === true, connectRegions,
  };
}

/**
 * The Direct Connect API takes ids, not ARNs: an AWS ARN (`...:dxcon/dxcon-abc12345`) is reduced to its id.
 * Emulator ARNs (moto's `...:dx-con/dx-moto-...`) are the emulator's ids and are passed as they are.
 */
function apiIdOf(value: string): string {
  const m = /:(dxcon|dxlag)\/(dx(?:con|lag)-[A-Za-z0-9]{8,21})$/.exec(value);
  return m ? m[2] : value;
}

function isLag(id: string): boolean {
  return id.startsWith('dxlag-') || /:(dxlag|dx-lag)\//.test(id);
}

/** One failed call. */
interface ReadFailure { readonly call: string; readonly message: string }

/** What the command gathered. */
export interface StatusReport {
  readonly region: string;
  readonly connections: ConnectionSummary[];
  readonly lags: ConnectionSummary[];
  readonly virtualInterfaces: InterfaceSummary[];
  /** AWS/DX metrics of what was found; undefined when not read (see `metricsNote`). */
  readonly metrics?: StatusMetrics;
  /** Why the metrics were not read, when they were not. */
  readonly metricsNote?: string;
  readonly errors: ReadFailure[];
  /** How many calls answered (0 with errors: nothing could be read). */
  readonly answered?: number;
}

/** Test seams. */
export interface StatusDeps {
  readonly client?: DirectConnectClient;
  /** The CloudWatch client; a test that passes `client` without this one gets no metrics read (nothing leaves the test). */
  readonly cloudWatch?: CloudWatchClient;
  readonly backoff?: BackoffOptions;
  /** The clock (the metrics window ends here). */
  readonly now?: () => Date;
}

/**
 * Runs one read; a failure is recorded in `errors`. With `target` (the Direct Connect reads) a failure that would
 * fail every call (credentials, endpoint) stops the run, and answers are counted.
 */
async function attempt<T>(call: string, errors: ReadFailure[], read: () => Promise<T>, target?: { region: string; endpoint?: string; answered: number }): Promise<T | undefined> {
  try {
    const result = await read();
    if (target !== undefined) target.answered++;
    return result;
  } catch (e) {
    // credentials refused or the endpoint out of reach: every other call would fail the same way
    const stopper = target === undefined ? undefined : runStopper(call, e, target);
    if (stopper !== undefined) throw new AwsUnavailableError(stopper);
    if (target !== undefined && isNotFound(e)) target.answered++; // an answer: there is no such resource
    errors.push({ call, message: explainReadError(call, e, call === 'GetMetricData' ? 'cloudwatch' : 'directconnect') });
    return undefined;
  }
}

/** Reads everything the options ask for; never throws for an API error. */
export async function gatherStatus(client: DirectConnectClient, options: StatusOptions, backoff: BackoffOptions = {}): Promise<StatusReport> {
  const errors: ReadFailure[] = [];
  const region = options.region ?? await client.config.region().catch(() => '(unknown region)');
  const target = { region, endpoint: options.endpoint, answered: 0 };
  let connections: ConnectionSummary[] = [];
  let lags: ConnectionSummary[] = [];
  let vifs: InterfaceSummary[];

  const readContainer = async (id: string | undefined) => {
    if (id === undefined || !isLag(id)) {
      connections = (await attempt('DescribeConnections', errors, () => readConnections(client, id, backoff), target)) ?? [];
    }
    if (id === undefined || isLag(id)) {
      lags = (await attempt('DescribeLags', errors, () => readLags(client, id, backoff), target)) ?? [];
    }
  };

  if (options.vifId !== undefined) {
    vifs = (await attempt('DescribeVirtualInterfaces', errors, () => readVirtualInterfaces(client, { virtualInterfaceId: options.vifId }, backoff), target)) ?? [];
    const parent = options.connectionId ?? vifs[0]?.connectionId;
    if (parent !== undefined) await readContainer(parent);
  } else {
    await readContainer(options.connectionId);
    vifs = (await attempt('DescribeVirtualInterfaces', errors, () =>
      readVirtualInterfaces(client, { connectionId: options.connectionId }, backoff), target)) ?? [];
    // A LAG member carries no virtual interfaces of its own: they are on the LAG. The monitoring alarms name the
    // member connection (its AWS/DX metrics are per port), so show its LAG and the LAG's interfaces too.
    const lagId = options.connectionId !== undefined ? connections.find((c) => c.id === options.connectionId)?.lagId : undefined;
    if (lagId !== undefined) {
      lags = (await attempt('DescribeLags', errors, () => readLags(client, lagId, backoff), target)) ?? [];
      vifs.push(...(await attempt('DescribeVirtualInterfaces', errors, () =>
        readVirtualInterfaces(client, { connectionId: lagId }, backoff), target)) ?? []);
    }
  }
  return { region, connections, lags, virtualInterfaces: vifs, errors, answered: target.answered };
}

/** Adds the AWS/DX metrics of what `report` found; a failed GetMetricData is one more named failure. */
export async function addMetrics(
  report: StatusReport, cloudWatch: CloudWatchClient, now: Date, backoff: BackoffOptions = {},
): Promise<StatusReport> {
  if (report.virtualInterfaces.length === 0 && report.connections.length === 0) return report;
  const errors = [...report.errors];
  const metrics = await attempt('GetMetricData', errors, () => readStatusMetrics(cloudWatch, report.virtualInterfaces, report.connections, now, backoff));
  return { ...report, metrics, errors };
}

function explained(table: readonly StateFact[], state: string): { state: string; meaning: string; action?: string } {
  const f = explainState(table, state);
  return { state, meaning: f.meaning, ...(f.action ? { action: f.action } : {}) };
}

function macsecLine(c: ConnectionSummary): string {
  const parts: string[] = [];
  if (c.macSecCapable === false) parts.push('not MACsec-capable');
  if (c.macSecCapable === true) parts.push('MACsec-capable');
  if (c.encryptionMode) parts.push(`encryption mode ${c.encryptionMode}`);
  if (c.portEncryptionStatus) parts.push(`port ${c.portEncryptionStatus}`);
  if (c.macSecKeyStates.length > 0) parts.push(`keys ${c.macSecKeyStates.join(', ')}`);
  return parts.length > 0 ? parts.join(', ') : 'not reported';
}

function renderConnection(c: ConnectionSummary, lines: string[], options: StatusOptions, metrics: StatusMetrics | undefined): void {
  const label = c.kind === 'lag' ? 'LAG' : 'connection';
  lines.push(`  ${c.id}${c.name ? `  "${c.name}"` : ''}  ${label}  ${c.state}`);
  lines.push(`    bandwidth ${c.bandwidth ?? 'unknown'}, location ${locationText(c.location)}${c.lagId ? `, member of ${c.lagId}` : ''}`);
  const pair = pairOf(c.location, options.connectRegions);
  if (pair) lines.push(`    Region pair: ${pair.describe()}`);
  lines.push(`    MACsec: ${macsecLine(c)}`);
  if (c.memberIds.length > 0) lines.push(`    members: ${c.memberIds.join(', ')}`);
  const f = explainState(CONNECTION_STATES, c.state);
  if (f.action) lines.push(`    ! ${f.meaning} ${f.action}`);
  const metric = metrics === undefined ? undefined : connectionMetricLine(c, metrics);
  if (metric !== undefined) lines.push(metric);
}

function renderInterface(
  v: InterfaceSummary, lines: string[], warnings: string[], options: StatusOptions, containers: ConnectionSummary[], metrics: StatusMetrics | undefined,
): void {
  lines.push(`  ${v.virtualInterfaceId}${v.name ? `  "${v.name}"` : ''}  ${v.type ?? 'unknown type'}  ${v.state}  VLAN ${v.vlan ?? '?'}${v.connectionId ? `  on ${v.connectionId}` : ''}`);
  const reach = reachWarning(v, options, containers);
  if (reach) {
    lines.push(`    ! ${reach}`);
    warnings.push(`${v.virtualInterfaceId}: ${reach}`);
  } else if (v.community) {
    lines.push(`    community ${v.community} (bgp-community-scope tag)`);
  }
  const f = explainState(VIRTUAL_INTERFACE_STATES, v.state);
  if (f.action) lines.push(`    ! ${f.meaning} ${f.action}`);
  if (v.bgpPeers.length === 0) lines.push('    no BGP peers');
  for (const p of v.bgpPeers) {
    lines.push(`    BGP ${p.addressFamily ?? '?'} peer${p.bgpPeerId ? ` ${p.bgpPeerId}` : ''}: ${p.bgpStatus} (peer ${p.bgpPeerState})`
      + `${p.asn !== undefined ? `, your ASN ${p.asn}` : ''}${p.customerAddress ? `, you ${p.customerAddress}` : ''}${p.amazonAddress ? `, AWS ${p.amazonAddress}` : ''}`);
    const s = explainState(BGP_STATUSES, p.bgpStatus);
    if (s.action && v.state === 'available') lines.push(`      ! ${s.meaning} ${s.action}`);
  }
  if (metrics !== undefined) lines.push(...interfaceMetricLines(v, metrics));
}

/** Renders the human-readable report. */
export function renderText(r: StatusReport, options: StatusOptions, warnings: string[] = []): string {
  const lines: string[] = [`Direct Connect status, region ${r.region}`, ''];
  const failed = new Set(r.errors.map((e) => e.call));
  const containers = [...r.connections, ...r.lags];
  lines.push('Connections and LAGs');
  if (containers.length > 0) {
    for (const c of containers) renderConnection(c, lines, options, r.metrics);
  } else if (!failed.has('DescribeConnections') && !failed.has('DescribeLags')) {
    lines.push(options.connectionId ? `  ${options.connectionId} was not found in ${r.region}.` : `  None: this account has no Direct Connect connections or LAGs in ${r.region}.`);
  } else {
    lines.push('  (could not be read, see below)');
  }
  lines.push('', 'Virtual interfaces');
  if (r.virtualInterfaces.length > 0) {
    for (const v of r.virtualInterfaces) renderInterface(v, lines, warnings, options, containers, r.metrics);
  } else if (!failed.has('DescribeVirtualInterfaces')) {
    lines.push(options.vifId ? `  ${options.vifId} was not found in ${r.region}.` : `  None: no virtual interfaces${options.connectionId ? ` on ${options.connectionId}` : ' in this account'} in ${r.region}.`);
  } else {
    lines.push('  (could not be read, see below)');
  }
  if (r.metricsNote !== undefined) lines.push('', `CloudWatch metrics not read: ${r.metricsNote}`);
  if (r.errors.length > 0) {
    lines.push('', 'Could not read');
    for (const e of r.errors) lines.push(`  ${e.message}`);
  }
  // Names, states and messages come from AWS: each line is escaped, so none of them can add a line or a sequence.
  return lines.map(printable).join('\n') + '\n';
}

/** Renders the JSON report, each state with its explanation. */
export function renderJson(r: StatusReport): string {
  return jsonDocument(statusDocument(r));
}

/** The JSON report's value; the CLI writes it with its one JSON writer. */
export function statusDocument(r: StatusReport): Record<string, unknown> {
  return {
    region: r.region,
    connections: [...r.connections, ...r.lags].map((c) => ({
      ...c, state: explained(CONNECTION_STATES, c.state), ...(r.metrics?.connections[c.id] ? { metrics: r.metrics.connections[c.id] } : {}),
    })),
    virtualInterfaces: r.virtualInterfaces.map((v) => ({
      ...v,
      state: explained(VIRTUAL_INTERFACE_STATES, v.state),
      ...(r.metrics?.interfaces[v.virtualInterfaceId] ? { metrics: r.metrics.interfaces[v.virtualInterfaceId] } : {}),
      bgpPeers: v.bgpPeers.map((p) => ({ ...p, bgpStatus: explained(BGP_STATUSES, p.bgpStatus), bgpPeerState: explained(BGP_PEER_STATES, p.bgpPeerState) })),
    })),
    metricsWindow: r.metrics?.window ?? null,
    metricsNote: r.metricsNote ?? null,
    errors: r.errors,
  };
}

/** Runs the command: 0 when every call succeeded, 1 when one failed (what was read is still printed), 2 for bad usage. */
export async function runStatus(argv: string[], io: CliIo, deps: StatusDeps = {}): Promise<number> {
  const options = checkOptions(argv);
  if (!options) {
    io.out(helpText(COMMAND, SUMMARY, FLAGS));
    return 0;
  }
  return withDirectConnectClient(COMMAND, io, options, deps.client, async (client, region) => {
    const described = await gatherStatus(client, { ...options, region }, deps.backoff);
    const calls = [...new Set(described.errors.map((e) => e.call))];
    if (described.answered === 0 && described.errors.length > 0) {
      // nothing could be read: one line for the first failure, not a report of empty sections
      const more = described.errors.length > 1 ? `; ${calls.slice(1).join(' and ')} failed too` : '';
      throw new Error(`${described.errors[0].message} (${targetText({ region, endpoint: options.endpoint })})${more}`);
    }
    const report = await withMetrics(described, options, region, deps);
    const warnings: string[] = [];
    const text = renderText(report, options, warnings);
    if (options.json) writeJson(io, statusDocument(report));
    else io.out(text);
    for (const w of warnings) io.err(`cdk-connect-dx ${COMMAND}: warning: ${printable(w)}\n`);
    for (const e of report.errors) io.err(`cdk-connect-dx ${COMMAND}: ${printable(e.message)}\n`);
    return report.errors.length > 0 ? 1 : 0;
  });
}

/**
 * The report with its metrics: read with the test's client, or a new one for the Region; not read when Direct
 * Connect goes to a stand-in (`--endpoint-url`) without `--cloudwatch-endpoint-url`, nor when a test passed a Direct
 * Connect client alone (nothing may leave a test).
 */
async function withMetrics(report: StatusReport, options: StatusOptions, region: string, deps: StatusDeps): Promise<StatusReport> {
  if (deps.cloudWatch === undefined && deps.client !== undefined) return report;
  if (deps.cloudWatch === undefined && options.endpoint !== undefined && options.cloudWatchEndpoint === undefined) {
    return { ...report, metricsNote: '--endpoint-url points Direct Connect at another endpoint; give --cloudwatch-endpoint-url to read AWS/DX metrics there too' };
  }
  const cloudWatch = deps.cloudWatch ?? createCloudWatchClient(region, options.cloudWatchEndpoint);
  try {
    return await addMetrics(report, cloudWatch, deps.now?.() ?? new Date(), deps.backoff);
  } finally {
    if (deps.cloudWatch === undefined) cloudWatch.destroy();
  }
}

/** Registration for the subcommand table. */
export const statusEntry: CommandEntry = {
  summary: SUMMARY,
  run: (argv, io) => runStatus(argv, io),
};

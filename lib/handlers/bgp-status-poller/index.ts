/**
 * BGP status poller. Runs on a schedule, reads the virtual interfaces of one Direct Connect connection (or LAG)
 * with DescribeVirtualInterfaces and publishes custom CloudWatch metrics: per-connection aggregates (peers down,
 * interfaces waiting/down) that the alarms watch, and per-interface / per-peer series for the dashboard.
 *
 * Faults: throttling is retried with backoff; a deleted or vanished interface is no longer reported (no
 * error, so no crash loop); any other read error fails the invocation (visible in the function's Errors metric).
 *
 * Environment: CONNECTION_ID (dxcon-/dxlag- id; the ConnectionId dimension of the metrics), VIRTUAL_INTERFACE_IDS
 * (optional, comma-separated: read one by one by id, wherever they are attached; default every interface on
 * CONNECTION_ID), ADDITIONAL_PATHS (optional, a JSON list of `{"connectionId": "...", "virtualInterfaceIds":
 * "a,b"}`: further paths of a redundant set, polled the same way with their own ConnectionId dimension),
 * METRICS_NAMESPACE.
 *
 * One path failing to read does not stop the others from being published (the redundancy alarm counts a path it
 * has no data for as down); the invocation still fails at the end, naming every failed path.
 */
import { CloudWatchClient, MetricDatum, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DirectConnectClient } from '@aws-sdk/client-direct-connect';
import { BackoffOptions, createDirectConnectClient, explainReadError, InterfaceSummary, isNotFound, readVirtualInterfaces, SDK_MAX_ATTEMPTS, withBackoff } from '../shared/direct-connect-read';
import { explainState, POLLER_METRICS, POLLER_NAMESPACE, VIRTUAL_INTERFACE_STATES } from '../../monitoring/metrics';

/** What one poll saw; returned (and logged) for tests and for the Lambda's own log. */
export interface PollReport {
  readonly connectionId: string;
  readonly reported: string[];
  /** Interfaces skipped because they are deleted, being deleted, or no longer exist. */
  readonly gone: string[];
  readonly peersUp: number;
  readonly peersDown: number;
  readonly waiting: number;
  readonly down: number;
  /** Interfaces with BGP up (see `POLLER_METRICS.interfacesBgpUp`). */
  readonly interfacesBgpUp: number;
  readonly metricCount: number;
  readonly note?: string;
}

/** Inputs of one poll. */
export interface PollInput {
  readonly dx: DirectConnectClient;
  readonly cloudWatch: CloudWatchClient;
  readonly connectionId: string;
  readonly virtualInterfaceIds?: string[];
  readonly namespace?: string;
  readonly backoff?: BackoffOptions;
  readonly now?: Date;
}

const GONE_STATES = new Set(['deleted', 'deleting']);
const PUT_BATCH = 500;

function peerKey(p: InterfaceSummary['bgpPeers'][number], i: number): string {
  return p.bgpPeerId ?? `${p.addressFamily ?? 'peer'}-${p.customerAddress ?? i}`;
}

/** Builds the metric data for the interfaces seen. Pure, so tests can check it directly. */
export function buildMetrics(connectionId: string, interfaces: InterfaceSummary[], timestamp: Date): {
  data: MetricDatum[]; peersUp: number; peersDown: number; waiting: number; down: number; interfacesBgpUp: number;
} {
  const data: MetricDatum[] = [];
  let peersUp = 0; let peersDown = 0; let waiting = 0; let down = 0; let interfacesBgpUp = 0;
  const conn = { Name: 'ConnectionId', Value: connectionId };
  for (const v of interfaces) {
    const fact = explainState(VIRTUAL_INTERFACE_STATES, v.state);
    const vifDims = [conn, { Name: 'VirtualInterfaceId', Value: v.virtualInterfaceId }];
    if (fact.waiting) waiting++;
    if (v.state === 'down') down++;
    if (bgpUp(v)) interfacesBgpUp++;
    data.push({ MetricName: POLLER_METRICS.virtualInterfaceStateCode, Dimensions: vifDims, Value: fact.code, Unit: 'None', Timestamp: timestamp });
    data.push({ MetricName: POLLER_METRICS.virtualInterfaceWaiting, Dimensions: vifDims, Value: fact.waiting ? 1 : 0, Unit: 'Count', Timestamp: timestamp });
    v.bgpPeers.forEach((p, i) => {
      if (GONE_STATES.has(p.bgpPeerState)) return;
      const up = p.bgpStatus === 'up';
      if (up) peersUp++;
      // Down counts only for a peer AWS has ready (available): while a new public interface is verified (up to
      // 72 hours) its peers report down by design; InterfaceStuckAlarm covers that wait, not the BGP alarm.
      if (p.bgpStatus === 'down' && p.bgpPeerState === 'available') peersDown++;
      data.push({
        MetricName: POLLER_METRICS.bgpPeerUp,
        Dimensions: [...vifDims, { Name: 'BgpPeerId', Value: peerKey(p, i) }],
        Value: up ? 1 : 0, Unit: 'Count', Timestamp: timestamp,
      });
    });
  }
  const agg = (name: string, value: number): MetricDatum => ({ MetricName: name, Dimensions: [conn], Value: value, Unit: 'Count', Timestamp: timestamp });
  data.push(
    agg(POLLER_METRICS.bgpPeersDown, peersDown),
    agg(POLLER_METRICS.bgpPeersUp, peersUp),
    agg(POLLER_METRICS.interfacesWaiting, waiting),
    agg(POLLER_METRICS.interfacesDown, down),
    agg(POLLER_METRICS.interfacesMonitored, interfaces.length),
    agg(POLLER_METRICS.interfacesBgpUp, interfacesBgpUp),
  );
  return { data, peersUp, peersDown, waiting, down, interfacesBgpUp };
}

/** An interface carries traffic: available, and every peer AWS has ready (at least one) has BGP up. */
function bgpUp(v: InterfaceSummary): boolean {
  const ready = v.bgpPeers.filter((p) => p.bgpPeerState === 'available');
  return v.state === 'available' && ready.length > 0 && ready.every((p) => p.bgpStatus === 'up');
}

/** One poll: read, filter out what is gone, publish. */
export async function pollOnce(input: PollInput): Promise<PollReport> {
  const namespace = input.namespace ?? POLLER_NAMESPACE;
  const wanted = input.virtualInterfaceIds && input.virtualInterfaceIds.length > 0 ? [...new Set(input.virtualInterfaceIds)] : undefined;
  let seen: InterfaceSummary[];
  let note: string | undefined;
  const gone: string[] = [];
  if (wanted) {
    // Listed interfaces are read by id, not by connection: an interface on a LAG is associated with the LAG, so
    // asking for the interfaces of a member connection (whose AWS/DX metrics the alarms watch) returns none.
    seen = [];
    for (const id of wanted) {
      let found: InterfaceSummary[];
      try {
        found = await readVirtualInterfaces(input.dx, { virtualInterfaceId: id }, input.backoff);
      } catch (e) {
        if (!isNotFound(e)) throw new Error(explainReadError('DescribeVirtualInterfaces', e));
        found = [];
      }
      const match = found.filter((v) => v.virtualInterfaceId === id);
      if (match.length === 0) gone.push(id);
      seen.push(...match);
    }
  } else {
    try {
      seen = await readVirtualInterfaces(input.dx, { connectionId: input.connectionId }, input.backoff);
    } catch (e) {
      if (!isNotFound(e)) throw new Error(explainReadError('DescribeVirtualInterfaces', e));
      // The connection itself is gone: nothing to report, and failing would only repeat every schedule.
      seen = [];
      note = `connection ${input.connectionId} no longer exists: ${(e as Error).message}`;
    }
  }
  const live: InterfaceSummary[] = [];
  for (const v of seen) {
    if (GONE_STATES.has(v.state)) { gone.push(v.virtualInterfaceId); continue; }
    live.push(v);
  }
  const built = buildMetrics(input.connectionId, live, input.now ?? new Date());
  for (let i = 0; i < built.data.length; i += PUT_BATCH) {
    const batch = built.data.slice(i, i + PUT_BATCH);
    await withBackoff(() => input.cloudWatch.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: batch })), input.backoff);
  }
  return {
    connectionId: input.connectionId,
    reported: live.map((v) => v.virtualInterfaceId),
    gone,
    peersUp: built.peersUp,
    peersDown: built.peersDown,
    waiting: built.waiting,
    down: built.down,
    interfacesBgpUp: built.interfacesBgpUp,
    metricCount: built.data.length,
    note,
  };
}

/** One path of a redundant set: the connection whose dimension its metrics carry, and its listed interfaces. */
export interface PollPath {
  readonly connectionId: string;
  readonly virtualInterfaceIds?: string[];
}

/**
 * Polls every path. A path whose read fails does not keep the others from being published; after all of them,
 * the failures are thrown together (the invocation fails, so the poller's Errors metric and alarm see it).
 */
export async function pollPaths(input: Omit<PollInput, 'connectionId' | 'virtualInterfaceIds'>, paths: PollPath[]): Promise<PollReport[]> {
  const reports: PollReport[] = [];
  const failures: string[] = [];
  for (const p of paths) {
    try {
      reports.push(await pollOnce({ ...input, connectionId: p.connectionId, virtualInterfaceIds: p.virtualInterfaceIds }));
    } catch (e) {
      failures.push(`${p.connectionId}: ${(e as Error).message}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`${failures.length} of ${paths.length} path(s) could not be polled (${reports.length} published): ${failures.join('; ')}`);
  }
  return reports;
}

function idList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** The paths from the environment: CONNECTION_ID/VIRTUAL_INTERFACE_IDS, then ADDITIONAL_PATHS. */
export function pathsFromEnvironment(env: NodeJS.ProcessEnv): PollPath[] {
  const connectionId = env.CONNECTION_ID;
  if (!connectionId) throw new Error('CONNECTION_ID is not set');
  const paths: PollPath[] = [{ connectionId, virtualInterfaceIds: idList(env.VIRTUAL_INTERFACE_IDS) }];
  if (env.ADDITIONAL_PATHS) {
    let more: unknown;
    try {
      more = JSON.parse(env.ADDITIONAL_PATHS);
    } catch (e) {
      throw new Error(`ADDITIONAL_PATHS is not JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(more)) throw new Error('ADDITIONAL_PATHS must be a JSON list of {connectionId, virtualInterfaceIds}');
    more.forEach((m: { connectionId?: unknown; virtualInterfaceIds?: unknown }, i) => {
      if (typeof m?.connectionId !== 'string' || m.connectionId === '') throw new Error(`ADDITIONAL_PATHS[${i}].connectionId must be a connection id`);
      paths.push({ connectionId: m.connectionId, virtualInterfaceIds: idList(typeof m.virtualInterfaceIds === 'string' ? m.virtualInterfaceIds : '') });
    });
  }
  return paths;
}

let clients: { dx: DirectConnectClient; cloudWatch: CloudWatchClient } | undefined;

/** Lambda entry point (EventBridge schedule). Returns the report of the first path (and logs every path's). */
export async function handler(): Promise<PollReport> {
  const paths = pathsFromEnvironment(process.env);
  clients ??= {
    dx: createDirectConnectClient(),
    cloudWatch: new CloudWatchClient({ maxAttempts: SDK_MAX_ATTEMPTS, retryMode: 'adaptive' }),
  };
  const reports = await pollPaths({ ...clients, namespace: process.env.METRICS_NAMESPACE }, paths);
  for (const report of reports) {
    if (report.gone.length > 0) {
      console.warn(JSON.stringify({ message: 'virtual interfaces no longer reported (deleted or not found)', connectionId: report.connectionId, gone: report.gone }));
    }
    console.log(JSON.stringify(report));
  }
  return reports[0];
}

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
 * CONNECTION_ID), METRICS_NAMESPACE.
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
  data: MetricDatum[]; peersUp: number; peersDown: number; waiting: number; down: number;
} {
  const data: MetricDatum[] = [];
  let peersUp = 0; let peersDown = 0; let waiting = 0; let down = 0;
  const conn = { Name: 'ConnectionId', Value: connectionId };
  for (const v of interfaces) {
    const fact = explainState(VIRTUAL_INTERFACE_STATES, v.state);
    const vifDims = [conn, { Name: 'VirtualInterfaceId', Value: v.virtualInterfaceId }];
    if (fact.waiting) waiting++;
    if (v.state === 'down') down++;
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
  );
  return { data, peersUp, peersDown, waiting, down };
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
    metricCount: built.data.length,
    note,
  };
}

let clients: { dx: DirectConnectClient; cloudWatch: CloudWatchClient } | undefined;

/** Lambda entry point (EventBridge schedule). */
export async function handler(): Promise<PollReport> {
  const connectionId = process.env.CONNECTION_ID;
  if (!connectionId) throw new Error('CONNECTION_ID is not set');
  clients ??= {
    dx: createDirectConnectClient(),
    cloudWatch: new CloudWatchClient({ maxAttempts: SDK_MAX_ATTEMPTS, retryMode: 'adaptive' }),
  };
  const ids = (process.env.VIRTUAL_INTERFACE_IDS ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const report = await pollOnce({
    ...clients,
    connectionId,
    virtualInterfaceIds: ids,
    namespace: process.env.METRICS_NAMESPACE,
  });
  if (report.gone.length > 0) {
    console.warn(JSON.stringify({ message: 'virtual interfaces no longer reported (deleted or not found)', gone: report.gone }));
  }
  console.log(JSON.stringify(report));
  return report;
}

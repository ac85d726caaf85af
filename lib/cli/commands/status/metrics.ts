/**
 * The CloudWatch side of `status`: AWS's own Direct Connect metrics (namespace AWS/DX) for what Describe returned,
 * read with one GetMetricData call per 500 series: each interface's BGP session per address family
 * (`VirtualInterfaceBgpStatus`, `...PrefixesAccepted`, `...PrefixesAdvertised`) and each connection's
 * `ConnectionState`. The same metrics, dimensions and statistics the monitoring alarms use (facts table
 * `facts/direct-connect-metrics.ts`).
 */
import { CloudWatchClient, GetMetricDataCommand, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { BackoffOptions, ConnectionSummary, InterfaceSummary, SDK_MAX_ATTEMPTS, withBackoff } from '../../../handlers/shared/direct-connect-read';
import { AWS_DX_NAMESPACE, DX_ADDRESS_FAMILIES, DX_METRIC_PERIOD_SECONDS, DX_METRICS, DxMetricFact } from '../../../facts/direct-connect-metrics';

/** How far back `status` looks for the latest datapoint. */
export const METRICS_WINDOW_MINUTES = 30;
/** Most queries GetMetricData takes in one call. */
const MAX_QUERIES = 500;

/** The latest 5-minute values of one BGP session; null: no datapoint in the window. */
export interface SessionMetrics {
  readonly bgpStatus: number | null;
  readonly prefixesAccepted: number | null;
  readonly prefixesAdvertised: number | null;
}

/** What CloudWatch said, by interface id and family, and by connection id. */
export interface StatusMetrics {
  readonly interfaces: Record<string, Record<string, SessionMetrics>>;
  readonly connections: Record<string, { readonly connectionState: number | null }>;
  /** The window read, e.g. `last 30 minutes, 300 s periods`. */
  readonly window: string;
}

/** A CloudWatch client like the Direct Connect one: same Region, adaptive retries; `endpoint` for a stand-in. */
export function createCloudWatchClient(region: string, endpoint?: string): CloudWatchClient {
  return new CloudWatchClient({ region, endpoint, maxAttempts: SDK_MAX_ATTEMPTS, retryMode: 'adaptive' });
}

/** The address families an interface has BGP peers for (IPv4 when it reports none). */
function familiesOf(v: InterfaceSummary): string[] {
  const known = Object.values(DX_ADDRESS_FAMILIES) as string[];
  const found = [...new Set(v.bgpPeers.map((p) => p.addressFamily ?? '').filter((f) => known.includes(f)))];
  return found.length > 0 ? found.sort() : [DX_ADDRESS_FAMILIES.ipv4];
}

interface Wanted { readonly id: string; readonly query: MetricDataQuery; readonly put: (value: number | null) => void }

/** Reads the latest value of every series; throws the SDK's error when a call fails (the caller names it). */
export async function readStatusMetrics(
  client: CloudWatchClient, vifs: InterfaceSummary[], connections: ConnectionSummary[], now: Date = new Date(), backoff: BackoffOptions = {},
): Promise<StatusMetrics> {
  const interfaces: Record<string, Record<string, { bgpStatus: number | null; prefixesAccepted: number | null; prefixesAdvertised: number | null }>> = {};
  const conns: Record<string, { connectionState: number | null }> = {};
  const wanted: Wanted[] = [];
  const add = (fact: DxMetricFact, dimensions: Record<string, string>, put: (value: number | null) => void) => {
    const id = `m${wanted.length}`;
    wanted.push({
      id, put,
      query: {
        Id: id,
        MetricStat: {
          Metric: { Namespace: AWS_DX_NAMESPACE, MetricName: fact.name, Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })) },
          Period: DX_METRIC_PERIOD_SECONDS,
          Stat: fact.statistic,
        },
        ReturnData: true,
      },
    });
  };
  for (const v of vifs) {
    if (v.connectionId === undefined) continue;
    const byFamily: typeof interfaces[string] = {};
    interfaces[v.virtualInterfaceId] = byFamily;
    for (const family of familiesOf(v)) {
      const session = { bgpStatus: null as number | null, prefixesAccepted: null as number | null, prefixesAdvertised: null as number | null };
      byFamily[family] = session;
      const dims = { ConnectionId: v.connectionId, IpAddressFamily: family, VirtualInterfaceId: v.virtualInterfaceId };
      add(DX_METRICS.virtualInterfaceBgpStatus, dims, (x) => { session.bgpStatus = x; });
      add(DX_METRICS.virtualInterfaceBgpPrefixesAccepted, dims, (x) => { session.prefixesAccepted = x; });
      add(DX_METRICS.virtualInterfaceBgpPrefixesAdvertised, dims, (x) => { session.prefixesAdvertised = x; });
    }
  }
  // AWS publishes the port metrics per physical connection; a LAG id has no ConnectionState series of its own
  for (const c of connections.filter((x) => x.kind === 'connection')) {
    const entry = { connectionState: null as number | null };
    conns[c.id] = entry;
    add(DX_METRICS.connectionState, { ConnectionId: c.id }, (x) => { entry.connectionState = x; });
  }
  const start = new Date(now.getTime() - METRICS_WINDOW_MINUTES * 60_000);
  for (let i = 0; i < wanted.length; i += MAX_QUERIES) {
    const batch = wanted.slice(i, i + MAX_QUERIES);
    const byId = new Map(batch.map((w) => [w.id, w]));
    let nextToken: string | undefined;
    do {
      const page = await withBackoff(() => client.send(new GetMetricDataCommand({
        MetricDataQueries: batch.map((w) => w.query), StartTime: start, EndTime: now, ScanBy: 'TimestampDescending', NextToken: nextToken,
      })), backoff);
      for (const r of page.MetricDataResults ?? []) {
        const w = r.Id === undefined ? undefined : byId.get(r.Id);
        const latest = r.Values?.[0];
        // newest first: the first page that has a value for a series holds its latest one
        if (w !== undefined && latest !== undefined) { w.put(latest); byId.delete(r.Id!); }
      }
      nextToken = page.NextToken;
    } while (nextToken && byId.size > 0);
  }
  return { interfaces, connections: conns, window: `last ${METRICS_WINDOW_MINUTES} minutes, ${DX_METRIC_PERIOD_SECONDS} s periods` };
}

function count(n: number | null, what: string): string {
  return n === null ? `${what} n/a` : `${n} ${what}`;
}

/**
 * The text lines of one interface's metrics, with a `!` line when AWS accepts fewer prefixes than the route filter
 * lists or the session is down or unreported.
 */
export function interfaceMetricLines(v: InterfaceSummary, metrics: StatusMetrics): string[] {
  const byFamily = metrics.interfaces[v.virtualInterfaceId];
  if (byFamily === undefined) return [];
  const lines: string[] = [];
  for (const [family, m] of Object.entries(byFamily)) {
    if (m.bgpStatus === null && m.prefixesAccepted === null && m.prefixesAdvertised === null) {
      lines.push(`    CloudWatch ${family}: no data (${metrics.window}): AWS reports no BGP session for this family`);
      continue;
    }
    const filter = (v.routeFilterPrefixes ?? []).filter((p) => p.includes(':') === (family === DX_ADDRESS_FAMILIES.ipv6)).length;
    lines.push(`    CloudWatch ${family}: BGP ${m.bgpStatus === null ? 'n/a' : m.bgpStatus >= 1 ? 'up' : 'down'}, `
      + `${count(m.prefixesAccepted, 'prefix(es) accepted by AWS')}${filter > 0 ? ` (route filter: ${filter})` : ''}, ${count(m.prefixesAdvertised, 'advertised by AWS')}`);
    if (filter > 0 && m.prefixesAccepted !== null && m.prefixesAccepted < filter) {
      lines.push(`      ! AWS accepts ${m.prefixesAccepted} of the ${filter} ${family} route filter prefixes: return traffic to the others leaves AWS over the internet. Check what your router advertises.`);
    }
  }
  return lines;
}

/** The text line of a connection's state metric. */
export function connectionMetricLine(c: ConnectionSummary, metrics: StatusMetrics): string | undefined {
  const m = metrics.connections[c.id];
  if (m === undefined) return undefined;
  return `    CloudWatch ConnectionState: ${m.connectionState === null ? `no data (${metrics.window})` : m.connectionState >= 1 ? 'up (1)' : 'down (0)'}`;
}

/**
 * Direct Connect read code of the CLI commands (`status`, `failover-test`, `locations`):
 * a client with retries, paginated readers that return plain summaries, throttling backoff and
 * error classification that names the IAM action that was denied.
 *
 * Bundled by esbuild into the CLI asset; not part of the jsii API. No Lambda reads interfaces: DescribeVirtualInterfaces
 * returns every interface's BGP MD5 key, so only an operator's own credentials call it.
 */
import {
  Connection,
  DescribeConnectionsCommand,
  DescribeLagsCommand,
  DescribeVirtualInterfacesCommand,
  DirectConnectClient,
  Lag,
  VirtualInterface,
} from '@aws-sdk/client-direct-connect';

/** SDK attempts per call (adaptive mode adds client-side rate limiting). */
export const SDK_MAX_ATTEMPTS = 3;

/** Options for {@link createDirectConnectClient}. */
export interface ClientOptions {
  readonly region?: string;
  /** An emulator or VPC endpoint URL; when set, emulator timestamp quirks are tolerated. */
  readonly endpoint?: string;
}

/** A client with adaptive retries; credentials come from the standard provider chain. */
export function createDirectConnectClient(options: ClientOptions = {}): DirectConnectClient {
  const client = new DirectConnectClient({
    region: options.region,
    endpoint: options.endpoint,
    maxAttempts: SDK_MAX_ATTEMPTS,
    retryMode: 'adaptive',
  });
  if (options.endpoint) addEmulatorTimestampShim(client);
  return client;
}

/**
 * Some emulators (moto 5.2) return `loaIssueTime` and similar fields as `"YYYY-MM-DD hh:mm:ss"` strings
 * where AWS returns epoch seconds; the SDK's strict parser then rejects the whole response. Only for a
 * custom endpoint, rewrite such strings to epoch seconds before the deserializer runs.
 */
function addEmulatorTimestampShim(client: DirectConnectClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { body?: unknown; statusCode?: number };
      if (!response || typeof response.statusCode !== 'number' || response.statusCode >= 300) return result;
      const raw = await readBody(response.body);
      if (raw === undefined) return result;
      const fixed = raw.replace(
        /"(loaIssueTime|startOn|awsDeviceTime)"\s*:\s*"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?Z?"/g,
        (_m, key: string, day: string, time: string) => `"${key}": ${Date.parse(`${day}T${time}Z`) / 1000}`,
      );
      response.body = new TextEncoder().encode(fixed);
      return result;
    },
    { step: 'deserialize', priority: 'low', name: 'cdkConnectDxEmulatorTimestamps' },
  );
}

async function readBody(body: unknown): Promise<string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  if (typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array>) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
    return new TextDecoder().decode(Buffer.concat(chunks));
  }
  return undefined;
}

/** Error names AWS and the SDK use for throttling. */
const THROTTLING_NAMES = new Set([
  'ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'RequestThrottled',
  'RequestThrottledException', 'SlowDown', 'ProvisionedThroughputExceededException',
]);

/** True when an error means "slow down" (Direct Connect sometimes reports it as a client exception). */
export function isThrottling(e: unknown): boolean {
  const err = e as { name?: string; message?: string; $retryable?: { throttling?: boolean } };
  if (!err) return false;
  if (err.$retryable?.throttling) return true;
  if (err.name && THROTTLING_NAMES.has(err.name)) return true;
  return err.name === 'DirectConnectClientException' && /rate exceeded|throttl/i.test(err.message ?? '');
}

/** True when an error is an authorization failure. */
export function isAccessDenied(e: unknown): boolean {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  if (!err) return false;
  return /AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(err.name ?? '') ||
    /not authorized to perform|AccessDenied/i.test(err.message ?? '') ||
    (err.$metadata?.httpStatusCode === 403 && !/Signature|Token|Credential/i.test(err.name ?? ''));
}

/** True when Direct Connect says the thing asked for does not exist (e.g. a deleted interface). */
export function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; message?: string };
  if (/NotFound/.test(err?.name ?? '')) return true;
  return err?.name === 'DirectConnectClientException' && /does not exist|not found|could not be found|does not match any/i.test(err.message ?? '');
}

/** Backoff settings for {@link withBackoff}. */
export interface BackoffOptions {
  /** Further attempts after the SDK's own retries gave up on throttling. */
  readonly retries?: number;
  readonly baseMs?: number;
  readonly capMs?: number;
  /** Injected in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs `call`, retrying throttling errors with exponential backoff and full jitter
 * (`random() * min(cap, base * 2^attempt)`). Other errors are thrown at once.
 */
export async function withBackoff<T>(call: () => Promise<T>, options: BackoffOptions = {}): Promise<T> {
  const retries = options.retries ?? 4;
  const base = options.baseMs ?? 250;
  const cap = options.capMs ?? 8000;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!isThrottling(e) || attempt >= retries) throw e;
      await sleep(Math.floor(random() * Math.min(cap, base * 2 ** attempt)));
    }
  }
}

/** A BGP peer, flattened. */
export interface PeerSummary {
  readonly bgpPeerId?: string;
  readonly addressFamily?: string;
  readonly asn?: number;
  readonly customerAddress?: string;
  readonly amazonAddress?: string;
  readonly bgpPeerState: string;
  readonly bgpStatus: string;
}

/** A virtual interface, flattened. */
export interface InterfaceSummary {
  readonly virtualInterfaceId: string;
  readonly name?: string;
  readonly type?: string;
  readonly state: string;
  readonly vlan?: number;
  readonly connectionId?: string;
  readonly asn?: number;
  readonly bgpPeers: PeerSummary[];
  /** Public interfaces: the route filter prefixes (CIDRs). */
  readonly routeFilterPrefixes?: string[];
  /** The AWS device the interface terminates on (logical device id, else the device name). */
  readonly awsDevice?: string;
  /** Private and transit interfaces: the Direct Connect gateway or virtual private gateway. */
  readonly gatewayId?: string;
  /** The `bgp-community-scope` tag the library sets on a public interface (e.g. `7224:9200`), when present. */
  readonly community?: string;
}

/** A connection or LAG, flattened. */
export interface ConnectionSummary {
  readonly kind: 'connection' | 'lag';
  readonly id: string;
  readonly name?: string;
  readonly state: string;
  readonly bandwidth?: string;
  readonly location?: string;
  readonly lagId?: string;
  readonly macSecCapable?: boolean;
  readonly encryptionMode?: string;
  readonly portEncryptionStatus?: string;
  readonly macSecKeyStates: string[];
  readonly memberIds: string[];
}

function peerOf(p: NonNullable<VirtualInterface['bgpPeers']>[number]): PeerSummary {
  return {
    bgpPeerId: p.bgpPeerId,
    addressFamily: p.addressFamily,
    asn: p.asnLong ?? p.asn,
    customerAddress: p.customerAddress,
    amazonAddress: p.amazonAddress,
    bgpPeerState: p.bgpPeerState ?? 'unknown',
    bgpStatus: p.bgpStatus ?? 'unknown',
  };
}

/** Flattens an SDK virtual interface. */
export function summarizeInterface(v: VirtualInterface): InterfaceSummary {
  return {
    virtualInterfaceId: v.virtualInterfaceId ?? '(no id)',
    name: v.virtualInterfaceName,
    type: v.virtualInterfaceType,
    state: v.virtualInterfaceState ?? 'unknown',
    vlan: v.vlan,
    connectionId: v.connectionId,
    asn: v.asnLong ?? v.asn,
    bgpPeers: (v.bgpPeers ?? []).map(peerOf),
    routeFilterPrefixes: v.routeFilterPrefixes?.map((p) => p.cidr ?? '').filter((c) => c !== ''),
    awsDevice: v.awsLogicalDeviceId ?? v.awsDeviceV2,
    gatewayId: v.directConnectGatewayId || v.virtualGatewayId || undefined,
    community: v.tags?.find((t) => t.key === 'bgp-community-scope')?.value,
  };
}

function summarizeConnection(c: Connection): ConnectionSummary {
  return {
    kind: 'connection',
    id: c.connectionId ?? '(no id)',
    name: c.connectionName,
    state: c.connectionState ?? 'unknown',
    bandwidth: c.bandwidth,
    location: c.location,
    lagId: c.lagId ?? undefined,
    macSecCapable: c.macSecCapable ?? undefined,
    encryptionMode: c.encryptionMode,
    portEncryptionStatus: c.portEncryptionStatus,
    macSecKeyStates: (c.macSecKeys ?? []).map((k) => k.state ?? 'unknown'),
    memberIds: [],
  };
}

function summarizeLag(l: Lag): ConnectionSummary {
  return {
    kind: 'lag',
    id: l.lagId ?? '(no id)',
    name: l.lagName,
    state: l.lagState ?? 'unknown',
    bandwidth: l.connectionsBandwidth ? `${l.numberOfConnections ?? (l.connections ?? []).length} x ${l.connectionsBandwidth}` : undefined,
    location: l.location,
    macSecCapable: l.macSecCapable ?? undefined,
    encryptionMode: l.encryptionMode,
    macSecKeyStates: (l.macSecKeys ?? []).map((k) => k.state ?? 'unknown'),
    memberIds: (l.connections ?? []).map((c) => c.connectionId ?? '(no id)'),
  };
}

/** Reads virtual interfaces, following nextToken; optionally filtered by connection/LAG or interface id. */
export async function readVirtualInterfaces(
  client: DirectConnectClient,
  filter: { connectionId?: string; virtualInterfaceId?: string } = {},
  backoff: BackoffOptions = {},
): Promise<InterfaceSummary[]> {
  const out: InterfaceSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await withBackoff(() => client.send(new DescribeVirtualInterfacesCommand({
      connectionId: filter.connectionId,
      virtualInterfaceId: filter.virtualInterfaceId,
      nextToken,
    })), backoff);
    for (const v of page.virtualInterfaces ?? []) out.push(summarizeInterface(v));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/** Reads connections, following nextToken; optionally one connection. */
export async function readConnections(
  client: DirectConnectClient, connectionId?: string, backoff: BackoffOptions = {},
): Promise<ConnectionSummary[]> {
  const out: ConnectionSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await withBackoff(() => client.send(new DescribeConnectionsCommand({ connectionId, nextToken })), backoff);
    for (const c of page.connections ?? []) out.push(summarizeConnection(c));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/** Reads LAGs, following nextToken; optionally one LAG. */
export async function readLags(client: DirectConnectClient, lagId?: string, backoff: BackoffOptions = {}): Promise<ConnectionSummary[]> {
  const out: ConnectionSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await withBackoff(() => client.send(new DescribeLagsCommand({ lagId, nextToken })), backoff);
    for (const l of page.lags ?? []) out.push(summarizeLag(l));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/** Says in one line why a read failed, naming the IAM action (of `service`) when access was denied. */
export function explainReadError(apiCall: string, e: unknown, service = 'directconnect'): string {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = err?.$metadata?.httpStatusCode;
  // SDK messages can span lines (deserialization hints); keep the first line, one line per failure.
  const message = (err?.message ?? String(e)).split('\n')[0].replace(/\s+/g, ' ').trim().slice(0, 300);
  const detail = `${err?.name ?? 'Error'}${status ? ` (HTTP ${status})` : ''}: ${message}`;
  if (status !== undefined && status >= 500) {
    return `${apiCall} failed: the endpoint answered HTTP ${status} (server error) after retries (${detail})`;
  }
  if (isNotFound(e)) {
    return `${apiCall}: not found (${detail})`;
  }
  if (isAccessDenied(e)) {
    return `${apiCall} was denied: the caller needs IAM permission ${service}:${apiCall} (${detail})`;
  }
  if (isThrottling(e)) {
    return `${apiCall} was still throttled after retries with backoff; try again later (${detail})`;
  }
  return `${apiCall} failed: ${detail}`;
}

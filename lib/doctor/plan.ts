/**
 * What the doctor probes, planned from the endpoint catalog: every concrete host with the ports the catalog gives
 * it (TCP 443 hosts get a TLS handshake, UDP 3478 hosts a STUN Binding request), and the wildcard rows, which
 * cannot be tested by name. Also where the default advertised prefixes come from. Pure.
 */
import { ConnectEndpointCatalog } from '../connect-endpoints/catalog';
import { TrafficDirection, TransportProtocol } from '../connect-endpoints/endpoint-types';
import { isNetworkAddress, parseCidr } from '../private/cidr';

/** One concrete host of the catalog. */
export interface HostPlan {
  /** The host as the catalog writes it (TurnNlb hosts keep their capitals). */
  readonly host: string;
  /** The TCP port of its HTTPS endpoints, when it has some. */
  readonly tlsPort?: number;
  /** The UDP port of its media endpoint (TURN), when it has one. */
  readonly turnPort?: number;
  /** What the catalog says the host is for. */
  readonly purposes: string[];
  /**
   * The Amazon Connect Regions of the catalog that need the host.
   * @default - the catalog's first Region
   */
  readonly regions?: string[];
}

/** A catalog row with a wildcard: allowed by pattern, not testable by name. */
export interface WildcardPlan {
  readonly pattern: string;
  readonly protocol: string;
  readonly port: number;
  readonly purposes: string[];
}

/** Everything the doctor will probe for one catalog. */
export interface DoctorPlan {
  readonly hosts: HostPlan[];
  readonly wildcards: WildcardPlan[];
}

/**
 * Plans the probes: the outbound endpoints of the catalog, grouped by host (case-insensitively, first spelling
 * kept), in catalog order.
 */
export function planProbes(catalog: ConnectEndpointCatalog): DoctorPlan {
  const hosts = new Map<string, { host: string; tlsPort?: number; turnPort?: number; purposes: string[]; regions: string[] }>();
  const wildcards = new Map<string, WildcardPlan>();
  for (const e of catalog.endpoints) {
    if (e.direction !== TrafficDirection.OUTBOUND) continue;
    const purpose = e.path !== undefined ? `${e.purpose} (${e.path})` : e.purpose;
    if (e.host.includes('*')) {
      const key = `${e.host.toLowerCase()} ${e.protocol} ${e.port}`;
      const w = wildcards.get(key) ?? { pattern: e.host, protocol: e.protocol, port: e.port, purposes: [] };
      if (!w.purposes.includes(e.purpose)) w.purposes.push(e.purpose);
      wildcards.set(key, w);
      continue;
    }
    const key = e.host.toLowerCase();
    const h = hosts.get(key) ?? { host: e.host, purposes: [], regions: [] };
    for (const r of e.regions ?? [catalog.region]) if (!h.regions.includes(r)) h.regions.push(r);
    if (e.protocol === TransportProtocol.TCP) h.tlsPort ??= e.port;
    if (e.protocol === TransportProtocol.UDP) h.turnPort ??= e.port;
    if (!h.purposes.includes(purpose)) h.purposes.push(purpose);
    hosts.set(key, h);
  }
  return { hosts: [...hosts.values()], wildcards: [...wildcards.values()] };
}

/** Advertised prefixes and where they came from, or why there are none. */
export interface AdvertisedPrefixes {
  readonly prefixes?: string[];
  readonly source?: string;
  /** Why there are none (shown in the `nat` line). */
  readonly missing?: string;
}

/** Parses `CIDR,CIDR,...`; throws naming the first entry that is not a network CIDR. */
export function parsePrefixList(text: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  for (const item of items) {
    const c = parseCidr(item);
    if (c === undefined || !isNetworkAddress(c)) {
      throw new Error(`must be comma-separated network CIDRs such as 203.0.113.0/24,2001:db8:100::/48, got '${item}'`);
    }
  }
  return items;
}

/**
 * The example app's route filter prefixes (context key `routeFilterPrefixes`), read as `cdk` reads context: the
 * `context` of `cdk.json` first, then `cdk.context.json`. The app's embedded default is a documentation
 * placeholder, so a project that does not set the key gives no prefixes.
 *
 * @param cdkJson the parsed cdk.json, undefined when there is none, null when it is not valid JSON
 * @param cdkContextJson the parsed cdk.context.json, or undefined when there is none
 */
export function advertisedPrefixesFromContext(cdkJson: unknown, cdkContextJson: unknown): AdvertisedPrefixes {
  if (cdkJson === undefined) {
    return { missing: 'no cdk.json here (not run in the project): give --advertised-prefixes CIDR,...' };
  }
  if (cdkJson === null) return { missing: 'cdk.json here is not valid JSON: give --advertised-prefixes CIDR,...' };
  const fromJson = (cdkJson as { context?: Record<string, unknown> } | null)?.context?.routeFilterPrefixes;
  const fromContext = (cdkContextJson as Record<string, unknown> | null | undefined)?.routeFilterPrefixes;
  const [value, source] = fromJson !== undefined ? [fromJson, 'cdk.json context routeFilterPrefixes']
    : [fromContext, 'cdk.context.json routeFilterPrefixes'];
  if (value === undefined) {
    return {
      missing: 'cdk.json sets no routeFilterPrefixes (the example app then uses a documentation placeholder): ' +
        'give --advertised-prefixes CIDR,... or set -c routeFilterPrefixes in cdk.json',
    };
  }
  if (typeof value !== 'string') {
    return { missing: `${source} must be a comma-separated string of CIDRs, got ${JSON.stringify(value)}: give --advertised-prefixes` };
  }
  try {
    return { prefixes: parsePrefixList(value), source };
  } catch (e) {
    return { missing: `${source} ${(e as Error).message}: give --advertised-prefixes` };
  }
}

/**
 * The doctor's verdicts: from what the probes observed (DNS answers, TLS handshakes, STUN answers, kernel routes,
 * proxy variables) to PASS / WARN / FAIL / SKIP findings that say what was seen and what to do. Pure: the probes
 * (the I/O) live beside it in `lib/doctor/probes.ts`.
 *
 * Longer than 400 lines on purpose: one pure verdict function per check beside the observation type it reads, so a
 * check and its input stay together; splitting by check would scatter the shared `Finding` wording.
 */
import { IpRangesDocument } from '../ip-ranges/engine';
import { contains, parseCidr } from '../private/cidr';
import { HostPlan, WildcardPlan } from './plan';
import { Finding } from './report';

/**
 * The roots of Amazon Trust Services, the public CA that issues the certificates of AWS endpoints (ACM and AWS
 * services), as subject common name and organization. An HTTPS host whose chain ends elsewhere is answered by
 * something else: a TLS-inspecting proxy or firewall.
 *
 * Source: https://www.amazontrust.com/repository/ ("Root CAs"), read 2026-12-01. AWS moved its service
 * endpoints to these roots: https://aws.amazon.com/blogs/security/how-to-prepare-for-aws-move-to-its-own-certificate-authority/
 */
export const AWS_PUBLIC_ROOTS: ReadonlyArray<{ readonly cn: string; readonly o: string }> = [
  { cn: 'Amazon Root CA 1', o: 'Amazon' },
  { cn: 'Amazon Root CA 2', o: 'Amazon' },
  { cn: 'Amazon Root CA 3', o: 'Amazon' },
  { cn: 'Amazon Root CA 4', o: 'Amazon' },
  { cn: 'Starfield Services Root Certificate Authority - G2', o: 'Starfield Technologies, Inc.' },
];

/** AWS's advice for proxies and firewalls between the CCP and Amazon Connect (ccp-networking.html, seed 002). */
const INSPECTION_ADVICE = 'exclude the Amazon Connect hosts from TLS inspection on the proxy or firewall; if it must ' +
  'stay, raise its SSL certificate cache timeout to cover a whole agent shift (AWS advice for proxies in front of the CCP)';

function ms(n: number | undefined): string {
  return n === undefined ? '?' : `${Math.round(n)} ms`;
}

// ---------------------------------------------------------------------------------------------------------- dns

/** What resolving one host gave. */
export interface DnsObservation {
  readonly host: string;
  readonly addresses: string[];
  /** The c-ares error code when nothing was found (ENOTFOUND, ENODATA, ETIMEOUT, ESERVFAIL, EREFUSED, ...). */
  readonly error?: string;
  readonly elapsedMs: number;
}

const DNS_ERRORS: Record<string, string> = {
  ENOTFOUND: 'does not exist (NXDOMAIN)',
  ENODATA: 'has no A or AAAA record',
  ETIMEOUT: 'got no answer in time',
  ESERVFAIL: 'got SERVFAIL',
  EREFUSED: 'was refused',
  ECONNREFUSED: 'could not reach the resolver (connection refused)',
  ECANCELLED: 'got no answer in time',
};

/** The dns verdict for one host. */
export function judgeDns(o: DnsObservation, resolver: string, region: string, timeoutMs: number): Finding {
  if (o.addresses.length > 0) {
    return { check: 'dns', status: 'PASS', target: o.host, seen: `${o.addresses.join(', ')} (${ms(o.elapsedMs)})`,
      details: { addresses: o.addresses, elapsedMs: Math.round(o.elapsedMs) } };
  }
  const what = DNS_ERRORS[o.error ?? ''] ?? `failed (${o.error ?? 'no address'})`;
  const timing = o.error === 'ETIMEOUT' || o.error === 'ECANCELLED' ? ` within ${timeoutMs} ms` : '';
  const turn = /^turnnlb-/i.test(o.host);
  return {
    check: 'dns', status: 'FAIL', target: o.host, seen: `${what}${timing} from resolver ${resolver}`,
    action: turn
      ? `allow DNS resolution of TurnNlb-*.elb.${region}.amazonaws.com on the agents' resolvers; otherwise the CCP ` +
        'reports "Browser unable to establish media channel" when an agent answers a call'
      : 'make the agents\' resolver answer this name (DNS filtering, split-horizon zones or forwarding rules drop it)',
    details: { error: o.error ?? null, elapsedMs: Math.round(o.elapsedMs) },
  };
}

/** The dns line for a wildcard row. */
export function judgeWildcard(w: WildcardPlan): Finding {
  return {
    check: 'dns', status: 'SKIP', target: w.pattern,
    seen: `not testable by name (wildcard row, ${w.protocol} ${w.port}: ${w.purposes.join('; ')})`,
    details: { protocol: w.protocol, port: w.port },
  };
}

// ---------------------------------------------------------------------------------------------------------- tls

/** One certificate of the presented chain, as names. */
export interface CertSummary {
  /** RFC 4514-like text, e.g. `CN=Amazon RSA 2048 M02, O=Amazon, C=US`. */
  readonly subject: string;
  readonly issuer: string;
  readonly subjectCn?: string;
  readonly subjectO?: string;
  readonly issuerCn?: string;
  readonly issuerO?: string;
  readonly validTo?: string;
}

/** What one TLS probe saw. */
export interface TlsObservation {
  readonly host: string;
  readonly address: string;
  readonly port: number;
  readonly connectMs?: number;
  readonly handshakeMs?: number;
  /** Where it stopped, when it did: `connect` or `handshake`. */
  readonly failedAt?: 'connect' | 'handshake';
  readonly error?: string;
  readonly protocol?: string;
  /** Whether the chain verified against the trust store (system store plus --ca-file). */
  readonly trusted?: boolean;
  /** OpenSSL's reason when not trusted, e.g. UNABLE_TO_GET_ISSUER_CERT_LOCALLY. */
  readonly trustError?: string;
  /** The hostname check's message when the certificate does not name the host. */
  readonly nameError?: string;
  /** Leaf first. */
  readonly chain?: CertSummary[];
}

/** True when the chain ends at (or is issued by) an Amazon Trust Services root. */
export function issuedByAwsCa(chain: readonly CertSummary[]): boolean {
  const top = chain[chain.length - 1];
  if (top === undefined) return false;
  const isRoot = (cn?: string, o?: string) => AWS_PUBLIC_ROOTS.some((r) => r.cn === cn && r.o === o);
  return isRoot(top.issuerCn, top.issuerO) || isRoot(top.subjectCn, top.subjectO);
}

/** The tls verdict for one host. */
export function judgeTls(o: TlsObservation, timeoutMs: number): Finding {
  const target = `${o.host}:${o.port}`;
  const times = { connectMs: round(o.connectMs), handshakeMs: round(o.handshakeMs) };
  if (o.failedAt === 'connect') {
    return { check: 'tls', status: 'FAIL', target,
      seen: `TCP connect to ${o.address}:${o.port} failed: ${o.error ?? 'no answer'}${o.error === 'timeout' ? ` after ${timeoutMs} ms` : ''}`,
      action: `allow TCP ${o.port} from the agents' network to this host (domain allow list or AMAZON/EC2/CLOUDFRONT prefixes)`,
      details: { address: o.address, ...times, error: o.error ?? null } };
  }
  if (o.failedAt === 'handshake') {
    return { check: 'tls', status: 'FAIL', target,
      seen: `TLS handshake with ${o.address} (SNI ${o.host}) failed after ${ms(o.connectMs)} connect: ${o.error ?? 'no answer'}`,
      action: 'a proxy or firewall in the path ends or blocks the TLS session for this name: allow it by SNI',
      details: { address: o.address, ...times, error: o.error ?? null } };
  }
  const chain = o.chain ?? [];
  const leaf = chain[0];
  const top = chain[chain.length - 1];
  const issuer = leaf?.issuer ?? '(no certificate)';
  const root = top ? (top.subject === top.issuer ? top.subject : top.issuer) : '(none)';
  const aws = issuedByAwsCa(chain);
  const details = {
    address: o.address, ...times, protocol: o.protocol ?? null, issuer, root, trusted: o.trusted === true,
    trustError: o.trustError ?? null, awsCa: aws, validTo: leaf?.validTo ?? null,
  };
  const timing = `connect ${ms(o.connectMs)}, handshake ${ms(o.handshakeMs)}`;
  if (o.trusted !== true) {
    return { check: 'tls', status: 'FAIL', target,
      seen: `certificate chain not trusted (${o.trustError ?? 'unknown reason'}): issued by '${issuer}', root '${root}'; ${timing}`,
      action: aws ? 'the system trust store lacks the Amazon Trust Services roots: update the CA certificates'
        : `'${issuer}' is not a public CA AWS uses: a TLS-inspecting proxy answers for this host; ${INSPECTION_ADVICE} ` +
          '(give its CA with --ca-file to check the rest)',
      details };
  }
  if (o.nameError !== undefined) {
    return { check: 'tls', status: 'FAIL', target, seen: `certificate does not name ${o.host}: ${o.nameError}; ${timing}`,
      action: 'something other than Amazon Connect answers for this name (DNS or a proxy sends it elsewhere)', details };
  }
  if (!aws) {
    return { check: 'tls', status: 'WARN', target,
      seen: `issued by '${issuer}' (root '${root}'), not a public CA AWS uses (Amazon Trust Services): TLS inspection is in the path; ${timing}`,
      action: INSPECTION_ADVICE, details };
  }
  return { check: 'tls', status: 'PASS', target,
    seen: `${o.protocol ?? 'TLS'} via ${o.address}, issued by '${issuer}' (root '${root}'); ${timing}`, details };
}

// --------------------------------------------------------------------------------------------------------- turn

/** What one STUN Binding request to one address gave. */
export interface StunObservation {
  readonly address: string;
  readonly port: number;
  /** Round-trip time of the answer (from the first send). */
  readonly rttMs?: number;
  /** Requests sent (1 = no retransmission). */
  readonly sent: number;
  readonly mapped?: { readonly address: string; readonly port: number };
  /** Why there is no mapped address: `timeout`, `ECONNREFUSED` (ICMP port unreachable), or a bad answer. */
  readonly error?: string;
}

/** The turn verdict for one TurnNlb host (every address it resolved to was probed). */
export function judgeTurn(host: HostPlan, addresses: readonly string[], results: readonly StunObservation[], region: string, timeoutMs: number): Finding {
  const port = host.turnPort ?? 3478;
  const target = `${host.host}:${port}`;
  if (addresses.length === 0) {
    return { check: 'turn', status: 'SKIP', target, seen: 'no address to probe (see dns)' };
  }
  const details = { results: results.map((r) => ({ address: r.address, port: r.port, rttMs: round(r.rttMs), sent: r.sent, mapped: r.mapped ?? null, error: r.error ?? null })) };
  const failed = results.filter((r) => r.mapped === undefined);
  if (failed.length > 0) {
    const why = failed.map((r) => `${r.address}:${r.port} ${r.error === 'timeout' ? `no STUN answer within ${timeoutMs} ms (${r.sent} requests)`
      : r.error === 'ECONNREFUSED' ? 'port unreachable (ICMP)' : r.error ?? 'no answer'}`).join('; ');
    return { check: 'turn', status: 'FAIL', target, seen: `UDP ${port} to ${host.host}: ${why}`,
      action: `allow UDP ${port} outbound to the AMAZON_CONNECT prefixes of ${region} and GLOBAL (and its return traffic); ` +
        'softphone media never goes through an HTTP proxy',
      details };
  }
  const seen = results.map((r) => `${r.address}:${r.port} answered in ${ms(r.rttMs)}${r.sent > 1 ? ` (${r.sent} requests)` : ''}, ` +
    `mapped ${formatEndpoint(r.mapped!.address, r.mapped!.port)}`).join('; ');
  return { check: 'turn', status: 'PASS', target, seen, details };
}

// ---------------------------------------------------------------------------------------------------------- nat

/** The nat verdict for one TurnNlb host: the addresses it saw this network as must be advertised. */
export function judgeNat(host: HostPlan, results: readonly StunObservation[], prefixes: readonly string[] | undefined, missing: string | undefined): Finding {
  const target = `${host.host}:${host.turnPort ?? 3478}`;
  const mapped = results.filter((r) => r.mapped !== undefined).map((r) => r.mapped!);
  if (results.length === 0) return { check: 'nat', status: 'SKIP', target, seen: 'no address to probe (see dns)' };
  if (mapped.length === 0) {
    return { check: 'nat', status: 'SKIP', target, seen: 'no mapped address (turn got no answer)' };
  }
  const shown = [...new Set(mapped.map((m) => m.address))];
  if (prefixes === undefined || prefixes.length === 0) {
    return { check: 'nat', status: 'SKIP', target, seen: `mapped address ${shown.join(', ')}; advertised prefixes unknown: ${missing ?? 'give --advertised-prefixes'}`,
      details: { mapped: shown } };
  }
  const outside = shown.filter((a) => coveringPrefix(a, prefixes) === undefined);
  if (outside.length > 0) {
    return { check: 'nat', status: 'FAIL', target,
      seen: `the TURN server sees this network as ${outside.join(', ')}, outside the advertised prefixes ${prefixes.join(', ')}: ` +
        'traffic leaves through an address that is not advertised on the public VIF',
      action: 'NAT agent traffic for Amazon Connect to an address inside the advertised prefixes (the route filter prefixes ' +
        'of the public VIF), or advertise the NAT address; otherwise AWS drops it or the reply returns over the internet',
      details: { mapped: shown, outside, advertisedPrefixes: prefixes } };
  }
  return { check: 'nat', status: 'PASS', target,
    seen: `the TURN server sees this network as ${shown.map((a) => `${a} (inside ${coveringPrefix(a, prefixes)})`).join(', ')}`,
    details: { mapped: shown, advertisedPrefixes: prefixes } };
}

/** The first prefix that contains the address, or undefined. */
export function coveringPrefix(address: string, prefixes: readonly string[]): string | undefined {
  const a = parseCidr(`${address}/${address.includes(':') ? 128 : 32}`);
  if (a === undefined) return undefined;
  return prefixes.find((p) => {
    const c = parseCidr(p);
    return c !== undefined && contains(c, a);
  });
}

// -------------------------------------------------------------------------------------------------------- route

/** The kernel's route to one address (`ip -j route get` and `ip -j route get fibmatch`). */
export interface RouteObservation {
  readonly address: string;
  /** The hosts that resolved to it. */
  readonly hosts: string[];
  readonly dev?: string;
  readonly gateway?: string;
  readonly prefsrc?: string;
  /** The matching route's destination: a prefix, or `default`. */
  readonly routeDst?: string;
  readonly protocol?: string;
  /** Why there is no route (e.g. `Network is unreachable`). */
  readonly error?: string;
}

/** The ip-ranges.json entries that contain an address, most specific first, as `SERVICE REGION (PREFIX)`. */
export function awsRangesOf(address: string, doc: IpRangesDocument): string[] {
  const a = parseCidr(`${address}/${address.includes(':') ? 128 : 32}`);
  if (a === undefined) return [];
  const hits: Array<{ text: string; length: number }> = [];
  for (const e of a.family === 4 ? doc.ipv4 : doc.ipv6) {
    const c = parseCidr(e.prefix);
    if (c !== undefined && contains(c, a)) hits.push({ text: `${e.service} ${e.region} (${e.prefix})`, length: c.length });
  }
  return hits.sort((x, y) => y.length - x.length || x.text.localeCompare(y.text)).map((h) => h.text);
}

/** The route verdict for one address. */
export function judgeRoute(o: RouteObservation, iface: string | undefined, region: string, ipRanges: IpRangesDocument | undefined): Finding {
  const target = o.address;
  const who = o.hosts.join(', ');
  if (o.dev === undefined) {
    return { check: 'route', status: 'FAIL', target, seen: `no route to ${o.address} (${who}): ${o.error ?? 'unknown'}`,
      action: 'add a route for the Amazon Connect prefixes (learned over the Direct Connect public VIF)', details: { hosts: o.hosts, error: o.error ?? null } };
  }
  const route = `${o.routeDst === 'default' || o.routeDst === undefined ? '' : `route ${o.routeDst}, `}dev ${o.dev}` +
    `${o.gateway ? ` via ${o.gateway}` : ''}${o.protocol ? ` proto ${o.protocol}` : ''}${o.prefsrc ? `, source ${o.prefsrc}` : ''}`;
  const details = { hosts: o.hosts, dev: o.dev, gateway: o.gateway ?? null, routeDst: o.routeDst ?? null, protocol: o.protocol ?? null, prefsrc: o.prefsrc ?? null };
  if (iface !== undefined && o.dev === iface) {
    return { check: 'route', status: 'PASS', target, seen: `${who} leaves through ${iface} (${route})`, details };
  }
  if (o.routeDst === 'default' || iface !== undefined) {
    const ranges = ipRanges === undefined ? undefined : awsRangesOf(o.address, ipRanges);
    const aws = ranges === undefined ? 'give --ip-ranges FILE (ip-ranges.json) to name its AWS service and Region'
      : ranges.length > 0 ? `ip-ranges.json: ${ranges.join(', ')}` : 'ip-ranges.json lists no AWS range for it';
    const path = o.routeDst === 'default' ? 'takes the default route (the internet)' : `leaves through ${o.dev}`;
    return { check: 'route', status: 'WARN', target,
      seen: `${o.address} (${who}) ${path}${iface !== undefined ? `, not ${iface}` : ''}: ${route}; ${aws}`,
      action: `learn the Amazon routes for ${region} over the Direct Connect public VIF and prefer them: the community ` +
        'scope and inbound filter must accept the prefixes of this Region (see router-config), and the edge must route them to the VIF',
      details: { ...details, awsRanges: ranges ?? null } };
  }
  return { check: 'route', status: 'PASS', target, seen: `${who} leaves through ${o.dev} (${route})`,
    action: 'give --interface IFACE (the Direct Connect sub-interface) to check that it is the Direct Connect path', details };
}

// -------------------------------------------------------------------------------------------------------- proxy

/** The proxy variables the doctor reads (HTTPS traffic only; `HTTP_PROXY` does not apply to the CCP). */
export const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY'] as const;

/** The proxy a client would use for HTTPS from these variables: lower-case first, as curl and most tools read them. */
export function proxySettings(env: Readonly<Record<string, string | undefined>>): { proxy?: string; proxyVar?: string; noProxy: string[]; noProxyVar?: string } {
  const pick = (names: string[]) => names.map((n) => ({ n, v: env[n] })).find((x) => x.v !== undefined && x.v.trim() !== '');
  const proxy = pick(['https_proxy', 'HTTPS_PROXY']);
  const no = pick(['no_proxy', 'NO_PROXY']);
  return {
    proxy: proxy?.v?.trim(), proxyVar: proxy?.n,
    noProxy: no?.v?.split(/[\s,]+/).map((s) => s.trim()).filter((s) => s !== '') ?? [], noProxyVar: no?.n,
  };
}

/**
 * A proxy value as it may be shown: trimmed, and everything up to the last `@` replaced by `***` (user and password,
 * even a password holding `/` or `@`; a `@` later in a path is rare in a proxy URL, and hiding too much is the safe
 * side). `http://alice:s3/cr@t@proxy.corp:3128` -> `http://***@proxy.corp:3128`.
 */
export function redactProxy(url: string): string {
  const value = url.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? '';
  const rest = value.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  return at === -1 ? value : `${scheme}***@${rest.slice(at + 1)}`;
}

/**
 * The NO_PROXY entry that makes a host bypass the proxy, or undefined. Entries: `*` (everything), a domain
 * (`example.com`, `.example.com` and `*.example.com` match it and its subdomains), optionally with `:port`, an
 * IP address or a CIDR (matched against the host's resolved addresses).
 */
export function bypassEntry(host: string, port: number, addresses: readonly string[], noProxy: readonly string[]): string | undefined {
  const h = host.toLowerCase();
  for (const raw of noProxy) {
    if (raw === '*') return raw;
    let entry = raw.toLowerCase();
    const portMatch = /^(.*[^:]):(\d+)$/.exec(entry);
    if (portMatch && !entry.includes('::') && (entry.match(/:/g) ?? []).length === 1) {
      if (Number(portMatch[2]) !== port) continue;
      entry = portMatch[1];
    }
    if (entry.includes('/') || /^[\d.]+$/.test(entry) || entry.includes(':')) {
      const prefix = entry.includes('/') ? entry : `${entry}/${entry.includes(':') ? 128 : 32}`;
      if (parseCidr(prefix) !== undefined && addresses.some((a) => coveringPrefix(a, [prefix]) !== undefined)) return raw;
      continue;
    }
    const domain = entry.replace(/^\*?\./, '');
    if (domain !== '' && (h === domain || h.endsWith(`.${domain}`))) return raw;
  }
  return undefined;
}

/** The proxy verdicts: one for the environment, then one per HTTPS host and HTTPS wildcard row when a proxy is set. */
export function judgeProxy(env: Readonly<Record<string, string | undefined>>, hosts: ReadonlyArray<{ host: HostPlan; addresses: string[] }>,
  wildcards: readonly WildcardPlan[] = []): Finding[] {
  const s = proxySettings(env);
  const seenVars = PROXY_VARIABLES.filter((v) => env[v] !== undefined)
    .map((v) => `${v}=${v.toLowerCase() === 'https_proxy' ? redactProxy(env[v]!) : env[v]}`);
  if (s.proxy === undefined) {
    return [{ check: 'proxy', status: 'PASS', target: 'environment',
      seen: `no https_proxy/HTTPS_PROXY set${seenVars.length > 0 ? ` (${seenVars.join(' ')})` : ''}: HTTPS goes direct from this shell ` +
        '(a browser may still use a PAC file or system proxy that the doctor cannot see)',
      details: { proxy: null, noProxy: s.noProxy } }];
  }
  const proxy = redactProxy(s.proxy);
  const out: Finding[] = [{ check: 'proxy', status: 'PASS', target: 'environment',
    seen: `${seenVars.join(' ')}: HTTPS goes through ${proxy} except NO_PROXY hosts; the tls check connected directly, not through it; ` +
      'softphone media (UDP) never goes through an HTTP proxy, so the turn path must be open even when HTTPS is proxied',
    details: { proxy, proxyVariable: s.proxyVar ?? null, noProxy: s.noProxy } }];
  // wildcard rows are checked with a name they match (`*` read as `x`): NO_PROXY entries are domain suffixes
  const targets = [
    ...hosts.filter((h) => h.host.tlsPort !== undefined).map((h) => ({ target: h.host.host, name: h.host.host, port: h.host.tlsPort!, addresses: h.addresses })),
    ...wildcards.filter((w) => w.protocol === 'TCP').map((w) => ({ target: w.pattern, name: w.pattern.replace(/\*/g, 'x'), port: w.port, addresses: [] })),
  ];
  for (const t of targets) {
    const entry = bypassEntry(t.name, t.port, t.addresses, s.noProxy);
    out.push(entry !== undefined
      ? { check: 'proxy', status: 'PASS', target: t.target, seen: `bypasses the proxy (${s.noProxyVar} entry '${entry}')`, details: { bypass: true, entry } }
      : { check: 'proxy', status: 'WARN', target: t.target, seen: `goes through the proxy ${proxy} (no ${s.noProxyVar ?? 'NO_PROXY'} entry matches)`,
        action: 'add the Amazon Connect domains to NO_PROXY (or the PAC file), or make sure the proxy passes WebSockets, does not ' +
          'inspect TLS for them and caches certificates for a whole shift; test with 200+ calls (AWS advice)',
        details: { bypass: false } });
  }
  return out;
}

function round(n: number | undefined): number | null {
  return n === undefined ? null : Math.round(n);
}

function formatEndpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

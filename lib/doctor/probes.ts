/**
 * The doctor's probes, with Node built-ins only: DNS through a c-ares Resolver (the system's servers or
 * `--resolver`), TCP + TLS with SNI, a STUN Binding request over UDP, and the kernel's route via `ip -j route get`.
 * Every probe has a deadline and never throws: it returns what it observed. Probes talk only to the address they
 * are given (and the resolver); the route lookup sends nothing.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as dgram from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { existsSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { CertSummary, DnsObservation, RouteObservation, StunObservation, TlsObservation } from './checks';
import { bindingRequest, readBindingResponse } from './stun';

/** The most probes in flight at once. */
export const PROBE_CONCURRENCY = 16;
/** STUN retransmission: the first interval (RFC 5389 section 7.2.1 RTO), doubled after each request. */
const STUN_RTO_MS = 500;

/** Runs at most `max` tasks at a time. */
export function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return <T>(task: () => Promise<T>) => new Promise<T>((resolve, reject) => {
    const start = () => {
      active++;
      task().then(resolve, reject).finally(() => {
        active--;
        waiting.shift()?.();
      });
    };
    if (active < max) start(); else waiting.push(start);
  });
}

/**
 * Runs `fn` after the I/O that is already waiting: a deadline that fires late because the event loop was busy
 * must not beat an answer that arrived in time (timers run before the poll phase; setImmediate after it).
 */
function afterPendingIo(fn: () => void): void {
  setImmediate(fn);
}

/** A c-ares resolver with one try per query and the run's timeout; `server` as `IP`, `IP:PORT` or `[IPv6]:PORT`. */
export function createResolver(timeoutMs: number, server?: string): { resolver: Resolver; description: string } {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  if (server !== undefined) {
    resolver.setServers([server]);
    return { resolver, description: resolver.getServers().join(', ') };
  }
  return { resolver, description: `system (${resolver.getServers().join(', ') || 'none configured'})` };
}

/** Resolves A and AAAA for a host. */
export async function resolveHost(resolver: Resolver, host: string): Promise<DnsObservation> {
  const t0 = performance.now();
  const [a, aaaa] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
  const elapsedMs = performance.now() - t0;
  const addresses = [...(a.status === 'fulfilled' ? a.value : []), ...(aaaa.status === 'fulfilled' ? aaaa.value : [])];
  if (addresses.length > 0) return { host, addresses, elapsedMs };
  const codes = [a, aaaa].map((r) => (r.status === 'rejected' ? String((r.reason as NodeJS.ErrnoException).code ?? r.reason) : 'ENODATA'));
  const error = codes.includes('ENOTFOUND') ? 'ENOTFOUND' : codes.find((c) => c !== 'ENODATA') ?? 'ENODATA';
  return { host, addresses: [], error, elapsedMs };
}

/** The CA certificates the TLS check trusts, and where they came from. */
export interface TrustStore {
  readonly context: tls.SecureContext;
  readonly description: string;
}

/** Files where Linux distributions and macOS keep the system's CA bundle (SSL_CERT_FILE first). */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem', '/etc/ssl/cert.pem'];

/** The system store (the OS bundle; Node's bundled Mozilla store when there is none) plus the `--ca-file` PEM. */
export function loadTrustStore(caFilePem?: string, caFileName?: string): TrustStore {
  const file = [process.env.SSL_CERT_FILE, ...SYSTEM_BUNDLES].find((f): f is string => f !== undefined && f !== '' && existsSync(f));
  const system = file !== undefined ? readFileSync(file, 'utf8') : tls.rootCertificates.join('\n');
  const ca = caFilePem !== undefined ? [system, caFilePem] : [system];
  return {
    context: tls.createSecureContext({ ca }),
    description: `${file ?? "Node's bundled CA store"}${caFileName !== undefined ? ` + ${caFileName}` : ''}`,
  };
}

function nameText(name: Record<string, string | string[]> | undefined): string {
  if (name === undefined) return '';
  return ['CN', 'OU', 'O', 'L', 'ST', 'C'].filter((k) => name[k] !== undefined)
    .map((k) => `${k}=${Array.isArray(name[k]) ? (name[k] as string[]).join('+') : name[k]}`).join(', ');
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function summarizeChain(leaf: tls.DetailedPeerCertificate): CertSummary[] {
  const chain: CertSummary[] = [];
  const seen = new Set<string>();
  let c: tls.DetailedPeerCertificate | undefined = leaf;
  while (c !== undefined && c.fingerprint256 !== undefined && !seen.has(c.fingerprint256)) {
    seen.add(c.fingerprint256);
    const subject = c.subject as unknown as Record<string, string | string[]> | undefined;
    const issuer = c.issuer as unknown as Record<string, string | string[]> | undefined;
    chain.push({
      subject: nameText(subject), issuer: nameText(issuer),
      subjectCn: first(subject?.CN), subjectO: first(subject?.O), issuerCn: first(issuer?.CN), issuerO: first(issuer?.O),
      validTo: c.valid_to,
    });
    c = c.issuerCertificate;
  }
  return chain;
}

/** TCP connect, then a TLS handshake with SNI `host`, each within `timeoutMs`; checks chain and name. */
export function probeTls(host: string, address: string, port: number, store: TrustStore, timeoutMs: number): Promise<TlsObservation> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let connectMs: number | undefined;
    let done = false;
    const socket = net.connect({ host: address, port });
    let secure: tls.TLSSocket | undefined;
    const finish = (o: Omit<TlsObservation, 'host' | 'address' | 'port' | 'connectMs'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      secure?.destroy();
      socket.destroy();
      resolve({ host, address, port, connectMs, ...o });
    };
    let timer = setTimeout(() => afterPendingIo(() => finish({ failedAt: 'connect', error: 'timeout' })), timeoutMs);
    // `on`, not `once`: an error after the verdict (the socket is being torn down) must not go unhandled
    socket.on('error', (e: NodeJS.ErrnoException) => finish({ failedAt: connectMs === undefined ? 'connect' : 'handshake', error: e.code ?? e.message }));
    socket.once('connect', () => {
      if (done) return;
      connectMs = performance.now() - t0;
      clearTimeout(timer);
      timer = setTimeout(() => afterPendingIo(() => finish({ failedAt: 'handshake', error: `no handshake within ${timeoutMs} ms` })), timeoutMs);
      secure = tls.connect({ socket, servername: host, secureContext: store.context, rejectUnauthorized: false });
      secure.on('error', (e: NodeJS.ErrnoException) => finish({ failedAt: 'handshake', error: e.code ?? e.message }));
      secure.once('secureConnect', () => {
        const s = secure!;
        const handshakeMs = performance.now() - t0 - connectMs!;
        const peer = s.getPeerCertificate(true);
        const nameError = peer && peer.subject !== undefined ? tls.checkServerIdentity(host, peer) : new Error('no certificate');
        finish({
          handshakeMs, protocol: s.getProtocol() ?? undefined, trusted: s.authorized,
          trustError: s.authorized ? undefined : String(s.authorizationError ?? 'unknown'),
          nameError: nameError?.message, chain: peer && peer.subject !== undefined ? summarizeChain(peer) : [],
        });
      });
    });
  });
}

/**
 * A STUN Binding request (with FINGERPRINT) to `address:port` over a connected UDP socket, retransmitted at
 * 500 ms, 1 s, 2 s ... until `timeoutMs`. An ICMP port unreachable ends it early (ECONNREFUSED).
 */
export function probeStun(address: string, port: number, timeoutMs: number, software = 'cdk-connect-dx doctor'): Promise<StunObservation> {
  return new Promise((resolve) => {
    const tid = randomBytes(12);
    const request = bindingRequest(tid, software);
    const socket = dgram.createSocket(net.isIPv6(address) ? 'udp6' : 'udp4');
    let sent = 0;
    let t0 = 0;
    let retransmit: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (o: Omit<StunObservation, 'address' | 'port' | 'sent'>) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      clearTimeout(retransmit);
      socket.close();
      resolve({ address, port, sent, ...o });
    };
    const deadline = setTimeout(() => afterPendingIo(() => finish({ error: 'timeout' })), timeoutMs);
    const send = (interval: number) => {
      if (done) return;
      socket.send(request, (e) => { if (e) finish({ error: (e as NodeJS.ErrnoException).code ?? e.message }); });
      sent++;
      retransmit = setTimeout(() => send(interval * 2), interval);
    };
    socket.on('error', (e: NodeJS.ErrnoException) => finish({ error: e.code ?? e.message }));
    socket.on('message', (msg) => {
      const r = readBindingResponse(msg, tid);
      if (!r.ok && /another transaction id/.test(r.reason)) return; // a stray datagram: keep waiting
      const rttMs = performance.now() - t0;
      finish(r.ok ? { rttMs, mapped: { address: r.mapped.address, port: r.mapped.port } } : { rttMs, error: r.reason });
    });
    socket.connect(port, address, () => {
      if (done) return;
      t0 = performance.now();
      send(STUN_RTO_MS);
    });
  });
}

/** Runs `ip -j -force -batch -` with the commands on stdin; returns one parsed JSON object per answered command. */
function ipBatch(commands: string[], timeoutMs: number): Promise<{ answers: Array<Record<string, unknown>>; error?: string }> {
  return new Promise((resolve) => {
    const child = execFile('ip', ['-j', '-force', '-batch', '-'], { timeout: timeoutMs, encoding: 'utf8' }, (e, stdout, stderr) => {
      if (e && (e as NodeJS.ErrnoException).code === 'ENOENT') {
        resolve({ answers: [], error: 'ENOENT' });
        return;
      }
      const answers: Array<Record<string, unknown>> = [];
      for (const line of stdout.split('\n')) {
        if (line.trim() === '') continue;
        try {
          const parsed = JSON.parse(line) as Array<Record<string, unknown>>;
          if (parsed[0] !== undefined) answers.push(parsed[0]);
        } catch {
          // a line ip could not answer as JSON: its command is reported as unanswered below
        }
      }
      resolve({ answers, error: e ? (stderr || e.message).trim().replace(/RTNETLINK answers: /g, '') : undefined });
    });
    child.stdin?.end(commands.map((c) => `${c}\n`).join(''));
  });
}

/**
 * The kernel's routes to the addresses, in one `ip` process: `route get ADDR` (dev, gateway, source) for each, then
 * `route get fibmatch ADDR` (the matching route: prefix or `default`, protocol). Sends nothing.
 */
export async function routesTo(addresses: ReadonlyMap<string, string[]>, timeoutMs: number): Promise<{ routes: RouteObservation[]; missingTool: boolean }> {
  const list = [...addresses.keys()];
  const [get, fib] = await Promise.all([
    ipBatch(list.map((a) => `route get ${a}`), timeoutMs),
    ipBatch(list.map((a) => `route get fibmatch ${a}`), timeoutMs),
  ]);
  if (get.error === 'ENOENT') return { routes: [], missingTool: true };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const byDst = new Map(get.answers.map((g) => [str(g.dst) ?? '', g]));
  // fibmatch answers carry the route, not the address: they line up with the addresses `route get` answered
  const answered = list.filter((a) => byDst.has(a));
  const fibOf = new Map(fib.answers.length === answered.length ? answered.map((a, i) => [a, fib.answers[i]]) : []);
  const failures = batchFailures(get.error);
  const routes = list.map((address): RouteObservation => {
    const g = byDst.get(address);
    const hosts = addresses.get(address) ?? [];
    if (g === undefined) return { address, hosts, error: failures.get(list.indexOf(address) + 1) ?? get.error ?? 'no route' };
    const f = fibOf.get(address) ?? {};
    return { address, hosts, dev: str(g.dev), gateway: str(g.gateway), prefsrc: str(g.prefsrc), routeDst: str(f.dst), protocol: str(f.protocol) };
  });
  return { routes, missingTool: false };
}

/** Whether the machine has a network interface of that name (`ip -j link show dev NAME`); undefined without `ip`. */
export function interfaceExists(name: string, timeoutMs: number): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    execFile('ip', ['-j', 'link', 'show', 'dev', name], { timeout: timeoutMs }, (e) => {
      resolve(e && (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : !e);
    });
  });
}

/** `ip -force -batch` reports a failed command as its error line, then `Command failed -:LINE`: line number -> error. */
function batchFailures(stderr: string | undefined): Map<number, string> {
  const out = new Map<number, string>();
  let reason = '';
  for (const line of (stderr ?? '').split('\n').map((l) => l.trim())) {
    const m = /^Command failed -:(\d+)$/.exec(line);
    if (m) out.set(Number(m[1]), reason || 'no route');
    else if (line !== '') reason = line.replace(/^RTNETLINK answers: /, '');
  }
  return out;
}

/**
 * `cdk-connect-dx doctor`: checks from an agent network that Amazon Connect works and takes the Direct Connect
 * path. It resolves every concrete host of the endpoint catalog, shakes hands with the HTTPS hosts, sends a STUN
 * Binding request to the TurnNlb hosts, compares the mapped address with the advertised prefixes, asks the kernel
 * which way each address goes, and reads the proxy variables. Traffic goes only to the catalog's hosts and the
 * resolver. Exit 0 when nothing failed, 1 when a check failed, 2 on bad usage, 3 when nothing could be tested.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { FlagSpec, helpText, intFlag, oneOf, parseFlags, UsageError } from '../args';
import { CONNECT_REGION_FLAGS, connectRegionsFromFlags } from '../connect-region-flags';
import { doctorLatency } from './doctor/latency';
import { CliIo, CommandEntry, writeJson } from '../io';
import { SUMMARIES } from '../summaries';
import {
  createResolver, interfaceExists, limiter, loadTrustStore, PROBE_CONCURRENCY, probeStun, probeTls, resolveHost, routesTo,
} from '../../doctor/probes';
import { ConnectEndpointCatalog } from '../../connect-endpoints/catalog';
import {
  DnsObservation, judgeDns, judgeNat, judgeProxy, judgeRoute, judgeTls, judgeTurn, judgeWildcard, StunObservation,
} from '../../doctor/checks';
import { AdvertisedPrefixes, advertisedPrefixesFromContext, HostPlan, parsePrefixList, planProbes } from '../../doctor/plan';
import { CHECK_NAMES, CheckName, DoctorReport, exitCodeOf, Finding, renderText, reportDocument } from '../../doctor/report';
import { IpRangesDocument, parseIpRangesDocument } from '../../ip-ranges/engine';

const COMMAND = 'doctor';
const DEFAULT_TIMEOUT_MS = 2000;

const SPECS: FlagSpec[] = [
  { name: 'region', kind: 'string', value: 'REGION',
    help: `the instance Region: ${ConnectEndpointCatalog.knownRegions().join(', ')} (or --connect-region for the set)` },
  ...CONNECT_REGION_FLAGS,
  { name: 'alias', kind: 'string', value: 'ALIAS', required: true, help: 'the instance alias (the ALIAS in ALIAS.my.connect.aws)' },
  { name: 'interface', kind: 'string', value: 'IFACE', help: 'the Direct Connect (sub-)interface routes should leave through, e.g. eth1.101' },
  { name: 'advertised-prefixes', kind: 'string', value: 'CIDR,...',
    help: 'the prefixes advertised on the public VIF (default: routeFilterPrefixes from cdk.json when run in the project)' },
  { name: 'ip-ranges', kind: 'string', value: 'FILE', help: 'a saved ip-ranges.json, to name the AWS service and Region of addresses' },
  { name: 'resolver', kind: 'string', value: 'IP[:PORT]', help: 'the DNS server to ask (default: the system\'s), e.g. 10.0.0.2 or [2001:db8::53]:53' },
  { name: 'ca-file', kind: 'string', value: 'PEM', help: 'extra CA certificates to trust besides the system store (e.g. a proxy\'s CA)' },
  { name: 'timeout-ms', kind: 'string', value: 'N', help: `timeout of every probe, 100-60000 (default ${DEFAULT_TIMEOUT_MS})` },
  { name: 'only', kind: 'string', value: 'CHECK,...', help: `run only these checks: ${CHECK_NAMES.join(',')} (default all)` },
  { name: 'json', kind: 'boolean', help: 'print one JSON document instead of text' },
  { name: 'latency', kind: 'boolean', help: 'time every Amazon Connect Region instead and rank them (doctor --latency --help)' },
];

const SUMMARY = SUMMARIES.doctor;

/** Checked options. */
interface DoctorOptions {
  readonly region: string;
  readonly regions: string[];
  readonly alias: string;
  readonly catalog: ConnectEndpointCatalog;
  readonly checks: CheckName[];
  readonly interface?: string;
  readonly advertised: AdvertisedPrefixes;
  readonly ipRanges?: IpRangesDocument;
  readonly resolver?: string;
  readonly caPem?: string;
  readonly caFile?: string;
  readonly timeoutMs: number;
  readonly json: boolean;
}

/** Test seams: where cdk.json is looked for, and the environment the proxy check reads. */
export interface DoctorDeps {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A Linux interface name: 1-15 characters, no slash, whitespace or colon-only. */
const INTERFACE_NAME = /^[A-Za-z0-9_.@-][A-Za-z0-9_.@:-]{0,14}$/;

function readFileFlag(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--${flag} cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function checkResolver(value: string): string {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  const v4 = /^([\d.]+)(?::(\d{1,5}))?$/.exec(value);
  const [ip, port] = bracketed ? [bracketed[1], bracketed[2]] : v4 ? [v4[1], v4[2]] : [value, undefined];
  const family = net.isIP(ip);
  const portOk = port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
  if (family === 0 || !portOk || (bracketed && family !== 6) || (v4 && family !== 4)) {
    throw new UsageError(`--resolver must be IP or IP:PORT (IPv6 as [IP]:PORT), e.g. 10.0.0.2, 10.0.0.2:5353 or [2001:db8::53]:53, got '${value}'`);
  }
  return value;
}

function checkCaFile(file: string): string {
  const pem = readFileFlag('ca-file', file);
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new UsageError(`--ca-file '${file}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  blocks.forEach((b, i) => {
    try {
      new X509Certificate(b);
    } catch (e) {
      throw new UsageError(`--ca-file '${file}': certificate ${i + 1} cannot be read: ${(e as Error).message}`);
    }
  });
  return pem;
}

function readJsonIfPresent(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function checkOptions(argv: string[], cwd: string): DoctorOptions | undefined {
  const flags = parseFlags(COMMAND, argv, SPECS);
  if (flags.help) return undefined;
  if (flags.strings.region !== undefined && flags.strings['connect-region'] !== undefined) {
    throw new UsageError('--region and --connect-region both name the Amazon Connect Regions; give one (--connect-region us-east-1,us-west-2 for several)');
  }
  if (flags.strings.region !== undefined) oneOf('region', flags.strings.region, ConnectEndpointCatalog.knownRegions());
  const selection = connectRegionsFromFlags(flags.strings, { value: flags.strings.region, flag: 'region' });
  if (selection === undefined) {
    throw new UsageError('--connect-region is required: REGION[,REGION] (the Amazon Connect Regions), or --region REGION, or the Global Resiliency pair');
  }
  const alias = flags.strings.alias;
  let catalog: ConnectEndpointCatalog;
  try {
    catalog = ConnectEndpointCatalog.forRegions(selection.regions, {
      instanceAlias: alias, replicaAlias: selection.replicaAlias,
      features: selection.globalResiliency === undefined ? [] : [selection.globalResiliency],
    });
  } catch (e) {
    throw new UsageError(`--alias: ${(e as Error).message}`);
  }
  const region = catalog.region;
  const regions = catalog.regions;
  const onlyGiven = flags.strings.only !== undefined;
  const checks = onlyGiven
    ? [...new Set(flags.strings.only.split(',').map((c) => oneOf('only', c.trim(), CHECK_NAMES) as CheckName))]
    : [...CHECK_NAMES];
  const iface = flags.strings.interface;
  if (iface !== undefined && !INTERFACE_NAME.test(iface)) {
    throw new UsageError(`--interface must be a network interface name (1-15 letters, digits, '.', '-', '_', '@', ':'), e.g. eth1.101, got '${iface}'`);
  }
  let advertised: AdvertisedPrefixes;
  if (flags.strings['advertised-prefixes'] !== undefined) {
    try {
      advertised = { prefixes: parsePrefixList(flags.strings['advertised-prefixes']), source: '--advertised-prefixes' };
    } catch (e) {
      throw new UsageError(`--advertised-prefixes ${(e as Error).message}`);
    }
  } else {
    advertised = advertisedPrefixesFromContext(readJsonIfPresent(path.join(cwd, 'cdk.json')), readJsonIfPresent(path.join(cwd, 'cdk.context.json')));
    if (onlyGiven && checks.includes('nat') && advertised.prefixes === undefined) {
      throw new UsageError(`--only nat needs the advertised prefixes: ${advertised.missing}`);
    }
  }
  let ipRanges: IpRangesDocument | undefined;
  if (flags.strings['ip-ranges'] !== undefined) {
    const file = flags.strings['ip-ranges'];
    try {
      ipRanges = parseIpRangesDocument(readFileFlag('ip-ranges', file));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`--ip-ranges '${file}': ${(e as Error).message}`);
    }
  }
  const resolver = flags.strings.resolver === undefined ? undefined : checkResolver(flags.strings.resolver);
  const caFile = flags.strings['ca-file'];
  const caPem = caFile === undefined ? undefined : checkCaFile(caFile);
  const timeoutMs = flags.strings['timeout-ms'] === undefined ? DEFAULT_TIMEOUT_MS : intFlag('timeout-ms', flags.strings['timeout-ms'], 100, 60000);
  return { region, regions, alias, catalog, checks, interface: iface, advertised, ipRanges, resolver, caPem, caFile, timeoutMs, json: flags.booleans.json === true };
}

/** The Amazon Connect Regions of a planned host (the run's first Region when the plan does not say). */
function regionsOf(h: HostPlan, o: DoctorOptions): string[] {
  return h.regions !== undefined && h.regions.length > 0 ? h.regions : [o.region];
}

/** The finding with the Amazon Connect Regions of its host (for the per-Region summary). */
function tag(f: Finding, regions: readonly string[]): Finding {
  return { ...f, regions };
}

/** Runs every probe the checks need and returns the report. */
export async function runDoctor(o: DoctorOptions, env: Readonly<Record<string, string | undefined>>): Promise<DoctorReport> {
  const t0 = performance.now();
  const plan = planProbes(o.catalog);
  const want = (c: CheckName) => o.checks.includes(c);
  const limit = limiter(PROBE_CONCURRENCY);
  const { resolver, description } = createResolver(o.timeoutMs, o.resolver);

  // 1. DNS for every concrete host (every other check probes the addresses it gives).
  const dns = await Promise.all(plan.hosts.map((h) => limit(() => resolveHost(resolver, h.host))));
  const addressesOf = new Map<string, DnsObservation>(plan.hosts.map((h, i) => [h.host, dns[i]]));

  // 2. TLS, STUN and routes in parallel, under one cap.
  const store = want('tls') ? loadTrustStore(o.caPem, o.caFile) : undefined;
  const tlsHosts = plan.hosts.filter((h) => h.tlsPort !== undefined);
  const turnHosts = plan.hosts.filter((h) => h.turnPort !== undefined);
  const tlsRuns = want('tls')
    ? tlsHosts.map((h) => {
      const address = addressesOf.get(h.host)!.addresses[0];
      return address === undefined ? Promise.resolve(undefined) : limit(() => probeTls(h.host, address, h.tlsPort!, store!, o.timeoutMs));
    })
    : [];
  const stunRuns = want('turn') || want('nat')
    ? turnHosts.map((h) => Promise.all(addressesOf.get(h.host)!.addresses.map((a) => limit(() => probeStun(a, h.turnPort!, o.timeoutMs)))))
    : [];
  const routeHosts = new Map<string, string[]>();
  for (const d of dns) for (const a of d.addresses) routeHosts.set(a, [...(routeHosts.get(a) ?? []), d.host]);
  const routeRun = want('route') ? routesTo(routeHosts, o.timeoutMs) : Promise.resolve({ routes: [], missingTool: false });
  const ifaceRun = want('route') && o.interface !== undefined ? interfaceExists(o.interface, o.timeoutMs) : Promise.resolve(undefined);
  const [tlsResults, stunResults, routeResults, ifacePresent] = await Promise.all([Promise.all(tlsRuns), Promise.all(stunRuns), routeRun, ifaceRun]);

  // 3. Verdicts, in check order.
  const findings: Finding[] = [];
  if (want('dns')) {
    findings.push(...dns.map((d, i) => tag(judgeDns(d, description, regionsOf(plan.hosts[i], o)[0], o.timeoutMs), regionsOf(plan.hosts[i], o))),
      ...plan.wildcards.map(judgeWildcard));
  }
  if (want('tls')) {
    tlsHosts.forEach((h, i) => {
      const r = tlsResults[i];
      findings.push(tag(r !== undefined ? judgeTls(r, o.timeoutMs)
        : { check: 'tls', status: 'SKIP', target: `${h.host}:${h.tlsPort}`, seen: 'no address to connect to (see dns)' }, regionsOf(h, o)));
    });
  }
  const stunOf = (i: number): StunObservation[] => stunResults[i] ?? [];
  if (want('turn')) {
    turnHosts.forEach((h, i) => findings.push(tag(judgeTurn(h, addressesOf.get(h.host)!.addresses, stunOf(i), regionsOf(h, o)[0], o.timeoutMs), regionsOf(h, o))));
  }
  if (want('route')) {
    if (routeResults.missingTool) {
      findings.push({ check: 'route', status: 'SKIP', target: 'kernel', seen: "the route check needs iproute2's 'ip' command (Linux); it is not on PATH" });
    } else {
      if (ifacePresent === false) {
        findings.push({ check: 'route', status: 'FAIL', target: o.interface!, seen: `this machine has no interface ${o.interface}`,
          action: 'run the doctor where the Direct Connect interface is (the edge router, or a host whose routing table carries the ' +
            'public VIF routes), with --interface as `ip link` names it' });
      }
      findings.push(...routeResults.routes.map((r) => judgeRoute(r, o.interface, o.region, o.ipRanges)));
    }
  }
  if (want('nat')) {
    turnHosts.forEach((h, i) => findings.push(judgeNat(h, stunOf(i), o.advertised.prefixes, o.advertised.missing)));
  }
  if (want('proxy')) {
    findings.push(...judgeProxy(env, plan.hosts.map((h) => ({ host: h, addresses: addressesOf.get(h.host)!.addresses })), plan.wildcards));
  }
  // A selected check that found nothing to test says so (a SKIP line), so a run never reports a bare 0 of everything.
  for (const check of o.checks) {
    if (!findings.some((f) => f.check === check)) {
      findings.push({ check, status: 'SKIP', target: 'all hosts',
        seen: `nothing to test: no host of the catalog resolved through ${description}, so there is no address to check`,
        action: 'run the dns check (--only dns) to see why the names do not resolve' });
    }
  }
  findings.sort((a, b) => CHECK_NAMES.indexOf(a.check) - CHECK_NAMES.indexOf(b.check));
  return {
    context: {
      region: o.region, regions: o.regions, alias: o.alias, checks: o.checks, resolver: description, interface: o.interface,
      advertisedPrefixes: o.advertised.prefixes, advertisedPrefixesSource: o.advertised.source, timeoutMs: o.timeoutMs,
    },
    findings,
    durationMs: performance.now() - t0,
  };
}

/** Runs `doctor`. */
export async function doctor(argv: string[], io: CliIo, deps: DoctorDeps = {}): Promise<number> {
  const options = checkOptions(argv, deps.cwd ?? process.cwd());
  if (options === undefined) {
    io.out(helpText(COMMAND, `${SUMMARY}.\n\nRun it on an agent workstation, a jump host or the edge router. Each check prints ` +
      'PASS, WARN, FAIL or SKIP per host with what it saw and what to do, then a summary. Traffic goes only to the hosts ' +
      'of the endpoint catalog and to the resolver. Exit 0 when nothing failed, 1 when a check failed, 2 on bad usage, ' +
      '3 when nothing could be tested (every line SKIP).', SPECS));
    return 0;
  }
  const report = await runDoctor(options, deps.env ?? process.env);
  if (options.json) writeJson(io, reportDocument(report));
  else io.out(renderText(report));
  return exitCodeOf(report.findings);
}

/** The subcommand entry for `commands.ts`. */
export const doctorEntry: CommandEntry = {
  summary: SUMMARY,
  run: (argv, io) => (argv.includes('--latency') ? doctorLatency(argv, io) : doctor(argv, io)),
};

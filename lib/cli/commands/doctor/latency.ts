/**
 * `cdk-connect-dx doctor --latency`: times, from this network, a TLS handshake to a TCP 443 endpoint and a STUN
 * Binding request to the TURN endpoint of every Amazon Connect Region, several samples each, and prints the Regions
 * ranked by median round trip. Traffic goes only to those catalog hosts (or to the targets of
 * `CDK_CONNECT_DX_LATENCY_TARGETS`). Exit 0 when at least one Region answered, 1 when none did, 2 on bad usage.
 */
import { isIP } from 'node:net';
import { FlagSpec, helpText, intFlag, oneOf, parseFlags, UsageError } from '../../args';
import { createResolver, loadTrustStore, probeStun, probeTls, resolveHost } from '../../../doctor/probes';
import { connectRegionsFromFlags } from '../../connect-region-flags';
import { CliIo, writeJson } from '../../io';
import { ConnectEndpointCatalog } from '../../../connect-endpoints/catalog';
import {
  LATENCY_GUIDANCE, LATENCY_TARGETS_ENV, latencyDocument, LatencyEndpoint, LatencyTarget, parseTargetOverride, rankLatency, RegionSamples,
  renderLatencyText, targetsFromCatalog,
} from '../../../doctor/latency';

const COMMAND = 'doctor --latency';
const DEFAULT_SAMPLES = 5;
const DEFAULT_TIMEOUT_MS = 2000;

const SPECS: FlagSpec[] = [
  { name: 'latency', kind: 'boolean', help: 'time the round trip to every Amazon Connect Region instead of the checks' },
  { name: 'region', kind: 'string', value: 'REGION', help: 'the instance Region, marked * in the ranking (optional)' },
  { name: 'connect-region', kind: 'string', value: 'REGION[,REGION]', help: 'the instance\'s Amazon Connect Regions (a Global Resiliency pair), each marked *' },
  { name: 'samples', kind: 'string', value: 'N', help: `samples of each probe per Region, 1-50 (default ${DEFAULT_SAMPLES})` },
  { name: 'timeout-ms', kind: 'string', value: 'N', help: `timeout of every probe, 100-60000 (default ${DEFAULT_TIMEOUT_MS})` },
  { name: 'json', kind: 'boolean', help: 'print one JSON document instead of text' },
];

/** Test seam: the environment the target override is read from. */
export interface LatencyDeps {
  readonly env?: Readonly<Record<string, string | undefined>>;
}

async function addressOf(e: LatencyEndpoint, timeoutMs: number): Promise<string> {
  if (e.address !== undefined) return e.address;
  const { resolver } = createResolver(timeoutMs);
  const d = await resolveHost(resolver, e.host);
  if (d.addresses.length === 0) throw new Error(`dns: ${d.error ?? 'no address'}`);
  return d.addresses[0];
}

/** Samples one Region: `samples` times a TLS handshake then a STUN request, one after the other. */
async function sampleRegion(t: LatencyTarget, samples: number, timeoutMs: number): Promise<RegionSamples> {
  const r: RegionSamples = { target: t, tlsMs: [], stunMs: [], failures: [] };
  const store = loadTrustStore();
  let tlsAddress: string | undefined;
  let stunAddress: string | undefined;
  try {
    tlsAddress = t.tls ? await addressOf(t.tls, timeoutMs) : undefined;
  } catch (e) {
    r.failures.push(`tls ${(e as Error).message}`);
  }
  try {
    stunAddress = t.stun ? await addressOf(t.stun, timeoutMs) : undefined;
  } catch (e) {
    r.failures.push(`stun ${(e as Error).message}`);
  }
  for (let i = 0; i < samples; i++) {
    if (t.tls && tlsAddress !== undefined) {
      // an address given as the target has no name to send as SNI (RFC 6066 forbids an address there)
      const o = await probeTls(isIP(t.tls.host) ? '' : t.tls.host, tlsAddress, t.tls.port, store, timeoutMs);
      // a TLS 1.3 handshake takes one round trip, a TLS 1.2 one two
      if (o.handshakeMs !== undefined) r.tlsMs.push(o.handshakeMs / (o.protocol === 'TLSv1.3' ? 1 : 2));
      else r.failures.push(`tls: ${o.error ?? 'failed'}`);
    }
    if (t.stun && stunAddress !== undefined) {
      const o = await probeStun(stunAddress, t.stun.port, timeoutMs);
      // a retransmitted request's answer may belong to the first send: only single-send samples are round trips
      if (o.rttMs !== undefined && o.error === undefined && o.sent === 1) r.stunMs.push(o.rttMs);
      else r.failures.push(`stun: ${o.error ?? (o.sent > 1 ? 'answered after a retransmission' : 'failed')}`);
    }
  }
  return r;
}

/** Runs `doctor --latency`. */
export async function doctorLatency(argv: string[], io: CliIo, deps: LatencyDeps = {}): Promise<number> {
  const flags = parseFlags(COMMAND, argv, SPECS);
  if (flags.help) {
    io.out(helpText(COMMAND, 'Time the round trip from this network to every Amazon Connect Region and rank them.\n\n' +
      'Each sample is a TLS handshake to a TCP 443 endpoint of the Region and a STUN Binding request to its TURN ' +
      `endpoint (from the endpoint catalog). Regions are ranked by the median of their round trips; the instance Region ` +
      `(--region or --connect-region) is marked *, and a Region above AWS's guidance (${LATENCY_GUIDANCE.thresholdMs} ms, ${LATENCY_GUIDANCE.url}) ` +
      `is marked !. ${LATENCY_TARGETS_ENV}='REGION=tls:HOST:PORT,stun:HOST:PORT;...' times those targets instead (tests, private paths). ` +
      'Exit 0 when a Region answered, 1 when none did, 2 on bad usage.', SPECS));
    return 0;
  }
  if (flags.strings.region !== undefined && flags.strings['connect-region'] !== undefined) {
    throw new UsageError('--region and --connect-region both name the instance\'s Regions; give one (--connect-region us-east-1,us-west-2 for several)');
  }
  if (flags.strings.region !== undefined) oneOf('region', flags.strings.region, ConnectEndpointCatalog.knownRegions());
  const instanceRegions = connectRegionsFromFlags(flags.strings, { value: flags.strings.region, flag: 'region' })?.regions ?? [];
  const samples = flags.strings.samples === undefined ? DEFAULT_SAMPLES : intFlag('samples', flags.strings.samples, 1, 50);
  const timeoutMs = flags.strings['timeout-ms'] === undefined ? DEFAULT_TIMEOUT_MS : intFlag('timeout-ms', flags.strings['timeout-ms'], 100, 60000);
  const override = (deps.env ?? process.env)[LATENCY_TARGETS_ENV];
  let targets: LatencyTarget[];
  try {
    targets = override !== undefined && override !== '' ? parseTargetOverride(override) : targetsFromCatalog();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  // Regions in parallel (each its own sockets), samples of a Region one after the other
  const results = await Promise.all(targets.map((t) => sampleRegion(t, samples, timeoutMs)));
  const rows = rankLatency(results, instanceRegions);
  const context = { samples, instanceRegions, overridden: override !== undefined && override !== '' };
  if (flags.booleans.json) writeJson(io, latencyDocument(rows, context));
  else io.out(renderLatencyText(rows, context));
  return rows.some((r) => r.medianMs !== undefined) ? 0 : 1;
}

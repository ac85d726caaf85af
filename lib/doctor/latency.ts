/**
 * `doctor --latency`, the pure part: which endpoint of each Amazon Connect Region is timed (from the endpoint
 * catalog, or an override for tests and private paths), the statistics of the samples, the ranking, the call-quality
 * guidance each Region is judged against, and the text and JSON renderings. The probes live in the CLI
 * (`lib/cli/commands/doctor/latency.ts`).
 */
import { ConnectEndpointCatalog } from '../connect-endpoints/catalog';
import { planProbes } from './plan';

/**
 * AWS's guidance on the agents' round trip and call quality: the one table of this fact.
 * Source, date read: Amazon Connect Administrator Guide, "Design your Amazon Connect contact center for low latency
 * to help ensure call quality", read 2026-12-07: when agents (and numbers) sit in another Region than the instance,
 * "call latency will be extended above 500 ms (WebRTC RTT)", which can cause call quality issues. AWS's pages name no
 * lower figure (the 300 ms sometimes quoted is ITU-T G.114's one-way 150 ms doubled, not an AWS figure).
 */
export const LATENCY_GUIDANCE = {
  thresholdMs: 500,
  url: 'https://docs.aws.amazon.com/connect/latest/adminguide/low-latency-design.html',
  date: '2026-12-07',
  text: 'AWS: a WebRTC round trip above 500 ms can cause call quality issues',
} as const;

/** An endpoint to time. */
export interface LatencyEndpoint {
  /** The host name (TLS server name), or the address when overridden. */
  readonly host: string;
  readonly port: number;
  /** The address to connect to; undefined: resolve `host`. */
  readonly address?: string;
}

/** What is timed for one Region. */
export interface LatencyTarget {
  readonly region: string;
  /** A TCP 443 endpoint of the Region (TLS handshake). */
  readonly tls?: LatencyEndpoint;
  /** A TURN endpoint of the Region (STUN Binding request over UDP 3478). */
  readonly stun?: LatencyEndpoint;
}

/**
 * One target per Amazon Connect Region from the catalog: the first TCP 443 host whose name carries the Region
 * (`participant.connect.<region>.amazonaws.com`) and the first TurnNlb host.
 */
export function targetsFromCatalog(): LatencyTarget[] {
  return ConnectEndpointCatalog.knownRegions().map((region) => {
    const hosts = planProbes(ConnectEndpointCatalog.forRegion(region)).hosts;
    const tls = hosts.find((h) => h.tlsPort !== undefined && h.host.toLowerCase().includes(`.${region}.`));
    const turn = hosts.find((h) => h.turnPort !== undefined);
    return {
      region,
      tls: tls ? { host: tls.host, port: tls.tlsPort! } : undefined,
      stun: turn ? { host: turn.host, port: turn.turnPort! } : undefined,
    };
  });
}

/** The environment variable that overrides the targets (tests, or a private path to each Region). */
export const LATENCY_TARGETS_ENV = 'CDK_CONNECT_DX_LATENCY_TARGETS';

const ENDPOINT = /^(tls|stun):(\[[0-9a-fA-F:.]+\]|[0-9.]+|[A-Za-z0-9.-]+):(\d{1,5})$/;

/**
 * Parses `REGION=tls:HOST:PORT,stun:HOST:PORT;REGION=...` (IPv6 addresses in brackets). Only the Regions listed are
 * timed. Throws with the part it cannot read.
 */
export function parseTargetOverride(text: string): LatencyTarget[] {
  const targets: LatencyTarget[] = [];
  for (const part of text.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    const region = part.slice(0, eq).trim();
    if (eq < 1 || !/^[a-z]{2,4}(-[a-z]+){1,2}-\d$/.test(region)) {
      throw new Error(`${LATENCY_TARGETS_ENV}: '${part}' must start with a Region code and '=', e.g. us-east-1=tls:10.0.0.1:443,stun:10.0.0.1:3478`);
    }
    const t: { region: string; tls?: LatencyEndpoint; stun?: LatencyEndpoint } = { region };
    for (const item of part.slice(eq + 1).split(',').map((s) => s.trim())) {
      const m = ENDPOINT.exec(item);
      if (!m || Number(m[3]) < 1 || Number(m[3]) > 65535) {
        throw new Error(`${LATENCY_TARGETS_ENV}: '${item}' (${region}) must be tls:HOST:PORT or stun:HOST:PORT`);
      }
      const host = m[2].replace(/^\[|\]$/g, '');
      t[m[1] as 'tls' | 'stun'] = { host, port: Number(m[3]), address: /^[0-9.]+$|:/.test(host) ? host : undefined };
    }
    if (targets.some((x) => x.region === region)) throw new Error(`${LATENCY_TARGETS_ENV}: ${region} is given twice`);
    targets.push(t);
  }
  if (targets.length === 0) throw new Error(`${LATENCY_TARGETS_ENV} is set but names no Region`);
  return targets;
}

/** Median, spread (max - min), min and max of samples (ms); undefined for none. */
export interface SampleStats {
  readonly medianMs: number;
  readonly spreadMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly count: number;
}

export function statsOf(samples: readonly number[]): SampleStats | undefined {
  if (samples.length === 0) return undefined;
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { medianMs: round1(median), spreadMs: round1(s[s.length - 1] - s[0]), minMs: round1(s[0]), maxMs: round1(s[s.length - 1]), count: s.length };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The samples of one Region: each is one round trip (TLS handshake or STUN Binding transaction). */
export interface RegionSamples {
  readonly target: LatencyTarget;
  readonly tlsMs: number[];
  readonly stunMs: number[];
  /** Why probes failed (one entry per failure, e.g. `tls: ECONNREFUSED`). */
  readonly failures: string[];
}

/** One Region's result, ranked. */
export interface RegionLatency {
  /** 1 = nearest; undefined when nothing answered. */
  readonly rank?: number;
  readonly region: string;
  /** Median of every round trip measured (TLS and STUN together). */
  readonly medianMs?: number;
  readonly spreadMs?: number;
  readonly tls?: SampleStats;
  readonly stun?: SampleStats;
  readonly instanceRegion: boolean;
  readonly aboveGuidance: boolean;
  readonly failures: string[];
  readonly tlsTarget?: string;
  readonly stunTarget?: string;
}

/** Ranks Regions by median round trip (lowest first); Regions where nothing answered come last, by name. */
export function rankLatency(results: readonly RegionSamples[], instanceRegions: readonly string[] = []): RegionLatency[] {
  const rows = results.map((r) => {
    const all = statsOf([...r.tlsMs, ...r.stunMs]);
    const where = (e?: LatencyEndpoint) => (e ? `${e.host}:${e.port}` : undefined);
    return {
      region: r.target.region, medianMs: all?.medianMs, spreadMs: all?.spreadMs,
      tls: statsOf(r.tlsMs), stun: statsOf(r.stunMs),
      instanceRegion: instanceRegions.includes(r.target.region),
      aboveGuidance: all !== undefined && all.medianMs > LATENCY_GUIDANCE.thresholdMs,
      failures: r.failures, tlsTarget: where(r.target.tls), stunTarget: where(r.target.stun),
    };
  });
  rows.sort((a, b) => (a.medianMs ?? Infinity) - (b.medianMs ?? Infinity) || a.region.localeCompare(b.region));
  let rank = 0;
  return rows.map((r) => (r.medianMs === undefined ? r : { ...r, rank: ++rank }));
}

/** The report's context. */
export interface LatencyContext {
  readonly samples: number;
  /** The instance's Amazon Connect Regions (`--region` or `--connect-region`), marked `*`. */
  readonly instanceRegions: readonly string[];
  readonly overridden: boolean;
}

const ms = (n?: number) => (n === undefined ? '-' : `${n.toFixed(1)} ms`);

/** Text: one line per Region, ranked, with the marks explained. */
export function renderLatencyText(rows: readonly RegionLatency[], c: LatencyContext): string {
  const out = [`Round trip from this network to each Amazon Connect Region (${c.samples} samples each of a TLS handshake and a STUN Binding request)`
    + `${c.overridden ? `; targets from ${LATENCY_TARGETS_ENV}` : ''}`, ''];
  out.push(`${'rank'.padEnd(5)}${'region'.padEnd(18)}${'median'.padStart(10)}${'spread'.padStart(10)}${'TLS'.padStart(11)}${'STUN'.padStart(11)}  ok`);
  for (const r of rows) {
    const mark = `${r.instanceRegion ? '*' : ''}${r.aboveGuidance ? '!' : ''}`;
    const ok = (r.tls?.count ?? 0) + (r.stun?.count ?? 0);
    out.push(`${String(r.rank ?? '-').padEnd(5)}${`${r.region} ${mark}`.trimEnd().padEnd(18)}${ms(r.medianMs).padStart(10)}${ms(r.spreadMs).padStart(10)}`
      + `${ms(r.tls?.medianMs).padStart(11)}${ms(r.stun?.medianMs).padStart(11)}  ${ok}/${2 * c.samples}`
      + `${r.failures.length > 0 ? `  (${[...new Set(r.failures)].join('; ')})` : ''}`);
  }
  out.push('');
  if (c.instanceRegions.length > 0) out.push(`*  the instance's Amazon Connect Region${c.instanceRegions.length > 1 ? 's' : ''} (${c.instanceRegions.join(', ')})`);
  out.push(`!  median above ${LATENCY_GUIDANCE.thresholdMs} ms: ${LATENCY_GUIDANCE.text} (${LATENCY_GUIDANCE.url}, read ${LATENCY_GUIDANCE.date})`);
  out.push('median and spread (max - min) over every round trip of the Region; TLS and STUN columns are their own medians');
  const nearest = rows.find((r) => r.rank === 1);
  if (nearest) {
    out.push(`nearest: ${nearest.region}${c.instanceRegions.length > 0 && !nearest.instanceRegion ? ` (the instance is in ${c.instanceRegions.join(', ')})` : ''}`);
  }
  return out.join('\n') + '\n';
}

/** JSON: one entry per Region holding at least `region` and `medianMs` (null when nothing answered). */
export function renderLatencyJson(rows: readonly RegionLatency[], c: LatencyContext): string {
  return JSON.stringify(latencyDocument(rows, c), null, 2) + '\n';
}

/** The JSON document's value (the CLI writes it with its one JSON writer). */
export function latencyDocument(rows: readonly RegionLatency[], c: LatencyContext): unknown {
  return {
    samples: c.samples, instanceRegions: c.instanceRegions, overridden: c.overridden,
    guidance: { thresholdMs: LATENCY_GUIDANCE.thresholdMs, url: LATENCY_GUIDANCE.url, date: LATENCY_GUIDANCE.date },
    regions: rows.map((r) => ({ ...r, rank: r.rank ?? null, medianMs: r.medianMs ?? null, spreadMs: r.spreadMs ?? null })),
  };
}

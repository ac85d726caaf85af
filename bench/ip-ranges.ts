/**
 * Benchmark of the ip-ranges engine on the real ip-ranges.json (10,668 IPv4 + 6,160 IPv6 prefixes, 2.6 MB),
 * beside the npm alternatives, in one run:
 *
 * - parse+validate: `JSON.parse` plus per-entry CIDR validation (family, syntax, host bits clear) with
 *   (a) the engine's number-based parser, (b) the bigint parser in lib/private/cidr.ts, (c) ipaddr.js,
 *   (d) ip-address. `JSON.parse` alone is the floor.
 * - select+aggregate: AMAZON_CONNECT, EC2 and CLOUDFRONT for us-east-1, IPv4 and IPv6 (6 selections), with
 *   the engine vs. the same selection merged by cidr-tools `mergeCidr` (results compared).
 * - total: read text -> 6 aggregated lists, engine vs. JSON.parse + cidr-tools (no validation at all).
 *
 * Run: `npm run bench` (or `npx tsx bench/index.ts`).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as esbuild from 'esbuild';
import { Address4, Address6 } from 'ip-address';
import * as ipaddr from 'ipaddr.js';
import { aggregateCidrs, parseIpRangesDocument, selectPrefixes, SELECTION_RULES, RegionRule, GLOBAL_REGION } from '../lib/ip-ranges/engine';
import { parseNet, hostBitsClear } from '../lib/ip-ranges/fast-cidr';
import { parseCidr, isNetworkAddress } from '../lib/private/cidr';
import { IP_RANGES_FILE } from '../test/fixtures';

const DATA = IP_RANGES_FILE;
const REGION = 'us-east-1';
const RUNS = 30;
const WARMUP = 15;
const COLD_RUNS = 7;

interface RawEntry { ip_prefix?: string; ipv6_prefix?: string; region: string; service: string }
interface RawDoc { prefixes: RawEntry[]; ipv6_prefixes: RawEntry[] }

interface Stats { median: number; p95: number }

/**
 * A full garbage collection before each timed call (when Node runs with --expose-gc, as `npm run bench` starts it;
 * alone: `NODE_OPTIONS=--expose-gc npx tsx -e "require('./bench/ip-ranges.ts').run()"`), so that no call pays for the garbage of the one before
 * it: without it, whole runs came out 2-3x slow for the engine now and then, by the garbage the runs before had left.
 */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function measure(fn: () => unknown, runs = RUNS): Stats {
  for (let i = 0; i < WARMUP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collect();
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return stats(times);
}

/**
 * Two implementations timed in alternation (a, b, a, b, ...) after warming both, so that the garbage one leaves and
 * the machine's moments fall on both alike; used where the goal is a comparison.
 */
function measurePair(a: () => unknown, b: () => unknown, runs = RUNS): [Stats, Stats] {
  for (let i = 0; i < WARMUP; i++) { a(); b(); }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [fn, out] of [[a, ta], [b, tb]] as const) {
      collect();
      const t0 = process.hrtime.bigint();
      fn();
      out.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return [stats(ta), stats(tb)];
}

function stats(values: number[]): Stats {
  const times = [...values].sort((a, b) => a - b);
  const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
  const p95 = times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)];
  return { median, p95 };
}

/** JSON.parse plus validation of every prefix with one CIDR checker (throws on a bad one). */
function validateWith(text: string, check4: (s: string) => boolean, check6: (s: string) => boolean): number {
  const doc = JSON.parse(text) as RawDoc;
  let n = 0;
  for (const e of doc.prefixes) { if (!check4(e.ip_prefix!)) throw new Error(`bad ${e.ip_prefix}`); n++; }
  for (const e of doc.ipv6_prefixes) { if (!check6(e.ipv6_prefix!)) throw new Error(`bad ${e.ipv6_prefix}`); n++; }
  return n;
}

const fast4 = (s: string): boolean => { const n = parseNet(s, 4); return n !== undefined && hostBitsClear(n); };
const fast6 = (s: string): boolean => { const n = parseNet(s, 6); return n !== undefined && hostBitsClear(n); };
const bigint4 = (s: string): boolean => { const c = parseCidr(s); return c !== undefined && c.family === 4 && isNetworkAddress(c); };
const bigint6 = (s: string): boolean => { const c = parseCidr(s); return c !== undefined && c.family === 6 && isNetworkAddress(c); };
const ipaddr4 = (s: string): boolean => {
  if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(s)) return false;
  const [addr] = ipaddr.IPv4.parseCIDR(s);
  return ipaddr.IPv4.networkAddressFromCIDR(s).toString() === addr.toString();
};
const ipaddr6 = (s: string): boolean => {
  if (!ipaddr.IPv6.isValidCIDR(s)) return false;
  const [addr] = ipaddr.IPv6.parseCIDR(s);
  return ipaddr.IPv6.networkAddressFromCIDR(s).toString() === addr.toString();
};
const ipAddress4 = (s: string): boolean => {
  if (!Address4.isValid(s)) return false;
  const a = new Address4(s);
  return a.bigInt() === a._startAddress();
};
const ipAddress6 = (s: string): boolean => {
  if (!Address6.isValid(s)) return false;
  const a = new Address6(s);
  return a.bigInt() === a._startAddress();
};

/** The same selection rules as the engine, on the raw JSON, returning unaggregated prefix text. */
function rawSelect(doc: RawDoc, service: string, family: 4 | 6): string[] {
  const rule = SELECTION_RULES.find((r) => r.service === service)!.rule;
  const list = family === 4 ? doc.prefixes : doc.ipv6_prefixes;
  const key = family === 4 ? 'ip_prefix' : 'ipv6_prefix';
  const inRegion: string[] = [];
  const global: string[] = [];
  for (const e of list) {
    if (e.service !== service) continue;
    if (rule === RegionRule.ALL_REGIONS || e.region === REGION) inRegion.push(e[key]!);
    else if (e.region === GLOBAL_REGION) global.push(e[key]!);
  }
  if (rule === RegionRule.GLOBAL_AND_REGION) return inRegion.concat(global);
  if (rule === RegionRule.REGION_ELSE_GLOBAL) return inRegion.length > 0 ? inRegion : global;
  return inRegion;
}

/**
 * The first call in a fresh node process (as in a new Lambda execution environment, where the sync
 * function parses the file once per invocation): the engine is bundled with esbuild, then each of
 * COLD_RUNS child processes times parseIpRangesDocument + the 6 selections once, before any JIT warm-up.
 */
async function coldRuns(): Promise<{ parse: Stats; total: Stats }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ip-ranges-bench-'));
  try {
    const entry = path.join(dir, 'cold.ts');
    const engine = path.join(__dirname, '..', 'lib', 'ip-ranges', 'engine').split(path.sep).join('/');
    fs.writeFileSync(entry, [
      `import * as fs from 'fs';`,
      `import { parseIpRangesDocument, selectPrefixes } from '${engine}';`,
      `const text = fs.readFileSync(process.argv[2], 'utf8');`,
      `const t0 = performance.now();`,
      `const doc = parseIpRangesDocument(text);`,
      `const t1 = performance.now();`,
      `for (const s of ['AMAZON_CONNECT', 'EC2', 'CLOUDFRONT']) for (const f of [4, 6] as const) selectPrefixes(doc, s, '${REGION}', f);`,
      `console.log(JSON.stringify({ parse: t1 - t0, total: performance.now() - t0 }));`,
    ].join('\n'));
    const out = path.join(dir, 'cold.js');
    await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', outfile: out, logLevel: 'silent' });
    const parse: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const r = JSON.parse(execFileSync(process.execPath, [out, DATA], { encoding: 'utf8' })) as { parse: number; total: number };
      parse.push(r.parse);
      total.push(r.total);
    }
    return { parse: stats(parse), total: stats(total) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (s: Stats): string => `${s.median.toFixed(2).padStart(8)} ${s.p95.toFixed(2).padStart(8)}`;

export async function run(): Promise<void> {
  const text = fs.readFileSync(DATA, 'utf8');
  const services = SELECTION_RULES.map((r) => r.service);
  const families: Array<4 | 6> = [4, 6];

  let cidrTools: { mergeCidr(nets: string[]): string[] } | undefined;
  let cidrToolsError = '';
  try {
    cidrTools = await import('cidr-tools');
  } catch (e) {
    cidrToolsError = (e as Error).message;
  }

  const rows: Array<[string, Stats]> = [];
  const doc = parseIpRangesDocument(text);
  const raw = JSON.parse(text) as RawDoc;

  const [floorStats, engineParseStats] = measurePair(() => JSON.parse(text), () => parseIpRangesDocument(text));
  rows.push(['JSON.parse only (floor)', floorStats]);
  rows.push(['parse+validate: engine (number-based)', engineParseStats]);
  rows.push(['parse+validate: fast-cidr check only', measure(() => validateWith(text, fast4, fast6))]);
  rows.push(['parse+validate: lib/private/cidr (bigint)', measure(() => validateWith(text, bigint4, bigint6))]);
  rows.push(['parse+validate: ipaddr.js 2', measure(() => validateWith(text, ipaddr4, ipaddr6), 10)]);
  rows.push(['parse+validate: ip-address 10', measure(() => validateWith(text, ipAddress4, ipAddress6), 10)]);

  const engineSelect = (d: typeof doc): string[][] => {
    const out: string[][] = [];
    for (const s of services) for (const f of families) out.push(selectPrefixes(d, s, REGION, f));
    return out;
  };
  for (const svc of services) {
    rows.push([`select+aggregate ${svc} v4+v6: engine`, measure(() => families.map((f) => selectPrefixes(doc, svc, REGION, f)), 200)]);
  }
  rows.push([`select+aggregate all 6: engine`, measure(() => engineSelect(doc), 200)]);

  let agree = 'n/a';
  const wholeFile: string[] = [];
  if (cidrTools) {
    const ct = cidrTools;
    const ctSelect = (d: RawDoc): string[][] => {
      const out: string[][] = [];
      for (const s of services) for (const f of families) out.push(ct.mergeCidr(rawSelect(d, s, f)));
      return out;
    };
    rows.push([`select+aggregate all 6: cidr-tools mergeCidr`, measure(() => ctSelect(raw), 50)]);
    const a = engineSelect(doc).map((l) => l.join(','));
    const b = ctSelect(raw).map((l) => [...l].sort().join(','));
    agree = a.every((l, i) => l.split(',').sort().join(',') === b[i]) ? 'identical sets' : 'DIFFERENT';
    // Whole file: every distinct prefix of a family in one aggregation, engine vs cidr-tools, same input.
    for (const f of families) {
      const all = [...new Set(f === 4 ? raw.prefixes.map((e) => e.ip_prefix!) : raw.ipv6_prefixes.map((e) => e.ipv6_prefix!))];
      const [ours, theirs] = measurePair(() => aggregateCidrs(all, f), () => ct.mergeCidr(all), 50);
      const sorted = (l: string[]): string => [...l].sort().join(',');
      const same = sorted(aggregateCidrs(all, f)) === sorted(ct.mergeCidr(all));
      rows.push([`whole file IPv${f} (${all.length} distinct): engine`, ours]);
      rows.push([`whole file IPv${f} (${all.length} distinct): cidr-tools`, theirs]);
      wholeFile.push(`IPv${f}: ${all.length} distinct -> ${aggregateCidrs(all, f).length} prefixes, engine ${ours.median.toFixed(2)} ms vs cidr-tools ${theirs.median.toFixed(2)} ms `
        + `(${(ours.median / theirs.median).toFixed(2)}x), results ${same ? 'identical' : 'DIFFERENT'}`);
    }
    rows.push(['total text->6 lists: engine', measure(() => engineSelect(parseIpRangesDocument(text)))]);
    rows.push(['total: JSON.parse+cidr-tools (no validation)', measure(() => ctSelect(JSON.parse(text) as RawDoc))]);
  } else {
    rows.push(['total text->6 lists: engine', measure(() => engineSelect(parseIpRangesDocument(text)))]);
  }

  const cold = await coldRuns();
  rows.push([`cold first call, parse+validate: engine`, cold.parse]);
  rows.push([`cold first call, total: engine`, cold.total]);

  const sizes = engineSelect(doc);
  console.log(`ip-ranges: ${doc.ipv4.length} IPv4 + ${doc.ipv6.length} IPv6 prefixes, ${text.length} chars, node ${process.version}, warm rows: ${RUNS} runs after ${WARMUP} warm-up (fewer for slow candidates); cold rows: ${COLD_RUNS} fresh processes`);
  console.log(`selection ${REGION}: ${services.map((s, i) => `${s} v4=${sizes[2 * i].length} v6=${sizes[2 * i + 1].length}`).join(', ')}`);
  console.log(`${'phase / implementation'.padEnd(48)} ${'median'.padStart(8)} ${'p95'.padStart(8)}  (ms)`);
  for (const [name, s] of rows) console.log(`${name.padEnd(48)} ${fmt(s)}`);
  const floor = rows.find(([n]) => n.startsWith('JSON.parse only'))![1].median;
  const engineParse = rows.find(([n]) => n.startsWith('parse+validate: engine'))![1].median;
  console.log(`parse+validate vs JSON.parse alone: ${engineParse.toFixed(2)} / ${floor.toFixed(2)} ms = ${(engineParse / floor).toFixed(2)}x (goal <= 2x)`);
  for (const line of wholeFile) console.log(`whole-file aggregation ${line}`);
  console.log(cidrTools ? `cidr-tools 12 (engines: node >=22) loaded on ${process.version}; its mergeCidr vs engine results: ${agree}` : `cidr-tools not loadable on ${process.version}: ${cidrToolsError}`);
}

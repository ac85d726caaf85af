/**
 * The ip-ranges engine (internal, plain TypeScript): parse and validate AWS ip-ranges.json, select the
 * prefixes Amazon Connect needs by service and Region, and aggregate them into the exact minimal CIDR set.
 *
 * Used by the Lambda handlers, the CLI, router-config and firewall. The jsii-facing wrapper is
 * `IpRanges` in `./ip-ranges.ts`.
 *
 * Address parsing is hand-written and number based (`./fast-cidr.ts`); see `bench/ip-ranges.ts` and the
 * figures recorded in the comment at the end of this file.
 */
import { fail, show } from '../private/fail';
import { aggregateNets, Family, formatNet, hostBitsClear, Net, networkOf, parseNet } from './fast-cidr';

/** Where AWS publishes the file. */
export const IP_RANGES_URL = 'https://ip-ranges.amazonaws.com/ip-ranges.json';

/** The property prefix of every validation message about the file. */
const FILE = 'ip-ranges.json';

/** How a service's entries are chosen for an Amazon Connect instance Region. */
export enum RegionRule {
  /** Entries of Region `GLOBAL` and entries of the instance Region, both. */
  GLOBAL_AND_REGION = 'GLOBAL_AND_REGION',
  /** Entries of the instance Region; the `GLOBAL` entries only when the Region has none (for that family). */
  REGION_ELSE_GLOBAL = 'REGION_ELSE_GLOBAL',
  /** Every entry of the service, whatever its Region. */
  ALL_REGIONS = 'ALL_REGIONS',
}

/** One row of {@link SELECTION_RULES}. */
export interface SelectionRule {
  /** The `service` value in ip-ranges.json. */
  readonly service: string;
  /** How entries are chosen by Region. */
  readonly rule: RegionRule;
  /** The rule in plain language. */
  readonly description: string;
}

/**
 * Which ip-ranges.json entries an Amazon Connect agent network must allow, per service: the ONE table
 * the engine, the jsii API, the CLI and the other modules read.
 *
 * Source: Amazon Connect Administrator Guide, "Set up your network", Option 2 "Allow IP address ranges"
 * (https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html), read 2026-11-23.
 * Listings under service `AMAZON` repeat every range and are never used.
 *
 * AMAZON_CONNECT takes GLOBAL and the Region both: the page's table row carries the same "(GLOBAL only if a
 * region-specific entry doesn't exist)" note as EC2, but the same page says the GLOBAL /19 "is for the
 * exclusive use to Amazon Connect globally" and that all its traffic comes from that range, so a Region's
 * own ranges alone would miss media traffic; taking both is the safe reading (and the /19 already covers
 * the per-Region /24s, so aggregation removes them).
 */
export const SELECTION_RULES: readonly SelectionRule[] = [
  {
    service: 'AMAZON_CONNECT',
    rule: RegionRule.GLOBAL_AND_REGION,
    description: 'GLOBAL entries and the entries of the instance Region (both)',
  },
  {
    service: 'EC2',
    rule: RegionRule.REGION_ELSE_GLOBAL,
    description: 'entries of the instance Region; GLOBAL entries only when the Region has none for the address family',
  },
  {
    service: 'CLOUDFRONT',
    rule: RegionRule.ALL_REGIONS,
    description: 'all entries, whatever their Region (CloudFront serves from the edge nearest the agent)',
  },
];

/** Source of {@link SELECTION_RULES}. */
export const SELECTION_RULES_SOURCE = {
  url: 'https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html',
  section: 'Option 2 (not recommended): Allow IP address ranges',
  read: '2026-11-23',
} as const;

/** The Region value ip-ranges.json uses for ranges not tied to one Region. */
export const GLOBAL_REGION = 'GLOBAL';

/** An AWS Region code: `us-east-1`, `us-gov-west-1`, `us-iso-east-1`, `eusc-de-east-1` (European Sovereign Cloud). */
export const REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+){1,2}-\d$/;

/** One validated entry of `prefixes` or `ipv6_prefixes`. */
export interface IpRangeEntry {
  /** The prefix as written in the file. */
  readonly prefix: string;
  readonly region: string;
  readonly service: string;
  readonly networkBorderGroup: string;
  /** The parsed network (host bits are clear: the parser refuses anything else). */
  readonly net: Net;
}

/** A parsed and validated ip-ranges.json. */
export interface IpRangesDocument {
  /** Publication time in Unix seconds, as a string of digits. */
  readonly syncToken: string;
  /** Publication time, `YYYY-MM-DD-hh-mm-ss` (UTC). */
  readonly createDate: string;
  /** Entries of `prefixes`, in file order. */
  readonly ipv4: readonly IpRangeEntry[];
  /** Entries of `ipv6_prefixes`, in file order. */
  readonly ipv6: readonly IpRangeEntry[];
}

const CREATE_DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])-([01]\d|2[0-3])-([0-5]\d)-([0-5]\d)$/;
const DIGITS = /^\d+$/;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (typeof value === 'string') return show(value.length > 80 ? `${value.slice(0, 80)}...` : value);
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  return show(value);
}

function checkSyncToken(value: unknown): string {
  if (typeof value !== 'string' || !DIGITS.test(value)) {
    fail(`${FILE} syncToken`, `must be a string of digits (Unix seconds), got ${describe(value)}`);
  }
  return value;
}

function checkCreateDate(value: unknown): string {
  if (typeof value !== 'string' || !CREATE_DATE.test(value)) {
    fail(`${FILE} createDate`, `must be a date 'YYYY-MM-DD-hh-mm-ss', got ${describe(value)}`);
  }
  return value;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function failString(path: string, value: unknown): never {
  return fail(`${FILE} ${path}`, `must be a non-empty string, got ${describe(value)}`);
}

function failPrefix(path: string, value: unknown, family: Family): never {
  const kind = family === 4 ? 'an IPv4 CIDR' : 'an IPv6 CIDR';
  if (typeof value !== 'string') return fail(`${FILE} ${path}`, `must be ${kind}, got ${describe(value)}`);
  const net = parseNet(value, family);
  if (net === undefined) {
    const hint = family === 4 && value.includes(':') ? ' (IPv6 prefixes belong in ipv6_prefixes)'
      : family === 6 && !value.includes(':') && value.includes('.') ? ' (IPv4 prefixes belong in prefixes)' : '';
    return fail(`${FILE} ${path}`, `must be ${kind}${hint}, got ${describe(value)}`);
  }
  return fail(`${FILE} ${path}`, `must have no host bits set (the network is ${formatNet(networkOf(net))}), got ${show(value)}`);
}

/**
 * Validates one list. The hot loop only tests; the messages (and the entry paths they name) are built by
 * the `fail*` functions once something is wrong.
 */
function checkEntries(list: string, key: string, value: unknown, family: Family): IpRangeEntry[] {
  if (!Array.isArray(value)) fail(`${FILE} ${list}`, `must be an array, got ${describe(value)}`);
  const out = new Array<IpRangeEntry>(value.length);
  for (let i = 0; i < value.length; i++) {
    const e = value[i];
    if (e === null || typeof e !== 'object' || Array.isArray(e)) fail(`${FILE} ${list}[${i}]`, `must be an object, got ${describe(e)}`);
    const prefix: unknown = e[key];
    const net = typeof prefix === 'string' ? parseNet(prefix, family) : undefined;
    if (net === undefined || !hostBitsClear(net)) failPrefix(`${list}[${i}].${key}`, prefix, family);
    const region: unknown = e.region;
    if (!isNonEmptyString(region)) failString(`${list}[${i}].region`, region);
    const service: unknown = e.service;
    if (!isNonEmptyString(service)) failString(`${list}[${i}].service`, service);
    const nbg: unknown = e.network_border_group;
    if (!isNonEmptyString(nbg)) failString(`${list}[${i}].network_border_group`, nbg);
    out[i] = { prefix: prefix as string, region, service, networkBorderGroup: nbg, net };
  }
  return out;
}

/**
 * Parses and validates the text of ip-ranges.json. Throws (via `fail`) on the first problem, naming it,
 * e.g. `ip-ranges.json prefixes[17].ip_prefix must be an IPv4 CIDR, got '10.0.0.300/24'`.
 */
export function parseIpRangesDocument(text: string): IpRangesDocument {
  if (typeof text !== 'string') fail(FILE, `must be given as text, got ${describe(text)}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(FILE, `is not valid JSON (${(e as Error).message}; ${text.length} characters received, truncated?)`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    fail(FILE, `must be a JSON object with syncToken, createDate, prefixes and ipv6_prefixes, got ${describe(raw)}`);
  }
  const doc = raw as Record<string, unknown>;
  return {
    syncToken: checkSyncToken(doc.syncToken),
    createDate: checkCreateDate(doc.createDate),
    ipv4: checkEntries('prefixes', 'ip_prefix', doc.prefixes, 4),
    ipv6: checkEntries('ipv6_prefixes', 'ipv6_prefix', doc.ipv6_prefixes, 6),
  };
}

/** The selection rule for a service name, or a refusal listing the known names. */
export function selectionRuleOf(service: string): SelectionRule {
  for (const r of SELECTION_RULES) if (r.service === service) return r;
  return fail('service', `must be one of ${SELECTION_RULES.map((r) => r.service).join(', ')}, got ${show(service)}`);
}

/** Refuses a Region that does not have the shape of an AWS Region code. */
export function checkRegion(region: string): void {
  if (typeof region === 'string' && region.includes('${Token[')) {
    fail('region', `must be a concrete AWS Region code to select prefixes at synth time; got the unresolved token ${show(region)} (give the Region explicitly, e.g. 'us-east-1', or use an environment-specific stack)`);
  }
  if (typeof region !== 'string' || !REGION_PATTERN.test(region)) {
    fail('region', `must be an AWS Region code such as 'us-east-1' (pattern ${REGION_PATTERN.source}), got ${describe(region)}`);
  }
}

function checkFamily(family: number): void {
  if (family !== 4 && family !== 6) fail('family', `must be 4 or 6, got ${show(family)}`);
}

/**
 * The prefixes of a service that an Amazon Connect instance in `region` needs, for one address family,
 * chosen by {@link SELECTION_RULES}, de-duplicated and aggregated to the exact minimal CIDR set, sorted by
 * address, in canonical text.
 */
export function selectPrefixes(doc: IpRangesDocument, service: string, region: string, family: 4 | 6): string[] {
  const rule = selectionRuleOf(service).rule;
  checkRegion(region);
  checkFamily(family);
  const entries = family === 4 ? doc.ipv4 : doc.ipv6;
  const inRegion: Net[] = [];
  const global: Net[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.service !== service) continue;
    if (rule === RegionRule.ALL_REGIONS || e.region === region) inRegion.push(e.net);
    else if (e.region === GLOBAL_REGION) global.push(e.net);
  }
  let chosen: Net[];
  if (rule === RegionRule.GLOBAL_AND_REGION) chosen = inRegion.concat(global);
  else if (rule === RegionRule.REGION_ELSE_GLOBAL) chosen = inRegion.length > 0 ? inRegion : global;
  else chosen = inRegion;
  return aggregateNets(chosen).map(formatNet);
}

/**
 * The union of `selectPrefixes` over several Regions (the Amazon Connect Regions of a Global Resiliency pair),
 * aggregated exactly: each Region selected by the service's rule, then merged.
 */
export function selectPrefixesForRegions(doc: IpRangesDocument, service: string, regions: readonly string[], family: 4 | 6): string[] {
  if (regions.length === 1) return selectPrefixes(doc, service, regions[0], family);
  return aggregateCidrs(regions.flatMap((r) => selectPrefixes(doc, service, r, family)), family);
}

/**
 * The exact minimal set of CIDRs covering exactly the addresses of `cidrs` (all of `family`): duplicates
 * and contained prefixes removed, adjacent siblings merged, sorted by address, canonical text.
 * Refuses a CIDR of the other family or with host bits set (nothing is silently corrected).
 */
export function aggregateCidrs(cidrs: string[], family: 4 | 6): string[] {
  checkFamily(family);
  const nets = new Array<Net>(cidrs.length);
  for (let i = 0; i < cidrs.length; i++) {
    const text = cidrs[i];
    const net = typeof text === 'string' ? parseNet(text, family) : undefined;
    if (net === undefined) fail(`cidrs[${i}]`, `must be an IPv${family} CIDR, got ${describe(text)}`);
    if (!hostBitsClear(net)) {
      fail(`cidrs[${i}]`, `must have no host bits set (the network is ${formatNet(networkOf(net))}), got ${show(text)}`);
    }
    nets[i] = net;
  }
  return aggregateNets(nets).map(formatNet);
}

/*
 * Measurements that chose the address parser (`npm run bench`, bench/ip-ranges.ts; node 20.20.2 on the
 * project's 2-core build machine, 2026-11-23; real file: 10,668 IPv4 + 6,160 IPv6 prefixes, 2.6 MB).
 * Median ms of 30 warm runs (10 for the two slowest), JSON.parse included in every parse+validate row:
 *
 *   JSON.parse alone (floor)                                   4.5
 *   parse+validate, hand-written number-based (./fast-cidr)    6.1   <- chosen
 *   parse+validate, bigint parser (lib/private/cidr.ts)       20.2
 *   parse+validate, ipaddr.js 2                               74.1
 *   parse+validate, ip-address 10                             62.0
 *   select+aggregate, 3 services x 2 families, us-east-1       0.27  (cidr-tools 12 mergeCidr: 0.47, measured before the switch to 11.3 for Node 20)
 *   total, text -> 6 aggregated lists                          6.6   (p95 7.4)
 *   total, first call in a fresh process (cold, as in Lambda) 37     (p95 44)
 *
 * So validation costs ~1.6 ms on top of JSON.parse with the hand-written parser, against ~16 ms (bigint)
 * and ~60-70 ms (ipaddr.js, ip-address): the libraries fit for correctness but not for a per-sync hot path,
 * and the test suite uses ipaddr.js as the independent oracle instead. Cold, the per-entry loop runs in
 * V8's interpreter before tier-up; a regular-expression pre-check or a per-prefix cache did not change
 * that (tried: ~0.8 us per entry either way). Figures double or triple while other jobs load the machine.
 */

/**
 * `cdk-connect-dx allow-list`: prints the Amazon Connect allow list for an on-premises firewall or proxy, from the
 * endpoint catalog (no AWS calls). With `--ip-ranges FILE` (a saved ip-ranges.json) the IP rules carry the
 * prefixes; without it they reference IP sets (`@AMAZON_CONNECT`, ...) and say so. `--format pac` writes a proxy
 * auto-config file. Standard error names the date AWS's pages were read and the warnings the choices deserve
 * (`cdk-connect-dx:legacyEndpoints`, `cdk-connect-dx:catalogAge` past 180 days).
 */
import { readFileSync } from 'node:fs';
import { FlagSpec, helpText, oneOf, ParsedFlags, parseFlags, UsageError } from '../args';
import { CONNECT_REGION_FLAGS, connectRegionsFromFlags } from '../connect-region-flags';
import { SUMMARIES } from '../summaries';
import { CliIo } from '../io';
import { ConnectEndpointCatalog } from '../../connect-endpoints/catalog';
import type { SuricataExportOptions } from '../../connect-endpoints/suricata-options';
import { REPLICA_ONLY_REGIONS } from '../../connect-endpoints/catalog-data';
import { AllowListMode, EndpointSet } from '../../connect-endpoints/endpoint-types';
import { ConnectFeature, SignInMode } from '../../connect-endpoints/features';
import {
  aggregateCidrs, IpRangeEntry, IpRangesDocument, parseIpRangesDocument, SELECTION_RULES, selectPrefixesForRegions,
} from '../../ip-ranges/engine';
import { CATALOG_CSV_HEADER, checkCidrList, csvRecord, jsonDocument } from '../../private/text-rules';

const COMMAND = 'allow-list';
const FORMATS = ['domains', 'suricata', 'csv', 'json', 'pac'] as const;
const MODES = AllowListMode.all().map((m) => m.name);
const SETS = Object.values(EndpointSet) as string[];
const SIGN_IN = SignInMode.all().map((m) => m.name);
const REGIONS = [...ConnectEndpointCatalog.knownRegions(), ...REPLICA_ONLY_REGIONS].sort();

/** The flags of `allow-list` (`handoff` passes its own flags through to the ones declared here). */
export const ALLOW_LIST_FLAGS: FlagSpec[] = [
  { name: 'region', kind: 'string', value: 'REGION',
    help: `the instance Region: ${ConnectEndpointCatalog.knownRegions().join(', ')}; ${REPLICA_ONLY_REGIONS.join(', ')} as a Global Resiliency replica only (or --connect-region for the set)` },
  ...CONNECT_REGION_FLAGS,
  { name: 'alias', kind: 'string', value: 'ALIAS', required: true,
    help: 'the instance alias (the ALIAS in ALIAS.my.connect.aws)' },
  { name: 'mode', kind: 'string', value: 'MODE', help: `${MODES.join(' or ')} (default DOMAINS)` },
  { name: 'format', kind: 'string', value: 'FORMAT', help: `${FORMATS.join(', ')} (default domains)` },
  { name: 'ip-ranges', kind: 'string', value: 'FILE', help: 'a saved ip-ranges.json; IP rules then list its prefixes' },
  { name: 'home-net', kind: 'string', value: 'CIDR[,CIDR]', help: 'the agents\' networks (required for --format suricata)' },
  { name: 'endpoint-sets', kind: 'string', value: 'SET[,SET]',
    help: `${SETS.join(',')} (default CURRENT; LEGACY adds the older page's names and broad wildcards, with a warning)` },
  { name: 'sign-in-mode', kind: 'string', value: 'MODE', help: `${SIGN_IN.join(', ')} (default NEW)` },
  { name: 'features', kind: 'string', value: 'F[,F]', help: `${ConnectFeature.simpleNames().join(', ')} (default none)` },
  { name: 'attachments-bucket', kind: 'string', value: 'BUCKET', help: 'the chat attachments bucket (the ATTACHMENTS feature)' },
  { name: 'pac-proxy', kind: 'string', value: 'HOST:PORT', help: 'with --format pac: the proxy for every other host (default DIRECT)' },
];

/** The flag behind a catalog option named in a validation message. */
const FLAG_OF: Record<string, string> = {
  'region': 'region', 'instanceAlias': 'alias', 'signInMode': 'sign-in-mode', 'features': 'features',
  'endpointSets': 'endpoint-sets', 'attachments.bucket': 'attachments-bucket',
  'globalResiliency.sourceRegion': 'global-resiliency-source', 'globalResiliency.instanceId': 'global-resiliency-instance-id',
  'pacProxy': 'pac-proxy', 'replicaAlias': 'replica-alias', 'regions': 'connect-region',
};

const SUMMARY = SUMMARIES['allow-list'];

/** Runs `allow-list`. */
export async function allowList(argv: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(COMMAND, argv, ALLOW_LIST_FLAGS);
  if (flags.help) {
    io.out(helpText(COMMAND, `${SUMMARY}.\n\nDomain rules match the TLS server name (SNI) or HTTP Host only: URL paths ` +
      'cannot be enforced, and softphone media (UDP 3478) needs IP rules to the AMAZON_CONNECT prefixes.', ALLOW_LIST_FLAGS));
    return 0;
  }
  io.out(renderAllowList(flags, (note) => io.err(note), io.now?.() ?? new Date()));
  return 0;
}

/**
 * `allow-list` without the printing: the allow list for the given flags; notes (the catalog read date, warnings)
 * go to `note` before the text is returned (`handoff` calls it too).
 */
export function allowListText(argv: string[], note: (text: string) => void, now: Date = new Date()): string {
  return renderAllowList(parseFlags(COMMAND, argv, ALLOW_LIST_FLAGS), note, now);
}

function renderAllowList(flags: ParsedFlags, note: (text: string) => void, now: Date): string {
  if (flags.strings.region !== undefined && flags.strings['connect-region'] !== undefined) {
    throw new UsageError('--region and --connect-region both name the Amazon Connect Regions; give one (--connect-region us-east-1,us-west-2 for several)');
  }
  if (flags.strings.region !== undefined) oneOf('region', flags.strings.region, REGIONS);
  const selection = connectRegionsFromFlags(flags.strings, { value: flags.strings.region, flag: 'region' });
  if (selection === undefined) {
    throw new UsageError('--connect-region is required: REGION[,REGION] (the Amazon Connect Regions), or --region REGION, or the Global Resiliency pair');
  }
  const mode = AllowListMode.fromName(oneOf('mode', flags.strings.mode ?? 'DOMAINS', MODES));
  const format = oneOf('format', flags.strings.format ?? 'domains', FORMATS);
  const endpointSets = flags.strings['endpoint-sets'] === undefined ? undefined
    : flags.strings['endpoint-sets'].split(',').map((s) => oneOf('endpoint-sets', s, SETS) as EndpointSet);
  const homeNet = flags.strings['home-net'] === undefined ? undefined : parseHomeNet(flags.strings['home-net']);

  if (format === 'domains' && mode === AllowListMode.IP_RANGES) {
    throw new UsageError('--format domains lists names, which IP_RANGES mode does not use; with --mode IP_RANGES use --format suricata, csv or json');
  }
  if (format === 'domains' && flags.strings['ip-ranges'] !== undefined) {
    throw new UsageError('--ip-ranges is used only with --format suricata, csv or json (a domain list has no prefixes)');
  }
  if (format === 'suricata' && homeNet === undefined) {
    throw new UsageError('--home-net is required with --format suricata: CIDR[,CIDR] (the agents\' networks, the HOME_NET variable)');
  }
  if (format === 'csv' && mode === AllowListMode.IP_RANGES && flags.strings['ip-ranges'] === undefined) {
    throw new UsageError('--ip-ranges FILE is required with --format csv --mode IP_RANGES (the CSV lists the prefixes)');
  }

  if (format !== 'pac' && flags.strings['pac-proxy'] !== undefined) {
    throw new UsageError('--pac-proxy is used only with --format pac (the proxy for the hosts outside the allow list)');
  }
  if (format === 'pac' && mode === AllowListMode.IP_RANGES) {
    throw new UsageError('--format pac lists names, which IP_RANGES mode does not use; use --mode DOMAINS (the default)');
  }

  const catalog = usage(() => ConnectEndpointCatalog.forRegions(selection.regions, {
    instanceAlias: flags.strings.alias,
    replicaAlias: selection.replicaAlias,
    endpointSets,
    signInMode: flags.strings['sign-in-mode'] === undefined ? undefined
      : SignInMode.fromName(oneOf('sign-in-mode', flags.strings['sign-in-mode'].toUpperCase(), SIGN_IN)),
    features: [...features(flags.strings), ...(selection.globalResiliency ? [selection.globalResiliency] : [])],
  }));
  const doc = flags.strings['ip-ranges'] === undefined ? undefined : readIpRanges(flags.strings['ip-ranges']);
  const prefixes = doc === undefined ? undefined : prefixesByService(catalog, mode, doc);

  // Render first: a usage error leaves standard error with its one line.
  const text = renderFormat(format, catalog, mode, flags, homeNet, doc, prefixes);
  reportCatalog(catalog, note, now);
  if (format === 'suricata' && prefixes === undefined) {
    const refs = catalog.ipRuleRequirements(mode).filter((r) => r.cidrs === undefined).map((r) => `@${r.service}`);
    note(`${COMMAND}: IP rules reference IP sets (${refs.join(', ')}); ` +
      'define them in the rule group, or pass --ip-ranges FILE to list the prefixes in the rules\n');
  }
  return text;
}

function renderFormat(format: string, catalog: ConnectEndpointCatalog, mode: AllowListMode, flags: ParsedFlags,
  homeNet: string[] | undefined, doc: IpRangesDocument | undefined, prefixes: Record<string, string[]> | undefined): string {
  switch (format) {
    case 'domains':
      return catalog.toDomainList();
    case 'pac':
      return usage(() => catalog.toPac({ proxy: flags.strings['pac-proxy'] }));
    case 'suricata': {
      const rules = suricataRules(catalog, {
        homeNet: homeNet!,
        mode,
        amazonConnectCidrs: prefixes?.AMAZON_CONNECT,
        ec2Cidrs: prefixes?.EC2,
        cloudFrontCidrs: prefixes?.CLOUDFRONT,
      });
      return rules;
    }
    case 'csv':
      return mode === AllowListMode.IP_RANGES ? ipRangesCsv(catalog, mode, prefixes!) : catalog.toCsv();
    default: {
      const json = JSON.parse(catalog.toJson({ mode }));
      if (prefixes !== undefined) {
        json.prefixes = prefixes;
        json.ipRanges = { syncToken: doc!.syncToken, createDate: doc!.createDate };
      }
      return jsonDocument(json);
    }
  }
}

/** Runs a catalog call; a validation error becomes a usage error naming the flag behind the option. */
function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const text = (e as Error).message;
    const flag = FLAG_OF[text.split(' ', 1)[0]];
    if (flag === undefined || e instanceof UsageError) throw e;
    throw new UsageError(`--${flag}: ${text}`);
  }
}

/** The features named by --features, --attachments-bucket and --global-resiliency-*. */
function features(strings: Record<string, string>): ConnectFeature[] {
  const out = (strings.features ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '')
    .map((f) => ConnectFeature.fromName(oneOf('features', f.toUpperCase(), ConnectFeature.simpleNames())));
  if (strings['attachments-bucket'] !== undefined) out.push(ConnectFeature.attachments(strings['attachments-bucket']));
  return out;
}

/** The date AWS's pages were read, and every warning the choices deserve. */
function reportCatalog(catalog: ConnectEndpointCatalog, note: (text: string) => void, now: Date): void {
  note(`${COMMAND}: endpoint catalog read from AWS's pages on ${catalog.readDate} (${catalog.ageInDays(now)} days ago)\n`);
  if (catalog.regions.length > 1) {
    const domains = catalog.firewallDomainRegions();
    for (const r of catalog.regions) {
      note(`${COMMAND}: ${r}: ${catalog.endpoints.filter((e) => e.regions.includes(r)).length} endpoints, `
        + `${domains.filter((d) => d.includes(r)).length} domain targets\n`);
    }
  }
  const age = catalog.ageWarning(now);
  for (const w of [...catalog.warnings(), ...(age ? [age] : [])]) {
    note(`${COMMAND}: warning cdk-connect-dx:${w.id}: ${w.message}\n`);
  }
}

/** The constructs' HOME_NET rules (canonical, no duplicates; the length is checked against the rendered rules). */
const HOME_NET_RULE = '--home-net must be comma-separated network CIDRs such as 10.20.0.0/16,10.30.0.0/16 (canonical, no repeats)';

/** The rules; a HOME_NET too long for them (known once they are rendered) is a usage error naming the flag. */
function suricataRules(catalog: ConnectEndpointCatalog, options: SuricataExportOptions): string {
  try {
    return catalog.toSuricataRules(options);
  } catch (e) {
    const text = (e as Error).message;
    if (text.startsWith('homeNet ')) throw new UsageError(`${HOME_NET_RULE}: ${text}`);
    throw e;
  }
}

function parseHomeNet(value: string): string[] {
  const cidrs = value.split(',').map((c) => c.trim());
  try {
    checkCidrList('home-net', cidrs);
  } catch (e) {
    throw new UsageError(`${HOME_NET_RULE}: ${(e as Error).message}`);
  }
  return cidrs;
}

function readIpRanges(file: string): IpRangesDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--ip-ranges cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseIpRangesDocument(text);
}

/** The IPv4 then IPv6 prefixes per ip-ranges.json service the mode needs. */
function prefixesByService(catalog: ConnectEndpointCatalog, mode: AllowListMode, doc: IpRangesDocument): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const req of catalog.ipRuleRequirements(mode)) {
    if (req.cidrs !== undefined) {
      out[req.service] = req.cidrs; // AWS gives these literally (video calling's Chime subnet)
    } else if (isSelectionService(req.service)) {
      out[req.service] = [
        ...selectPrefixesForRegions(doc, req.service, catalog.regions, 4),
        ...selectPrefixesForRegions(doc, req.service, catalog.regions, 6),
      ];
    } else {
      // a row that names its Regions (the new sign-in's S3 in us-east-1, us-west-2 and the instance Region)
      const pick = (entries: readonly IpRangeEntry[]) => entries
        .filter((e) => e.service === req.service && req.regions.includes(e.region)).map((e) => e.prefix);
      out[req.service] = [...aggregateCidrs(pick(doc.ipv4), 4), ...aggregateCidrs(pick(doc.ipv6), 6)];
    }
  }
  return out;
}

function isSelectionService(service: string): boolean {
  return SELECTION_RULES.some((r) => r.service === service);
}

function ipRangesCsv(catalog: ConnectEndpointCatalog, mode: AllowListMode, prefixes: Record<string, string[]>): string {
  const lines = [CATALOG_CSV_HEADER];
  for (const req of catalog.ipRuleRequirements(mode)) {
    for (const cidr of prefixes[req.service] ?? []) {
      lines.push(csvRecord([['host', cidr], ['port', String(req.port)], ['protocol', req.protocol], ['direction', req.direction],
        ['purpose', `${req.service}: ${req.purpose}`], ['source', req.source],
        ['regions', req.allRegions ? 'every Region' : req.regions.join(' ')]]));
    }
  }
  return lines.join('\n') + '\n';
}

/** The subcommand entry for `commands.ts`. */
export const allowListEntry = { summary: SUMMARY, run: allowList };

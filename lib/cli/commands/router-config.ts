/**
 * `cdk-connect-dx router-config`: prints the customer router configuration of a public virtual interface
 * (RouterConfiguration.render) for FRR, Cisco IOS XE or Junos. Reads nothing from AWS; with
 * `--only-connect-prefixes` it reads a local copy of ip-ranges.json.
 */
import { readFileSync } from 'node:fs';
import { BgpCommunityScope } from '../../facts/bgp-community';
import { aggregateCidrs, parseIpRangesDocument, selectPrefixesForRegions } from '../../ip-ranges/engine';
import { ConnectDxValidationError } from '../../private/fail';
import { RouterConfiguration, RouterVendor } from '../../router-config/router-configuration';
import { FlagSpec, ParsedFlags, UsageError, helpText, intFlag, oneOf, parseFlags } from '../args';
import { CONNECT_REGION_FLAGS, connectRegionsFromFlags } from '../connect-region-flags';
import { SUMMARIES } from '../summaries';
import { CliIo, CommandEntry } from '../io';

const COMMAND = 'router-config';
const SUMMARY = SUMMARIES['router-config'];
const VENDORS = RouterVendor.all().map((v) => v.name);
const SCOPES = BgpCommunityScope.all().map((s) => s.name);
/** The ip-ranges.json services whose prefixes `--only-connect-prefixes` accepts inbound. */
export const CONNECT_SERVICES = ['AMAZON_CONNECT', 'EC2', 'CLOUDFRONT'] as const;

/** The flags of `router-config` (`handoff` passes its own flags through to the ones declared here). */
export const ROUTER_CONFIG_FLAGS: FlagSpec[] = [
  { name: 'vendor', kind: 'string', value: VENDORS.join('|'), help: 'the router operating system', required: true },
  { name: 'vlan', kind: 'string', value: 'N', help: 'the 802.1Q VLAN id of the virtual interface, 1-4094', required: true },
  { name: 'asn', kind: 'string', value: 'N', help: 'your BGP ASN, 1-4294967294 (not 7224)', required: true },
  { name: 'customer-address', kind: 'string', value: 'CIDR', help: 'your IPv4 peer address, e.g. 198.51.100.1/31', required: true },
  { name: 'amazon-address', kind: 'string', value: 'CIDR', help: 'the Amazon IPv4 peer address, e.g. 198.51.100.0/31', required: true },
  { name: 'prefixes', kind: 'string', value: 'CIDR[,CIDR...]', help: 'the route filter prefixes you advertise (comma-separated)', required: true },
  { name: 'scope', kind: 'string', value: SCOPES.join('|'), help: 'BGP community scope: how far AWS propagates your prefixes (required unless --connect-region with --location or --location-region derive it)' },
  { name: 'location', kind: 'string', value: 'CODE', help: 'Direct Connect location code, e.g. EqLD5: its Region comes from the location snapshot' },
  { name: 'location-region', kind: 'string', value: 'REGION', help: 'the Region the location is associated with (a location the snapshot lacks, or instead of --location)' },
  ...CONNECT_REGION_FLAGS.map((f) => (f.name === 'connect-region'
    ? { ...f, help: `${f.help}: with --location/--location-region, the scope and the inbound acceptance come from the location's Region against each` }
    : f)),
  { name: 'interface', kind: 'string', value: 'NAME', help: `parent interface of the VLAN (default per vendor: ${RouterVendor.all().map((v) => `${v.name} ${v.defaultInterfaceName}`).join(', ')})` },
  { name: 'bfd', kind: 'boolean', help: 'enable BFD, 300 ms x 3' },
  { name: 'ipv6', kind: 'boolean', help: 'add the IPv6 peer (AWS-assigned addresses rendered as <...> placeholders)' },
  { name: 'secret-name', kind: 'string', value: 'NAME', help: 'Secrets Manager secret holding the BGP MD5 key, named in the placeholder (the key is never printed)' },
  { name: 'description', kind: 'string', value: 'TEXT', help: 'description of the sub-interface and neighbor (printable ASCII, no quotes, up to 80)' },
  { name: 'only-connect-prefixes', kind: 'boolean', help: `accept inbound only the ${CONNECT_SERVICES.join(', ')} prefixes of the Connect Regions (needs --connect-region or --region, and --ip-ranges)` },
  { name: 'region', kind: 'string', value: 'REGION', help: 'the Amazon Connect instance Region, e.g. us-east-1 (with --only-connect-prefixes, when --connect-region is not given)' },
  { name: 'ip-ranges', kind: 'string', value: 'FILE', help: 'a local copy of https://ip-ranges.amazonaws.com/ip-ranges.json (with --only-connect-prefixes)' },
];

/** Which flag carries each RouterConfigurationProps property, to name the flag in errors. */
const FLAG_OF_PROPERTY: Record<string, string> = {
  vlan: 'vlan',
  asn: 'asn',
  customerAddress: 'customer-address',
  amazonAddress: 'amazon-address',
  routeFilterPrefixes: 'prefixes',
  interfaceName: 'interface',
  authKeySecretName: 'secret-name',
  description: 'description',
  inboundPrefixes: 'only-connect-prefixes',
  region: 'region',
  vendor: 'vendor',
  communityScope: 'scope',
  location: 'location',
  locationRegion: 'location-region',
  connectRegions: 'connect-region',
};

/** Re-throws a validation error of the library as a usage error that names the flag. */
function asUsageError(e: unknown): never {
  if (e instanceof ConnectDxValidationError) {
    const property = /^[A-Za-z]+/.exec(e.message)?.[0] ?? '';
    const flag = FLAG_OF_PROPERTY[property];
    if (flag) throw new UsageError(`--${flag}: ${e.message}`);
  }
  throw e;
}

function splitList(flag: string, value: string, what: string, example: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) {
    throw new UsageError(`--${flag} must be a comma-separated list of ${what} without empty items, e.g. ${example}, got '${value}'`);
  }
  return items;
}

function splitPrefixes(value: string): string[] {
  return splitList('prefixes', value, 'CIDRs', '203.0.113.0/24,198.51.100.0/24');
}

/** The AMAZON_CONNECT, EC2 and CLOUDFRONT prefixes of the Regions (the union) for one family, aggregated. */
export function connectPrefixes(ipRangesText: string, regions: string | string[], family: 4 | 6): string[] {
  const doc = parseIpRangesDocument(ipRangesText);
  const list = typeof regions === 'string' ? [regions] : regions;
  const all = CONNECT_SERVICES.flatMap((service) => selectPrefixesForRegions(doc, service, list, family));
  return aggregateCidrs(all, family);
}

function readIpRanges(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--ip-ranges must be a readable ip-ranges.json file, got '${file}' (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

async function routerConfig(argv: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(COMMAND, argv, ROUTER_CONFIG_FLAGS);
  if (flags.help) {
    io.out(helpText(COMMAND, SUMMARY, ROUTER_CONFIG_FLAGS));
    return 0;
  }
  io.out(renderRouterConfig(flags));
  return 0;
}

/** `router-config` without the printing: the configuration text for the given flags (`handoff` calls it too). */
export function routerConfigText(argv: string[]): string {
  return renderRouterConfig(parseFlags(COMMAND, argv, ROUTER_CONFIG_FLAGS));
}

function renderRouterConfig(flags: ParsedFlags): string {
  const s = flags.strings;
  const vendor = RouterVendor.fromName(oneOf('vendor', s.vendor, VENDORS));
  const vlan = intFlag('vlan', s.vlan, 1, 4094);
  const asn = intFlag('asn', s.asn, 1, 4294967294);
  const pairGiven = s.location !== undefined || s['location-region'] !== undefined || s['connect-region'] !== undefined
    || s['global-resiliency-source'] !== undefined;
  if (s.scope === undefined && !pairGiven) {
    throw new UsageError('--scope is required (REGION|CONTINENT|GLOBAL), unless --connect-region with --location or --location-region derives it');
  }
  const scope = s.scope === undefined ? undefined : BgpCommunityScope.fromName(oneOf('scope', s.scope, SCOPES));
  const connectRegions = connectRegionsFromFlags(s)?.regions;
  const prefixes = splitPrefixes(s.prefixes);
  const ipv6 = flags.booleans.ipv6 ?? false;

  const narrow = flags.booleans['only-connect-prefixes'] ?? false;
  let inboundPrefixes: string[] | undefined;
  if (narrow) {
    if (s.region === undefined && connectRegions === undefined) {
      throw new UsageError('--only-connect-prefixes needs --connect-region REGION[,REGION] or --region REGION (the Amazon Connect Regions, e.g. us-east-1)');
    }
    const regions = connectRegions ?? [s.region];
    if (s['ip-ranges'] === undefined) throw new UsageError('--only-connect-prefixes needs --ip-ranges FILE (a local copy of ip-ranges.json)');
    const text = readIpRanges(s['ip-ranges']);
    try {
      inboundPrefixes = connectPrefixes(text, regions, 4);
      if (ipv6) inboundPrefixes.push(...connectPrefixes(text, regions, 6));
    } catch (e) {
      if (e instanceof ConnectDxValidationError && !/^region\b/.test(e.message)) {
        throw new UsageError(`--ip-ranges: ${e.message}`);
      }
      asUsageError(e);
    }
  } else {
    for (const f of ['region', 'ip-ranges']) {
      if (s[f] !== undefined) throw new UsageError(`--${f} is used only with --only-connect-prefixes; add that flag or drop --${f}`);
    }
  }

  let text: string;
  try {
    text = RouterConfiguration.render(vendor, {
      vlan,
      asn,
      customerAddress: s['customer-address'],
      amazonAddress: s['amazon-address'],
      routeFilterPrefixes: prefixes,
      communityScope: scope,
      location: s.location,
      locationRegion: s['location-region'],
      connectRegions,
      interfaceName: s.interface,
      bfd: flags.booleans.bfd ?? false,
      ipv6,
      authKeySecretName: s['secret-name'],
      inboundPrefixes,
      description: s.description,
    });
  } catch (e) {
    asUsageError(e);
  }
  return text;
}

export const routerConfigEntry: CommandEntry = { summary: SUMMARY, run: routerConfig };

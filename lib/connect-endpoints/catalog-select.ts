/**
 * Resolves the endpoint table for one Region and set of options: validation of the options, the rows that apply,
 * placeholders filled in, the IP requirements, the warnings a choice deserves and the catalog's age (internal; read
 * it through `ConnectEndpointCatalog`).
 */
import { fail, show } from '../private/fail';
import { isUnresolved as isToken } from '../private/unresolved';
import {
  Confirmation, ENDPOINT_ROWS, EndpointRow, FactSource, GLOBAL_RESILIENCY_PAIRS, GLOBAL_RESILIENCY_PAIRS_SOURCE,
  INSTANCE_ALIAS_RULE, INSTANCE_DOMAINS, IP_RANGE_ROWS, IpRangeRow, KNOWN_REGIONS, MAX_CATALOG_AGE_DAYS, partitionOf,
  REFUSED_REGION_NOTES, REPLICA_ONLY_REGIONS, RowFeature,
} from './catalog-data';
import { toDomainTarget } from './domain-target';
import { CatalogWarning, ConnectEndpoint, EndpointSet, IpRangeRequirement, TrafficDirection, TransportProtocol } from './endpoint-types';
import { ConnectFeature, SignInMode } from './features';
import { GLOBAL_REGION, RegionRule, selectionRuleOf } from '../ip-ranges/engine';

/** The options after validation and defaults. */
export interface ResolvedOptions {
  readonly region: string;
  readonly alias?: string;
  readonly signInMode: SignInMode;
  readonly endpointSets: EndpointSet[];
  readonly features: ConnectFeature[];
  readonly nonSaml: boolean;
  /**
   * Leave out the rows of the instance hosts (`{alias}`): the replica Region of a Global Resiliency pair whose
   * replica alias was not given (its hosts are not guessed, nor opened with a wildcard).
   */
  readonly omitAliasRows?: boolean;
}

/** Validates the raw options and applies the defaults. */
export function resolveOptions(region: string, o: {
  instanceAlias?: string; signInMode?: SignInMode; endpointSets?: EndpointSet[]; features?: ConnectFeature[];
  includeNonSamlCloudFront?: boolean; omitAliasRows?: boolean;
}, aliasName = 'instanceAlias'): ResolvedOptions {
  const features = checkFeatures(o.features ?? []);
  checkRegion(region, features);
  checkInstanceAlias(o.instanceAlias, aliasName);
  const signInMode = o.signInMode ?? SignInMode.NEW;
  if (signInMode.name === SignInMode.LEGACY_AWSAPPS.name && partitionOf(region) !== 'aws') {
    fail('signInMode', `LEGACY_AWSAPPS is not available in ${region}: Amazon Connect instances in AWS GovCloud (US) ` +
      `use *.${INSTANCE_DOMAINS['aws-us-gov'].domain} only (${INSTANCE_DOMAINS['aws-us-gov'].source.url}); use NEW or SAML`);
  }
  return {
    region,
    alias: o.instanceAlias,
    signInMode,
    endpointSets: checkEndpointSets(o.endpointSets),
    features,
    nonSaml: o.includeNonSamlCloudFront ?? signInMode.name !== SignInMode.SAML.name,
    omitAliasRows: o.omitAliasRows === true,
  };
}

/** The endpoints for the resolved options, in table order, duplicates (same host, path, port, protocol) merged. */
export function selectEndpoints(r: ResolvedOptions): ConnectEndpoint[] {
  const values = placeholderValues(r);
  const byKey = new Map<string, ConnectEndpoint>();
  for (const row of ENDPOINT_ROWS.filter((row) => rowApplies(row, r))) {
    const e = toEndpoint(row, values);
    const key = `${e.host}|${e.path ?? ''}|${e.port}|${e.protocol}`;
    const first = byKey.get(key);
    // The same endpoint on both pages (two rows): one endpoint listing both sets, with the first row's source.
    if (first !== undefined) first.endpointSets.push(...e.endpointSets.filter((s) => !first.endpointSets.includes(s)));
    else byKey.set(key, e);
  }
  const order = Object.values(EndpointSet);
  return [...byKey.values()].map((e) => ({ ...e, endpointSets: order.filter((s) => e.endpointSets.includes(s)) }));
}

/** The IP requirements of the mode (IP_RANGES: every row; DOMAINS: the rows names cannot replace). */
export function selectIpRequirements(r: ResolvedOptions, ipRangesMode: boolean): IpRangeRequirement[] {
  return IP_RANGE_ROWS
    .filter((row) => ipRangesMode || row.neededWithDomains)
    .filter((row) => featureOn(row.feature, r) && (row.signIn === undefined || row.signIn.includes(r.signInMode.name)))
    .map((row) => ({
      service: row.service,
      ...(row.cidrs !== undefined ? { cidrs: [...row.cidrs] } : {}),
      ...regionSelection(row, r.region),
      port: row.port,
      protocol: row.protocol,
      direction: TrafficDirection.OUTBOUND,
      purpose: row.purpose,
      source: row.source.url,
      retrieved: row.source.retrieved,
    }));
}

/** The warnings the chosen options deserve (LEGACY endpoints, broad wildcards, wildcard instance hosts). */
export function catalogWarnings(r: ResolvedOptions, endpoints: ConnectEndpoint[]): CatalogWarning[] {
  const warnings: CatalogWarning[] = [];
  if (r.endpointSets.includes(EndpointSet.LEGACY)) {
    const broad = broadWildcards(r);
    warnings.push({
      id: 'legacyEndpoints',
      message: 'endpointSets includes LEGACY, the older AWS page\'s endpoints that the current page no longer lists ' +
        `(${legacyOnlyHosts(endpoints).join(', ')}). The allow list then opens these broad wildcards: ` +
        `${broad.map((b) => `${b.target} (${b.what})`).join('; ')}. Use [EndpointSet.CURRENT] unless agents still ` +
        'run a CCP that needs the older names.',
    });
  }
  const broad = broadWildcards(r);
  if (broad.length > 0) {
    warnings.push({
      id: 'broadWildcards',
      message: `the allow list opens ${broad.length === 1 ? 'a domain' : `${broad.length} domains`} shared with other AWS customers, `
        + `because AWS's Amazon Connect pages list ${broad.length === 1 ? 'it' : 'them'} for the chosen endpoint sets, sign-in mode and `
        + `features: ${broad.map((b) => `${b.target} (${b.what})`).join('; ')}. Traffic to those names is allowed whoever owns the `
        + 'host; docs/broad-wildcards.md says which choice opens which. Acknowledge it once reviewed: '
        + 'Annotations.of(stack).acknowledgeWarning(\'cdk-connect-dx:broadWildcards\', reason).',
    });
  }
  if (r.alias === undefined && r.omitAliasRows !== true) {
    warnings.push({
      id: 'wildcardInstance',
      message: `no instance alias: the instance hosts are *.${INSTANCE_DOMAINS[partitionOf(r.region)].domain}` +
        `${r.signInMode.name === SignInMode.LEGACY_AWSAPPS.name ? ' and *.awsapps.com' : ''}, which allow every Amazon ` +
        'Connect instance, not only yours; give instanceAlias',
    });
  }
  return warnings;
}

/** The broad wildcards (firewall target and what else it allows) the resolved options open. */
export function broadWildcards(r: ResolvedOptions): { target: string; what: string }[] {
  const values = placeholderValues(r);
  const found = new Map<string, string>();
  for (const row of ENDPOINT_ROWS) {
    if (row.broad === undefined || row.protocol !== TransportProtocol.TCP || !rowApplies(row, r)) continue;
    const target = toDomainTarget(fill(row.pattern, values));
    if (!found.has(target)) found.set(target, row.broad);
  }
  return [...found].map(([target, what]) => ({ target, what }));
}

/** The oldest read date of the endpoint facts behind the catalog (the catalog is as old as its stalest fact). */
export function readDateOf(endpoints: ConnectEndpoint[], requirements: IpRangeRequirement[]): string {
  const dates = [...endpoints.map((e) => e.retrieved), ...requirements.map((q) => q.retrieved)];
  return dates.sort()[0];
}

/** Whole days from `readDate` (YYYY-MM-DD, UTC midnight) to `asOf`. */
export function ageInDays(readDate: string, asOf: Date): number {
  if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) fail('asOf', `must be a valid date, got ${show(String(asOf))}`);
  return Math.floor((asOf.getTime() - Date.parse(`${readDate}T00:00:00Z`)) / 86_400_000);
}

/** The staleness warning when the catalog is more than MAX_CATALOG_AGE_DAYS old at `asOf`. */
export function ageWarning(readDate: string, asOf: Date): CatalogWarning | undefined {
  const age = ageInDays(readDate, asOf);
  if (age <= MAX_CATALOG_AGE_DAYS) return undefined;
  return {
    id: 'catalogAge',
    message: `the Amazon Connect endpoint catalog was read from AWS's pages on ${readDate}, ${age} days before ` +
      `${asOf.toISOString().slice(0, 10)} (more than ${MAX_CATALOG_AGE_DAYS}): AWS changes these endpoints, so ` +
      'check the pages (see the catalog sources) or upgrade cdk-connect-dx before relying on this allow list',
  };
}

function rowApplies(row: EndpointRow, r: ResolvedOptions): boolean {
  return featureOn(row.feature, r)
    && !(r.omitAliasRows === true && row.pattern.includes('{alias}'))
    && row.sets.some((s) => r.endpointSets.includes(s))
    && (row.regions === undefined || row.regions.includes(r.region))
    && (row.signIn === undefined || row.signIn.includes(r.signInMode.name))
    && (row.partitions === undefined || row.partitions.includes(partitionOf(r.region)));
}

function featureOn(feature: RowFeature, r: ResolvedOptions): boolean {
  if (feature === RowFeature.ALWAYS) return true;
  if (feature === RowFeature.NON_SAML) return r.nonSaml;
  return r.features.some((f) => f.name === feature);
}

function placeholderValues(r: ResolvedOptions): Record<string, string> {
  const valueOf = (name: string) => r.features.map((f) => f.placeholderValue(name)).find((v) => v !== undefined) ?? '';
  return {
    'region': r.region,
    'alias': r.alias ?? '*',
    'instance-domain': INSTANCE_DOMAINS[partitionOf(r.region)].domain,
    'bucket': valueOf('bucket'),
    'instance-id': valueOf('instance-id'),
    'source-region': valueOf('source-region'),
  };
}

function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\{([a-z-]+)\}/g, (_m, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`catalog-data: unknown placeholder {${key}} in ${pattern}`);
    return v;
  });
}

function toEndpoint(row: EndpointRow, values: Record<string, string>): ConnectEndpoint {
  // The instance domain is a fact of its own: in GovCloud an instance host comes from the GovCloud page.
  const govDomain = INSTANCE_DOMAINS['aws-us-gov'];
  const source: FactSource = values['instance-domain'] === govDomain.domain && row.pattern.includes('{instance-domain}')
    ? govDomain.source : row.source;
  return {
    host: fill(row.pattern, values),
    ...(row.path !== undefined ? { path: row.path } : {}),
    port: row.port,
    protocol: row.protocol,
    direction: row.direction,
    purpose: row.purpose,
    regions: [values.region],
    endpointSets: [...row.sets],
    source: source.url,
    retrieved: source.retrieved,
    confirmed: source.confirmation !== Confirmation.NOT_CONFIRMED,
    domainMatchable: row.protocol === TransportProtocol.TCP,
  };
}

function legacyOnlyHosts(endpoints: ConnectEndpoint[]): string[] {
  return [...new Set(endpoints.filter((e) => e.endpointSets.length === 1 && e.endpointSets[0] === EndpointSet.LEGACY)
    .map((e) => e.host + (e.path ?? '')))];
}

/** How a row's Regions are selected from ip-ranges.json (SELECTION_RULES unless the row fixes them). */
function regionSelection(row: IpRangeRow, region: string): { regions: string[]; allRegions: boolean; globalOnlyIfNoRegional: boolean } {
  if (row.cidrs !== undefined) return { regions: [], allRegions: false, globalOnlyIfNoRegional: false };
  if (row.regions !== undefined) {
    return { regions: [...new Set(row.regions.map((x) => (x === '{region}' ? region : x)))], allRegions: false, globalOnlyIfNoRegional: false };
  }
  switch (selectionRuleOf(row.service).rule) {
    case RegionRule.GLOBAL_AND_REGION: return { regions: [GLOBAL_REGION, region], allRegions: false, globalOnlyIfNoRegional: false };
    case RegionRule.REGION_ELSE_GLOBAL: return { regions: [region, GLOBAL_REGION], allRegions: false, globalOnlyIfNoRegional: true };
    default: return { regions: [], allRegions: true, globalOnlyIfNoRegional: false };
  }
}

function knownRegionsText(): string {
  return [...KNOWN_REGIONS].sort().join(', ');
}

function checkRegion(region: string, features: ConnectFeature[]): void {
  if (isToken(region)) {
    fail('region', `must be a literal Region (the endpoints differ per Region), got an unresolved token; use one of ${knownRegionsText()}`);
  }
  const gr = features.find((f) => f.name === 'GLOBAL_RESILIENCY');
  if (gr !== undefined) {
    checkGlobalResiliencyPair(region, gr.placeholderValue('source-region')!);
    return;
  }
  if (KNOWN_REGIONS.includes(region)) return;
  const note = REFUSED_REGION_NOTES[region];
  fail('region', `must be a Region where Amazon Connect runs: ${knownRegionsText()}; ` +
    `got ${show(region)}${note ? ` (${region} ${note})` : ''}`);
}

/** The catalog's Region must be the source Region of a documented pair, or that pair's replica. */
function checkGlobalResiliencyPair(region: string, source: string): void {
  const pairs = GLOBAL_RESILIENCY_PAIRS.map((p) => `${p.source}->${p.replica}`).join(', ');
  const asSource = GLOBAL_RESILIENCY_PAIRS.some((p) => p.source === source && p.source === region);
  const asReplica = GLOBAL_RESILIENCY_PAIRS.some((p) => p.source === source && p.replica === region);
  if (!GLOBAL_RESILIENCY_PAIRS.some((p) => p.source === source)) {
    fail('globalResiliency.sourceRegion', `must be the source Region of a documented Global Resiliency pair (${pairs}; ` +
      `${GLOBAL_RESILIENCY_PAIRS_SOURCE.url}), got ${show(source)}` +
      (REPLICA_ONLY_REGIONS.includes(source) ? ` (${source} is a replica Region only)` : ''));
  }
  if (!asSource && !asReplica) {
    fail('region', `must be the Global Resiliency source Region ${source} or its replica ` +
      `(${GLOBAL_RESILIENCY_PAIRS.filter((p) => p.source === source).map((p) => p.replica).join(', ')}) for sourceRegion ` +
      `${show(source)}; documented pairs: ${pairs}; got ${show(region)}`);
  }
}

export function checkInstanceAlias(alias: string | undefined, name = 'instanceAlias'): void {
  if (alias === undefined || isToken(alias)) return;
  const rule = INSTANCE_ALIAS_RULE;
  if (typeof alias !== 'string' || alias.length < rule.minLength || alias.length > rule.maxLength || !rule.pattern.test(alias)) {
    fail(name, `must be ${rule.minLength}-${rule.maxLength} letters, digits and hyphens, starting and ` +
      `ending with a letter or digit and not starting with 'd-' (Amazon Connect InstanceAlias), got ${show(alias)}`);
  }
}

function checkEndpointSets(sets: EndpointSet[] | undefined): EndpointSet[] {
  if (sets === undefined) return [EndpointSet.CURRENT];
  const allowed = Object.values(EndpointSet) as string[];
  if (sets.length === 0 || sets.some((s) => !allowed.includes(s))) {
    fail('endpointSets', `must be a non-empty list of ${allowed.join(', ')}, got ${show(sets)}`);
  }
  return allowed.filter((s) => (sets as string[]).includes(s)) as EndpointSet[];
}

function checkFeatures(features: ConnectFeature[]): ConnectFeature[] {
  const names = features.map((f) => f.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) fail('features', `must list each feature once, got ${dup} twice in ${show(names)}`);
  return [...features];
}

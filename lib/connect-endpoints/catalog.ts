/**
 * The Amazon Connect endpoint catalog for one Region and instance: the hosts, ports and ip-ranges.json services
 * that agents' browsers must reach, and exports of them for on-premises firewalls and proxies.
 */
import { fail, show } from '../private/fail';
import { CATALOG_CSV_HEADER as CSV_HEADER, checkDomainTarget, csvRecord } from '../private/text-rules';
import { isUnresolved as isToken } from '../private/unresolved';
import {
  ENDPOINT_ROWS, EndpointRow, INSTANCE_ALIAS_RULE, IP_RANGE_ROWS, KNOWN_REGIONS, REFUSED_REGION_NOTES, RowFeature,
  STATELESS_RETURN_ROWS,
} from './catalog-data';
import { normalizeDomainTargets } from './domain-target';
import {
  AllowListMode, ConnectEndpoint, EndpointSet, IpRangeRequirement, PortRange, TrafficDirection, TransportProtocol,
} from './endpoint-types';
import { renderSuricataRules } from './suricata';
import type { SuricataExportOptions } from './suricata-options';
import { GLOBAL_REGION, RegionRule, selectionRuleOf } from '../ip-ranges/engine';

/** Options for `ConnectEndpointCatalog.forRegion`. */
export interface ConnectEndpointCatalogOptions {
  /**
   * The Amazon Connect instance alias (the `{alias}` in `{alias}.my.connect.aws`): 1-45 letters, digits and
   * hyphens, starting and ending with a letter or digit, not starting with `d-`.
   *
   * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_Instance.html
   * @default - the instance endpoints use a wildcard (`*.my.connect.aws`, `*.awsapps.com`), which allows every
   * Amazon Connect instance, not only yours
   */
  readonly instanceAlias?: string;

  /**
   * Which versions of the "Set up your network" page to take endpoints from. Both by default: AWS still serves the
   * older names (the `*.a2z.com` telecom hosts, `*.execute-api`, `awsapps.com/connect/ccp`) to existing CCPs, and a
   * missing name shows up as dropped calls, while an extra name costs one more allow-list entry.
   *
   * @default [EndpointSet.LEGACY, EndpointSet.CURRENT] (until AWS retires the older names)
   */
  readonly endpointSets?: EndpointSet[];

  /**
   * Whether to include the extra static-content hosts AWS lists for instances that do not use SAML.
   *
   * @default true
   */
  readonly includeNonSamlCloudFront?: boolean;

  /**
   * The source Region of an Amazon Connect Global Resiliency setup; with `globalResiliencyInstanceId` it adds
   * `{instance-id}.{source-region}.sign-in.connect.aws` and `*.{source-region}.region-discovery.connect.aws`.
   * Agents that fail over to the replica Region also need that Region's endpoints: build a second catalog for it.
   *
   * @default - Global Resiliency domains are not included
   */
  readonly globalResiliencySourceRegion?: string;

  /**
   * The instance id used in the Global Resiliency sign-in domain. Give it together with
   * `globalResiliencySourceRegion`.
   *
   * @default - Global Resiliency domains are not included
   */
  readonly globalResiliencyInstanceId?: string;

  /**
   * The S3 bucket that holds chat attachments; adds `{bucket}.s3.{region}.amazonaws.com`.
   *
   * @default - no attachments bucket endpoint
   */
  readonly attachmentsBucket?: string;

  /**
   * Whether to include the agent scheduling upload buckets
   * (`bm-prod-{region}-cell-1-uploadservice-staging.s3.{region}.amazonaws.com` and cell 2).
   *
   * @default false
   */
  readonly includeSchedulingUploads?: boolean;
}

/** How `toJson` shapes its output. */
export interface CatalogJsonOptions {
  /**
   * The mode the IP requirements are listed for.
   *
   * @default AllowListMode.DOMAINS
   */
  readonly mode?: AllowListMode;
}

/**
 * The endpoints an Amazon Connect instance's agents must reach, for one Region, with exports for firewalls and
 * proxies (AWS Network Firewall domain lists, Suricata rules, plain domain lists, CSV, JSON). Pure data: no AWS
 * calls.
 *
 * ```ts
 * const catalog = ConnectEndpointCatalog.forRegion('eu-west-2', { instanceAlias: 'my-contact-centre' });
 * catalog.firewallDomains();       // ['.cloudfront.net', '.connect-telecom.eu-west-2.amazonaws.com', ...]
 * catalog.ipRuleRequirements();    // UDP 3478 to AMAZON_CONNECT (GLOBAL + eu-west-2)
 * catalog.toSuricataRules({ homeNet: ['10.20.0.0/16'] });
 * ```
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html
 */
export class ConnectEndpointCatalog {
  /**
   * The catalog for an Amazon Connect instance in `region`. Throws for a Region where Amazon Connect does not run,
   * listing the known Regions.
   */
  public static forRegion(region: string, options: ConnectEndpointCatalogOptions = {}): ConnectEndpointCatalog {
    return new ConnectEndpointCatalog(region, options);
  }

  /** The Regions where Amazon Connect runs, sorted. */
  public static knownRegions(): string[] {
    return [...KNOWN_REGIONS].sort();
  }

  /** The instance Region. */
  public readonly region: string;
  /** Every endpoint for this Region and options, in table order. */
  public readonly endpoints: ConnectEndpoint[];
  /** The page versions the endpoints were taken from. */
  public readonly endpointSets: EndpointSet[];
  /** Options given as unresolved tokens: fine in a synthesized template, refused by the text exports. */
  private readonly unresolvedOptions: string[];

  private constructor(region: string, options: ConnectEndpointCatalogOptions) {
    checkRegion('region', region);
    checkInstanceAlias(options.instanceAlias);
    const sets = checkEndpointSets(options.endpointSets);
    checkGlobalResiliency(options.globalResiliencySourceRegion, options.globalResiliencyInstanceId);
    checkBucketName(options.attachmentsBucket);

    this.region = region;
    this.endpointSets = sets;
    this.unresolvedOptions = ([
      ['instanceAlias', options.instanceAlias], ['attachmentsBucket', options.attachmentsBucket],
      ['globalResiliencyInstanceId', options.globalResiliencyInstanceId],
      ['globalResiliencySourceRegion', options.globalResiliencySourceRegion],
    ] as Array<[string, string | undefined]>).filter(([, v]) => isToken(v)).map(([name]) => name);
    const values: Record<string, string> = {
      region,
      'alias': options.instanceAlias ?? '*',
      'bucket': options.attachmentsBucket ?? '',
      'instance-id': options.globalResiliencyInstanceId ?? '',
      'source-region': options.globalResiliencySourceRegion ?? '',
    };
    const enabled: Record<RowFeature, boolean> = {
      [RowFeature.ALWAYS]: true,
      [RowFeature.ALIAS]: true,
      [RowFeature.NON_SAML]: options.includeNonSamlCloudFront ?? true,
      [RowFeature.GLOBAL_RESILIENCY]: options.globalResiliencySourceRegion !== undefined,
      [RowFeature.ATTACHMENTS]: options.attachmentsBucket !== undefined,
      [RowFeature.SCHEDULING]: options.includeSchedulingUploads ?? false,
    };
    this.endpoints = ENDPOINT_ROWS
      .filter((row) => enabled[row.feature])
      .filter((row) => row.sets.some((s) => sets.includes(s)))
      .filter((row) => row.regions === undefined || row.regions.includes(region))
      .map((row) => toEndpoint(row, values));
  }

  /**
   * The TCP 443 outbound hosts as AWS Network Firewall domain-list targets (`RulesSourceList.Targets`), sorted.
   *
   * - `*.x` becomes `.x` (Network Firewall's domain wildcard, which also matches `x`).
   * - A wildcard inside a label (`rtc*.connect-telecom.R.amazonaws.com`) becomes the nearest enclosing domain
   *   (`.connect-telecom.R.amazonaws.com`), the smallest target that matches every name the pattern does.
   * - Paths (`/ccp-v2`) and `https://` are stripped: TLS SNI and HTTP Host carry the host only.
   * - Lower-cased; duplicates merged; a name covered by a wildcard in the list is dropped.
   *
   * No target contains `*` or `/`. UDP media (TURN on 3478) is never a target: see `ipRuleRequirements()`.
   */
  public firewallDomains(): string[] {
    return normalizeDomainTargets(this.endpoints
      .filter((e) => e.domainMatchable && e.protocol === TransportProtocol.TCP && e.port === 443 &&
        e.direction === TrafficDirection.OUTBOUND)
      .map((e) => e.host));
  }

  /**
   * The traffic that needs IP rules to ip-ranges.json prefixes: always UDP 3478 media to `AMAZON_CONNECT` (GLOBAL
   * and the instance Region); in `IP_RANGES` mode also TCP 443 to `EC2` and `CLOUDFRONT`.
   *
   * @param mode DOMAINS (Option 1) or IP_RANGES (Option 2); @default AllowListMode.DOMAINS
   */
  public ipRuleRequirements(mode?: AllowListMode): IpRangeRequirement[] {
    const m = mode ?? AllowListMode.DOMAINS;
    return IP_RANGE_ROWS
      .filter((row) => m.name === AllowListMode.IP_RANGES.name || row.neededWithDomains)
      .map((row) => ({
        service: row.service,
        ...regionSelection(row.service, this.region),
        port: row.port,
        protocol: row.protocol,
        direction: TrafficDirection.OUTBOUND,
        purpose: row.purpose,
        source: row.source.url,
        retrieved: row.source.retrieved,
      }));
  }

  /**
   * The inbound UDP port ranges a stateless firewall must open from `AMAZON_CONNECT` for return media: browser
   * ephemeral ports, 49152-65535 (Windows, both pages) and 32768-61000 (Linux, current page). Stateful firewalls
   * need none of them.
   */
  public statelessReturnPortRanges(): PortRange[] {
    return STATELESS_RETURN_ROWS
      .filter((row) => row.sets.some((s) => this.endpointSets.includes(s)))
      .map((row) => ({
        service: 'AMAZON_CONNECT',
        fromPort: row.fromPort,
        toPort: row.toPort,
        protocol: TransportProtocol.UDP,
        direction: TrafficDirection.INBOUND,
        purpose: row.purpose,
        endpointSets: [...row.sets],
        source: row.source.url,
        retrieved: row.source.retrieved,
      }));
  }

  /**
   * Suricata rules in the form AWS Network Firewall generates for domain lists: `pass tls` rules on `tls.sni`
   * (wildcards with `dotprefix; content:".x"; endswith`, names with `startswith; endswith`), optional `http.host`
   * rules, IP rules for UDP 3478 (bidirectional, `<>`, so the returning media passes too) and, in IP_RANGES mode,
   * TCP 443 to the given CIDRs or to IP set references (`@AMAZON_CONNECT`, `@EC2`, `@CLOUDFRONT`), then drop rules for the remaining TLS / TCP 443 and UDP 3478
   * traffic from `$HOME_NET`. The header comments give the `HOME_NET` value to set.
   */
  public toSuricataRules(options: SuricataExportOptions): string {
    this.refuseUnresolved('Suricata rules');
    const mode = options.mode ?? AllowListMode.DOMAINS;
    return renderSuricataRules({
      region: this.region,
      endpointSets: this.endpointSets,
      mode,
      firewallDomains: this.firewallDomains(),
      ipRuleRequirements: this.ipRuleRequirements(mode),
    }, options);
  }

  /**
   * The firewall domain targets, one per line, in the leading-dot form (`.cloudfront.net`). Squid `dstdomain`
   * and most proxies read this form as "the domain and its subdomains"; for a proxy that wants `*.x`, use the
   * hosts in `toJson()` / `toCsv()`.
   */
  public toDomainList(): string {
    this.refuseUnresolved('a domain list');
    return this.firewallDomains().map((d, i) => {
      checkDomainTarget(`firewallDomains[${i}]`, d);
      return `${d}\n`;
    }).join('');
  }

  /**
   * Every endpoint as CSV with the header `host,port,protocol,direction,purpose,source`. `host` includes the path
   * when AWS gives one (`alias.my.connect.aws/ccp-v2`); `port` is `from-to` for a range.
   */
  public toCsv(): string {
    this.refuseUnresolved('CSV');
    const lines = [CSV_HEADER];
    for (const e of this.endpoints) {
      lines.push(csvRecord([
        ['host', e.host + (e.path ?? '')],
        ['port', e.portRangeEnd !== undefined ? `${e.port}-${e.portRangeEnd}` : String(e.port)],
        ['protocol', e.protocol], ['direction', e.direction], ['purpose', e.purpose], ['source', e.source],
      ]));
    }
    return lines.join('\n') + '\n';
  }

  /**
   * The whole catalog as JSON: Region, endpoint sets, endpoints, firewall domain targets, IP requirements for the
   * mode and stateless return ranges.
   */
  public toJson(options: CatalogJsonOptions = {}): string {
    this.refuseUnresolved('JSON');
    const mode = options.mode ?? AllowListMode.DOMAINS;
    return JSON.stringify({
      region: this.region,
      mode: mode.name,
      endpointSets: this.endpointSets,
      endpoints: this.endpoints,
      firewallDomains: this.firewallDomains(),
      ipRuleRequirements: this.ipRuleRequirements(mode),
      statelessReturnPortRanges: this.statelessReturnPortRanges(),
    }, undefined, 2) + '\n';
  }

  /** Text exports need literal values: an option given as a token is refused, naming it. */
  private refuseUnresolved(what: string): void {
    for (const name of this.unresolvedOptions) {
      fail(name, `is an unresolved token; ${what} needs the literal value (tokens are for the constructs, whose templates resolve them)`);
    }
  }
}

function toEndpoint(row: EndpointRow, values: Record<string, string>): ConnectEndpoint {
  const host = row.pattern.replace(/\{([a-z-]+)\}/g, (_m, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`catalog-data: unknown placeholder {${key}} in ${row.pattern}`);
    return v;
  });
  return {
    host,
    ...(row.path !== undefined ? { path: row.path } : {}),
    port: row.port,
    protocol: row.protocol,
    direction: row.direction,
    purpose: row.purpose,
    endpointSets: [...row.sets],
    source: row.source.url,
    retrieved: row.source.retrieved,
    domainMatchable: row.protocol === TransportProtocol.TCP,
  };
}

/** How the ip-ranges engine's SELECTION_RULES (the one table of Region rules) choose a service's entries. */
function regionSelection(service: string, region: string): { regions: string[]; allRegions: boolean; globalOnlyIfNoRegional: boolean } {
  switch (selectionRuleOf(service).rule) {
    case RegionRule.GLOBAL_AND_REGION: return { regions: [GLOBAL_REGION, region], allRegions: false, globalOnlyIfNoRegional: false };
    case RegionRule.REGION_ELSE_GLOBAL: return { regions: [region, GLOBAL_REGION], allRegions: false, globalOnlyIfNoRegional: true };
    default: return { regions: [], allRegions: true, globalOnlyIfNoRegional: false };
  }
}

function checkRegion(property: string, region: string): void {
  if (isToken(region)) {
    fail(property, `must be a literal Region (the endpoints differ per Region), got an unresolved token; use one of ${KNOWN_REGIONS.join(', ')}`);
  }
  if (KNOWN_REGIONS.includes(region)) return;
  const note = REFUSED_REGION_NOTES[region];
  fail(property, `must be a Region where Amazon Connect runs: ${ConnectEndpointCatalog.knownRegions().join(', ')}; ` +
    `got ${show(region)}${note ? ` (${region} ${note})` : ''}`);
}

function checkInstanceAlias(alias: string | undefined): void {
  if (alias === undefined || isToken(alias)) return;
  const rule = INSTANCE_ALIAS_RULE;
  if (alias.length < rule.minLength || alias.length > rule.maxLength || !rule.pattern.test(alias)) {
    fail('instanceAlias', `must be ${rule.minLength}-${rule.maxLength} letters, digits and hyphens, starting and ` +
      `ending with a letter or digit and not starting with 'd-' (Amazon Connect InstanceAlias), got ${show(alias)}`);
  }
}

function checkEndpointSets(sets: EndpointSet[] | undefined): EndpointSet[] {
  if (sets === undefined) return [EndpointSet.LEGACY, EndpointSet.CURRENT];
  const allowed = Object.values(EndpointSet) as string[];
  if (sets.length === 0 || sets.some((s) => !allowed.includes(s))) {
    fail('endpointSets', `must be a non-empty list of ${allowed.join(', ')}, got ${show(sets)}`);
  }
  return allowed.filter((s) => (sets as string[]).includes(s)) as EndpointSet[];
}

function checkGlobalResiliency(sourceRegion: string | undefined, instanceId: string | undefined): void {
  if ((sourceRegion === undefined) !== (instanceId === undefined)) {
    fail(sourceRegion === undefined ? 'globalResiliencySourceRegion' : 'globalResiliencyInstanceId',
      'must be given together with ' +
      `${sourceRegion === undefined ? 'globalResiliencyInstanceId' : 'globalResiliencySourceRegion'} ` +
      '(both name the Global Resiliency sign-in domain {instance-id}.{source-region}.sign-in.connect.aws)');
  }
  if (sourceRegion !== undefined && !isToken(sourceRegion) && !KNOWN_REGIONS.includes(sourceRegion)) {
    fail('globalResiliencySourceRegion', `must be a Region where Amazon Connect runs: ${ConnectEndpointCatalog.knownRegions().join(', ')}; got ${show(sourceRegion)}`);
  }
  // An instance id is a UUID; it becomes one DNS label here.
  if (instanceId !== undefined && !isToken(instanceId) && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(instanceId)) {
    fail('globalResiliencyInstanceId', `must be an Amazon Connect instance id (a lower-case UUID such as ` +
      `'12345678-aaaa-bbbb-cccc-123456789012', the last part of the instance ARN), got ${show(instanceId)}`);
  }
}

function checkBucketName(bucket: string | undefined): void {
  if (bucket === undefined || isToken(bucket)) return;
  // General purpose bucket naming rules (3-63 characters; lower-case letters, digits, dots, hyphens; begin and end
  // with a letter or digit; not an IP address). https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || /\.\.|^\d+\.\d+\.\d+\.\d+$/.test(bucket)) {
    fail('attachmentsBucket', `must be an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens, ` +
      `starting and ending with a letter or digit), got ${show(bucket)}`);
  }
}

/**
 * The Amazon Connect endpoint catalog for one Region and instance: the hosts, ports and ip-ranges.json services
 * that agents' browsers must reach, and exports of them for on-premises firewalls and proxies.
 *
 * Longer than 400 lines on purpose: the one public class of the catalog, its options interfaces and one short method
 * per export, most of it doc comments of public API; the selection is already in catalog-select.ts and the renderers
 * in suricata.ts and pac.ts.
 */
import {
  ageInDays, ageWarning, catalogWarnings, checkInstanceAlias, ResolvedOptions, resolveOptions, readDateOf, selectEndpoints,
  selectIpRequirements,
} from './catalog-select';
import { INSTANCE_DOMAINS, KNOWN_REGIONS, partitionOf, STATELESS_RETURN_ROWS } from './catalog-data';
import { globalResiliencyPairOf, resolveConnectRegions } from './connect-regions';
import { covers, normalizeDomainTargets, toDomainTarget } from './domain-target';
import {
  AllowListMode, CatalogWarning, ConnectEndpoint, EndpointSet, IpRangeRequirement, PortRange, TrafficDirection, TransportProtocol,
} from './endpoint-types';
import { ConnectFeature, SignInMode } from './features';
import { renderPac } from './pac';
import { renderSuricataRules } from './suricata';
import type { SuricataExportOptions } from './suricata-options';
import { fail } from '../private/fail';
import { CATALOG_CSV_HEADER as CSV_HEADER, checkDomainTarget, csvRecord } from '../private/text-rules';
import { isUnresolved } from '../private/unresolved';
import { checkKind, checkProps } from '../private/prop-types';

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
   * The alias of the Global Resiliency replica instance (`ReplicaAlias` of CreateReplicaConnectInstance): its hosts
   * (`{replicaAlias}.my.connect.aws`) are the instance hosts of the pair's replica Region, while `instanceAlias` is
   * the source instance's. Only with `ConnectFeature.globalResiliency`.
   *
   * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_ReplicateInstance.html
   * @default - the replica instance's hosts are not allowed (warning `replicaAliasMissing`), unless `instanceAlias`
   * is not given either (the wildcard instance hosts then allow every instance)
   */
  readonly replicaAlias?: string;

  /**
   * How agents sign in; decides the sign-in hosts (the new sign-in experience, the old awsapps.com domain, or SAML).
   *
   * @default SignInMode.NEW - AWS's default for instances without SAML since 7 April 2026
   */
  readonly signInMode?: SignInMode;

  /**
   * Optional features with endpoints of their own (video calling, screen recording, Global Resiliency, chat
   * attachments, scheduling uploads). Each adds exactly its rows.
   *
   * @default - none
   */
  readonly features?: ConnectFeature[];

  /**
   * Which versions of the "Set up your network" page to take endpoints from. The current page by default: the older
   * page's names (the per-Region telecom table, the `*.a2z.com` telecom hosts, `{alias}.awsapps.com/connect/ccp` and
   * `*.execute-api.{region}`, which allows every API Gateway API in the Region) are an explicit choice, and the
   * catalog then warns (`legacyEndpoints`) naming every broad wildcard the list opens.
   *
   * @default [EndpointSet.CURRENT]
   */
  readonly endpointSets?: EndpointSet[];

  /**
   * Whether to include the extra static-content hosts AWS lists for instances that do not use SAML.
   *
   * @default - true, unless `signInMode` is SAML
   */
  readonly includeNonSamlCloudFront?: boolean;
}

/** Options for `ConnectEndpointCatalog.toPac`. */
export interface PacExportOptions {
  /**
   * The proxy for every host that is not an Amazon Connect host, as `HOST:PORT` (`proxy.example.com:3128`,
   * `10.0.0.8:8080`, `[2001:db8::8]:3128`).
   *
   * @default - no proxy: every host goes DIRECT (the file then only documents the list)
   */
  readonly proxy?: string;
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
   * The catalog for an Amazon Connect instance in `region`. Throws for a Region where Amazon Connect does not run
   * (listing the known Regions), and for a Global Resiliency pair AWS does not document.
   */
  public static forRegion(region: string, options: ConnectEndpointCatalogOptions = {}): ConnectEndpointCatalog {
    checkKind('region', region, 'string');
    return ConnectEndpointCatalog.build([region], 'region', options);
  }

  /**
   * The catalog for the Amazon Connect Regions the agents use: the endpoints and IP requirements of every Region,
   * deduplicated, each endpoint naming the Regions that need it. With `ConnectFeature.globalResiliency`, the pair's
   * other Region is added when missing, and a Region outside the documented pair is refused. Throws for an empty
   * list, a duplicate, or a Region where Amazon Connect does not run.
   *
   * ```ts
   * const catalog = ConnectEndpointCatalog.forRegions(['us-east-1'], {
   *   instanceAlias: 'my-contact-centre',
   *   replicaAlias: 'my-contact-centre-west',
   *   features: [ConnectFeature.globalResiliency({ sourceRegion: 'us-east-1', instanceId: '12345678-aaaa-bbbb-cccc-123456789012' })],
   * });
   * catalog.regions; // ['us-east-1', 'us-west-2']
   * ```
   */
  public static forRegions(regions: string[], options: ConnectEndpointCatalogOptions = {}): ConnectEndpointCatalog {
    checkKind('regions', regions, 'array:string');
    return ConnectEndpointCatalog.build(regions, 'regions', options);
  }

  private static build(given: string[], name: string, options: ConnectEndpointCatalogOptions): ConnectEndpointCatalog {
    checkProps('ConnectEndpointCatalogOptions', options);
    const features = options.features ?? [];
    const regions = resolveConnectRegions(given, undefined, features, { set: name, fallback: name });
    const pair = globalResiliencyPairOf(features);
    if (options.replicaAlias !== undefined && pair === undefined) {
      fail('replicaAlias', 'is only used with Global Resiliency (ConnectFeature.globalResiliency): it is the alias of the replica '
        + `instance in the pair's other Region; add the feature or drop replicaAlias (got '${options.replicaAlias}')`);
    }
    checkInstanceAlias(options.replicaAlias, 'replicaAlias');
    const resolved = regions.map((region) => {
      const replica = pair !== undefined && region === pair.replica;
      if (!replica) return resolveOptions(region, options);
      // The replica instance has its own alias: its hosts, or none at all when it was not given (never the source's)
      const omit = options.replicaAlias === undefined && options.instanceAlias !== undefined;
      return resolveOptions(region, { ...options, instanceAlias: options.replicaAlias ?? (omit ? undefined : options.instanceAlias), omitAliasRows: omit }, 'replicaAlias');
    });
    return new ConnectEndpointCatalog(resolved, pair?.replica);
  }

  /** The Regions where Amazon Connect instances run, sorted (ap-northeast-3 is a Global Resiliency replica only). */
  public static knownRegions(): string[] {
    return [...KNOWN_REGIONS].sort();
  }

  /** The instance Region: the first of `regions` (the Region given to `forRegion`). */
  public readonly region: string;
  /**
   * Every Amazon Connect Region of the catalog: those given, and with Global Resiliency the pair's other Region.
   */
  public readonly regions: string[];
  /** Every endpoint for this Region and options, in table order. */
  public readonly endpoints: ConnectEndpoint[];
  /** The page versions the endpoints were taken from. */
  public readonly endpointSets: EndpointSet[];
  /** How agents sign in. */
  public readonly signInMode: SignInMode;
  /** The names of the features that are on (`VIDEO_CALLING`, `GLOBAL_RESILIENCY`, ...). */
  public readonly featureNames: string[];
  /**
   * The date (ISO 8601) AWS's pages were read for the facts behind this catalog: the oldest read date among them.
   */
  public readonly readDate: string;

  /** One resolved option set per Region, in `regions` order. */
  private readonly resolved: ResolvedOptions[];
  /** The replica Region of a Global Resiliency pair, when the catalog has one. */
  private readonly replicaRegion?: string;
  /** Options given as unresolved tokens: fine in a synthesized template, refused by the text exports. */
  private readonly unresolvedOptions: string[];

  private constructor(resolved: ResolvedOptions[], replicaRegion: string | undefined) {
    this.resolved = resolved;
    this.replicaRegion = replicaRegion;
    const first = resolved[0];
    this.unresolvedOptions = ([
      ...resolved.map((r, i) => [i > 0 && r.region === replicaRegion ? 'replicaAlias' : 'instanceAlias', r.alias]),
      ['attachments.bucket', first.features.map((f) => f.placeholderValue('bucket')).find((v) => v !== undefined)],
      ['globalResiliency.instanceId', first.features.map((f) => f.placeholderValue('instance-id')).find((v) => v !== undefined)],
    ] as Array<[string, string | undefined]>).filter(([, v]) => isUnresolved(v)).map(([name]) => name)
      .filter((n, i, all) => all.indexOf(n) === i);
    this.region = first.region;
    this.regions = resolved.map((r) => r.region);
    this.endpointSets = first.endpointSets;
    this.signInMode = first.signInMode;
    this.featureNames = first.features.map((f) => f.name);
    this.endpoints = mergeEndpoints(resolved.map((r) => selectEndpoints(r)));
    this.readDate = readDateOf(this.endpoints, this.requirements(true));
  }

  /** The IP requirements of every Region, merged: one per row, selecting the union of the Regions. */
  private requirements(ipRangesMode: boolean): IpRangeRequirement[] {
    return mergeRequirements(this.resolved.map((r) => selectIpRequirements(r, ipRangesMode)));
  }

  /**
   * What the chosen options open that deserves a warning: `legacyEndpoints` (the LEGACY set, with every broad
   * wildcard the list opens), `broadWildcards` (every domain the list opens that other AWS customers share, whatever
   * the set: CURRENT opens `.cloudfront.net` and `.s3.dualstack.{region}.amazonaws.com` too) and `wildcardInstance`
   * (no instance alias). The stack and the CLI print them with the
   * `cdk-connect-dx:` prefix.
   */
  public warnings(): CatalogWarning[] {
    const all = this.resolved.flatMap((r) => catalogWarnings(r, this.endpoints));
    const replica = this.resolved.find((r) => r.region === this.replicaRegion && r.omitAliasRows === true);
    if (replica !== undefined) {
      const domain = INSTANCE_DOMAINS[partitionOf(replica.region)].domain;
      all.push({
        id: 'replicaAliasMissing',
        message: `Global Resiliency without replicaAlias: the replica instance's hosts in ${replica.region} ` +
          `(<replica alias>.${domain}/ccp-v2, /api, /auth/authorize) are not allowed, so agents cannot reach the replica ` +
          `instance after a failover to ${replica.region}. Give the replica's alias (ReplicaAlias of ` +
          'CreateReplicaConnectInstance): replicaAlias on the stack or the catalog, -c replicaAlias=... in the example app, ' +
          '--replica-alias in the CLI',
      });
    }
    // one warning per id and text (two Regions without an alias say the same thing)
    return all.filter((w, i) => all.findIndex((x) => x.id === w.id && x.message === w.message) === i);
  }

  /**
   * Whole days between the read date and `asOf`.
   *
   * @param asOf the date to measure at (the synth or run date)
   */
  public ageInDays(asOf: Date): number {
    return ageInDays(this.readDate, asOf);
  }

  /**
   * The `catalogAge` warning when the catalog is more than 180 days old at `asOf`, else undefined.
   *
   * @param asOf the date to measure at (the synth or run date)
   */
  public ageWarning(asOf: Date): CatalogWarning | undefined {
    return ageWarning(this.readDate, asOf);
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
   * The traffic that needs IP rules: always UDP 3478 media to `AMAZON_CONNECT` (GLOBAL and the instance Region), and
   * with VIDEO_CALLING UDP 3478 to the Amazon Chime SDK subnet (a literal CIDR); in `IP_RANGES` mode also TCP 443 to
   * `EC2` and `CLOUDFRONT`, to `S3` of us-east-1, us-west-2 and the instance Region with the NEW sign-in, and to the
   * Chime subnet with VIDEO_CALLING.
   *
   * @param mode DOMAINS (Option 1) or IP_RANGES (Option 2); @default AllowListMode.DOMAINS
   */
  public ipRuleRequirements(mode?: AllowListMode): IpRangeRequirement[] {
    return this.requirements((mode ?? AllowListMode.DOMAINS).name === AllowListMode.IP_RANGES.name);
  }

  /**
   * The Connect Regions of the catalog that need each of `firewallDomains()` (same order): a target that covers
   * several endpoints names the Regions of all of them.
   */
  public firewallDomainRegions(): string[][] {
    const matchable = this.endpoints.filter((e) => e.domainMatchable && e.protocol === TransportProtocol.TCP && e.port === 443 &&
      e.direction === TrafficDirection.OUTBOUND);
    return this.firewallDomains().map((d) => {
      const regions = new Set<string>();
      for (const e of matchable) {
        const t = toDomainTarget(e.host.toLowerCase());
        if (t === d || (d.startsWith('.') && covers(d, t))) e.regions.forEach((r) => regions.add(r));
      }
      return this.regions.filter((r) => regions.has(r));
    });
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
    checkProps('SuricataExportOptions', options);
    this.refuseUnresolved('Suricata rules');
    const mode = options.mode ?? AllowListMode.DOMAINS;
    return renderSuricataRules({
      region: this.regions.join(', '),
      regions: this.regions,
      domainRegions: mode.name === AllowListMode.DOMAINS.name ? this.firewallDomainRegions() : undefined,
      readDate: this.readDate,
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
        ['regions', e.regions.join(' ')],
      ]));
    }
    return lines.join('\n') + '\n';
  }

  /**
   * A proxy auto-config (PAC) file: `FindProxyForURL` returns `DIRECT` for every catalog host (the TURN media hosts
   * included) and `PROXY <proxy>` for everything else, or `DIRECT` when no proxy is given.
   */
  public toPac(options: PacExportOptions = {}): string {
    checkProps('PacExportOptions', options);
    this.refuseUnresolved('a PAC file');
    return renderPac({
      region: this.regions.join(', '), readDate: this.readDate, hosts: this.endpoints.map((e) => e.host),
      hostRegions: this.endpoints.map((e) => e.regions),
    }, options.proxy);
  }

  /**
   * The whole catalog as JSON: Region, endpoint sets, endpoints, firewall domain targets, IP requirements for the
   * mode and stateless return ranges.
   */
  public toJson(options: CatalogJsonOptions = {}): string {
    checkProps('CatalogJsonOptions', options);
    this.refuseUnresolved('JSON');
    const mode = options.mode ?? AllowListMode.DOMAINS;
    return JSON.stringify({
      region: this.region,
      regions: this.regions,
      mode: mode.name,
      readDate: this.readDate,
      signInMode: this.signInMode.name,
      features: this.featureNames,
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

/** One endpoint per host, path, port and protocol across the Regions' lists, naming every Region that needs it. */
function mergeEndpoints(lists: ConnectEndpoint[][]): ConnectEndpoint[] {
  const byKey = new Map<string, ConnectEndpoint>();
  for (const list of lists) {
    for (const e of list) {
      const key = `${e.host}|${e.path ?? ''}|${e.port}|${e.protocol}`;
      const first = byKey.get(key);
      if (first === undefined) {
        byKey.set(key, { ...e, regions: [...e.regions], endpointSets: [...e.endpointSets] });
        continue;
      }
      e.regions.filter((r) => !first.regions.includes(r)).forEach((r) => first.regions.push(r));
      e.endpointSets.filter((x) => !first.endpointSets.includes(x)).forEach((x) => first.endpointSets.push(x));
    }
  }
  const order = Object.values(EndpointSet);
  return [...byKey.values()].map((e) => ({ ...e, endpointSets: order.filter((x) => e.endpointSets.includes(x)) }));
}

/** One requirement per row across the Regions' lists: the union of the Regions each selects. */
function mergeRequirements(lists: IpRangeRequirement[][]): IpRangeRequirement[] {
  const byKey = new Map<string, IpRangeRequirement>();
  for (const list of lists) {
    for (const q of list) {
      const key = `${q.service}|${q.port}|${q.protocol}|${q.purpose}|${(q.cidrs ?? []).join(',')}`;
      const first = byKey.get(key);
      if (first === undefined) {
        byKey.set(key, { ...q, regions: [...q.regions] });
        continue;
      }
      q.regions.filter((r) => !first.regions.includes(r)).forEach((r) => first.regions.push(r));
      byKey.set(key, { ...first, allRegions: first.allRegions || q.allRegions, globalOnlyIfNoRegional: first.globalOnlyIfNoRegional && q.globalOnlyIfNoRegional });
    }
  }
  return [...byKey.values()];
}

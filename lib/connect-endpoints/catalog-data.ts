/**
 * Every Amazon Connect endpoint fact this library knows, in one table, with its source and the date it was read.
 * Everything else (the catalog, the exports, the CLI, the firewall rule groups) reads from here.
 *
 * Sources:
 * - CURRENT: Amazon Connect Administrator Guide, "Set up your network to use the Amazon Connect Contact Control
 *   Panel (CCP)", https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html, read 2026-11-22.
 * - LEGACY: an older stored copy of the same page ("Set up your network"), the version with the per-Region telecom
 *   table, the ap-south-1 CloudFront row and seven TurnNlb endpoints, read 2026-11-22. Its telecom and awsapps rows
 *   also match the archived GitHub copy
 *   https://github.com/awsdocs/amazon-connect-admin-guide/blob/master/doc_source/ccp-networking.md.
 *   Note: the older page writes the telecom host without a wildcard (`rtc.connect-telecom.{region}...`); the
 *   current page writes `rtc*.connect-telecom.{region}...`. Both are kept as written.
 * - Instance alias rule: Amazon Connect API Reference, "Instance" / "CreateInstance", `InstanceAlias`: length 1-45,
 *   pattern `^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$`,
 *   https://docs.aws.amazon.com/connect/latest/APIReference/API_Instance.html, read 2026-11-23.
 *
 * Placeholders in patterns: `{region}` (the instance Region), `{alias}` (the instance alias), `{bucket}` (the
 * attachments bucket), `{instance-id}` and `{source-region}` (Global Resiliency).
 *
 * Internal: not exported from the package (read it through `ConnectEndpointCatalog`).
 */
import { EndpointSet, TrafficDirection, TransportProtocol } from './endpoint-types';

/** Where a fact was read. */
export interface FactSource {
  readonly url: string;
  readonly retrieved: string;
}

/** The current "Set up your network to use the CCP" page. */
export const CURRENT_PAGE: FactSource = {
  url: 'https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html',
  retrieved: '2026-11-22',
};

/** The older version of the same page (same URL; see the file header). */
export const LEGACY_PAGE: FactSource = {
  url: 'https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html',
  retrieved: '2026-11-22',
};

/** The Amazon Connect API rule for instance aliases. */
export const INSTANCE_ALIAS_RULE = {
  source: 'https://docs.aws.amazon.com/connect/latest/APIReference/API_Instance.html',
  retrieved: '2026-11-23',
  minLength: 1,
  maxLength: 45,
  pattern: /^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$/,
};

/**
 * The Regions where Amazon Connect runs (the service endpoints listed in the AWS General Reference, as summarized
 * on 2026-11-22). Every per-Region table on the current page names only these Regions (TurnNlb has all eleven).
 */
export const KNOWN_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-2',
  'us-east-1',
  'us-gov-west-1',
  'us-west-2',
];

/**
 * Regions that appear in a table of one of the pages but where Amazon Connect has no instance endpoint, with the
 * reason the catalog refuses them.
 */
export const REFUSED_REGION_NOTES: Readonly<Record<string, string>> = {
  'ap-south-1': 'appears only in the CloudFront table of the older page; the current page dropped it, it has no ' +
    'TurnNlb or telecom endpoint, and Amazon Connect lists no instance endpoint there',
  'us-gov-east-1': 'appears only in the non-SAML static-content table of the current page; Amazon Connect lists ' +
    'no instance endpoint there and it has no TurnNlb endpoint',
};

/** Which option turns an endpoint row on. */
export enum RowFeature {
  /** Always included. */
  ALWAYS = 'ALWAYS',
  /** Instance endpoints: `{alias}` is the instance alias, or `*` when none is given. */
  ALIAS = 'ALIAS',
  /** Extra static-content hosts for instances that do not use SAML (`includeNonSamlCloudFront`). */
  NON_SAML = 'NON_SAML',
  /** Global Resiliency domains (`globalResiliencySourceRegion` + `globalResiliencyInstanceId`). */
  GLOBAL_RESILIENCY = 'GLOBAL_RESILIENCY',
  /** The chat attachments bucket (`attachmentsBucket`). */
  ATTACHMENTS = 'ATTACHMENTS',
  /** Agent scheduling upload buckets (`includeSchedulingUploads`). */
  SCHEDULING = 'SCHEDULING',
}

/** One row of the endpoint table. */
export interface EndpointRow {
  /** Host as AWS writes it, with placeholders. */
  readonly pattern: string;
  readonly path?: string;
  readonly port: number;
  readonly protocol: TransportProtocol;
  readonly direction: TrafficDirection;
  readonly purpose: string;
  readonly sets: readonly EndpointSet[];
  /** The Regions a per-Region table row applies to; undefined = every Region (a `{region}` pattern). */
  readonly regions?: readonly string[];
  readonly feature: RowFeature;
  readonly source: FactSource;
}

const BOTH = [EndpointSet.LEGACY, EndpointSet.CURRENT] as const;
const CURRENT_ONLY = [EndpointSet.CURRENT] as const;
const LEGACY_ONLY = [EndpointSet.LEGACY] as const;

function https(pattern: string, purpose: string, sets: readonly EndpointSet[], extra: Partial<EndpointRow> = {}): EndpointRow {
  return {
    pattern,
    port: 443,
    protocol: TransportProtocol.TCP,
    direction: TrafficDirection.OUTBOUND,
    purpose,
    sets,
    feature: RowFeature.ALWAYS,
    source: sets.includes(EndpointSet.CURRENT) ? CURRENT_PAGE : LEGACY_PAGE,
    ...extra,
  };
}

function turn(pattern: string, sets: readonly EndpointSet[], regions?: readonly string[]): EndpointRow {
  return {
    pattern,
    port: 3478,
    protocol: TransportProtocol.UDP,
    direction: TrafficDirection.OUTBOUND,
    purpose: 'softphone media (WebRTC through TURN)',
    sets,
    regions,
    feature: RowFeature.ALWAYS,
    source: sets.includes(EndpointSet.CURRENT) ? CURRENT_PAGE : LEGACY_PAGE,
  };
}

/** Per-Region CloudFront static-asset domains. Every Region's pair is the same on both pages except as noted. */
const CLOUDFRONT_BY_REGION: ReadonlyArray<{ region: string; hosts: string[]; sets: readonly EndpointSet[] }> = [
  { region: 'us-east-1', hosts: ['dd401jc05x2yk.cloudfront.net', 'd1f0uslncy85vb.cloudfront.net'], sets: BOTH },
  { region: 'us-west-2', hosts: ['d38fzyjx9jg8fj.cloudfront.net', 'd366s8lxuwna4d.cloudfront.net'], sets: BOTH },
  { region: 'ap-northeast-1', hosts: ['d3h58onr8hrozw.cloudfront.net', 'd13ljas036gz6c.cloudfront.net'], sets: BOTH },
  { region: 'ap-northeast-2', hosts: ['d11ouwvqpq1ads.cloudfront.net'], sets: CURRENT_ONLY },
  { region: 'ap-southeast-1', hosts: ['d2g7up6vqvaq2o.cloudfront.net', 'd12o1dl1h4w0xc.cloudfront.net'], sets: BOTH },
  { region: 'ap-southeast-2', hosts: ['d2190hliw27bb8.cloudfront.net', 'd3mgrlqzmisce5.cloudfront.net'], sets: BOTH },
  { region: 'eu-central-1', hosts: ['d1n9s7btyr4f0n.cloudfront.net', 'd3tqoc05lsydd3.cloudfront.net'], sets: BOTH },
  { region: 'eu-west-2', hosts: ['dl32tyuy2mmv6.cloudfront.net', 'd2p8ibh10q5exz.cloudfront.net'], sets: BOTH },
  // Older page only (the current page dropped the row; see REFUSED_REGION_NOTES).
  { region: 'ap-south-1', hosts: ['d30zes7xe5707g.cloudfront.net', 'dhpg19j09qxx0.cloudfront.net'], sets: LEGACY_ONLY },
];

/** Additional static-content hosts for instances that do not use SAML (current page only). */
const NON_SAML_BY_REGION: ReadonlyArray<{ region: string; host: string; path?: string }> = [
  { region: 'us-east-1', host: 'd32i4gd7pg4909.cloudfront.net' },
  { region: 'us-west-2', host: 'd18af777lco7lp.cloudfront.net' },
  { region: 'eu-west-2', host: 'd16q6638mh01s7.cloudfront.net' },
  { region: 'ap-northeast-1', host: 'd2c2t8mxjhq5z1.cloudfront.net' },
  { region: 'ap-northeast-2', host: 'd9j3u8qaxidxi.cloudfront.net' },
  { region: 'ap-southeast-1', host: 'd3qzmd7y07pz0i.cloudfront.net' },
  { region: 'ap-southeast-2', host: 'dwcpoxuuza83q.cloudfront.net' },
  { region: 'eu-central-1', host: 'd1whcm49570jjw.cloudfront.net' },
  { region: 'ca-central-1', host: 'd2wfbsypmqjmog.cloudfront.net' },
  // GovCloud: static content from S3 instead of CloudFront (bucket in the path).
  { region: 'us-gov-east-1', host: 's3-us-gov-east-1.amazonaws.com', path: '/warp-drive-console-static-content-prod-osu/' },
  { region: 'us-gov-west-1', host: 's3-us-gov-west-1.amazonaws.com', path: '/warp-drive-console-static-content-prod-pdt/' },
];

/** TurnNlb endpoints per Region. The first seven rows are on both pages. */
const TURN_BY_REGION: ReadonlyArray<{ region: string; hosts: string[]; sets: readonly EndpointSet[] }> = [
  { region: 'us-west-2', hosts: ['TurnNlb-8d79b4466d82ad0e'], sets: BOTH },
  { region: 'us-east-1', hosts: ['TurnNlb-d76454ac48d20c1e'], sets: BOTH },
  { region: 'eu-central-1', hosts: ['TurnNlb-ea5316ebe2759cbc'], sets: BOTH },
  { region: 'ap-southeast-2', hosts: ['TurnNlb-93f2de0c97c4316b'], sets: BOTH },
  { region: 'ap-northeast-1', hosts: ['TurnNlb-3c6ddabcbeb821d8'], sets: BOTH },
  { region: 'eu-west-2', hosts: ['TurnNlb-1dc64a459ead57ea'], sets: BOTH },
  { region: 'ap-southeast-1', hosts: ['TurnNlb-261982506d86d300'], sets: BOTH },
  { region: 'us-west-2', hosts: ['TurnNlb-dbc4ebb71307fda2', 'TurnNlb-13c884fe3673ed9f'], sets: CURRENT_ONLY },
  { region: 'us-east-1', hosts: ['TurnNlb-31a7fe8a79c27929', 'TurnNlb-7a9b8e750cec315a'], sets: CURRENT_ONLY },
  { region: 'af-south-1', hosts: ['TurnNlb-29b8f2824c2958b8'], sets: CURRENT_ONLY },
  { region: 'ap-northeast-2', hosts: ['TurnNlb-a2d59ac3f246f09a'], sets: CURRENT_ONLY },
  { region: 'ca-central-1', hosts: ['TurnNlb-b019de6142240b9f'], sets: CURRENT_ONLY },
  { region: 'us-gov-west-1', hosts: ['TurnNlb-d7c623c23f628042'], sets: CURRENT_ONLY },
];

/** The endpoint table. */
export const ENDPOINT_ROWS: readonly EndpointRow[] = [
  // --- Telecom (softphone signalling) ---
  https('rtc*.connect-telecom.{region}.amazonaws.com', 'CCP v1 softphone signalling', CURRENT_ONLY),
  https('rtc.connect-telecom.{region}.amazonaws.com', 'CCP softphone signalling (older telecom table)', LEGACY_ONLY,
    { regions: ['us-west-2', 'us-east-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'] }),
  https('rtc.cell-1.prod.eu-west-2.prod.connect.aws.a2z.com', 'CCP softphone signalling (older telecom table)', LEGACY_ONLY,
    { regions: ['eu-west-2'] }),
  https('rtc.cell-1.prod.ap-southeast-1.prod.connect.aws.a2z.com', 'CCP softphone signalling (older telecom table)',
    LEGACY_ONLY, { regions: ['ap-southeast-1'] }),

  // --- Instance (alias) endpoints ---
  https('{alias}.my.connect.aws', 'CCP v2 page of the instance', CURRENT_ONLY, { path: '/ccp-v2', feature: RowFeature.ALIAS }),
  https('{alias}.my.connect.aws', 'Amazon Connect API of the instance', CURRENT_ONLY, { path: '/api', feature: RowFeature.ALIAS }),
  https('{alias}.my.connect.aws', 'agent sign-in of the instance', CURRENT_ONLY, { path: '/auth/authorize', feature: RowFeature.ALIAS }),
  https('{alias}.awsapps.com', 'CCP v2 page of the instance (awsapps.com domain, being retired)', CURRENT_ONLY,
    { path: '/connect/ccp-v2', feature: RowFeature.ALIAS }),
  https('{alias}.awsapps.com', 'Amazon Connect API of the instance (awsapps.com domain, being retired)', BOTH,
    { path: '/connect/api', feature: RowFeature.ALIAS }),
  https('{alias}.awsapps.com', 'agent sign-in of the instance (awsapps.com domain, being retired)', CURRENT_ONLY,
    { path: '/connect/auth/authorize', feature: RowFeature.ALIAS }),
  https('{alias}.awsapps.com', 'CCP v1 page of the instance', LEGACY_ONLY, { path: '/connect/ccp', feature: RowFeature.ALIAS }),
  https('*.cloudfront.net', 'CCP static assets (CloudFront)', BOTH),

  // --- Regional service endpoints ---
  https('*.execute-api.{region}.amazonaws.com', 'CCP API calls through API Gateway (older page)', LEGACY_ONLY),
  https('*.telemetry.connect.{region}.amazonaws.com', 'CCP telemetry', CURRENT_ONLY),
  https('participant.connect.{region}.amazonaws.com', 'chat participant service', BOTH),
  https('*.transport.connect.{region}.amazonaws.com', 'CCP v2 signalling and events (WebSocket)', BOTH),
  https('{bucket}.s3.{region}.amazonaws.com', 'chat attachments bucket', CURRENT_ONLY, { feature: RowFeature.ATTACHMENTS }),
  https('bm-prod-{region}-cell-1-uploadservice-staging.s3.{region}.amazonaws.com', 'agent scheduling uploads (cell 1)',
    CURRENT_ONLY, { feature: RowFeature.SCHEDULING }),
  https('bm-prod-{region}-cell-2-uploadservice-staging.s3.{region}.amazonaws.com', 'agent scheduling uploads (cell 2)',
    CURRENT_ONLY, { feature: RowFeature.SCHEDULING }),

  // --- Static content per Region ---
  ...CLOUDFRONT_BY_REGION.flatMap((r) => r.hosts.map((h) =>
    https(h, 'CCP static assets (CloudFront, per Region)', r.sets, { regions: [r.region] }))),
  https('*.my.connect.aws', 'CCP static assets (ca-central-1 serves them behind *.my.connect.aws)', CURRENT_ONLY,
    { regions: ['ca-central-1'] }),
  ...NON_SAML_BY_REGION.map((r) =>
    https(r.host, 'CCP static assets for instances without SAML', CURRENT_ONLY,
      { regions: [r.region], path: r.path, feature: RowFeature.NON_SAML })),

  // --- Global Resiliency (only when onboarded) ---
  https('{instance-id}.{source-region}.sign-in.connect.aws', 'Global Resiliency agent sign-in', CURRENT_ONLY,
    { feature: RowFeature.GLOBAL_RESILIENCY }),
  https('*.{source-region}.region-discovery.connect.aws', 'Global Resiliency Region discovery', CURRENT_ONLY,
    { feature: RowFeature.GLOBAL_RESILIENCY }),

  // --- Media (UDP; cannot be matched by name on a firewall) ---
  turn('TurnNlb-*.elb.{region}.amazonaws.com', BOTH),
  ...TURN_BY_REGION.flatMap((r) => r.hosts.map((h) => turn(`${h}.elb.${r.region}.amazonaws.com`, r.sets, [r.region]))),
];

/**
 * One row of the ip-ranges.json table (Option 2, and the media that names cannot match). Which Regions of a
 * service are selected (GLOBAL and the instance Region for AMAZON_CONNECT; the instance Region, else GLOBAL, for
 * EC2; every Region for CLOUDFRONT) is the ip-ranges engine's `SELECTION_RULES` table, read from the same page.
 */
export interface IpRangeRow {
  readonly service: string;
  readonly port: number;
  readonly protocol: TransportProtocol;
  readonly purpose: string;
  /** True when the domain allow list (Option 1) still needs this IP rule. */
  readonly neededWithDomains: boolean;
  readonly source: FactSource;
}

/** The ip-ranges.json requirements (all OUTBOUND). */
export const IP_RANGE_ROWS: readonly IpRangeRow[] = [
  {
    service: 'AMAZON_CONNECT', port: 3478, protocol: TransportProtocol.UDP,
    purpose: 'softphone media (WebRTC through TURN)', neededWithDomains: true, source: CURRENT_PAGE,
  },
  {
    service: 'EC2', port: 443, protocol: TransportProtocol.TCP,
    purpose: 'CCP signalling, API and WebSockets (instead of the domain allow list)', neededWithDomains: false,
    source: CURRENT_PAGE,
  },
  {
    service: 'CLOUDFRONT', port: 443, protocol: TransportProtocol.TCP,
    purpose: 'CCP static assets from the nearest CloudFront edge (instead of the domain allow list)',
    neededWithDomains: false, source: CURRENT_PAGE,
  },
];

/** Inbound return ranges that stateless firewalls must open (browser ephemeral ports), from AMAZON_CONNECT. */
export const STATELESS_RETURN_ROWS: ReadonlyArray<{
  readonly fromPort: number; readonly toPort: number; readonly purpose: string;
  readonly sets: readonly EndpointSet[]; readonly source: FactSource;
}> = [
  { fromPort: 49152, toPort: 65535, purpose: 'browser ephemeral ports on Windows', sets: BOTH, source: CURRENT_PAGE },
  { fromPort: 32768, toPort: 61000, purpose: 'browser ephemeral ports on Linux', sets: CURRENT_ONLY, source: CURRENT_PAGE },
];

/**
 * Every Amazon Connect endpoint fact this library knows, in ONE table, each row with the URL of the AWS page it
 * comes from, the date it was read and how it was confirmed. Everything else (the catalog, the exports, the CLI, the
 * firewall rule groups) reads from here.
 *
 * Longer than 400 lines on purpose: the project keeps a fact in one table with its source, so the per-Region host
 * tables stay here beside the rows that use them rather than in files of their own.
 *
 * How rows were confirmed on 2026-12-01 (`Confirmation`): AWS_PAGE = read on a stored copy of the AWS page;
 * MIRROR = read on a public copy of the page's text (the AWS documentation's markdown), the live page itself not being
 * reachable from the build machine; NOT_CONFIRMED = reported elsewhere, absent from every copy of the AWS page read.
 * The instance alias rule was read on 2026-11-23 (API reference) and is unchanged.
 *
 * Placeholders in patterns: `{region}` (the instance Region), `{alias}` (the instance alias), `{instance-domain}`
 * (`my.connect.aws`, or `govcloud.connect.aws` in AWS GovCloud (US)), `{bucket}` (the attachments bucket),
 * `{instance-id}` and `{source-region}` (Global Resiliency).
 *
 * Internal: not exported from the package (read it through `ConnectEndpointCatalog`).
 */
import { partitionOfRegion } from '../facts/partitions';
import { EndpointSet, TrafficDirection, TransportProtocol } from './endpoint-types';

/** How a fact was confirmed when it was read (see the file header). */
export enum Confirmation {
  AWS_PAGE = 'AWS_PAGE',
  MIRROR = 'MIRROR',
  NOT_CONFIRMED = 'NOT_CONFIRMED',
}

/** Where a fact was read. */
export interface FactSource {
  readonly url: string;
  readonly retrieved: string;
  readonly confirmation: Confirmation;
  /** What was read, when it matters (a mirror, an older version, an unconfirmed report). */
  readonly note?: string;
}

const ADMIN_GUIDE = 'https://docs.aws.amazon.com/connect/latest/adminguide';
const READ = '2026-12-01';

/** "Set up your network to use the Amazon Connect Contact Control Panel (CCP)", current version. */
export const CURRENT_PAGE: FactSource = {
  url: `${ADMIN_GUIDE}/ccp-networking.html`, retrieved: READ, confirmation: Confirmation.MIRROR,
  note: 'stored copies of the live page show the same first rows; the whole table was read on a copy of its markdown',
};
/** The older version of the same page (per-Region telecom table, execute-api, awsapps.com/connect/ccp). */
export const LEGACY_PAGE: FactSource = {
  url: `${ADMIN_GUIDE}/ccp-networking.html`, retrieved: READ, confirmation: Confirmation.AWS_PAGE,
  note: 'an older stored version of the page; its telecom and awsapps rows also match the archived GitHub copy ' +
    'awsdocs/amazon-connect-admin-guide doc_source/ccp-networking.md. The current page lists none of its LEGACY-only rows',
};
/** "Testing the new sign-in experience". */
export const NEW_SIGNIN_PAGE: FactSource = {
  url: `${ADMIN_GUIDE}/new-signin-experience.html`, retrieved: READ, confirmation: Confirmation.MIRROR,
};
/** "Update your Amazon Connect domain", section "Firewall allowlist". */
export const DOMAIN_PAGE: FactSource = {
  url: `${ADMIN_GUIDE}/update-your-connect-domain.html`, retrieved: READ, confirmation: Confirmation.MIRROR,
};
/** AWS GovCloud (US) User Guide, "Amazon Connect in AWS GovCloud (US)". */
export const GOVCLOUD_PAGE: FactSource = {
  url: 'https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-con.html', retrieved: READ,
  confirmation: Confirmation.AWS_PAGE,
};
/** "Agent workstation requirements for app, web, and video calling". */
export const VIDEO_PAGE: FactSource = {
  url: `${ADMIN_GUIDE}/videocalling-networking-requirements.html`, retrieved: READ, confirmation: Confirmation.AWS_PAGE,
};
/** "System and network requirements for screen recording". */
export const SCREEN_RECORDING_PAGE: FactSource = {
  url: `${ADMIN_GUIDE}/sr-system-req.html`, retrieved: READ, confirmation: Confirmation.MIRROR,
};
/** "Set up Amazon Connect Global Resiliency" (the Region pairs). */
export const GLOBAL_RESILIENCY_PAGE: FactSource = {
  url: `${ADMIN_GUIDE}/setup-connect-global-resiliency.html`, retrieved: READ, confirmation: Confirmation.AWS_PAGE,
};
/** AWS General Reference, "AWS Sign-In endpoints and quotas" (SAML sign-in hosts). */
export const SIGNIN_ENDPOINTS_PAGE: FactSource = {
  url: 'https://docs.aws.amazon.com/general/latest/gr/signin-service.html', retrieved: READ,
  confirmation: Confirmation.AWS_PAGE, note: 'the GovCloud rows were read on a copy of the page\'s markdown',
};
/** TurnNlb hosts reported by the 2026 review but found on no copy of the AWS page. */
const TURN_REPORTED: FactSource = {
  url: `${ADMIN_GUIDE}/ccp-networking.html`, retrieved: READ, confirmation: Confirmation.NOT_CONFIRMED,
  note: 'reported by the review behind issue 13 and seen only in a third-party summary; every copy of the AWS page ' +
    'read lists three hosts for us-east-1 and us-west-2 and one for eu-central-1 and eu-west-2. Covered by the ' +
    'TurnNlb-*.elb.{region} wildcard either way',
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
 * The Regions where Amazon Connect instances run (the service endpoints of the AWS General Reference, as summarized on
 * 2026-11-22; the admin guide's "Availability by Region" lists the same eleven on 2026-12-01).
 */
export const KNOWN_REGIONS: readonly string[] = [
  'af-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1',
  'eu-central-1', 'eu-west-2', 'us-east-1', 'us-gov-west-1', 'us-west-2',
];

/** The AWS partition of a Region, for the rows that differ in AWS GovCloud (US). */
export enum Partition {
  AWS = 'aws',
  AWS_US_GOV = 'aws-us-gov',
}

/** The partition of a Region code, of the two where Amazon Connect runs (the table: facts/partitions.ts). */
export function partitionOf(region: string): Partition {
  return partitionOfRegion(region) === Partition.AWS_US_GOV ? Partition.AWS_US_GOV : Partition.AWS;
}

/** The instance domain per partition (`{instance-domain}`). */
export const INSTANCE_DOMAINS: Readonly<Record<Partition, { readonly domain: string; readonly source: FactSource }>> = {
  [Partition.AWS]: { domain: 'my.connect.aws', source: CURRENT_PAGE },
  [Partition.AWS_US_GOV]: { domain: 'govcloud.connect.aws', source: GOVCLOUD_PAGE },
};

/**
 * The documented Global Resiliency pairs, source -> replica. Osaka (ap-northeast-3) is a replica Region only: a
 * catalog is built there only for the replica of a Tokyo instance.
 */
export const GLOBAL_RESILIENCY_PAIRS: ReadonlyArray<{ readonly source: string; readonly replica: string }> = [
  { source: 'us-east-1', replica: 'us-west-2' },
  { source: 'us-west-2', replica: 'us-east-1' },
  { source: 'eu-central-1', replica: 'eu-west-2' },
  { source: 'eu-west-2', replica: 'eu-central-1' },
  { source: 'ap-northeast-1', replica: 'ap-northeast-3' },
];
export const GLOBAL_RESILIENCY_PAIRS_SOURCE = GLOBAL_RESILIENCY_PAGE;

/** Regions where an instance exists only as a Global Resiliency replica. */
export const REPLICA_ONLY_REGIONS: readonly string[] = ['ap-northeast-3'];

/**
 * Regions that appear in a table of one of the pages but where Amazon Connect has no instance endpoint, with the
 * reason the catalog refuses them.
 */
export const REFUSED_REGION_NOTES: Readonly<Record<string, string>> = {
  'ap-south-1': 'appears only in the CloudFront table of the older page; the current page dropped it, it has no ' +
    'TurnNlb or telecom endpoint, and Amazon Connect lists no instance endpoint there',
  'us-gov-east-1': 'appears only in the non-SAML static-content table of the current page; Amazon Connect lists ' +
    'no instance endpoint there and it has no TurnNlb endpoint',
  'ap-northeast-3': 'is a Global Resiliency replica Region only (for a source instance in ap-northeast-1): build its ' +
    'catalog with the GLOBAL_RESILIENCY feature and sourceRegion ap-northeast-1',
};

/** Which option turns a row on. */
export enum RowFeature {
  /** Always included. */
  ALWAYS = 'ALWAYS',
  /** Extra static-content hosts for instances that do not use SAML (`includeNonSamlCloudFront`). */
  NON_SAML = 'NON_SAML',
  GLOBAL_RESILIENCY = 'GLOBAL_RESILIENCY',
  ATTACHMENTS = 'ATTACHMENTS',
  SCHEDULING_UPLOADS = 'SCHEDULING_UPLOADS',
  VIDEO_CALLING = 'VIDEO_CALLING',
  SCREEN_RECORDING = 'SCREEN_RECORDING',
}

/** Sign-in mode names (`SignInMode.name`) a row applies to. */
const NEW = ['NEW'] as const;
const AWSAPPS = ['LEGACY_AWSAPPS'] as const;
const SAML = ['SAML'] as const;

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
  /** The Regions a per-Region table row applies to; undefined = every Region. */
  readonly regions?: readonly string[];
  readonly feature: RowFeature;
  /** The sign-in modes (`SignInMode.name`) the row applies to; undefined = every mode. */
  readonly signIn?: readonly string[];
  /** The partitions the row applies to; undefined = both. */
  readonly partitions?: readonly Partition[];
  /** For a wildcard that also matches other customers' hosts: what else it allows. */
  readonly broad?: string;
  readonly source: FactSource;
}

const BOTH = [EndpointSet.LEGACY, EndpointSet.CURRENT] as const;
const CURRENT_ONLY = [EndpointSet.CURRENT] as const;
const LEGACY_ONLY = [EndpointSet.LEGACY] as const;
const COMMERCIAL = [Partition.AWS] as const;
const GOVCLOUD = [Partition.AWS_US_GOV] as const;

function https(pattern: string, purpose: string, sets: readonly EndpointSet[], extra: Partial<EndpointRow> = {}): EndpointRow {
  return {
    pattern, port: 443, protocol: TransportProtocol.TCP, direction: TrafficDirection.OUTBOUND, purpose, sets,
    feature: RowFeature.ALWAYS, source: sets.includes(EndpointSet.CURRENT) ? CURRENT_PAGE : LEGACY_PAGE, ...extra,
  };
}

function udp3478(pattern: string, purpose: string, sets: readonly EndpointSet[], extra: Partial<EndpointRow> = {}): EndpointRow {
  return { ...https(pattern, purpose, sets, extra), port: 3478, protocol: TransportProtocol.UDP };
}

const TURN_PURPOSE = 'softphone media (WebRTC through TURN)';

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

/** TurnNlb endpoints per Region. The first seven rows are on both pages; the last rows were not confirmed. */
const TURN_BY_REGION: ReadonlyArray<{ region: string; hosts: string[]; sets: readonly EndpointSet[]; source?: FactSource }> = [
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
  { region: 'us-west-2', hosts: ['TurnNlb-6bb66ee54ee32710', 'TurnNlb-ecc67f8fbd7a29f6'], sets: CURRENT_ONLY, source: TURN_REPORTED },
  { region: 'us-east-1', hosts: ['TurnNlb-d40f7ff9cdd63758', 'TurnNlb-7675623c965365c2'], sets: CURRENT_ONLY, source: TURN_REPORTED },
  { region: 'eu-central-1', hosts: ['TurnNlb-cce94fede9926d70'], sets: CURRENT_ONLY, source: TURN_REPORTED },
  { region: 'eu-west-2', hosts: ['TurnNlb-0c39b6a52bcdd446'], sets: CURRENT_ONLY, source: TURN_REPORTED },
];

/** The commercial Regions whose AWS Sign-In endpoint is `{region}.signin.aws.amazon.com` (us-east-1 has none). */
const REGIONAL_SIGNIN = [...KNOWN_REGIONS, ...REPLICA_ONLY_REGIONS].filter((r) => r !== 'us-east-1' && !r.startsWith('us-gov-'));

const BROAD_CLOUDFRONT = 'every CloudFront distribution, of any AWS customer';
const BROAD_S3 = (r: string) => `every S3 bucket in ${r}, of any AWS customer`;

/** The endpoint table. */
export const ENDPOINT_ROWS: readonly EndpointRow[] = [
  // --- Telecom (softphone signalling) ---
  https('rtc*.connect-telecom.{region}.amazonaws.com', 'CCP v1 (ccp#) softphone signalling', CURRENT_ONLY,
    { partitions: COMMERCIAL }), // GovCloud runs only the latest CCP (GOVCLOUD_PAGE)
  https('rtc.connect-telecom.{region}.amazonaws.com', 'CCP softphone signalling (older telecom table)', LEGACY_ONLY,
    { regions: ['us-west-2', 'us-east-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'] }),
  https('rtc.cell-1.prod.eu-west-2.prod.connect.aws.a2z.com', 'CCP softphone signalling (older telecom table)', LEGACY_ONLY,
    { regions: ['eu-west-2'] }),
  https('rtc.cell-1.prod.ap-southeast-1.prod.connect.aws.a2z.com', 'CCP softphone signalling (older telecom table)',
    LEGACY_ONLY, { regions: ['ap-southeast-1'] }),

  // --- Instance endpoints ---
  https('{alias}.{instance-domain}', 'CCP v2 page of the instance', CURRENT_ONLY, { path: '/ccp-v2' }),
  https('{alias}.{instance-domain}', 'Amazon Connect API of the instance', CURRENT_ONLY, { path: '/api' }),
  https('{alias}.{instance-domain}', 'agent sign-in of the instance', CURRENT_ONLY, { path: '/auth/authorize' }),
  https('*.static.connect.aws', 'static content of the my.connect.aws domain', CURRENT_ONLY, { source: DOMAIN_PAGE }),
  https('{alias}.awsapps.com', 'CCP v2 page of the instance (awsapps.com domain, being retired)', CURRENT_ONLY,
    { path: '/connect/ccp-v2', signIn: AWSAPPS, partitions: COMMERCIAL }),
  https('{alias}.awsapps.com', 'Amazon Connect API of the instance (awsapps.com domain, being retired)', CURRENT_ONLY,
    { path: '/connect/api', signIn: AWSAPPS, partitions: COMMERCIAL }),
  https('{alias}.awsapps.com', 'agent sign-in of the instance (awsapps.com domain, being retired)', CURRENT_ONLY,
    { path: '/connect/auth/authorize', signIn: AWSAPPS, partitions: COMMERCIAL }),
  https('{alias}.awsapps.com', 'CCP v1 page of the instance (older page)', LEGACY_ONLY,
    { path: '/connect/ccp', partitions: COMMERCIAL }),
  https('{alias}.awsapps.com', 'Amazon Connect API of the instance (older page)', LEGACY_ONLY,
    { path: '/connect/api', partitions: COMMERCIAL }),
  https('*.cloudfront.net', 'CCP static assets (CloudFront)', BOTH, { broad: BROAD_CLOUDFRONT }),

  // --- Sign-in ---
  https('*.signin.aws', 'new sign-in experience (AWS Sign-In)', CURRENT_ONLY,
    { signIn: NEW, partitions: COMMERCIAL, source: NEW_SIGNIN_PAGE }),
  https('*.apps.signin.aws', 'new sign-in experience (AWS Sign-In)', CURRENT_ONLY,
    { signIn: NEW, partitions: COMMERCIAL, source: NEW_SIGNIN_PAGE }),
  https('*.threat-mitigation.aws.amazon.com', 'new sign-in experience (bot protection)', CURRENT_ONLY,
    { signIn: NEW, source: NEW_SIGNIN_PAGE }),
  https('*.s3.dualstack.us-east-1.amazonaws.com', 'new sign-in experience (S3 in us-east-1)', CURRENT_ONLY,
    { signIn: NEW, source: NEW_SIGNIN_PAGE, broad: BROAD_S3('us-east-1') }),
  https('*.s3.dualstack.us-west-2.amazonaws.com', 'new sign-in experience (S3 in us-west-2)', CURRENT_ONLY,
    { signIn: NEW, source: NEW_SIGNIN_PAGE, broad: BROAD_S3('us-west-2') }),
  https('*.s3.dualstack.{region}.amazonaws.com', 'new sign-in experience (S3 in the instance Region)', CURRENT_ONLY,
    { signIn: NEW, source: NEW_SIGNIN_PAGE, broad: BROAD_S3('the instance Region') }),
  https('*.signin-fips.amazonaws-us-gov.com', 'new sign-in experience (AWS Sign-In, GovCloud)', CURRENT_ONLY,
    { signIn: NEW, partitions: GOVCLOUD, source: NEW_SIGNIN_PAGE }),
  https('*.apps.signin-fips.aws-us-gov.com', 'new sign-in experience (AWS Sign-In, GovCloud)', CURRENT_ONLY,
    { signIn: NEW, partitions: GOVCLOUD, source: NEW_SIGNIN_PAGE }),
  https('*.apps.signin.aws-us-gov.com', 'new sign-in experience (AWS Sign-In, GovCloud)', CURRENT_ONLY,
    { signIn: NEW, partitions: GOVCLOUD, source: NEW_SIGNIN_PAGE }),
  https('signin.aws.amazon.com', 'SAML 2.0 sign-in (AWS Sign-In)', CURRENT_ONLY,
    { signIn: SAML, partitions: COMMERCIAL, source: SIGNIN_ENDPOINTS_PAGE }),
  https('{region}.signin.aws.amazon.com', 'SAML 2.0 sign-in (AWS Sign-In, Regional endpoint)', CURRENT_ONLY,
    { signIn: SAML, regions: REGIONAL_SIGNIN, source: SIGNIN_ENDPOINTS_PAGE }),
  https('signin.amazonaws-us-gov.com', 'SAML 2.0 sign-in (AWS Sign-In, GovCloud (US-West))', CURRENT_ONLY,
    { signIn: SAML, regions: ['us-gov-west-1'], source: SIGNIN_ENDPOINTS_PAGE }),

  // --- Regional service endpoints ---
  https('*.execute-api.{region}.amazonaws.com', 'CCP API calls through API Gateway (older page)', LEGACY_ONLY,
    { broad: 'every API Gateway API in the Region, of any AWS customer' }),
  https('*.telemetry.connect.{region}.amazonaws.com', 'CCP telemetry', CURRENT_ONLY),
  https('participant.connect.{region}.amazonaws.com', 'chat participant service', BOTH),
  https('*.transport.connect.{region}.amazonaws.com', 'CCP v2 signalling and events (WebSocket)', BOTH),
  https('{bucket}.s3.{region}.amazonaws.com', 'chat attachments bucket', CURRENT_ONLY, { feature: RowFeature.ATTACHMENTS }),
  https('bm-prod-{region}-cell-1-uploadservice-staging.s3.{region}.amazonaws.com', 'agent scheduling uploads (cell 1)',
    CURRENT_ONLY, { feature: RowFeature.SCHEDULING_UPLOADS }),
  https('bm-prod-{region}-cell-2-uploadservice-staging.s3.{region}.amazonaws.com', 'agent scheduling uploads (cell 2)',
    CURRENT_ONLY, { feature: RowFeature.SCHEDULING_UPLOADS }),

  // --- Static content per Region ---
  ...CLOUDFRONT_BY_REGION.flatMap((r) => r.hosts.map((h) =>
    https(h, 'CCP static assets (CloudFront, per Region)', r.sets, { regions: [r.region] }))),
  https('*.my.connect.aws', 'CCP static assets (ca-central-1 serves them behind *.my.connect.aws)', CURRENT_ONLY,
    { regions: ['ca-central-1'], broad: 'every Amazon Connect instance\'s my.connect.aws site' }),
  ...NON_SAML_BY_REGION.map((r) =>
    https(r.host, 'CCP static assets for instances without SAML', CURRENT_ONLY,
      { regions: [r.region], path: r.path, feature: RowFeature.NON_SAML })),

  // --- Global Resiliency (only when onboarded) ---
  https('{instance-id}.{source-region}.sign-in.connect.aws', 'Global Resiliency agent sign-in', CURRENT_ONLY,
    { feature: RowFeature.GLOBAL_RESILIENCY }),
  https('*.{source-region}.region-discovery.connect.aws', 'Global Resiliency Region discovery', CURRENT_ONLY,
    { feature: RowFeature.GLOBAL_RESILIENCY }),

  // --- Video calling ---
  https('*.chime.aws', 'video calling signalling (Amazon Chime SDK)', CURRENT_ONLY,
    { feature: RowFeature.VIDEO_CALLING, source: VIDEO_PAGE }),
  udp3478('*.chime.aws', 'video calling media (Amazon Chime SDK)', CURRENT_ONLY,
    { feature: RowFeature.VIDEO_CALLING, source: VIDEO_PAGE }),

  // --- Screen recording ---
  https('{alias}.{instance-domain}', 'screen recording client application sign-in', CURRENT_ONLY,
    { path: '/taps/client/auth', feature: RowFeature.SCREEN_RECORDING, source: SCREEN_RECORDING_PAGE }),
  https('connect-recording-staging-*.s3.dualstack.{region}.amazonaws.com', 'screen recording uploads', CURRENT_ONLY,
    { feature: RowFeature.SCREEN_RECORDING, source: SCREEN_RECORDING_PAGE, broad: BROAD_S3('the instance Region') }),
  https('screenrecording.connect.aws', 'screen recording endpoint list and browser extension updates', CURRENT_ONLY,
    { feature: RowFeature.SCREEN_RECORDING, source: SCREEN_RECORDING_PAGE }),

  // --- Media (UDP; cannot be matched by name on a firewall) ---
  udp3478('TurnNlb-*.elb.{region}.amazonaws.com', TURN_PURPOSE, BOTH),
  ...TURN_BY_REGION.flatMap((r) => r.hosts.map((h) => udp3478(`${h}.elb.${r.region}.amazonaws.com`, TURN_PURPOSE, r.sets,
    { regions: [r.region], ...(r.source ? { source: r.source } : {}) }))),
];

/**
 * One row of the IP table (Option 2, and what names cannot match). Which Regions of an ip-ranges.json service are
 * selected is the ip-ranges engine's `SELECTION_RULES` (GLOBAL and the instance Region for AMAZON_CONNECT; the
 * instance Region, else GLOBAL, for EC2; every Region for CLOUDFRONT), unless the row names its Regions or CIDRs.
 */
export interface IpRangeRow {
  readonly service: string;
  readonly port: number;
  readonly protocol: TransportProtocol;
  readonly purpose: string;
  /** True when the domain allow list (Option 1) still needs this IP rule. */
  readonly neededWithDomains: boolean;
  readonly feature: RowFeature;
  readonly signIn?: readonly string[];
  /** Fixed ip-ranges.json Regions to select (`{region}` = the instance Region). */
  readonly regions?: readonly string[];
  /** CIDRs AWS gives literally (no ip-ranges.json selection). */
  readonly cidrs?: readonly string[];
  readonly source: FactSource;
}

/** The IP requirements (all OUTBOUND). */
export const IP_RANGE_ROWS: readonly IpRangeRow[] = [
  { service: 'AMAZON_CONNECT', port: 3478, protocol: TransportProtocol.UDP, purpose: TURN_PURPOSE,
    neededWithDomains: true, feature: RowFeature.ALWAYS, source: CURRENT_PAGE },
  { service: 'EC2', port: 443, protocol: TransportProtocol.TCP,
    purpose: 'CCP signalling, API and WebSockets (instead of the domain allow list)', neededWithDomains: false,
    feature: RowFeature.ALWAYS, source: CURRENT_PAGE },
  { service: 'CLOUDFRONT', port: 443, protocol: TransportProtocol.TCP,
    purpose: 'CCP static assets from the nearest CloudFront edge (instead of the domain allow list)',
    neededWithDomains: false, feature: RowFeature.ALWAYS, source: CURRENT_PAGE },
  { service: 'S3', port: 443, protocol: TransportProtocol.TCP,
    purpose: 'new sign-in experience (instead of the *.s3.dualstack domains)', neededWithDomains: false,
    feature: RowFeature.ALWAYS, signIn: NEW, regions: ['us-east-1', 'us-west-2', '{region}'], source: NEW_SIGNIN_PAGE },
  { service: 'CHIME_MEETINGS', port: 3478, protocol: TransportProtocol.UDP, purpose: 'video calling media (Amazon Chime SDK)',
    neededWithDomains: true, feature: RowFeature.VIDEO_CALLING, cidrs: ['99.77.128.0/18'], source: VIDEO_PAGE },
  { service: 'CHIME_MEETINGS', port: 443, protocol: TransportProtocol.TCP,
    purpose: 'video calling signalling (instead of the *.chime.aws domain)', neededWithDomains: false,
    feature: RowFeature.VIDEO_CALLING, cidrs: ['99.77.128.0/18'], source: VIDEO_PAGE },
];

/** Inbound return ranges that stateless firewalls must open (browser ephemeral ports), from AMAZON_CONNECT. */
export const STATELESS_RETURN_ROWS: ReadonlyArray<{
  readonly fromPort: number; readonly toPort: number; readonly purpose: string;
  readonly sets: readonly EndpointSet[]; readonly source: FactSource;
}> = [
  { fromPort: 49152, toPort: 65535, purpose: 'browser ephemeral ports on Windows', sets: BOTH, source: CURRENT_PAGE },
  { fromPort: 32768, toPort: 61000, purpose: 'browser ephemeral ports on Linux', sets: CURRENT_ONLY, source: CURRENT_PAGE },
];

/** The catalog is considered stale this many days after its oldest fact was read. */
export const MAX_CATALOG_AGE_DAYS = 180;

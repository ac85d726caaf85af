/**
 * The vocabulary of the Amazon Connect endpoint catalog: which AWS page an endpoint comes from, its transport
 * and direction, and the allow-list mode a device enforces.
 *
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html
 */
import { fail, show } from '../private/fail';

/**
 * Which version of the Amazon Connect "Set up your network" page lists an endpoint.
 *
 * An endpoint listed on both versions belongs to both sets.
 */
export enum EndpointSet {
  /**
   * The older page (the 2022 seed of this library): per-Region telecom table (`rtc.connect-telecom.{region}` and the `*.a2z.com` names for
   * eu-west-2 and ap-southeast-1), `{alias}.awsapps.com/connect/ccp`, `*.execute-api.{region}`, the CloudFront
   * table with ap-south-1, seven TurnNlb endpoints and the 49152-65535 return range.
   */
  LEGACY = 'LEGACY',
  /**
   * The current page: `rtc*.connect-telecom.{region}`, `{alias}.my.connect.aws`, `*.telemetry.connect.{region}`,
   * TurnNlb endpoints for eleven Regions, the CloudFront tables (with the non-SAML table), GovCloud static
   * content, Global Resiliency domains and the Linux 32768-61000 return range.
   */
  CURRENT = 'CURRENT',
}

/** The transport protocol of an endpoint. */
export enum TransportProtocol {
  /** TCP (HTTPS and secure WebSockets on 443). */
  TCP = 'TCP',
  /** UDP (WebRTC media through TURN on 3478, and its return traffic). */
  UDP = 'UDP',
}

/** Which way the first packet of a flow travels, seen from the agents' network. */
export enum TrafficDirection {
  /** From the agent's browser to AWS. */
  OUTBOUND = 'OUTBOUND',
  /** From AWS to the agent's browser (only stateless firewalls need rules for it). */
  INBOUND = 'INBOUND',
}

/**
 * How a firewall or proxy allows Amazon Connect traffic: by domain name (the page's Option 1, recommended) or by
 * ip-ranges.json prefixes (Option 2, not recommended).
 *
 * ```ts
 * const mode = AllowListMode.fromName('DOMAINS');
 * mode.name; // 'DOMAINS'
 * ```
 */
export class AllowListMode {
  /**
   * Option 1: allow TCP 443 by TLS SNI / HTTP Host, and UDP 3478 media to the `AMAZON_CONNECT` prefixes
   * (names cannot match UDP).
   */
  public static readonly DOMAINS = new AllowListMode('DOMAINS');
  /**
   * Option 2: allow TCP 443 to the `EC2` (GLOBAL and the instance Region) and `CLOUDFRONT` (all) prefixes and
   * UDP 3478 to the `AMAZON_CONNECT` prefixes (GLOBAL and the instance Region).
   */
  public static readonly IP_RANGES = new AllowListMode('IP_RANGES');

  /** Every mode. */
  public static all(): AllowListMode[] {
    return [AllowListMode.DOMAINS, AllowListMode.IP_RANGES];
  }

  /**
   * The mode with this name (`DOMAINS` or `IP_RANGES`, case-insensitive). Throws with the allowed names for
   * anything else.
   */
  public static fromName(name: string): AllowListMode {
    const found = AllowListMode.all().find((m) => m.name === String(name).toUpperCase());
    if (!found) {
      fail('mode', `must be one of ${AllowListMode.all().map((m) => m.name).join(', ')}, got ${show(name)}`);
    }
    return found;
  }

  /** @param name `DOMAINS` or `IP_RANGES` */
  private constructor(public readonly name: string) {}
}

/** One host (or host pattern) that agents' browsers must reach for the Contact Control Panel. */
export interface ConnectEndpoint {
  /**
   * The host as AWS writes it, with `{region}`, `{alias}` and the other placeholders filled in. Wildcards are
   * kept as AWS writes them, e.g. `rtc*.connect-telecom.us-east-1.amazonaws.com` or `*.cloudfront.net`.
   */
  readonly host: string;
  /**
   * The URL path AWS gives for the endpoint, e.g. `/ccp-v2`. A firewall cannot enforce it (TLS hides it).
   *
   * @default - no path: the whole host
   */
  readonly path?: string;
  /** The destination port (the first port of a range). */
  readonly port: number;
  /**
   * The last port when the endpoint is a port range.
   *
   * @default - a single port
   */
  readonly portRangeEnd?: number;
  /** TCP or UDP. */
  readonly protocol: TransportProtocol;
  /** Which way the traffic starts. */
  readonly direction: TrafficDirection;
  /** What the endpoint is for, in plain words. */
  readonly purpose: string;
  /**
   * The Amazon Connect Regions of the catalog that need it (one host needed by both Regions of a Global Resiliency
   * pair is listed once, naming both).
   */
  readonly regions: string[];
  /** The page versions that list it. */
  readonly endpointSets: EndpointSet[];
  /** The URL of the AWS page the fact comes from. */
  readonly source: string;
  /** The date (ISO 8601, `YYYY-MM-DD`) the page was read. */
  readonly retrieved: string;
  /**
   * Whether the fact was found on AWS's page (or a copy of its text) when it was read. False for hosts reported
   * elsewhere that no copy of the page lists; they are kept because a listed wildcard covers them anyway.
   */
  readonly confirmed: boolean;
  /**
   * Whether a firewall domain rule (TLS SNI or HTTP Host) can match it: true for TCP 443 hosts, false for UDP
   * media (TURN on 3478), which needs IP rules.
   */
  readonly domainMatchable: boolean;
}

/**
 * Traffic that needs an IP rule: to ip-ranges.json prefixes of a service, or to CIDRs AWS gives literally (video
 * calling's Amazon Chime SDK subnet).
 */
export interface IpRangeRequirement {
  /** The ip-ranges.json `service`: `AMAZON_CONNECT`, `EC2`, `CLOUDFRONT`, `S3` or `CHIME_MEETINGS`. */
  readonly service: string;
  /**
   * The CIDRs AWS documents for this traffic; when given, rules use them as they are (no ip-ranges.json selection).
   *
   * @default - select the service's prefixes from ip-ranges.json by `regions`
   */
  readonly cidrs?: string[];
  /**
   * The ip-ranges.json `region` values to select, e.g. `['GLOBAL', 'us-east-1']`; empty when `allRegions` is true
   * or `cidrs` are given.
   */
  readonly regions: string[];
  /** True when every prefix of the service is needed whatever its Region (CloudFront serves from the edge). */
  readonly allRegions: boolean;
  /**
   * True when the `GLOBAL` entries count only if the instance Region has none (EC2); false when both are needed
   * (AMAZON_CONNECT).
   */
  readonly globalOnlyIfNoRegional: boolean;
  /** The destination port. */
  readonly port: number;
  /** TCP or UDP. */
  readonly protocol: TransportProtocol;
  /** Which way the traffic starts. */
  readonly direction: TrafficDirection;
  /** What the traffic is. */
  readonly purpose: string;
  /** The URL of the AWS page the fact comes from. */
  readonly source: string;
  /** The date (ISO 8601) the page was read. */
  readonly retrieved: string;
}

/** A port range a stateless firewall must open for return traffic. */
export interface PortRange {
  /** The ip-ranges.json `service` the traffic comes from (`AMAZON_CONNECT`). */
  readonly service: string;
  /** First port. */
  readonly fromPort: number;
  /** Last port (inclusive). */
  readonly toPort: number;
  /** TCP or UDP. */
  readonly protocol: TransportProtocol;
  /** Which way the traffic travels. */
  readonly direction: TrafficDirection;
  /** What the range is, e.g. the browser's ephemeral ports on Windows. */
  readonly purpose: string;
  /** The page versions that list it. */
  readonly endpointSets: EndpointSet[];
  /** The URL of the AWS page the fact comes from. */
  readonly source: string;
  /** The date (ISO 8601) the page was read. */
  readonly retrieved: string;
}

/** A warning a catalog choice deserves, for the stack and the CLI to print. */
export interface CatalogWarning {
  /** The warning id without the `cdk-connect-dx:` prefix, e.g. `legacyEndpoints`. */
  readonly id: string;
  /** What the choice opens or risks, in plain words. */
  readonly message: string;
}

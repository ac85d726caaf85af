/**
 * The failover policy of several public virtual interfaces carrying the same prefixes (a resiliency model), as the
 * customer routers must apply it: which session AWS and your network prefer, how fast a dead path is noticed, and
 * which router gets which session. Rendered by `RouterConfiguration.renderFailover`, one configuration per router.
 *
 * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/routing-and-bgp.html
 */
import { BgpCommunityScope } from '../facts/bgp-community';

/** How traffic uses the paths of a redundant set. */
export enum FailoverMode {
  /**
   * Every session carries traffic: equal attributes on every session (no local preference, no prepends) and
   * equal-cost multipath on a router with several sessions.
   */
  ACTIVE_ACTIVE = 'ACTIVE_ACTIVE',
  /**
   * The primary session carries the traffic, the backups take over when it fails. Inbound (routes from AWS): a
   * higher local preference on the primary. Outbound (how AWS reaches you): see `PassiveOutbound`.
   */
  ACTIVE_PASSIVE = 'ACTIVE_PASSIVE',
}

/** How an ACTIVE_PASSIVE set makes AWS prefer the primary for traffic towards you. */
export enum PassiveOutbound {
  /**
   * The backups advertise the prefixes with your ASN prepended (AS_PATH longer than the primary's). Needs a public
   * ASN: AWS removes a private ASN, with its prepends, from routes learned on a public virtual interface.
   */
  AS_PATH_PREPEND = 'AS_PATH_PREPEND',
  /**
   * The primary advertises, besides the route filter prefixes, the two halves of each (longest prefix match wins
   * at AWS); the backups advertise only the route filter prefixes. Works with any ASN.
   */
  MORE_SPECIFIC_PREFIXES = 'MORE_SPECIFIC_PREFIXES',
}

/** One BGP session (one public virtual interface) of a redundant set. */
export interface FailoverSessionProps {
  /** The 802.1Q VLAN id of the virtual interface (1-4094). */
  readonly vlan: number;
  /** Your router's IPv4 peer address in CIDR form, e.g. `203.0.113.1/31`. */
  readonly customerAddress: string;
  /** The Amazon router's IPv4 peer address in CIDR form, e.g. `203.0.113.0/31`. */
  readonly amazonAddress: string;
  /**
   * For `ACTIVE_PASSIVE`: this session is a primary. Refused with `ACTIVE_ACTIVE`.
   * @default - only the first session is the primary
   */
  readonly primary?: boolean;
  /**
   * Name of the customer router that runs this session (letters, digits, `-`, `_`); one configuration is rendered
   * per router name.
   * @default 'router-1'
   */
  readonly router?: string;
  /**
   * The parent interface that carries the VLAN on that router.
   * @default - per vendor: `eth0` (FRR), `TenGigabitEthernet0/0/0` (Cisco IOS XE), `xe-0/0/0` (Junos)
   */
  readonly interfaceName?: string;
  /**
   * Name (or ARN) of the Secrets Manager secret holding this session's BGP MD5 key.
   * @default - a placeholder that points to the interface's MD5 key
   */
  readonly authKeySecretName?: string;
  /**
   * A description for the sub-interface and the BGP neighbor (printable ASCII, no quotes, up to 80 characters).
   * @default - 'AWS Direct Connect public VIF path N'
   */
  readonly description?: string;
  /**
   * The Direct Connect location of this session's connection, e.g. `EqDC2` (its Region comes from the location
   * snapshot; `ResilientDirectConnect.pathLocations` lists them in path order). With `connectRegions`, the
   * acceptance of AWS routes is derived from this pair and checked.
   * @default - use `locationRegion`; without either (and without `connectRegions`) the acceptance is not checked
   */
  readonly location?: string;
  /**
   * The Region this session's location is associated with (for a location the snapshot lacks, or instead of
   * `location`); must agree with the snapshot when `location` is known.
   * @default - from `location`
   */
  readonly locationRegion?: string;
}

/** A redundant set of public virtual interfaces carrying the same prefixes, and its failover policy. */
export interface FailoverConfigurationProps {
  /** Your side's BGP ASN, the same on every session. */
  readonly asn: number;
  /** The public prefixes every interface of the set advertises (the same route filter prefixes on each). */
  readonly routeFilterPrefixes: string[];
  /** The sessions, at least two, in path order. */
  readonly sessions: FailoverSessionProps[];
  /**
   * How traffic uses the paths.
   * @default FailoverMode.ACTIVE_ACTIVE
   */
  readonly failover?: FailoverMode;
  /**
   * For `ACTIVE_PASSIVE`: how AWS is made to prefer the primary. `AS_PATH_PREPEND` is refused with a private ASN.
   * @default - AS_PATH_PREPEND with a public ASN, MORE_SPECIFIC_PREFIXES with a private ASN
   */
  readonly passiveOutbound?: PassiveOutbound;
  /**
   * How many times the backups prepend your ASN (1-10). Only with `AS_PATH_PREPEND`.
   * @default 3
   */
  readonly asPathPrependCount?: number;
  /**
   * Run BFD on every session (300 ms x 3, the AWS minimums): a dead path is noticed in about a second instead of
   * the BGP hold time.
   * @default true
   */
  readonly bfd?: boolean;
  /**
   * BGP hold time in seconds on every session (at least 3, AWS's minimum).
   * @default - the router's default (AWS's side uses 90 s)
   */
  readonly holdTimeSeconds?: number;
  /**
   * BGP keepalive interval in seconds (at least 1, at most a third of the hold time). Only with `holdTimeSeconds`.
   * @default - a third of `holdTimeSeconds`
   */
  readonly keepaliveSeconds?: number;
  /**
   * How far AWS propagates your prefixes (the same on every session). With the Region pairs (each session's
   * `location` or `locationRegion`, and `connectRegions`) a scope too narrow for any session is refused and the
   * acceptance comes from the pairs; without them it also decides which AWS routes your routers accept.
   * @default - with the pairs, the widest scope any session's pair needs; otherwise BgpCommunityScope.REGION
   */
  readonly communityScope?: BgpCommunityScope;
  /**
   * The Amazon Connect Region(s) whose routes must be accepted and which your prefixes must reach (for a stack,
   * its Region). Needs `location` or `locationRegion` on every session.
   * @default - no Region pairs: the acceptance follows `communityScope` and cannot be checked (a note says so)
   */
  readonly connectRegions?: string[];
  /**
   * Add an IPv6 peer on every session (the addresses are placeholders to fill in, per session).
   * @default false
   */
  readonly ipv6?: boolean;
  /**
   * Accept only AWS routes inside these prefixes (or more specific), on top of the community filter.
   * @default - no narrowing
   */
  readonly inboundPrefixes?: string[];
}

/** The configuration of one customer router of a redundant set. */
export interface RouterConfigurationFile {
  /** The router's name (`router` of its sessions). */
  readonly routerName: string;
  /** The configuration text for the vendor. */
  readonly configuration: string;
  /** Path numbers (1-based, in `sessions` order) of the sessions this router runs. */
  readonly paths: number[];
}

/**
 * The props of `RouterConfiguration.render` and the options of `RouterConfiguration.fromVirtualInterface` (public;
 * re-exported by `router-configuration.ts`). Declared apart so that the model (`plan.ts`) reads them without
 * importing the entry point that imports it.
 */
import type { BgpCommunityScope } from '../facts/bgp-community';
import type { RouterVendor } from './router-vendor';

/** The BGP peering of a public virtual interface and the routing policy to render. */
export interface RouterConfigurationProps {
  /** The 802.1Q VLAN id of the virtual interface (1-4094). */
  readonly vlan: number;
  /** Your side's BGP ASN (1-4294967294, not 7224, not IANA-reserved: 23456, 65535, 65552-131071). */
  readonly asn: number;
  /** Your router's IPv4 peer address in CIDR form, e.g. `203.0.113.1/31`. */
  readonly customerAddress: string;
  /** The Amazon router's IPv4 peer address in CIDR form, e.g. `203.0.113.0/31` (same subnet as `customerAddress`). */
  readonly amazonAddress: string;
  /**
   * The public prefixes you advertise to AWS (the virtual interface's route filter prefixes). Only these are
   * sent; each is tagged with the community of `communityScope`. IPv6 prefixes need `ipv6`.
   */
  readonly routeFilterPrefixes: string[];
  /**
   * How far AWS propagates your prefixes (outbound community). Without the Region pair (`location` or
   * `locationRegion`, and `connectRegions`) it also decides which AWS routes your router accepts; with the pair,
   * the acceptance comes from the pair and a scope too narrow for it is refused.
   * @default - derived from the Region pair when given; otherwise BgpCommunityScope.REGION
   */
  readonly communityScope?: BgpCommunityScope;
  /**
   * The Direct Connect location code, e.g. `EqLD5` (case-insensitive): its Region comes from the location snapshot.
   * @default - not given: use `locationRegion`, or no Region pair
   */
  readonly location?: string;
  /**
   * The Region the Direct Connect location is associated with (for a location the snapshot lacks, or instead of
   * `location`); must agree with the snapshot when `location` is known.
   * @default - from `location`; no Region pair when neither is given
   */
  readonly locationRegion?: string;
  /**
   * The Amazon Connect Region(s) whose routes must be accepted and which your prefixes must reach.
   * @default - no Region pair: the acceptance follows `communityScope` and cannot be checked (a note says so)
   */
  readonly connectRegions?: string[];
  /**
   * The parent interface that carries the VLAN; the configuration adds the 802.1Q sub-interface on it.
   * @default - per vendor: `eth0` (FRR), `TenGigabitEthernet0/0/0` (Cisco IOS XE), `xe-0/0/0` (Junos)
   */
  readonly interfaceName?: string;
  /**
   * Enable BFD on the session (300 ms interval, multiplier 3, the AWS minimums). Graceful restart is never
   * configured: AWS advises against running it together with BFD.
   * @default false
   * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/bgp-specific-settings.html
   */
  readonly bfd?: boolean;
  /**
   * Add the IPv6 BGP peer. AWS allocates the IPv6 peer addresses (a /125) when the peer is created, so they
   * are rendered as marked placeholders (`<AMAZON-IPV6-ADDRESS>`, `<CUSTOMER-IPV6-ADDRESS>`) to fill in.
   * @default false
   */
  readonly ipv6?: boolean;
  /**
   * Name (or ARN) of the Secrets Manager secret holding the BGP MD5 key. The key itself is never rendered:
   * the configuration holds a marked placeholder naming this secret.
   * @default - a placeholder that points to the virtual interface's MD5 key (`authKeySecret`)
   */
  readonly authKeySecretName?: string;
  /**
   * Accept only AWS routes inside these prefixes (or more specific), on top of the community filter, e.g. the
   * AMAZON_CONNECT, EC2 and CLOUDFRONT prefixes of your Region so that only contact-centre traffic uses the link.
   * @default - no narrowing: every AWS route the community scope allows is accepted
   */
  readonly inboundPrefixes?: string[];
  /**
   * A description for the sub-interface and the BGP neighbor (printable ASCII, no quotes, up to 80 characters).
   * @default 'AWS Direct Connect public VIF'
   */
  readonly description?: string;
}

/** Options for rendering the router configuration of a `PublicVirtualInterface`. */
export interface RouterConfigurationOptions {
  /** The router operating system. */
  readonly vendor: RouterVendor;
  /**
   * The parent interface that carries the VLAN.
   * @default - per vendor: `eth0` (FRR), `TenGigabitEthernet0/0/0` (Cisco IOS XE), `xe-0/0/0` (Junos)
   */
  readonly interfaceName?: string;
  /**
   * Enable BFD on the session (300 ms x 3).
   * @default false
   */
  readonly bfd?: boolean;
  /**
   * Accept only AWS routes inside these prefixes (or more specific), on top of the community filter.
   * @default - no narrowing
   */
  readonly inboundPrefixes?: string[];
  /**
   * A description for the sub-interface and the BGP neighbor.
   * @default 'AWS Direct Connect public VIF'
   */
  readonly description?: string;
  /**
   * Name of the Secrets Manager secret holding the BGP MD5 key, named in the placeholder.
   * @default - the name of the interface's `authKeySecret` when known at synth time (an imported secret);
   * otherwise a placeholder that points to the interface's `authKeySecret`
   */
  readonly authKeySecretName?: string;
}

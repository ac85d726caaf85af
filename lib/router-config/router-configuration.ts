/**
 * Customer router configuration for the BGP session of a Direct Connect public virtual interface.
 *
 * AWS's own downloadable router templates set up the VLAN, the eBGP session and the MD5 key but neither tag
 * the prefixes you advertise with a scope community nor filter the routes AWS advertises by community, so
 * every public AWS prefix worldwide ends up preferring the link. This renderer adds both.
 *
 * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/routing-and-bgp.html
 * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/create-vif.html#vif-router-config
 */
import { BgpCommunityScope } from '../direct-connect/bgp-community';
// Type-only: the renderer reads the interface's values and never loads aws-cdk-lib (the CLI bundles this file).
import type { PublicVirtualInterface } from '../direct-connect/public-virtual-interface';
import { fail } from '../private/fail';
import { looksUnresolved } from '../private/unresolved';
import { renderFrr } from './frr';
import { renderIosXe } from './ios-xe';
import { renderJunos } from './junos';
import { planPeering } from './plan';

/**
 * A router operating system the configuration can be rendered for.
 *
 * ```ts
 * const vendor = RouterVendor.fromName('cisco-ios-xe');
 * vendor.defaultInterfaceName; // 'TenGigabitEthernet0/0/0'
 * ```
 */
export class RouterVendor {
  /** FRRouting 8 or later (Linux): `vtysh` integrated configuration. */
  public static readonly FRR = new RouterVendor('frr', 'FRRouting 8+', 'eth0');
  /** Cisco IOS XE: configuration mode commands. */
  public static readonly CISCO_IOS_XE = new RouterVendor('cisco-ios-xe', 'Cisco IOS XE', 'TenGigabitEthernet0/0/0');
  /** Juniper Junos OS: a hierarchy for `load merge terminal`. */
  public static readonly JUNOS = new RouterVendor('junos', 'Juniper Junos OS', 'xe-0/0/0');

  /** Every vendor. */
  public static all(): RouterVendor[] {
    return [RouterVendor.FRR, RouterVendor.CISCO_IOS_XE, RouterVendor.JUNOS];
  }

  /** The vendor with this name: `frr`, `cisco-ios-xe` or `junos`. Throws with the allowed names for anything else. */
  public static fromName(name: string): RouterVendor {
    const found = RouterVendor.all().find((v) => v.name === name);
    if (!found) fail('vendor', `must be one of ${RouterVendor.all().map((v) => v.name).join(', ')}, got '${name}'`);
    return found;
  }

  /**
   * @param name identifier used by `fromName` and the CLI, e.g. `frr`
   * @param displayName the product name, e.g. `FRRouting 8+`
   * @param defaultInterfaceName the parent interface used when `interfaceName` is not given
   */
  private constructor(
    public readonly name: string,
    public readonly displayName: string,
    public readonly defaultInterfaceName: string,
  ) {}
}

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
   * How far AWS propagates your prefixes (outbound community) and which AWS routes your router accepts
   * (inbound filter by AWS community).
   * @default BgpCommunityScope.REGION
   */
  readonly communityScope?: BgpCommunityScope;
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

/**
 * Renders the customer router configuration for a public virtual interface: the 802.1Q sub-interface, eBGP
 * to AS 7224 with an MD5 placeholder, outbound prefix filter with the scope community, inbound filter by AWS
 * community, optional BFD and IPv6 peer, with comments that explain each block.
 *
 * ```ts
 * const config = RouterConfiguration.render(RouterVendor.FRR, {
 *   vlan: 101,
 *   asn: 65000,
 *   customerAddress: '198.51.100.1/31',
 *   amazonAddress: '198.51.100.0/31',
 *   routeFilterPrefixes: ['203.0.113.0/24'],
 *   communityScope: BgpCommunityScope.REGION,
 * });
 * ```
 */
export class RouterConfiguration {
  /**
   * The configuration text for the vendor. Pure: no network access, same input gives the same output.
   * Throws when a value is invalid or an unresolved token (the configuration needs concrete values).
   */
  public static render(vendor: RouterVendor, props: RouterConfigurationProps): string {
    const plan = planPeering(vendor, props);
    switch (vendor) {
      case RouterVendor.FRR: return renderFrr(plan);
      case RouterVendor.CISCO_IOS_XE: return renderIosXe(plan);
      case RouterVendor.JUNOS: return renderJunos(plan);
      default: return fail('vendor', `must be one of ${RouterVendor.all().map((v) => v.name).join(', ')}, got '${String(vendor?.name)}'`);
    }
  }

  /**
   * The configuration text for the vendor, from the values of a public virtual interface defined in the app:
   * VLAN, ASN, peer addresses, route filter prefixes, community scope and IPv6 peer.
   * Throws when one of them is an unresolved token (e.g. a VLAN from a CloudFormation parameter).
   */
  public static fromVirtualInterface(vif: PublicVirtualInterface, options: RouterConfigurationOptions): string {
    const secretName = vif.authKeySecret.secretName;
    return RouterConfiguration.render(options.vendor, {
      vlan: vif.vlan,
      asn: vif.asn,
      customerAddress: vif.customerAddress,
      amazonAddress: vif.amazonAddress,
      routeFilterPrefixes: vif.routeFilterPrefixes,
      communityScope: vif.communityScope,
      ipv6: vif.ipv6Enabled,
      interfaceName: options.interfaceName,
      bfd: options.bfd,
      inboundPrefixes: options.inboundPrefixes,
      description: options.description,
      authKeySecretName: options.authKeySecretName ?? (looksUnresolved(secretName) ? undefined : secretName),
    });
  }

  private constructor() {}
}

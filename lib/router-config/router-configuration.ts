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
// Type-only: the renderer reads the interface's values and never loads aws-cdk-lib (the CLI bundles this file).
import type { PublicVirtualInterface } from '../direct-connect/public-virtual-interface';
import { fail } from '../private/fail';
import { isTokenLike } from '../private/unresolved';
import { renderFrr } from './frr';
import { renderIosXe } from './ios-xe';
import { renderJunos } from './junos';
import { FailoverConfigurationProps, RouterConfigurationFile } from './failover';
import { planFailover } from './failover-plan';
import { PeeringPlan, planPeering } from './plan';
import type { RouterConfigurationOptions, RouterConfigurationProps } from './router-configuration-props';
import { RouterVendor } from './router-vendor';
import { checkProps } from '../private/prop-types';

// The public face of the module: the vendor and the props are declared in their own files (the model reads them
// without importing this file) and re-exported here.
export { RouterVendor } from './router-vendor';
export type { RouterConfigurationOptions, RouterConfigurationProps } from './router-configuration-props';

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
    checkProps('RouterConfigurationProps', props);
    return renderPlan(planPeering(vendor, props));
  }

  /**
   * The configurations of a redundant set of public virtual interfaces (the same prefixes on every interface), one
   * per customer router (`sessions[].router`), with the failover policy: ACTIVE_ACTIVE (equal attributes, ECMP) or
   * ACTIVE_PASSIVE (local preference inbound; AS_PATH prepends or more-specific prefixes outbound), BFD by default,
   * and BGP timers. Pure, like `render`.
   *
   * ```ts
   * const files = RouterConfiguration.renderFailover(RouterVendor.FRR, {
   *   asn: 65000,
   *   routeFilterPrefixes: ['203.0.113.0/24'],
   *   failover: FailoverMode.ACTIVE_PASSIVE,
   *   sessions: [
   *     { vlan: 101, customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31', router: 'edge-a' },
   *     { vlan: 102, customerAddress: '198.51.100.3/31', amazonAddress: '198.51.100.2/31', router: 'edge-b' },
   *   ],
   * });
   * files[0].routerName; // 'edge-a'
   * ```
   */
  public static renderFailover(vendor: RouterVendor, props: FailoverConfigurationProps): RouterConfigurationFile[] {
    if (!vendor) fail('vendor', 'must be one of frr, cisco-ios-xe, junos, got undefined');
    checkProps('FailoverConfigurationProps', props);
    return planFailover(vendor, props).map((plan) => ({
      routerName: plan.failover!.routerName,
      configuration: renderPlan(plan),
      paths: plan.sessions.map((session) => session.index),
    }));
  }


  /**
   * The configuration text for the vendor, from the values of a public virtual interface defined in the app:
   * VLAN, ASN, peer addresses, route filter prefixes, community scope and IPv6 peer.
   * Throws when one of them is an unresolved token (e.g. a VLAN from a CloudFormation parameter).
   */
  public static fromVirtualInterface(vif: PublicVirtualInterface, options: RouterConfigurationOptions): string {
    checkProps('RouterConfigurationOptions', options);
    const secretName = vif.authKeySecret.secretName;
    return RouterConfiguration.render(options.vendor, {
      vlan: vif.vlan,
      asn: vif.asn,
      customerAddress: vif.customerAddress,
      amazonAddress: vif.amazonAddress,
      routeFilterPrefixes: vif.routeFilterPrefixes,
      communityScope: vif.communityScope,
      locationRegion: vif.regionPair?.locationRegion,
      connectRegions: vif.regionPair?.connectRegions,
      ipv6: vif.ipv6Enabled,
      interfaceName: options.interfaceName,
      bfd: options.bfd,
      inboundPrefixes: options.inboundPrefixes,
      description: options.description,
      authKeySecretName: options.authKeySecretName ?? (isTokenLike(secretName) ? undefined : secretName),
    });
  }

  private constructor() {}
}

function renderPlan(plan: PeeringPlan): string {
  switch (plan.vendor) {
    case RouterVendor.FRR: return renderFrr(plan);
    case RouterVendor.CISCO_IOS_XE: return renderIosXe(plan);
    case RouterVendor.JUNOS: return renderJunos(plan);
    default: return fail('vendor', `must be one of ${RouterVendor.all().map((v) => v.name).join(', ')}, got '${String(plan.vendor?.name)}'`);
  }
}

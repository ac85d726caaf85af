/**
 * The validated, vendor-neutral model every renderer works from (not exported from the package): the props
 * are checked once here, with messages that name the prop, and split by address family. The text the
 * renderers share lives apart: `comments.ts` (explanations every vendor writes) and `cisco-style.ts` (syntax
 * FRR and IOS XE share).
 */
import { AMAZON_SIDE_ASN, BgpCommunityScope } from '../facts/bgp-community';
import { formatAddress, formatCidr, hostMask, parseCidr } from '../private/cidr';
import { fail, show } from '../private/fail';
import { isTokenLike } from '../private/unresolved';
import { checkAsn, checkPeerAddress, checkPeerPair, checkPrefixFamilies, checkPrefixes, checkVlan } from '../direct-connect/private/validate';
import { decidePair } from './region-pair';
import type { RouterConfigurationProps } from './router-configuration-props';
import type { RouterVendor } from './router-vendor';

/** Names of the policy objects, the same on every vendor so that runbooks can refer to them. */
export const NAMES = {
  outbound: (family: 4 | 6) => `AWS-DX-OUT-V${family}`,
  inbound: (family: 4 | 6) => `AWS-DX-IN-V${family}`,
  narrow: (family: 4 | 6) => `AWS-DX-ACCEPT-V${family}`,
  moreSpecific: (family: 4 | 6) => `AWS-DX-MORE-V${family}`,
  awsCommunities: 'AWS-DX-SCOPE-IN',
  scopeCommunity: 'AWS-DX-SCOPE-OUT',
  bfdProfile: 'AWS-DX-BFD',
  group: 'AWS-DX-PUBLIC-VIF',
};

/** BFD timers: the AWS minimums. */
export const BFD_INTERVAL_MS = 300;
export const BFD_MULTIPLIER = 3;

/** Marked placeholders for values the library must not or cannot know. */
export const PLACEHOLDERS = {
  amazonIpv6: '<AMAZON-IPV6-ADDRESS>',
  customerIpv6: '<CUSTOMER-IPV6-ADDRESS>',
};

/** Text a renderer writes instead of the MD5 key. */
export function md5Placeholder(secretName: string | undefined): string {
  return secretName === undefined ? '<BGP-MD5-KEY>' : `<BGP-MD5-KEY:secretsmanager:${secretName}>`;
}

/** Matches any MD5 placeholder this module renders. */
export const MD5_PLACEHOLDER_PATTERN = /<BGP-MD5-KEY(?::secretsmanager:[^>\s]+)?>/g;

/** A session's part in the failover policy: the only one, one of equals, the primary or a backup. */
export type SessionRole = 'single' | 'active' | 'primary' | 'backup';

/** One BGP session (one virtual interface) on the router. */
export interface SessionPlan {
  /** 1-based path number across every router of the set. */
  readonly index: number;
  readonly role: SessionRole;
  readonly vlan: number;
  readonly customerCidr: string;
  readonly customerIp: string;
  readonly amazonIp: string;
  readonly netmask: string;
  readonly interfaceName: string;
  readonly secretName?: string;
  readonly md5: string;
  readonly description: string;
  readonly amazonIpv6: string;
  readonly customerIpv6: string;
}

/** The failover policy of a router with one or more sessions of a set (see `failover-plan.ts`). */
export interface FailoverPart {
  readonly mode: 'ACTIVE_ACTIVE' | 'ACTIVE_PASSIVE';
  /** Name of this router in the set, e.g. `router-1`, and how many routers the set has. */
  readonly routerName: string;
  readonly routerCount: number;
  /** AS_PATH prepends on the backup's advertisements (0: none). */
  readonly prepend: number;
  /** More-specific prefixes the primary advertises besides the route filter prefixes (private ASN). */
  readonly moreSpecific4: string[];
  readonly moreSpecific6: string[];
  /** Equal-cost paths to install (ACTIVE_ACTIVE with several sessions on this router); 0 when not asked. */
  readonly ecmpPaths: number;
}

/** The checked model. */
export interface PeeringPlan {
  readonly vendor: RouterVendor;
  readonly vlan: number;
  readonly asn: number;
  /** `198.51.100.1/31` as given. */
  readonly customerCidr: string;
  readonly customerIp: string;
  readonly amazonIp: string;
  readonly prefixLength: number;
  /** Dotted netmask of the peer subnet, e.g. 255.255.255.254. */
  readonly netmask: string;
  readonly outbound4: string[];
  readonly outbound6: string[];
  readonly scope: BgpCommunityScope;
  /** The scope whose AWS communities the inbound filter accepts: the Region pair's, else `scope`. */
  readonly accept: BgpCommunityScope;
  /** Comment lines about the Region pair (or the note that it was not given). */
  readonly pairLines: string[];
  readonly interfaceName: string;
  readonly bfd: boolean;
  readonly ipv6: boolean;
  readonly secretName?: string;
  readonly md5: string;
  /** Undefined: no narrowing. */
  readonly inbound4?: string[];
  readonly inbound6?: string[];
  readonly description: string;
  readonly amazonAsn: number;
  /** Every session on this router; one (role `single`) for a single interface. */
  readonly sessions: SessionPlan[];
  /** BGP timers to set on every session; undefined: the router's defaults. */
  readonly timers?: { readonly keepaliveSeconds: number; readonly holdSeconds: number };
  /** Set when the router is part of a redundant set. */
  readonly failover?: FailoverPart;
}

const INTERFACE_NAME = /^[A-Za-z][A-Za-z0-9/_:-]{0,63}$/;
const SECRET_NAME = /^[A-Za-z0-9/_+=.@:-]{1,2048}$/;
const DESCRIPTION = /^[\x20-\x7e]{1,80}$/;
/** Linux limits interface names to 15 characters (IFNAMSIZ - 1); FRR's sub-interface is `<parent>.<vlan>`. */
const LINUX_IFNAME_MAX = 15;

function refuseTokens(props: RouterConfigurationProps): void {
  const values: Array<[string, unknown]> = [
    ['vlan', props.vlan], ['asn', props.asn], ['customerAddress', props.customerAddress],
    ['amazonAddress', props.amazonAddress], ['routeFilterPrefixes', props.routeFilterPrefixes],
    ['interfaceName', props.interfaceName], ['authKeySecretName', props.authKeySecretName],
    ['inboundPrefixes', props.inboundPrefixes], ['description', props.description],
  ];
  for (const [name, value] of values) {
    if (isTokenLike(value)) {
      fail(name, 'is an unresolved token; a router configuration needs concrete values (render it from values known at synth time, or from the deployed virtual interface)');
    }
  }
}

function checkInterfaceName(vendor: RouterVendor, name: string, vlan: number): void {
  if (!INTERFACE_NAME.test(name)) {
    fail('interfaceName', `must be the parent interface name (a letter, then letters, digits, '/', '_', ':' or '-', up to 64 characters; ` +
      `the .${vlan} sub-interface is added), got ${show(name)}`);
  }
  if (vendor.name === 'frr' && `${name}.${vlan}`.length > LINUX_IFNAME_MAX) {
    fail('interfaceName', `must leave room for the sub-interface name '${name}.${vlan}' within Linux's ${LINUX_IFNAME_MAX} characters, got ${show(name)}`);
  }
}

function checkSecretName(name: string): void {
  if (!SECRET_NAME.test(name)) {
    fail('authKeySecretName', `must be a Secrets Manager secret name or ARN (letters, digits and /_+=.@:-), got ${show(name)}`);
  }
}

function checkDescription(text: string): void {
  if (!DESCRIPTION.test(text) || /["\\!#]/.test(text)) {
    fail('description', `must be 1 to 80 printable ASCII characters without quotes, backslashes, '!' or '#', got ${show(text)}`);
  }
}

function checkInboundPrefixes(prefixes: string[]): { v4: string[]; v6: string[] } {
  if (prefixes.length === 0) {
    fail('inboundPrefixes', 'must hold at least one prefix when given (leave it out to accept every route the community scope allows), got 0');
  }
  const v4: string[] = [];
  const v6: string[] = [];
  const seen = new Set<string>();
  for (const p of prefixes) {
    const c = parseCidr(p);
    if (!c) fail('inboundPrefixes', `must hold CIDR prefixes such as 52.94.0.0/22, got ${show(p)}`);
    if ((c.address & hostMask(c.family, c.length)) !== 0n) fail('inboundPrefixes', `must hold network addresses (no host bits set), got ${show(p)}`);
    if (seen.has(p)) continue; // the same prefix from two services (e.g. EC2 and AMAZON_CONNECT) is one entry
    seen.add(p);
    (c.family === 4 ? v4 : v6).push(p);
  }
  return { v4, v6 };
}

/** Checks the props and builds the model. */
export function planPeering(vendor: RouterVendor, props: RouterConfigurationProps): PeeringPlan {
  if (!vendor) fail('vendor', 'must be one of frr, cisco-ios-xe, junos, got undefined');
  refuseTokens(props);
  checkVlan(props.vlan);
  checkAsn(props.asn);
  const customer = checkPeerAddress('customerAddress', props.customerAddress)!;
  const amazon = checkPeerAddress('amazonAddress', props.amazonAddress)!;
  checkPeerPair(customer, amazon);
  const ipv6 = props.ipv6 ?? false;
  const outbound4: string[] = [];
  const outbound6: string[] = [];
  for (const c of checkPrefixes(props.routeFilterPrefixes)) {
    (c.family === 4 ? outbound4 : outbound6).push(formatCidr(c.family, c.address, c.length));
  }
  checkPrefixFamilies(props.routeFilterPrefixes, ipv6); // the same IPv6 rule as PublicVirtualInterface
  const interfaceName = props.interfaceName ?? vendor.defaultInterfaceName;
  checkInterfaceName(vendor, interfaceName, props.vlan);
  if (props.authKeySecretName !== undefined) checkSecretName(props.authKeySecretName);
  const description = props.description ?? 'AWS Direct Connect public VIF';
  checkDescription(description);
  const inbound = props.inboundPrefixes === undefined ? undefined : checkInboundPrefixes(props.inboundPrefixes);
  if (inbound && inbound.v4.length === 0) {
    fail('inboundPrefixes', 'must hold at least one IPv4 prefix, otherwise the IPv4 session accepts nothing');
  }
  if (inbound && ipv6 && inbound.v6.length === 0) {
    fail('inboundPrefixes', 'must hold at least one IPv6 prefix when ipv6 is true, otherwise the IPv6 session accepts nothing');
  }

  const mask = ~hostMask(4, customer.length) & 0xffffffffn;
  const session: SessionPlan = {
    index: 1,
    role: 'single',
    vlan: props.vlan,
    customerCidr: formatCidr(4, customer.address, customer.length),
    customerIp: formatAddress(4, customer.address),
    amazonIp: formatAddress(4, amazon.address),
    netmask: formatAddress(4, mask),
    interfaceName,
    secretName: props.authKeySecretName,
    md5: md5Placeholder(props.authKeySecretName),
    description,
    amazonIpv6: PLACEHOLDERS.amazonIpv6,
    customerIpv6: PLACEHOLDERS.customerIpv6,
  };
  return {
    sessions: [session],
    vendor,
    vlan: props.vlan,
    asn: props.asn,
    customerCidr: formatCidr(4, customer.address, customer.length),
    customerIp: formatAddress(4, customer.address),
    amazonIp: formatAddress(4, amazon.address),
    prefixLength: customer.length,
    netmask: formatAddress(4, mask),
    outbound4,
    outbound6,
    ...decidePair(props),
    interfaceName,
    bfd: props.bfd ?? false,
    ipv6,
    secretName: props.authKeySecretName,
    md5: md5Placeholder(props.authKeySecretName),
    inbound4: inbound?.v4,
    inbound6: inbound && ipv6 ? inbound.v6 : undefined,
    description,
    amazonAsn: AMAZON_SIDE_ASN,
  };
}

/** The address families the session carries: IPv4, and IPv6 when the peer is configured. */
export function families(plan: PeeringPlan): Array<4 | 6> {
  return plan.ipv6 ? [4, 6] : [4];
}

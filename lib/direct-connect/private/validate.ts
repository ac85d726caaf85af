/**
 * Validation rules for a public virtual interface (not exported from the package). One function per rule;
 * every rule skips unresolved tokens. Limits come from `../limits`.
 */
import { fail, show } from '../../private/fail';
import { isUnresolved as isToken } from '../../private/unresolved';
import {
  AddressUse, classify, contains, formatAddress, formatCidr, hostMask, isNetworkAddress, networkOf,
  parseCidr, ParsedCidr,
} from '../../private/cidr';
import { DX_FACTS } from '../../facts/direct-connect-limits';

/** The documentation ranges (RFC 5737, RFC 3849, RFC 9637): placeholders, allowed with a warning. */
export const DOCUMENTATION_RANGE_TEXTS = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '3fff::/20'];
const DOCUMENTATION_RANGES = DOCUMENTATION_RANGE_TEXTS.map((t) => parseCidr(t)!);

/** True when the prefix lies inside a documentation range (RFC 5737 / RFC 3849 / RFC 9637): allowed, with a warning. */
export function isDocumentation(c: ParsedCidr): boolean {
  return DOCUMENTATION_RANGES.some((d) => contains(d, c));
}

/** `vlan`: integer 1-4094 (802.1Q). */
export function checkVlan(value: number): void {
  if (isToken(value)) return;
  const { min, max } = DX_FACTS.vlan;
  if (!Number.isInteger(value) || value < min || value > max) {
    fail('vlan', `must be an integer from ${min} to ${max} (802.1Q), got ${show(value)}`);
  }
}

/** `asn`: integer 1-4294967294, not the Amazon side ASN 7224. */
export function checkAsn(value: number): void {
  if (isToken(value)) return;
  const { min, max } = DX_FACTS.asn;
  if (!Number.isInteger(value) || value < min || value > max) {
    fail('asn', `must be an integer from ${min} to ${max} (2-byte or 4-byte ASN), got ${show(value)}`);
  }
  const reserved = DX_FACTS.ianaReservedAsns.ranges.find(([lo, hi]) => value >= lo && value <= hi);
  if (reserved) {
    fail('asn', `must not be ${value}: IANA reserves ${reserved[0] === reserved[1] ? reserved[0] : `${reserved[0]}-${reserved[1]}`} `
      + `and no BGP speaker may use it (${DX_FACTS.ianaReservedAsns.source}); use your own public ASN or a private ASN `
      + `(${privateRangesText()})`);
  }
  if (DX_FACTS.reservedAsns.values.includes(value)) {
    fail('asn', `must not be ${value}: it is the Amazon side ASN of every Direct Connect BGP session; use your own public ASN `
      + `or a private ASN (${privateRangesText()})`);
  }
}

/** True when the ASN is in a private range. */
export function isPrivateAsn(value: number): boolean {
  return DX_FACTS.privateAsnRanges.ranges.some(([lo, hi]) => value >= lo && value <= hi);
}

export function privateRangesText(): string {
  return DX_FACTS.privateAsnRanges.ranges.map(([lo, hi]) => `${lo}-${hi}`).join(' or ');
}

/** Parses one peer address (IPv4 CIDR form, public or documentation, no /32). */
export function checkPeerAddress(property: string, value: string): ParsedCidr | undefined {
  if (isToken(value)) return undefined;
  const c = parseCidr(value);
  if (!c) {
    fail(property, `must be an IPv4 address in CIDR form with the subnet mask, e.g. '198.51.100.1/30', got ${show(value)}`);
  }
  if (c.family !== 4) {
    fail(property, `must be an IPv4 address in CIDR form, got the IPv6 address ${show(value)}; Amazon assigns the IPv6 peer `
      + 'addresses of a public virtual interface (a /125), set ipv6: true instead');
  }
  const use = classify(c);
  if (use !== AddressUse.PUBLIC && !isDocumentation(c)) {
    fail(property, `must be a public IPv4 address you own (or one AWS or your provider assigned), got ${show(value)}, which is ${use} space`);
  }
  if (c.length === 32) {
    fail(property, `must have a prefix length from /1 to /31 shared with the other peer (usually /30 or /31), got ${show(value)}: a /32 holds one address`);
  }
  if (c.length < 31) {
    const host = c.address & hostMask(4, c.length);
    if (host === 0n || host === hostMask(4, c.length)) {
      fail(property, `must not be the ${host === 0n ? 'network' : 'broadcast'} address of its /${c.length} subnet, got ${show(value)}; `
        + `use a host address such as ${show(formatCidr(4, networkOf(c) + 1n, c.length))} (only a /31 uses both of its addresses)`);
    }
  }
  return c;
}

/** Customer and Amazon peer: same mask, same subnet, distinct. */
export function checkPeerPair(customer: ParsedCidr, amazon: ParsedCidr): void {
  const both = `customerAddress ${show(customer.text)} and amazonAddress ${show(amazon.text)}`;
  if (customer.length !== amazon.length) {
    fail('amazonAddress', `must use the same subnet mask as customerAddress (AWS requires it), got ${both}`);
  }
  if (networkOf(customer) !== networkOf(amazon)) {
    fail('amazonAddress', `must be in the same subnet as customerAddress, got ${both} (subnets `
      + `${formatCidr(4, networkOf(customer), customer.length)} and ${formatCidr(4, networkOf(amazon), amazon.length)})`);
  }
  if (customer.address === amazon.address) {
    fail('amazonAddress', `must differ from customerAddress, both are ${formatAddress(4, customer.address)}`);
  }
}

/**
 * True when the list itself is unresolved (a CommaDelimitedList parameter, `Fn.split`, ...): its length and items are
 * unknown. A literal array that merely holds some token items is not: its length and its literal items are checked.
 */
export function isListToken(values: string[]): boolean {
  return isToken(values);
}

/** Route filter prefixes: 1-1000, canonical public CIDRs of allowed length, no duplicates. Returns the parsed ones. */
export function checkPrefixes(values: string[]): ParsedCidr[] {
  if (isListToken(values)) return [];
  const { min, max } = DX_FACTS.routeFilterPrefixes;
  if (values.length < min || values.length > max) {
    fail('routeFilterPrefixes', `must hold from ${min} to ${max} prefixes (the public prefixes you advertise), got ${values.length}`);
  }
  const seen = new Map<string, number>();
  const parsed: ParsedCidr[] = [];
  values.forEach((v, i) => {
    const c = checkPrefix(`routeFilterPrefixes[${i}]`, v);
    if (!c) return;
    const key = formatCidr(c.family, c.address, c.length);
    const first = seen.get(key);
    if (first !== undefined) {
      fail(`routeFilterPrefixes[${i}]`, `must not repeat routeFilterPrefixes[${first}], got ${show(v)} twice`);
    }
    seen.set(key, i);
    parsed.push(c);
  });
  return parsed;
}

function checkPrefix(property: string, value: string): ParsedCidr | undefined {
  if (isToken(value)) return undefined;
  const c = parseCidr(value);
  if (!c) fail(property, `must be an IPv4 or IPv6 prefix in CIDR form, e.g. '198.51.100.0/24', got ${show(value)}`);
  const [lo, hi] = c.family === 4 ? DX_FACTS.routeFilterPrefixes.ipv4Lengths : DX_FACTS.routeFilterPrefixes.ipv6Lengths;
  if (c.length < lo || c.length > hi) {
    fail(property, `must have a prefix length from /${lo} to /${hi} for IPv${c.family}, got ${show(value)}`);
  }
  if (!isNetworkAddress(c)) {
    fail(property, `must not have host bits set, got ${show(value)}; did you mean ${show(formatCidr(c.family, networkOf(c), c.length))}?`);
  }
  const use = classify(c);
  if (use !== AddressUse.PUBLIC && !isDocumentation(c)) {
    fail(property, `must be public address space you own, got ${show(value)}, which is or overlaps ${use} space`);
  }
  return c;
}

/**
 * The one IPv6 rule, shared by PublicVirtualInterface (and so the stack and the example app), the router
 * configuration and the CLI: IPv6 prefixes need `ipv6: true`, `ipv6: true` needs at least one IPv6 prefix, and the
 * IPv4 session always needs at least one IPv4 prefix.
 */
export function checkPrefixFamilies(values: string[], ipv6: boolean): void {
  if (isListToken(values)) return;
  values.forEach((v, i) => {
    if (isToken(v)) return;
    if (!ipv6 && parseCidr(v)?.family === 6) {
      fail(`routeFilterPrefixes[${i}]`, `is an IPv6 prefix, got ${show(v)} with ipv6 false: IPv6 prefixes are advertised over the `
        + 'IPv6 BGP peer; set ipv6: true or remove the prefix');
    }
  });
  if (values.some((v) => isToken(v))) return; // a token element may be of either family
  const families = values.map((v) => parseCidr(v)?.family);
  if (!families.includes(4)) {
    fail('routeFilterPrefixes', `must hold at least one IPv4 prefix for the IPv4 BGP session, got ${values.map(show).join(', ')}`);
  }
  if (ipv6 && !families.includes(6)) {
    fail('routeFilterPrefixes', `must hold at least one IPv6 prefix when ipv6 is true, got ${values.map(show).join(', ')}: the IPv6 `
      + 'BGP session advertises only IPv6 prefixes, and AWS accepts traffic on a public virtual interface only from sources '
      + 'inside the prefixes you advertise; add your IPv6 prefix or set ipv6 false');
  }
}

/** Virtual interface name: the API's rule (a-z, 0-9, hyphen, 1-100). */
export function checkVifName(value: string): void {
  if (isToken(value)) return;
  if (!DX_FACTS.virtualInterfaceNamePattern.value.test(value)) {
    fail('virtualInterfaceName', `must be ${DX_FACTS.virtualInterfaceNamePattern.text} (the Direct Connect API rule, stricter than `
      + `CloudFormation's), got ${show(value)}`);
  }
}

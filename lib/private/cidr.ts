/**
 * CIDR parsing and classification shared by every module (not exported from the package).
 *
 * IPv4 addresses are held as unsigned 32-bit numbers, IPv6 addresses as bigint. The functions here are
 * strict: they accept only the canonical textual forms AWS uses (dotted quad without leading zeros,
 * RFC 5952-compatible IPv6 input with `::` compression), and never "correct" a value silently.
 */

/** An address family. */
export type Family = 4 | 6;

/** A parsed prefix: the network address, the prefix length and the family. */
export interface ParsedCidr {
  readonly family: Family;
  /** Address as written (host bits may be set). IPv4: number; IPv6: bigint. */
  readonly address: bigint;
  readonly length: number;
  /** The text it was parsed from. */
  readonly text: string;
}

const V4_BITS = 32;
const V6_BITS = 128;

/** Parses a dotted-quad IPv4 address into a number, or returns undefined. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const p of parts) {
    if (p.length === 0 || p.length > 3 || !/^\d+$/.test(p)) return undefined;
    if (p.length > 1 && p[0] === '0') return undefined; // no leading zeros (octal ambiguity)
    const n = Number(p);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

/** Parses an IPv6 address (with optional `::` and an optional embedded IPv4 tail) into a bigint. */
export function parseIpv6(text: string): bigint | undefined {
  if (text.length < 2 || text.length > 45) return undefined;
  const dbl = text.indexOf('::');
  if (dbl !== -1 && text.indexOf('::', dbl + 1) !== -1) return undefined;
  const groups: number[] = [];
  const parseGroups = (s: string, allowV4Tail: boolean): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const items = s.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (allowV4Tail && i === items.length - 1 && item.includes('.')) {
        const v4 = parseIpv4(item);
        if (v4 === undefined) return undefined;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(item)) return undefined;
      out.push(parseInt(item, 16));
    }
    return out;
  };
  if (dbl === -1) {
    const g = parseGroups(text, true);
    if (!g || g.length !== 8) return undefined;
    groups.push(...g);
  } else {
    const head = parseGroups(text.slice(0, dbl), false);
    const tail = parseGroups(text.slice(dbl + 2), true);
    if (!head || !tail) return undefined;
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups.push(...head, ...new Array<number>(missing).fill(0), ...tail);
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

/** Parses `address/length`. Returns undefined when the text is not a CIDR of either family. */
export function parseCidr(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash !== text.lastIndexOf('/')) return undefined;
  const addr = text.slice(0, slash);
  const lenText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lenText) || (lenText.length > 1 && lenText[0] === '0')) return undefined;
  const length = Number(lenText);
  if (addr.includes(':')) {
    const v = parseIpv6(addr);
    if (v === undefined || length > V6_BITS) return undefined;
    return { family: 6, address: v, length, text };
  }
  const v = parseIpv4(addr);
  if (v === undefined || length > V4_BITS) return undefined;
  return { family: 4, address: BigInt(v), length, text };
}

/** Number of bits in an address of the family. */
export function familyBits(family: Family): number {
  return family === 4 ? V4_BITS : V6_BITS;
}

/** The mask of host bits for a prefix length. */
export function hostMask(family: Family, length: number): bigint {
  return (1n << BigInt(familyBits(family) - length)) - 1n;
}

/** The network address of the prefix (host bits cleared). */
export function networkOf(c: ParsedCidr): bigint {
  return c.address & ~hostMask(c.family, c.length);
}

/** True when no host bit is set, i.e. `10.0.0.0/8` rather than `10.0.0.1/8`. */
export function isNetworkAddress(c: ParsedCidr): boolean {
  return (c.address & hostMask(c.family, c.length)) === 0n;
}

/** Formats an address of the family as text (IPv6 in RFC 5952 canonical form). */
export function formatAddress(family: Family, value: bigint): string {
  if (family === 4) {
    const n = Number(value);
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  // longest run of zero groups (length >= 2) is compressed, the first one on a tie
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLen).join(':');
  return `${head}::${tail}`;
}

/** Formats a network and length as CIDR text. */
export function formatCidr(family: Family, network: bigint, length: number): string {
  return `${formatAddress(family, network)}/${length}`;
}

/** True when `inner` lies entirely inside `outer` (same family). */
export function contains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  if (outer.family !== inner.family || inner.length < outer.length) return false;
  const mask = ~hostMask(outer.family, outer.length);
  return (inner.address & mask) === (outer.address & mask);
}

/** Why an address range is not ordinary public unicast space. */
export enum AddressUse {
  PUBLIC = 'public',
  PRIVATE = 'private (RFC 1918 / unique local)',
  LOOPBACK = 'loopback',
  LINK_LOCAL = 'link-local',
  CGNAT = 'shared address (CGNAT, RFC 6598)',
  MULTICAST = 'multicast',
  RESERVED = 'reserved or special-purpose',
  UNSPECIFIED = 'unspecified',
  DOCUMENTATION = 'documentation (RFC 5737 / RFC 3849 / RFC 9637)',
}

interface SpecialRange { readonly cidr: ParsedCidr; readonly use: AddressUse }

function special(text: string, use: AddressUse): SpecialRange {
  const cidr = parseCidr(text);
  if (!cidr) throw new Error(`internal: bad special range ${text}`);
  return { cidr, use };
}

/**
 * Special-purpose ranges (IANA IPv4 and IPv6 Special-Purpose Address Registries, RFC 6890 and successors),
 * most specific first so that e.g. 192.0.2.0/24 reports DOCUMENTATION rather than RESERVED.
 */
const SPECIAL_RANGES: readonly SpecialRange[] = [
  special('192.0.2.0/24', AddressUse.DOCUMENTATION),
  special('198.51.100.0/24', AddressUse.DOCUMENTATION),
  special('203.0.113.0/24', AddressUse.DOCUMENTATION),
  special('2001:db8::/32', AddressUse.DOCUMENTATION),
  special('3fff::/20', AddressUse.DOCUMENTATION), // RFC 9637 (2024)
  special('0.0.0.0/8', AddressUse.UNSPECIFIED),
  special('10.0.0.0/8', AddressUse.PRIVATE),
  special('100.64.0.0/10', AddressUse.CGNAT),
  special('127.0.0.0/8', AddressUse.LOOPBACK),
  special('169.254.0.0/16', AddressUse.LINK_LOCAL),
  special('172.16.0.0/12', AddressUse.PRIVATE),
  special('192.0.0.0/24', AddressUse.RESERVED),
  special('192.88.99.0/24', AddressUse.RESERVED),
  special('192.168.0.0/16', AddressUse.PRIVATE),
  special('198.18.0.0/15', AddressUse.RESERVED),
  special('224.0.0.0/4', AddressUse.MULTICAST),
  special('240.0.0.0/4', AddressUse.RESERVED),
  special('::/128', AddressUse.UNSPECIFIED),
  special('::1/128', AddressUse.LOOPBACK),
  special('::ffff:0:0/96', AddressUse.RESERVED),
  special('64:ff9b::/96', AddressUse.RESERVED),
  special('100::/64', AddressUse.RESERVED),
  special('2001::/23', AddressUse.RESERVED),
  special('2002::/16', AddressUse.RESERVED),
  special('fc00::/7', AddressUse.PRIVATE),
  special('fe80::/10', AddressUse.LINK_LOCAL),
  special('ff00::/8', AddressUse.MULTICAST),
];

/**
 * Classifies a prefix: PUBLIC when it neither overlaps nor lies in any special-purpose range;
 * otherwise the use of the first special range it touches.
 */
export function classify(c: ParsedCidr): AddressUse {
  for (const s of SPECIAL_RANGES) {
    if (s.cidr.family !== c.family) continue;
    if (contains(s.cidr, c) || contains(c, s.cidr)) return s.use;
  }
  // IPv6 outside 2000::/3 is not global unicast
  if (c.family === 6 && !contains(parseCidr('2000::/3')!, c)) return AddressUse.RESERVED;
  return AddressUse.PUBLIC;
}

/**
 * An independent oracle for CIDR aggregation, sharing no code with lib/ip-ranges: addresses are parsed by
 * ipaddr.js, held as bigint, and a prefix set is reduced to its merged [start, end] intervals. Two CIDR
 * lists cover the same addresses exactly when their merged intervals are equal.
 */
import * as fs from 'fs';
import * as ipaddr from 'ipaddr.js';
import { IP_RANGES_FILE } from '../fixtures';

export const REAL_FILE = IP_RANGES_FILE;

export function realText(): string {
  return fs.readFileSync(REAL_FILE, 'utf8');
}

export interface RawEntry { ip_prefix?: string; ipv6_prefix?: string; region: string; service: string; network_border_group: string }
export interface RawDoc { syncToken: string; createDate: string; prefixes: RawEntry[]; ipv6_prefixes: RawEntry[] }

export interface Interval { start: bigint; end: bigint }

export interface Prefix { start: bigint; length: number; bits: number }

/** Parses a CIDR with ipaddr.js into a bigint start, length and family width; throws on host bits set. */
export function prefixOf(cidr: string): Prefix {
  const [addr, length] = ipaddr.parseCIDR(cidr);
  const bytes = addr.toByteArray();
  let start = 0n;
  for (const b of bytes) start = start * 256n + BigInt(b);
  const bits = bytes.length * 8;
  const size = 1n << BigInt(bits - length);
  if (start % size !== 0n) throw new Error(`oracle: host bits set in ${cidr}`);
  return { start, length, bits };
}

export function intervalOf(cidr: string): Interval {
  const p = prefixOf(cidr);
  return { start: p.start, end: p.start + (1n << BigInt(p.bits - p.length)) - 1n };
}

/** The merged, sorted intervals of addresses covered by the CIDRs (overlapping or touching ones joined). */
export function coverage(cidrs: readonly string[]): Interval[] {
  const list = cidrs.map(intervalOf).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Interval[] = [];
  for (const iv of list) {
    const last = out[out.length - 1];
    if (last && iv.start <= last.end + 1n) {
      if (iv.end > last.end) last.end = iv.end;
    } else {
      out.push({ ...iv });
    }
  }
  return out;
}

/** Coverage as text, for readable jest diffs. */
export function coverageText(cidrs: readonly string[]): string[] {
  return coverage(cidrs).map((iv) => `${iv.start.toString(16)}-${iv.end.toString(16)}`);
}

/**
 * Problems that make a CIDR list not the canonical minimal form: not sorted / overlapping (so one contains
 * or overlaps another), two siblings that should have been merged, text not canonical.
 */
export function minimalityProblems(cidrs: readonly string[]): string[] {
  const problems: string[] = [];
  const prefixes = cidrs.map(prefixOf);
  const keys = new Set(prefixes.map((p) => `${p.start}/${p.length}`));
  for (let i = 0; i < prefixes.length; i++) {
    const p = prefixes[i];
    const [addr, len] = ipaddr.parseCIDR(cidrs[i]);
    const canonical = `${addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6).toRFC5952String() : addr.toString()}/${len}`;
    if (canonical !== cidrs[i]) problems.push(`${cidrs[i]} is not canonical (${canonical})`);
    if (i > 0) {
      const q = prefixes[i - 1];
      const qEnd = q.start + (1n << BigInt(q.bits - q.length)) - 1n;
      if (p.start <= qEnd) problems.push(`${cidrs[i]} is not after ${cidrs[i - 1]} (unsorted, overlapping or contained)`);
    }
    if (p.length > 0) {
      const sibling = p.start ^ (1n << BigInt(p.bits - p.length));
      if (keys.has(`${sibling}/${p.length}`)) problems.push(`${cidrs[i]} has its sibling in the list`);
    }
  }
  return problems;
}

/** Formats a bigint address of `bits` (32 or 128) as a CIDR with ipaddr.js. */
export function cidrText(start: bigint, length: number, bits: 32 | 128): string {
  const bytes: number[] = [];
  for (let i = bits / 8 - 1; i >= 0; i--) bytes.push(Number((start >> BigInt(8 * i)) & 0xffn));
  return `${ipaddr.fromByteArray(bytes).toString()}/${length}`;
}

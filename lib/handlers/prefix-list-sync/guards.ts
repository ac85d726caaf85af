/**
 * The guards a plan passes before anything is applied, each leaving the list as it is:
 * - a file older than the one already applied (stale-file); a stored token in the future is no reference;
 * - a removal above the shrink guard (shrink-guard-tripped), checked again before every removal batch;
 * - a prefix shorter than the service has ever published, or more added address space than the widening guard
 *   allows (widening-guard-tripped).
 */
import type { IpRangesDocument } from '../../ip-ranges/engine';
import { SHORTEST_PUBLISHED_PREFIX, SHORTEST_PUBLISHED_PREFIX_SOURCE } from '../../facts/shortest-prefixes';
import { parseCidr } from '../../private/cidr';
import { ListOutcome, MAX_FUTURE_SYNC_TOKEN_SECONDS, Selector } from './types';

/** Numeric comparison of two syncTokens (Unix seconds as strings). */
export function compareSyncTokens(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isSyncToken(t: string | undefined): t is string {
  return typeof t === 'string' && /^\d{1,20}$/.test(t);
}

/** The fields of a plan the guards read and return. */
export type PlanBase = Omit<ListOutcome, 'status' | 'message'>;

/** True when a syncToken is more than MAX_FUTURE_SYNC_TOKEN_SECONDS after `nowMs`. */
export function isFutureSyncToken(token: string, nowMs: number): boolean {
  return BigInt(token) > BigInt(Math.floor(nowMs / 1000) + MAX_FUTURE_SYNC_TOKEN_SECONDS);
}

/** A stale-file outcome when the file is older than the syncToken already applied to the list. */
export function staleFileOutcome(base: PlanBase, doc: IpRangesDocument, applied: string | undefined): ListOutcome | undefined {
  if (isSyncToken(applied) && compareSyncTokens(doc.syncToken, applied) < 0) {
    return {
      ...base,
      add: [],
      remove: [],
      status: 'stale-file',
      message: `ip-ranges.json syncToken ${doc.syncToken} is older than ${applied}, already applied to ${base.prefixListId}; not applying`,
    };
  }
  return undefined;
}

/** A shrink-guard-tripped outcome when the plan removes more than `percent` of the list's `entries`. */
export function shrinkGuardOutcome(base: PlanBase, entries: number, percent: number): ListOutcome | undefined {
  const share = entries === 0 ? 0 : (base.remove.length / entries) * 100;
  if (share > percent) {
    return {
      ...base,
      status: 'shrink-guard-tripped',
      message:
        `sync would remove ${base.remove.length} of ${entries} entries (${share.toFixed(1)}%) from ${base.prefixListId}, above the ` +
        `shrink guard of ${percent}%; the list was kept as it is. Check ip-ranges.json, then raise ` +
        'shrinkGuardPercent for one deployment if the removal is intended',
    };
  }
  return undefined;
}

/** The number of addresses a set of CIDRs covers (overlaps counted twice; aggregated lists have none). */
export function addressSpace(cidrs: readonly string[]): bigint {
  let total = 0n;
  for (const text of cidrs) {
    const c = parseCidr(text);
    if (c) total += 1n << BigInt((c.family === 4 ? 32 : 128) - c.length);
  }
  return total;
}

/**
 * A widening-guard-tripped outcome when the file publishes a prefix of the service and family shorter than the
 * service has ever published (checked on the file's own entries: the aggregated target may merge siblings), or
 * covers more than `percent` more address space than `baseline` (the list's entries, or for an empty list the
 * synth-time snapshot when there is one).
 */
export function wideningGuardOutcome(
  base: PlanBase, sel: Selector, doc: IpRangesDocument, target: readonly string[], baseline: readonly string[] | undefined, percent: number,
): ListOutcome | undefined {
  const shortest = SHORTEST_PUBLISHED_PREFIX[sel.service]?.[sel.family === 4 ? 'ipv4' : 'ipv6'];
  const tooShort = shortest === undefined ? []
    : (sel.family === 4 ? doc.ipv4 : doc.ipv6).filter((e) => e.service === sel.service && e.net.length < shortest).map((e) => e.prefix);
  if (tooShort.length > 0) {
    return {
      ...base,
      status: 'widening-guard-tripped',
      message: `ip-ranges.json ${doc.syncToken} publishes ${tooShort.slice(0, 5).join(', ')} for ${sel.service}` +
        `${tooShort.length > 5 ? ` and ${tooShort.length - 5} more` : ''}, shorter than /${shortest}, the shortest prefix ` +
        `${sel.service} has published (${SHORTEST_PUBLISHED_PREFIX_SOURCE}); ${base.prefixListId} (${sel.selector}) was kept as it is`,
    };
  }
  if (baseline === undefined || baseline.length === 0 || base.add.length === 0) return undefined;
  const before = addressSpace(baseline);
  const after = addressSpace(target);
  // after > before * (1 + percent/100), in integers: 100 * after > (100 + percent) * before.
  if (100n * after > BigInt(100 + Math.floor(percent)) * before) {
    const grown = Number((after - before) * 10000n / before) / 100;
    return {
      ...base,
      status: 'widening-guard-tripped',
      message: `sync would grow the address space of ${base.prefixListId} (${sel.selector}) by ${grown.toFixed(2)}% ` +
        `(${before} to ${after} addresses), above the widening guard of +${percent}%; the list was kept as it is. Check ` +
        'ip-ranges.json, then raise wideningGuardPercent (CLI: --widening-guard-percent) for one run if the growth is intended',
    };
  }
  return undefined;
}

/**
 * The guards a plan passes before anything is applied: a file older than the one already applied is not applied
 * (stale-file), and a removal above the shrink guard keeps the list as it is (shrink-guard-tripped).
 */
import type { IpRangesDocument } from '../../ip-ranges/engine';
import { ListOutcome } from './types';

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

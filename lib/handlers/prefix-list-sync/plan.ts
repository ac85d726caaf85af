/**
 * Pure decisions of a sync, no I/O: canonical CIDR text, syncToken order, checking and parsing a downloaded file
 * and a notification, and what one list needs (its plan, after the guards in guards.ts).
 */
import { formatCidr, networkOf, parseCidr } from '../../private/cidr';
import { IpRangesDocument, parseIpRangesDocument } from '../../ip-ranges/engine';
import type { Download, ListState } from './types';
import { SNAPSHOT, SNAPSHOT_GLOBAL } from '../../facts/amazon-connect-snapshot.generated';
import {
  compareSyncTokens, isFutureSyncToken, isSyncToken, shrinkGuardOutcome, staleFileOutcome, wideningGuardOutcome,
} from './guards';
import {
  DEFAULT_WIDENING_GUARD_PERCENT, IpSpaceNotification, ListOutcome, MAX_FUTURE_SYNC_TOKEN_SECONDS, SYNC_TOKEN_TAG,
  Selector, SyncConfig, SyncError, message, tagValue,
} from './types';

export { compareSyncTokens, isSyncToken };

/** Canonical text of a CIDR as EC2 returns it (lower case, host bits cleared); unparseable text is kept. */
export function canonicalCidr(text: string): string {
  const c = parseCidr(text.trim().toLowerCase());
  return c ? formatCidr(c.family, networkOf(c), c.length) : text;
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What an empty list is measured against by the widening guard: the synth-time AMAZON_CONNECT snapshot. */
export function firstFillBaseline(sel: Selector, regions: readonly string[]): readonly string[] | undefined {
  if (sel.service !== 'AMAZON_CONNECT') return undefined;
  const rows = regions.map((region) => SNAPSHOT[region] ?? SNAPSHOT_GLOBAL);
  return [...new Set(rows.flatMap((row) => (sel.family === 4 ? row.ipv4 : row.ipv6)))];
}

/** The syncToken stored on a list when it is a valid reference: digits, and not in the future. */
export function storedSyncToken(state: ListState, nowMs: number): { token?: string; future: boolean } {
  const applied = tagValue(state.list, SYNC_TOKEN_TAG);
  if (!isSyncToken(applied)) return { future: false };
  return isFutureSyncToken(applied, nowMs) ? { future: true } : { token: applied, future: false };
}

/** Computes what one list needs. */
export function plan(
  sel: Selector,
  id: string,
  state: ListState,
  target: string[],
  doc: IpRangesDocument,
  config: SyncConfig,
  nowMs: number = Date.now(),
): ListOutcome {
  const have = new Set(state.entries);
  const want = new Set(target);
  const add = target.filter((c) => !have.has(c));
  const remove = state.entries.filter((c) => !want.has(c)).sort();
  const applied = tagValue(state.list, SYNC_TOKEN_TAG);
  const base = {
    selector: sel.selector,
    prefixListId: id,
    add,
    remove,
    entriesBefore: state.entries.length,
    entriesAfter: state.entries.length,
    targetEntries: target.length,
    maxEntriesBefore: state.list.MaxEntries,
    maxEntriesAfter: state.list.MaxEntries,
    appliedSyncToken: applied,
  };
  // A stored token in the future is no reference: the file at hand repairs it (runSync logs and counts that).
  const stale = staleFileOutcome(base, doc, storedSyncToken(state, nowMs).token);
  if (stale) return stale;
  const shrink = shrinkGuardOutcome(base, state.entries.length, config.shrinkGuardPercent);
  if (shrink) return shrink;
  const baseline = state.entries.length > 0 ? state.entries : firstFillBaseline(sel, config.connectRegions);
  const widening = wideningGuardOutcome(base, sel, doc, target, baseline, config.wideningGuardPercent ?? DEFAULT_WIDENING_GUARD_PERCENT);
  if (widening) return widening;
  if (add.length === 0 && remove.length === 0) return { ...base, status: 'unchanged' };
  return { ...base, status: config.dryRun ? 'planned' : 'changed', entriesAfter: config.dryRun ? state.entries.length : target.length };
}

/** The downloaded file when it is valid and newer than the notification, else undefined. */
export function supersedingDocument(file: Download, notification: IpSpaceNotification | undefined): IpRangesDocument | undefined {
  if (!isSyncToken(notification?.syncToken)) return undefined;
  try {
    const doc = parseIpRangesDocument(file.bytes.toString('utf8'));
    return compareSyncTokens(doc.syncToken, notification!.syncToken!) > 0 ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Parses and checks a downloaded file against the notification. */
export function verifyAndParse(file: Download, notification: IpSpaceNotification | undefined, nowMs: number = Date.now()): IpRangesDocument {
  if (notification?.md5 && notification.md5.toLowerCase() !== file.md5) {
    throw new SyncError(`ip-ranges.json MD5 mismatch (expected ${notification.md5}, got ${file.md5}); not applying`, 'Md5Mismatch');
  }
  let doc: IpRangesDocument;
  try {
    doc = parseIpRangesDocument(file.bytes.toString('utf8'));
  } catch (e) {
    throw new SyncError(`ip-ranges.json is not valid: ${message(e)}; not applying`, 'InvalidFile');
  }
  if (!isSyncToken(doc.syncToken)) throw new SyncError(`ip-ranges.json has no valid syncToken (got '${doc.syncToken}'); not applying`, 'InvalidFile');
  if (isFutureSyncToken(doc.syncToken, nowMs)) {
    throw new SyncError(`ip-ranges.json syncToken ${doc.syncToken} is more than ${MAX_FUTURE_SYNC_TOKEN_SECONDS / 3600} hours in the ` +
      `future (now ${Math.floor(nowMs / 1000)}); the file is invalid, not applying and not storing its token`, 'InvalidFile');
  }
  return doc;
}

export function summary(o: ListOutcome): Record<string, unknown> {
  return {
    selector: o.selector,
    prefixListId: o.prefixListId,
    status: o.status,
    added: o.add.length,
    removed: o.remove.length,
    entriesBefore: o.entriesBefore,
    entriesAfter: o.entriesAfter,
    maxEntriesBefore: o.maxEntriesBefore,
    maxEntriesAfter: o.maxEntriesAfter,
    ...(o.message ? { message: o.message } : {}),
  };
}

/** Parses the SNS message body of an AmazonIpSpaceChanged notification. */
export function parseNotification(text: string, nowMs: number = Date.now()): IpSpaceNotification {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new SyncError('AmazonIpSpaceChanged message is not JSON', 'InvalidNotification');
  }
  const str = (k: string) => (typeof m[k] === 'string' ? (m[k] as string) : typeof m[k] === 'number' ? String(m[k]) : undefined);
  const md5 = str('md5');
  if (md5 !== undefined && !/^[0-9a-fA-F]{32}$/.test(md5)) throw new SyncError(`notification md5 must be 32 hex digits, got '${md5}'`, 'InvalidNotification');
  const syncToken = str('synctoken');
  if (syncToken !== undefined && !isSyncToken(syncToken)) throw new SyncError(`notification synctoken must be digits, got '${syncToken}'`, 'InvalidNotification');
  if (syncToken !== undefined && isFutureSyncToken(syncToken, nowMs)) {
    throw new SyncError(`notification synctoken ${syncToken} is more than ${MAX_FUTURE_SYNC_TOKEN_SECONDS / 3600} hours in the future; invalid`, 'InvalidNotification');
  }
  return { createTime: str('create-time'), syncToken, md5, url: str('url') };
}

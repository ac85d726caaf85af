/**
 * The prefix list sync core, shared by the Lambda handler (index.ts) and the operator CLI (lib/cli/sync.ts).
 *
 * One sync: download ip-ranges.json (timeout, retries with backoff), verify the notification's md5, parse it with
 * the ip-ranges engine, and for each managed prefix list compute the exact target set, diff it against the list
 * and apply it with ModifyManagedPrefixList in batches of at most 100, passing CurrentVersion.
 *
 * Guarantees (each one is a unit test in test/prefix-lists/sync.test.ts):
 * - additions are applied before removals, so no range of the target set is ever missing;
 * - MaxEntries is grown in its own call before entries are added (the API refuses both at once);
 * - a file older than the last applied one (syncToken tag on the list) is refused; a repeat changes nothing;
 * - a removal above the shrink guard leaves the list as it is and raises the ShrinkGuardTripped metric;
 * - on a failure between batches the list is rolled back to the entries it had before the sync.
 *
 * The parts live by responsibility: types.ts (configuration, outcomes, errors), plan.ts (pure decisions),
 * guards.ts (stale file, shrink guard), apply.ts (EC2 and download with retries), converge.ts (reaching a target
 * set, rollback). This module runs one sync over every list and re-exports the parts callers use.
 */
import { CreateTagsCommand } from '@aws-sdk/client-ec2';
import { IpRangesDocument, selectPrefixes } from '../../ip-ranges/engine';
import { call, describe, download, readList } from './apply';
import { converge, rollBack } from './converge';
import { canonicalCidr, compareSyncTokens, isSyncToken, plan, summary, supersedingDocument, verifyAndParse } from './plan';
import {
  IpSpaceNotification,
  ListOutcome,
  SYNC_TOKEN_TAG,
  SyncConfig,
  SyncDeps,
  SyncError,
  SyncFailedError,
  SyncResult,
  errorCode,
  familyOf,
  message,
  tagValue,
  validateConfig,
} from './types';

export * from './types';
export type { Download } from './apply';
export { download, grownMaxEntries } from './apply';
export { canonicalCidr, chunks, compareSyncTokens, parseNotification, verifyAndParse } from './plan';

/**
 * Runs one sync over every configured list. Lists are independent: a list that fails is rolled back and the others
 * still sync; the sync then throws SyncFailedError. A stale file, a repeat or a tripped shrink guard is not an error.
 */
export async function runSync(config: SyncConfig, deps: SyncDeps, notification?: IpSpaceNotification): Promise<SyncResult> {
  const selectors = validateConfig(config);
  const dryRun = config.dryRun === true;
  const started = Date.now();

  // An out-of-order notification older than what every list already has is refused before downloading anything.
  if (isSyncToken(notification?.syncToken)) {
    const tokens = await Promise.all(selectors.map(async (s) => tagValue(await describe(deps, config.prefixLists[s.selector]), SYNC_TOKEN_TAG)));
    if (tokens.every((t) => isSyncToken(t) && compareSyncTokens(notification!.syncToken!, t) < 0)) {
      const msg = `Ignoring notification synctoken ${notification!.syncToken} older than applied ${tokens.join(', ')}`;
      deps.log({ level: 'info', msg, notification });
      return {
        syncToken: notification!.syncToken!,
        createDate: notification!.createTime ?? '',
        connectRegion: config.connectRegion,
        dryRun,
        lists: selectors.map((s, i) => ({
          selector: s.selector,
          prefixListId: config.prefixLists[s.selector],
          status: 'stale-file' as const,
          add: [],
          remove: [],
          entriesBefore: -1,
          entriesAfter: -1,
          targetEntries: -1,
          appliedSyncToken: tokens[i],
          message: msg,
        })),
      };
    }
  }

  if (notification?.url && notification.url !== config.ipRangesUrl) {
    deps.log({ level: 'warn', msg: 'notification names another URL; downloading the configured one', notificationUrl: notification.url, url: config.ipRangesUrl });
  }
  const file = await download(config.ipRangesUrl, deps);
  let doc: IpRangesDocument;
  try {
    doc = verifyAndParse(file, notification);
  } catch (e) {
    const newer = e instanceof SyncError && e.code === 'Md5Mismatch' ? supersedingDocument(file, notification) : undefined;
    if (!newer) throw e;
    // The file changed again after this notification was sent: its md5 cannot match, and the newer file's own
    // notification (or the schedule) applies it. Nothing is applied from an unverified notification run.
    const msg = `notification ${notification!.syncToken} is superseded by the published file ${newer.syncToken}; ` +
      'its own notification applies it';
    deps.log({ level: 'info', msg, notification });
    return {
      syncToken: newer.syncToken,
      createDate: newer.createDate,
      connectRegion: config.connectRegion,
      dryRun,
      lists: selectors.map((s) => ({
        selector: s.selector, prefixListId: config.prefixLists[s.selector], status: 'superseded' as const,
        add: [], remove: [], entriesBefore: -1, entriesAfter: -1, targetEntries: -1, message: msg,
      })),
    };
  }
  const parsedAt = Date.now();
  deps.log({ level: 'info', msg: 'ip-ranges.json downloaded', syncToken: doc.syncToken, createDate: doc.createDate, md5: file.md5, bytes: file.bytes.length, dryRun });

  const outcomes: ListOutcome[] = [];
  for (const sel of selectors) {
    const id = config.prefixLists[sel.selector];
    let outcome: ListOutcome | undefined;
    let startEntries: string[] | undefined;
    let reached = false;
    try {
      const state = await readList(deps, id);
      const fam = familyOf(state.list);
      if (fam !== undefined && fam !== sel.family) {
        throw new SyncError(`${id} holds IPv${fam} entries but is configured as ${sel.selector}`, 'Config');
      }
      const target = selectPrefixes(doc, sel.service, config.connectRegion, sel.family).map(canonicalCidr);
      outcome = plan(sel, id, state, target, doc, config);
      if (outcome.status === 'shrink-guard-tripped') {
        deps.metric?.('ShrinkGuardTripped', 1, { Selector: sel.selector });
        deps.log({ level: 'error', msg: 'shrink guard tripped', ...summary(outcome) });
      } else if (outcome.status === 'stale-file') {
        deps.log({ level: 'info', msg: outcome.message!, selector: sel.selector, prefixListId: id });
      } else if (!dryRun) {
        if (outcome.status === 'changed') {
          startEntries = state.entries;
          const calls = await converge(deps, sel, id, target);
          // The list is at its target: a later failure (reading it back, writing the syncToken tag) must not roll
          // a correct list back to the old entries.
          startEntries = undefined;
          reached = true;
          const after = await describe(deps, id);
          outcome = { ...outcome, maxEntriesAfter: after.MaxEntries };
          deps.metric?.('EntriesAdded', outcome.add.length, { Selector: sel.selector });
          deps.metric?.('EntriesRemoved', outcome.remove.length, { Selector: sel.selector });
          deps.log({ level: 'info', msg: 'prefix list updated', modifyCalls: calls, ...summary(outcome), added: outcome.add, removed: outcome.remove });
        } else {
          deps.log({ level: 'info', msg: 'prefix list already current', ...summary(outcome) });
        }
        if (tagValue(state.list, SYNC_TOKEN_TAG) !== doc.syncToken) {
          await call(deps, 'CreateTags', () =>
            deps.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: SYNC_TOKEN_TAG, Value: doc.syncToken }] })),
          );
        }
        outcome = { ...outcome, appliedSyncToken: doc.syncToken };
      }
    } catch (e) {
      const rollback = startEntries ? await rollBack(deps, sel, id, startEntries)
        : reached ? 'not needed (the list reached its target; the syncToken tag was not written, the next sync writes it)'
          : 'not needed (no entry was changed)';
      const base = outcome ?? {
        selector: sel.selector, prefixListId: id, add: [], remove: [], entriesBefore: -1, entriesAfter: -1, targetEntries: -1,
      };
      outcome = { ...base, status: 'failed', message: `${message(e)}; rollback: ${rollback}` };
      deps.log({ level: 'error', msg: 'prefix list sync failed', ...summary(outcome), error: message(e), code: errorCode(e), rollback });
    }
    outcomes.push(outcome);
  }

  const result: SyncResult = { syncToken: doc.syncToken, createDate: doc.createDate, connectRegion: config.connectRegion, dryRun, lists: outcomes };
  deps.log({
    level: 'info',
    msg: 'sync finished',
    syncToken: doc.syncToken,
    dryRun,
    computeMs: parsedAt - started,
    totalMs: Date.now() - started,
    lists: outcomes.map(summary),
  });
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length > 0) {
    throw new SyncFailedError(`prefix list sync failed for ${failed.map((f) => `${f.selector} (${f.prefixListId}): ${f.message}`).join('; ')}`, result);
  }
  return result;
}

/**
 * The prefix list sync core, shared by the Lambda handler (index.ts) and the operator CLI (lib/cli/commands/sync.ts).
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
 * guards.ts (stale file, future tokens, shrink and widening guards), apply.ts (EC2 and download with retries),
 * converge.ts (reaching a target set with the shrink guard per batch, rollback), marker.ts (run marker). This module runs one sync over every list and re-exports the parts callers use.
 */
import { createHash } from 'node:crypto';
import { CreateTagsCommand } from '@aws-sdk/client-ec2';
import { IpRangesDocument, selectPrefixesForRegions } from '../../ip-ranges/engine';
import { call, describe, download, readEntries, readList, stopped } from './apply';
import { converge, rollBack } from './converge';
import { isFutureSyncToken } from './guards';
import { releaseList, takeList } from './marker';
import {
  canonicalCidr, compareSyncTokens, isSyncToken, plan, storedSyncToken, summary, supersedingDocument, verifyAndParse,
} from './plan';
import {
  IpSpaceNotification,
  ListOutcome,
  ListStatus,
  RUN_MARKER_TAG,
  SKIP_METRICS,
  SYNC_PROBLEMS_METRIC,
  SYNC_TOKEN_TAG,
  Selector,
  SyncConfig,
  SyncDeps,
  SyncError,
  SyncFailedError,
  SyncResult,
  errorCode,
  familyOf,
  message,
  runProblems,
  tagValue,
  validateConfig,
} from './types';

export * from './types';
export type { Download } from './types';
export { download, grownMaxEntries } from './apply';
export { canonicalCidr, chunks, compareSyncTokens, parseNotification, verifyAndParse } from './plan';

/** Where the file of a run came from, for the first line of the CLI's output and the logs. */
export function sourceOf(config: SyncConfig): string {
  return config.ipRangesFile ? `file ${config.ipRangesFile.name}` : config.ipRangesUrl;
}

function skipped(config: SyncConfig, selectors: Selector[], status: ListStatus, msg: string, tokens: Array<string | undefined> = []): ListOutcome[] {
  return selectors.map((s, i) => ({
    selector: s.selector, prefixListId: config.prefixLists[s.selector], status,
    add: [], remove: [], entriesBefore: -1, entriesAfter: -1, targetEntries: -1,
    ...(tokens[i] !== undefined ? { appliedSyncToken: tokens[i] } : {}), message: msg,
  }));
}

function countSkips(deps: SyncDeps, outcomes: ListOutcome[]): void {
  for (const o of outcomes) {
    const metric = SKIP_METRICS[o.status];
    if (metric) deps.metric?.(metric, 1, { Selector: o.selector });
  }
}

/**
 * Runs one sync over every configured list. Lists are independent: a list that fails is rolled back and the others
 * still sync; the sync then throws SyncFailedError. A guard, another run's marker or lists left on different file
 * versions are not thrown here but returned (runProblems(result) names them; the handler and the CLI fail on them),
 * every skip reason publishes its metric (SKIP_METRICS), every list its FollowLagSeconds and the run SyncProblems.
 * After a real run every list is read back, so the result holds what the lists hold (entries, MaxEntries, syncToken).
 * A stopped run (deps.signal) sends nothing more except the release of its markers, and rolls nothing back.
 */
export async function runSync(config: SyncConfig, deps: SyncDeps, notification?: IpSpaceNotification): Promise<SyncResult> {
  const selectors = validateConfig(config);
  const dryRun = config.dryRun === true;
  const now = deps.now ?? Date.now;
  const started = now();

  // An out-of-order notification older than what every list already has is refused before downloading anything.
  // A stored token in the future is no reference (the file repairs it), so it never makes a notification stale.
  if (isSyncToken(notification?.syncToken)) {
    const tokens = await Promise.all(selectors.map(async (s) => tagValue(await describe(deps, config.prefixLists[s.selector]), SYNC_TOKEN_TAG)));
    if (tokens.every((t) => isSyncToken(t) && !isFutureSyncToken(t, started) && compareSyncTokens(notification!.syncToken!, t) < 0)) {
      const msg = `Ignoring notification synctoken ${notification!.syncToken} older than applied ${tokens.join(', ')}`;
      deps.log({ level: 'info', msg, notification });
      const lists = skipped(config, selectors, 'stale-file', msg, tokens);
      countSkips(deps, lists);
      return { syncToken: notification!.syncToken!, createDate: notification!.createTime ?? '', connectRegions: config.connectRegions, dryRun, lists };
    }
  }

  if (!config.ipRangesFile && notification?.url && notification.url !== config.ipRangesUrl) {
    deps.log({ level: 'warn', msg: 'notification names another URL; downloading the configured one', notificationUrl: notification.url, url: config.ipRangesUrl });
  }
  const file = config.ipRangesFile
    ? { bytes: config.ipRangesFile.bytes, md5: createHash('md5').update(config.ipRangesFile.bytes).digest('hex') }
    : await download(config.ipRangesUrl, deps);
  let doc: IpRangesDocument;
  try {
    doc = verifyAndParse(file, notification, now());
  } catch (e) {
    const newer = e instanceof SyncError && e.code === 'Md5Mismatch' ? supersedingDocument(file, notification) : undefined;
    if (!newer || isFutureSyncToken(newer.syncToken, now())) throw e;
    // The file changed again after this notification was sent: its md5 cannot match, and the newer file's own
    // notification (or the schedule) applies it. Nothing is applied from an unverified notification run.
    const msg = `notification ${notification!.syncToken} is superseded by the published file ${newer.syncToken}; ` +
      'its own notification applies it';
    deps.log({ level: 'info', msg, notification });
    const lists = skipped(config, selectors, 'superseded', msg);
    countSkips(deps, lists);
    return { syncToken: newer.syncToken, createDate: newer.createDate, connectRegions: config.connectRegions, dryRun, lists };
  }
  const parsedAt = now();
  deps.log({ level: 'info', msg: 'ip-ranges.json read', source: sourceOf(config), syncToken: doc.syncToken, createDate: doc.createDate, md5: file.md5, bytes: file.bytes.length, dryRun });

  const outcomes: ListOutcome[] = [];
  for (const sel of selectors) {
    const outcome = await syncList(config, deps, sel, doc, dryRun, now);
    outcomes.push(outcome);
    countSkips(deps, [outcome]);
    // How long the list has not followed the newest file seen: 0 when it holds it (or newer); otherwise the age of
    // this file. The FollowLag alarm fires at 3 days (AWS starts using new ranges 30 days after publishing them).
    const applied = outcome.appliedSyncToken;
    const current = isSyncToken(applied) && !isFutureSyncToken(applied, now()) && compareSyncTokens(applied, doc.syncToken) >= 0;
    if (!dryRun) deps.metric?.('FollowLagSeconds', current ? 0 : Math.max(0, Math.floor(now() / 1000) - Number(doc.syncToken)), { Selector: sel.selector });
  }

  // The report says what the lists hold, not what was planned: re-read after the run (a failed list may hold part
  // of a change, another run may have written a list since). A stopped run sends nothing more.
  const lists = dryRun || stopped(deps) ? outcomes : await Promise.all(outcomes.map((o) => reRead(deps, o)));
  const result: SyncResult = { syncToken: doc.syncToken, createDate: doc.createDate, connectRegions: config.connectRegions, dryRun, lists };
  if (!dryRun) deps.metric?.(SYNC_PROBLEMS_METRIC, runProblems(result).length);
  deps.log({
    level: 'info',
    msg: 'sync finished',
    syncToken: doc.syncToken,
    dryRun,
    computeMs: parsedAt - started,
    totalMs: now() - started,
    lists: lists.map(summary),
  });
  const failed = lists.filter((o) => o.status === 'failed');
  if (failed.length > 0) {
    throw new SyncFailedError(`prefix list sync failed for ${failed.map((f) => `${f.selector} (${f.prefixListId}): ${f.message}`).join('; ')}`, result);
  }
  return result;
}

/**
 * The outcome with what the list holds now: MaxEntries and the stored syncToken always, the entry count of a list
 * whose entries this run may have left between two states (failed, stopped by the shrink guard mid-way) or that
 * another run is writing. Never throws: a list that cannot be read keeps its outcome, with a note.
 */
async function reRead(deps: SyncDeps, o: ListOutcome): Promise<ListOutcome> {
  try {
    const list = await describe(deps, o.prefixListId);
    const count = o.status === 'failed' || o.status === 'shrink-guard-tripped' || o.status === 'locked'
      ? (await readEntries(deps, o.prefixListId)).length : o.entriesAfter;
    return { ...o, entriesAfter: count, maxEntriesAfter: list.MaxEntries, appliedSyncToken: tagValue(list, SYNC_TOKEN_TAG) };
  } catch (e) {
    deps.log({ level: 'warn', msg: 'could not read the list back after the run', prefixListId: o.prefixListId, error: message(e) });
    return { ...o, message: `${o.message ? `${o.message}; ` : ''}not read back after the run (${message(e)})` };
  }
}

/** Plans and (unless a dry run) applies one list; never throws: a failure is the list's outcome. */
async function syncList(config: SyncConfig, deps: SyncDeps, sel: Selector, doc: IpRangesDocument, dryRun: boolean, now: () => number): Promise<ListOutcome> {
  const id = config.prefixLists[sel.selector];
  let outcome: ListOutcome | undefined;
  let startEntries: string[] | undefined;
  let reached = false;
  let marked = false;
  try {
    const state = await readList(deps, id);
    const fam = familyOf(state.list);
    if (fam !== undefined && fam !== sel.family) {
      throw new SyncError(`${id} holds IPv${fam} entries but is configured as ${sel.selector}`, 'Config');
    }
    const target = selectPrefixesForRegions(doc, sel.service, config.connectRegions, sel.family).map(canonicalCidr);
    const stored = tagValue(state.list, SYNC_TOKEN_TAG);
    if (storedSyncToken(state, now()).future) {
      deps.metric?.('FutureSyncTokenRepaired', 1, { Selector: sel.selector });
      deps.log({ level: 'warn', msg: `stored syncToken ${stored} of ${id} is in the future; ignoring it, the file ${doc.syncToken} repairs it`, selector: sel.selector, prefixListId: id });
    }
    outcome = plan(sel, id, state, target, doc, config, now());
    if (outcome.status === 'stale-file') {
      deps.log({ level: 'info', msg: outcome.message!, selector: sel.selector, prefixListId: id });
      return outcome;
    }
    if (outcome.status === 'shrink-guard-tripped' || outcome.status === 'widening-guard-tripped') {
      deps.log({ level: 'error', msg: `${outcome.status === 'shrink-guard-tripped' ? 'shrink' : 'widening'} guard tripped`, ...summary(outcome) });
      return outcome;
    }
    if (dryRun) return outcome;
    if (config.runMarker) {
      marked = true;
      const held = await takeList(deps, id, state.list, config.runMarker, now());
      marked = true;
      if (held) {
        const msg = `${id} is being written by run ${held.runId} (marker ${RUN_MARKER_TAG} until ${new Date(held.expires * 1000).toISOString()}); ` +
          'left as it is. Run again later, or with --force when that run is known to be gone';
        deps.log({ level: 'warn', msg, selector: sel.selector, prefixListId: id });
        return { ...outcome, add: [], remove: [], status: 'locked', entriesAfter: outcome.entriesBefore, maxEntriesAfter: outcome.maxEntriesBefore, message: msg };
      }
    }
    if (outcome.status === 'changed') {
      startEntries = state.entries;
      const calls = await converge(deps, sel, id, target, config.shrinkGuardPercent);
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
    if (stored !== doc.syncToken) {
      await call(deps, `CreateTags(${id}, ${SYNC_TOKEN_TAG})`, new CreateTagsCommand({ Resources: [id], Tags: [{ Key: SYNC_TOKEN_TAG, Value: doc.syncToken }] }));
    }
    return { ...outcome, appliedSyncToken: doc.syncToken };
  } catch (e) {
    const base = outcome ?? {
      selector: sel.selector, prefixListId: id, add: [], remove: [], entriesBefore: -1, entriesAfter: -1, targetEntries: -1,
    };
    if (e instanceof SyncError && e.code === 'ShrinkGuardTripped') {
      // Checked again before a removal batch: the list changed under this run. Nothing is rolled back (that would
      // remove entries too); the list keeps what it has, additions included.
      const tripped: ListOutcome = { ...base, status: 'shrink-guard-tripped', message: e.message };
      deps.log({ level: 'error', msg: 'shrink guard tripped during convergence', ...summary(tripped) });
      return tripped;
    }
    const rollback = startEntries && stopped(deps)
      ? 'not attempted (the run was stopped; additions come before removals, so every range of the old or the new set is present)'
      : startEntries ? await rollBack(deps, sel, id, startEntries)
      : reached ? 'not needed (the list reached its target; the syncToken tag was not written, the next sync writes it)'
        : 'not needed (no entry was changed)';
    // What the list holds is read back after the run (runSync); until then it is unknown, not the plan.
    const failed: ListOutcome = { ...base, status: 'failed', entriesAfter: -1, maxEntriesAfter: undefined, message: `${message(e)}; rollback: ${rollback}` };
    deps.log({ level: 'error', msg: 'prefix list sync failed', ...summary(failed), error: message(e), code: errorCode(e), rollback });
    return failed;
  } finally {
    if (marked && config.runMarker) await releaseList(deps, id, config.runMarker.runId);
  }
}

/**
 * Moving a list to an exact target set (adds before removes, batches, CurrentVersion, re-read each round) and
 * rolling a list back to its entries before a failed sync.
 */
import { ModifyManagedPrefixListCommand } from '@aws-sdk/client-ec2';
import {
  CONFLICT_CODES,
  FAILED_STATES,
  MAX_ENTRIES_CODES,
  THROTTLING_CODES,
  grow,
  grownMaxEntries,
  pause,
  readList,
  send,
  waitSettled,
} from './apply';
import { BATCH_SIZE, MAX_ENTRIES_LIMIT, Selector, SyncDeps, SyncError, errorCode, message } from './types';

/** Upper bound on read-modify rounds for one list (10 add + 10 remove batches, growth and retries fit well within). */
const MAX_ROUNDS = 60;

/**
 * Moves a list to exactly `target`, adds before removes, in batches of BATCH_SIZE, each call passing the list's
 * CurrentVersion and waiting for modify-complete. Every step re-reads the list, so a version conflict or a
 * concurrent change is resolved by recomputing what is left. Returns the number of modify calls made.
 *
 * The shrink guard is checked again before every removal batch against the list as it is then: a list that another
 * run changed meanwhile is never cut by more than `shrinkGuardPercent` (SyncError code ShrinkGuardTripped; the list
 * keeps what it has, additions included). A rollback passes 100: it only takes back what this run added.
 */
export async function converge(deps: SyncDeps, sel: Selector, id: string, target: string[], shrinkGuardPercent = 100): Promise<number> {
  const attempts = deps.apiAttempts ?? 6;
  const base = deps.backoffBaseMs ?? 500;
  const want = new Set(target);
  let calls = 0;
  let conflicts = 0;
  let requested = 0;
  for (let round = 1; ; round++) {
    if (round > MAX_ROUNDS) throw new SyncError(`${id} (${sel.selector}) did not reach its target after ${MAX_ROUNDS} rounds of changes`, 'NotConverging');
    const { list, entries } = await readList(deps, id);
    const have = new Set(entries);
    const add = target.filter((c) => !have.has(c));
    const remove = entries.filter((c) => !want.has(c));
    if (add.length === 0 && remove.length === 0) return calls;
    if (add.length === 0 && remove.length > 0 && (remove.length / entries.length) * 100 > shrinkGuardPercent) {
      throw new SyncError(`${id} (${sel.selector}) holds ${entries.length} entries now and reaching the target would remove ` +
        `${remove.length} (${((remove.length / entries.length) * 100).toFixed(1)}%), above the shrink guard of ${shrinkGuardPercent}% ` +
        '(the list changed since the plan, e.g. by another run); stopped before removing, the list keeps what it has', 'ShrinkGuardTripped');
    }
    const max = Math.max(list.MaxEntries ?? 0, requested);
    if (add.length > 0 && entries.length + add.length > max) {
      const peak = entries.length + add.length;
      if (peak > MAX_ENTRIES_LIMIT) {
        throw new SyncError(
          `${id} (${sel.selector}) would need ${peak} entries while changing (${entries.length} now + ${add.length} to add), ` +
            `above the EC2 limit of ${MAX_ENTRIES_LIMIT} entries per list; nothing more was changed`,
          'MaxEntriesLimit',
        );
      }
      requested = grownMaxEntries(peak);
      await grow(deps, sel, id, list.MaxEntries ?? 0, requested);
      continue;
    }
    const batch = add.length > 0 ? { AddEntries: add.slice(0, BATCH_SIZE).map((Cidr) => ({ Cidr })) } : { RemoveEntries: remove.slice(0, BATCH_SIZE).map((Cidr) => ({ Cidr })) };
    const what = `ModifyManagedPrefixList(${id}, ${batch.AddEntries ? `add ${batch.AddEntries.length}` : `remove ${batch.RemoveEntries!.length}`} entries at version ${list.Version})`;
    try {
      await send(deps, what, new ModifyManagedPrefixListCommand({ PrefixListId: id, CurrentVersion: list.Version, ...batch }));
      calls++;
    } catch (e) {
      const code = errorCode(e);
      if (code === 'Stopped') throw e;
      const retry = CONFLICT_CODES.has(code) || THROTTLING_CODES.has(code) || MAX_ENTRIES_CODES.has(code);
      if (!retry || ++conflicts >= attempts) {
        if (CONFLICT_CODES.has(code)) {
          throw new SyncError(`${what} failed: prefix list ${id} changed concurrently (version ${list.Version} is no longer current): ${code}: ${message(e)}`, code);
        }
        throw new SyncError(`${what} failed${retry ? ` on all ${attempts} attempts` : ''}: ${code}: ${message(e)}`, code);
      }
      deps.log({ level: 'warn', msg: 'modify refused, re-reading the list and retrying', selector: sel.selector, prefixListId: id, version: list.Version, error: code });
      if (MAX_ENTRIES_CODES.has(code)) {
        const fresh = await waitSettled(deps, id);
        const peak = entries.length + add.length;
        if ((fresh.MaxEntries ?? 0) < peak && peak <= MAX_ENTRIES_LIMIT) {
          requested = grownMaxEntries(peak);
          await grow(deps, sel, id, fresh.MaxEntries ?? 0, requested);
        }
      }
      await pause(deps, base * 2 ** (conflicts - 1) * (0.5 + Math.random() / 2), what);
      continue;
    }
    const after = await waitSettled(deps, id);
    if (FAILED_STATES.has(after.State ?? '')) {
      throw new SyncError(`modify of ${id} (${sel.selector}) ended ${after.State}${after.StateMessage ? `: ${after.StateMessage}` : ''}`, 'ModifyFailed');
    }
  }
}

/** Restores the entries a list had before the sync (adds before removes again). Returns what happened, never throws. */
export async function rollBack(deps: SyncDeps, sel: Selector, id: string, entries: string[]): Promise<string> {
  try {
    const calls = await converge(deps, sel, id, entries);
    deps.log({ level: 'warn', msg: 'prefix list rolled back to its entries before the sync', selector: sel.selector, prefixListId: id, modifyCalls: calls });
    return calls === 0 ? 'list unchanged' : 'list restored to its entries before the sync';
  } catch (e) {
    deps.log({ level: 'error', msg: 'rollback failed; the list holds its old entries plus some additions or the new entries plus some old ones, never fewer', selector: sel.selector, prefixListId: id, error: message(e) });
    return `failed (${message(e)}); additions were applied before removals, so every range of the old or the new set is present`;
  }
}

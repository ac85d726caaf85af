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
 */
import { createHash } from 'node:crypto';
import {
  CreateTagsCommand,
  DescribeManagedPrefixListsCommand,
  EC2Client,
  GetManagedPrefixListEntriesCommand,
  ManagedPrefixList,
  ModifyManagedPrefixListCommand,
} from '@aws-sdk/client-ec2';
import { formatCidr, networkOf, parseCidr } from '../../private/cidr';
import { IP_RANGES_URL, IpRangesDocument, REGION_PATTERN, parseIpRangesDocument, selectPrefixes } from '../../ip-ranges/engine';

/** The lists a sync can own: `<ip-ranges service>-<family>`. */
export const SELECTORS = [
  'AMAZON_CONNECT-ipv4',
  'AMAZON_CONNECT-ipv6',
  'EC2-ipv4',
  'EC2-ipv6',
  'CLOUDFRONT-ipv4',
  'CLOUDFRONT-ipv6',
] as const;

/** A prefix list id as EC2 issues it. */
export const PREFIX_LIST_ID_PATTERN = /^pl-[0-9a-f]{8,17}$/;

/** Tag on each list holding the syncToken of the ip-ranges.json file last applied to it. */
export const SYNC_TOKEN_TAG = 'cdk-connect-dx:sync-token';

/** Default share of a list's entries one sync may remove before the shrink guard stops it. */
export const DEFAULT_SHRINK_GUARD_PERCENT = 20;

/** The EC2 hard limit on entries per managed prefix list. */
export const MAX_ENTRIES_LIMIT = 1000;

/** ModifyManagedPrefixList takes at most 100 additions and 100 removals per call. */
export const BATCH_SIZE = 100;

/** Metric namespace for the EMF metrics the sync publishes (ShrinkGuardTripped, EntriesAdded, EntriesRemoved). */
export const METRIC_NAMESPACE = 'CdkConnectDx/PrefixListSync';

export { IP_RANGES_URL };

/** A list selector parsed into the engine's terms. */
export interface Selector {
  readonly selector: string;
  readonly service: string;
  readonly family: 4 | 6;
}

/** Parses `AMAZON_CONNECT-ipv4` and friends; undefined when not one of SELECTORS. */
export function parseSelector(text: string): Selector | undefined {
  if (!(SELECTORS as readonly string[]).includes(text)) return undefined;
  const dash = text.lastIndexOf('-');
  return { selector: text, service: text.slice(0, dash), family: text.endsWith('ipv6') ? 6 : 4 };
}

/** What a sync needs to know. The Lambda reads it from its environment, the CLI from its flags. */
export interface SyncConfig {
  /** The Amazon Connect instance Region whose ranges are selected. */
  readonly connectRegion: string;
  /** selector -> prefix list id. */
  readonly prefixLists: Record<string, string>;
  /** Share (0-100) of a list's entries one sync may remove. */
  readonly shrinkGuardPercent: number;
  /** Where ip-ranges.json is downloaded from. */
  readonly ipRangesUrl: string;
  /** Plan only: read the lists, change nothing. */
  readonly dryRun?: boolean;
}

/** The parts of an AmazonIpSpaceChanged notification the sync uses. */
export interface IpSpaceNotification {
  readonly createTime?: string;
  readonly syncToken?: string;
  readonly md5?: string;
  readonly url?: string;
}

/** One structured log record. */
export type LogRecord = Record<string, unknown> & { level: 'info' | 'warn' | 'error'; msg: string };

/** Tunables and collaborators; tests shrink the timings and inject fakes. */
export interface SyncDeps {
  readonly ec2: EC2Client;
  readonly log: (record: LogRecord) => void;
  /** Emits a CloudWatch metric (EMF in Lambda). */
  readonly metric?: (name: string, value: number, dimensions?: Record<string, string>) => void;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Per-attempt download timeout. @default 15000 */
  readonly downloadTimeoutMs?: number;
  /** Download attempts. @default 4 */
  readonly downloadAttempts?: number;
  /** First backoff delay; doubles each retry, with jitter. @default 500 */
  readonly backoffBaseMs?: number;
  /** Attempts for a throttled or conflicting EC2 call. @default 6 */
  readonly apiAttempts?: number;
  /** Poll interval while a list is modify-in-progress. @default 1000 */
  readonly pollIntervalMs?: number;
  /** Give up waiting for modify-complete after this long. @default 120000 */
  readonly pollTimeoutMs?: number;
}

/** Why a list was (not) changed. */
export type ListStatus =
  | 'unchanged'
  | 'changed'
  | 'planned'
  | 'stale-file'
  | 'superseded'
  | 'shrink-guard-tripped'
  | 'failed';

/** What a sync did (or, in a dry run, would do) to one list. */
export interface ListOutcome {
  readonly selector: string;
  readonly prefixListId: string;
  readonly status: ListStatus;
  readonly add: string[];
  readonly remove: string[];
  readonly entriesBefore: number;
  readonly entriesAfter: number;
  readonly targetEntries: number;
  readonly maxEntriesBefore?: number;
  readonly maxEntriesAfter?: number;
  readonly appliedSyncToken?: string;
  readonly message?: string;
}

/** The result of one sync. */
export interface SyncResult {
  readonly syncToken: string;
  readonly createDate: string;
  readonly connectRegion: string;
  readonly dryRun: boolean;
  readonly lists: ListOutcome[];
}

/** A sync that cannot run or must not apply: bad configuration, bad file, stale notification. */
export class SyncError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'SyncError';
  }
}

/** Thrown after every list was tried when one or more lists failed; the outcome of each is attached. */
export class SyncFailedError extends Error {
  constructor(message: string, readonly result: SyncResult) {
    super(message);
    this.name = 'SyncFailedError';
  }
}

const THROTTLING_CODES = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'Unavailable',
]);
// InvalidPrefixListModification: an entry to add is already there or one to remove is gone, i.e. the list moved.
const CONFLICT_CODES = new Set(['PrefixListVersionMismatch', 'IncorrectState', 'ConcurrentMutationLimitExceeded', 'InvalidPrefixListModification']);

/** Upper bound on read-modify rounds for one list (10 add + 10 remove batches, growth and retries fit well within). */
const MAX_ROUNDS = 60;
const MAX_ENTRIES_CODES = new Set(['PrefixListMaxEntriesExceeded']);

function errorCode(e: unknown): string {
  const err = e as { name?: string; Code?: string; code?: string };
  return err?.Code ?? err?.code ?? err?.name ?? 'Error';
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Validates a sync configuration; throws SyncError naming the first bad value. */
export function validateConfig(config: SyncConfig): Selector[] {
  if (!REGION_PATTERN.test(config.connectRegion)) {
    throw new SyncError(`connectRegion must be an AWS Region code such as us-east-1, got '${config.connectRegion}'`, 'Config');
  }
  const selectors: Selector[] = [];
  const entries = Object.entries(config.prefixLists);
  if (entries.length === 0) throw new SyncError('prefixLists must name at least one list', 'Config');
  for (const [key, id] of entries) {
    const sel = parseSelector(key);
    if (!sel) throw new SyncError(`unknown prefix list selector '${key}'; allowed: ${SELECTORS.join(', ')}`, 'Config');
    if (!PREFIX_LIST_ID_PATTERN.test(id)) {
      throw new SyncError(`prefix list id for ${key} must match ${PREFIX_LIST_ID_PATTERN.source}, got '${id}'`, 'Config');
    }
    selectors.push(sel);
  }
  if (!(config.shrinkGuardPercent >= 0 && config.shrinkGuardPercent <= 100)) {
    throw new SyncError(`shrinkGuardPercent must be a number from 0 to 100, got ${config.shrinkGuardPercent}`, 'Config');
  }
  return selectors;
}

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

/** Numeric comparison of two syncTokens (Unix seconds as strings). */
export function compareSyncTokens(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function isSyncToken(t: string | undefined): t is string {
  return typeof t === 'string' && /^\d{1,20}$/.test(t);
}

/** A downloaded file. */
export interface Download {
  readonly bytes: Buffer;
  readonly md5: string;
}

/**
 * Downloads the file with a per-attempt timeout, retrying network errors, timeouts, HTTP 429/5xx and truncated
 * bodies with exponential backoff and jitter. Other HTTP errors fail at once.
 */
export async function download(url: string, deps: SyncDeps): Promise<Download> {
  const doFetch = deps.fetch ?? fetch;
  const sleep = deps.sleep ?? realSleep;
  const attempts = deps.downloadAttempts ?? 4;
  const timeoutMs = deps.downloadTimeoutMs ?? 15000;
  const base = deps.backoffBaseMs ?? 500;
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let retryable = true;
    try {
      const res = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
      if (!res.ok) {
        retryable = res.status === 429 || res.status >= 500;
        throw new Error(`HTTP ${res.status}`);
      }
      const bytes = Buffer.from(await res.arrayBuffer());
      const declared = res.headers.get('content-length');
      if (declared !== null && /^\d+$/.test(declared) && Number(declared) !== bytes.length && !res.headers.get('content-encoding')) {
        throw new Error(`truncated body: ${bytes.length} of ${declared} bytes`);
      }
      return { bytes, md5: createHash('md5').update(bytes).digest('hex') };
    } catch (e) {
      const err = e as Error;
      last = err.name === 'TimeoutError' || err.name === 'AbortError' ? `timed out after ${timeoutMs} ms` : message(e);
      deps.log({ level: 'warn', msg: 'download attempt failed', url, attempt, attempts, error: last, retryable });
      if (!retryable || attempt === attempts) break;
      await sleep(base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
    }
  }
  throw new SyncError(`download of ${url} failed: ${last}`, 'Download');
}

/** Runs an EC2 call, retrying throttling and transient server errors with backoff. */
async function call<T>(deps: SyncDeps, what: string, fn: () => Promise<T>): Promise<T> {
  const sleep = deps.sleep ?? realSleep;
  const attempts = deps.apiAttempts ?? 6;
  const base = deps.backoffBaseMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!THROTTLING_CODES.has(errorCode(e)) || attempt >= attempts) throw e;
      deps.log({ level: 'warn', msg: 'EC2 call throttled, retrying', call: what, attempt, error: errorCode(e) });
      await sleep(base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
    }
  }
}

interface ListState {
  readonly list: ManagedPrefixList;
  readonly entries: string[];
}

async function describe(deps: SyncDeps, id: string): Promise<ManagedPrefixList> {
  const out = await call(deps, 'DescribeManagedPrefixLists', () =>
    deps.ec2.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: [id] })),
  );
  const list = out.PrefixLists?.find((l) => l.PrefixListId === id);
  if (!list) throw new SyncError(`prefix list ${id} not found`, 'NotFound');
  return list;
}

async function readEntries(deps: SyncDeps, id: string): Promise<string[]> {
  const entries: string[] = [];
  let token: string | undefined;
  do {
    const out = await call(deps, 'GetManagedPrefixListEntries', () =>
      deps.ec2.send(new GetManagedPrefixListEntriesCommand({ PrefixListId: id, MaxResults: 100, NextToken: token })),
    );
    for (const e of out.Entries ?? []) if (e.Cidr) entries.push(canonicalCidr(e.Cidr));
    token = out.NextToken;
  } while (token);
  return entries;
}

async function readList(deps: SyncDeps, id: string): Promise<ListState> {
  const list = await waitSettled(deps, id);
  return { list, entries: await readEntries(deps, id) };
}

const SETTLED = new Set(['create-complete', 'modify-complete', 'restore-complete']);
const FAILED_STATES = new Set(['create-failed', 'modify-failed', 'restore-failed']);

/** Polls until the list is no longer *-in-progress. A *-failed state is returned, not thrown. */
async function waitSettled(deps: SyncDeps, id: string): Promise<ManagedPrefixList> {
  const sleep = deps.sleep ?? realSleep;
  const interval = deps.pollIntervalMs ?? 1000;
  const deadline = Date.now() + (deps.pollTimeoutMs ?? 120000);
  for (;;) {
    const list = await describe(deps, id);
    const state = list.State ?? 'modify-complete';
    if (SETTLED.has(state) || FAILED_STATES.has(state)) return list;
    if (state.startsWith('delete')) throw new SyncError(`prefix list ${id} is being deleted (${state})`, 'Deleted');
    if (Date.now() > deadline) throw new SyncError(`prefix list ${id} still ${state} after ${deps.pollTimeoutMs ?? 120000} ms`, 'Timeout');
    await sleep(interval);
  }
}

function tagValue(list: ManagedPrefixList, key: string): string | undefined {
  return list.Tags?.find((t) => t.Key === key)?.Value;
}

function familyOf(list: ManagedPrefixList): 4 | 6 | undefined {
  const f = (list.AddressFamily ?? '').toLowerCase();
  return f === 'ipv4' ? 4 : f === 'ipv6' ? 6 : undefined;
}

/** Grows MaxEntries in its own call (the API refuses entry changes and resizing together). */
async function grow(deps: SyncDeps, sel: Selector, id: string, from: number, to: number): Promise<void> {
  deps.log({ level: 'info', msg: 'growing prefix list MaxEntries', selector: sel.selector, prefixListId: id, from, to });
  try {
    await call(deps, 'ModifyManagedPrefixList(MaxEntries)', () =>
      deps.ec2.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, MaxEntries: to })),
    );
  } catch (e) {
    throw new SyncError(
      `cannot grow MaxEntries of ${id} (${sel.selector}) from ${from} to ${to}: ${errorCode(e)}: ${message(e)}. ` +
        'A resource that references the list (for example a security group or route table) may have no room for the ' +
        'larger size: each reference counts MaxEntries against its own quota. Free room there or raise its quota, then sync again.',
      'GrowthBlocked',
    );
  }
  const after = await waitSettled(deps, id);
  if (FAILED_STATES.has(after.State ?? '')) {
    throw new SyncError(
      `cannot grow MaxEntries of ${id} (${sel.selector}) from ${from} to ${to}: list is ${after.State}` +
        `${after.StateMessage ? ` (${after.StateMessage})` : ''}. A resource that references the list cannot support the ` +
        'larger size (the state message names up to ten of them); free room there or raise its quota, then sync again.',
      'GrowthBlocked',
    );
  }
}

/** New MaxEntries when `needed` entries must fit: some headroom so growth is rare, never above the hard limit. */
export function grownMaxEntries(needed: number): number {
  return Math.min(MAX_ENTRIES_LIMIT, Math.max(needed, Math.ceil(needed * 1.1)));
}

/**
 * Moves a list to exactly `target`, adds before removes, in batches of BATCH_SIZE, each call passing the list's
 * CurrentVersion and waiting for modify-complete. Every step re-reads the list, so a version conflict or a
 * concurrent change is resolved by recomputing what is left. Returns the number of modify calls made.
 */
async function converge(deps: SyncDeps, sel: Selector, id: string, target: string[]): Promise<number> {
  const sleep = deps.sleep ?? realSleep;
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
    try {
      await deps.ec2.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, CurrentVersion: list.Version, ...batch }));
      calls++;
    } catch (e) {
      const code = errorCode(e);
      const retry = CONFLICT_CODES.has(code) || THROTTLING_CODES.has(code) || MAX_ENTRIES_CODES.has(code);
      if (!retry || ++conflicts >= attempts) {
        if (CONFLICT_CODES.has(code)) {
          throw new SyncError(`prefix list ${id} changed concurrently (version ${list.Version} is no longer current): ${message(e)}`, code);
        }
        throw e;
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
      await sleep(base * 2 ** (conflicts - 1) * (0.5 + Math.random() / 2));
      continue;
    }
    const after = await waitSettled(deps, id);
    if (FAILED_STATES.has(after.State ?? '')) {
      throw new SyncError(`modify of ${id} (${sel.selector}) ended ${after.State}${after.StateMessage ? `: ${after.StateMessage}` : ''}`, 'ModifyFailed');
    }
  }
}

/** Computes what one list needs. */
function plan(
  sel: Selector,
  id: string,
  state: ListState,
  target: string[],
  doc: IpRangesDocument,
  config: SyncConfig,
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
  if (isSyncToken(applied) && compareSyncTokens(doc.syncToken, applied) < 0) {
    return {
      ...base,
      add: [],
      remove: [],
      status: 'stale-file',
      message: `ip-ranges.json syncToken ${doc.syncToken} is older than ${applied}, already applied to ${id}; not applying`,
    };
  }
  const share = state.entries.length === 0 ? 0 : (remove.length / state.entries.length) * 100;
  if (share > config.shrinkGuardPercent) {
    return {
      ...base,
      status: 'shrink-guard-tripped',
      message:
        `sync would remove ${remove.length} of ${state.entries.length} entries (${share.toFixed(1)}%) from ${id}, above the ` +
        `shrink guard of ${config.shrinkGuardPercent}%; the list was kept as it is. Check ip-ranges.json, then raise ` +
        'shrinkGuardPercent for one deployment if the removal is intended',
    };
  }
  if (add.length === 0 && remove.length === 0) return { ...base, status: 'unchanged' };
  return { ...base, status: config.dryRun ? 'planned' : 'changed', entriesAfter: config.dryRun ? state.entries.length : target.length };
}

/** The downloaded file when it is valid and newer than the notification, else undefined. */
function supersedingDocument(file: Download, notification: IpSpaceNotification | undefined): IpRangesDocument | undefined {
  if (!isSyncToken(notification?.syncToken)) return undefined;
  try {
    const doc = parseIpRangesDocument(file.bytes.toString('utf8'));
    return compareSyncTokens(doc.syncToken, notification!.syncToken!) > 0 ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Parses and checks a downloaded file against the notification. */
export function verifyAndParse(file: Download, notification: IpSpaceNotification | undefined): IpRangesDocument {
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
  return doc;
}

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

/** Restores the entries a list had before the sync (adds before removes again). Returns what happened, never throws. */
async function rollBack(deps: SyncDeps, sel: Selector, id: string, entries: string[]): Promise<string> {
  try {
    const calls = await converge(deps, sel, id, entries);
    deps.log({ level: 'warn', msg: 'prefix list rolled back to its entries before the sync', selector: sel.selector, prefixListId: id, modifyCalls: calls });
    return calls === 0 ? 'list unchanged' : 'list restored to its entries before the sync';
  } catch (e) {
    deps.log({ level: 'error', msg: 'rollback failed; the list holds its old entries plus some additions or the new entries plus some old ones, never fewer', selector: sel.selector, prefixListId: id, error: message(e) });
    return `failed (${message(e)}); additions were applied before removals, so every range of the old or the new set is present`;
  }
}

function summary(o: ListOutcome): Record<string, unknown> {
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
export function parseNotification(text: string): IpSpaceNotification {
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
  return { createTime: str('create-time'), syncToken, md5, url: str('url') };
}

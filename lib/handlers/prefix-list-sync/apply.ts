/**
 * Talking to EC2 and the download source with retries: the ip-ranges.json download (timeout, backoff, truncation
 * check), EC2 calls retried on throttling, reading a list and its entries, waiting for a settled state, and growing
 * MaxEntries in its own call.
 */
import { createHash } from 'node:crypto';
import {
  DescribeManagedPrefixListsCommand,
  GetManagedPrefixListEntriesCommand,
  ManagedPrefixList,
  ModifyManagedPrefixListCommand,
} from '@aws-sdk/client-ec2';
import { canonicalCidr } from './plan';
import { MAX_ENTRIES_LIMIT, Selector, SyncDeps, SyncError, errorCode, message } from './types';

export const THROTTLING_CODES = new Set([
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
export const CONFLICT_CODES = new Set(['PrefixListVersionMismatch', 'IncorrectState', 'ConcurrentMutationLimitExceeded', 'InvalidPrefixListModification']);

export const MAX_ENTRIES_CODES = new Set(['PrefixListMaxEntriesExceeded']);

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
export async function call<T>(deps: SyncDeps, what: string, fn: () => Promise<T>): Promise<T> {
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

export interface ListState {
  readonly list: ManagedPrefixList;
  readonly entries: string[];
}

export async function describe(deps: SyncDeps, id: string): Promise<ManagedPrefixList> {
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

export async function readList(deps: SyncDeps, id: string): Promise<ListState> {
  const list = await waitSettled(deps, id);
  return { list, entries: await readEntries(deps, id) };
}

const SETTLED = new Set(['create-complete', 'modify-complete', 'restore-complete']);
export const FAILED_STATES = new Set(['create-failed', 'modify-failed', 'restore-failed']);

/** Polls until the list is no longer *-in-progress. A *-failed state is returned, not thrown. */
export async function waitSettled(deps: SyncDeps, id: string): Promise<ManagedPrefixList> {
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

/** Grows MaxEntries in its own call (the API refuses entry changes and resizing together). */
export async function grow(deps: SyncDeps, sel: Selector, id: string, from: number, to: number): Promise<void> {
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

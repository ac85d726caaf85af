/**
 * Talking to EC2 and the download source with retries: the ip-ranges.json download (timeout, backoff, truncation
 * check), EC2 calls retried on throttling, reading a list and its entries, waiting for a settled state, and growing
 * MaxEntries in its own call.
 */
import { createHash } from 'node:crypto';
import {
  DescribeManagedPrefixListsCommand,
  DescribeManagedPrefixListsCommandOutput,
  GetManagedPrefixListEntriesCommand,
  GetManagedPrefixListEntriesCommandOutput,
  ManagedPrefixList,
  ModifyManagedPrefixListCommand,
} from '@aws-sdk/client-ec2';
import { canonicalCidr } from './plan';
import { MAX_ENTRIES_LIMIT, Selector, SyncDeps, SyncError, errorCode, message, Download, ListState } from './types';

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

/** The error of a stopped run: names what was about to be done, and why the run stopped. */
export function stoppedError(deps: SyncDeps, what: string): SyncError {
  const reason = deps.signal?.reason;
  return new SyncError(`${what} not completed: the run was stopped (${reason instanceof Error ? reason.message : String(reason ?? 'aborted')})`, 'Stopped');
}

/** True once the run was stopped. */
export function stopped(deps: SyncDeps): boolean {
  return deps.signal?.aborted === true;
}

/** Waits `ms`, ending early with stoppedError when the run is stopped meanwhile. */
export async function pause(deps: SyncDeps, ms: number, what: string): Promise<void> {
  if (stopped(deps)) throw stoppedError(deps, what);
  const signal = deps.signal;
  if (deps.sleep || !signal) {
    await (deps.sleep ?? realSleep)(ms);
  } else {
    await new Promise<void>((resolve) => {
      const done = () => { clearTimeout(timer); signal.removeEventListener('abort', done); resolve(); };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
    });
  }
  if (stopped(deps)) throw stoppedError(deps, what);
}

/** An EC2 command object (the client's own overloads are too narrow to name generically). */
export type Ec2Command = { readonly input: object };

/** Sends one EC2 command with the run's abort signal: a stopped run sends nothing, and a call in flight is cut. */
export async function send<T>(deps: SyncDeps, what: string, command: Ec2Command): Promise<T> {
  if (stopped(deps)) throw stoppedError(deps, what);
  try {
    return await (deps.ec2.send(command as never, { abortSignal: deps.signal } as never) as Promise<T>);
  } catch (e) {
    if (stopped(deps)) throw stoppedError(deps, what);
    throw e;
  }
}

/**
 * Downloads the file with a per-attempt timeout, retrying network errors, timeouts, HTTP 429/5xx and truncated
 * bodies with exponential backoff and jitter. Other HTTP errors fail at once.
 */
export async function download(url: string, deps: SyncDeps): Promise<Download> {
  const doFetch = deps.fetch ?? fetch;
  const attempts = deps.downloadAttempts ?? 4;
  const timeoutMs = deps.downloadTimeoutMs ?? 15000;
  const base = deps.backoffBaseMs ?? 500;
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let retryable = true;
    try {
      if (stopped(deps)) throw stoppedError(deps, `download of ${url}`);
      const timeout = AbortSignal.timeout(timeoutMs);
      const res = await doFetch(url, { signal: deps.signal ? AbortSignal.any([timeout, deps.signal]) : timeout, redirect: 'error' });
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
      if (stopped(deps)) throw stoppedError(deps, `download of ${url}`);
      const err = e as Error;
      last = err.name === 'TimeoutError' || err.name === 'AbortError' ? `timed out after ${timeoutMs} ms` : message(e);
      deps.log({ level: 'warn', msg: 'download attempt failed', url, attempt, attempts, error: last, retryable });
      if (!retryable || attempt === attempts) break;
      await pause(deps, base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2), `download of ${url}`);
    }
  }
  throw new SyncError(`download of ${url} failed: ${last}`, 'Download');
}

/**
 * Runs an EC2 call (`what` names it and its list, e.g. `DescribeManagedPrefixLists(pl-...)`) with the run's abort
 * signal, retrying throttling and transient server errors with backoff. A final failure is a SyncError with the
 * call's own error code whose message names the call: `<call> failed: <code>: <message>`, and for a throttled call
 * `throttled on all <n> attempts`.
 */
export async function call<T>(deps: SyncDeps, what: string, command: Ec2Command): Promise<T> {
  const attempts = deps.apiAttempts ?? 6;
  const base = deps.backoffBaseMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send<T>(deps, what, command);
    } catch (e) {
      const code = errorCode(e);
      if (e instanceof SyncError && code === 'Stopped') throw e;
      if (!THROTTLING_CODES.has(code)) throw new SyncError(`${what} failed: ${code}: ${message(e)}`, code);
      if (attempt >= attempts) throw new SyncError(`${what} was throttled on all ${attempts} attempts: ${code}: ${message(e)}`, code);
      deps.log({ level: 'warn', msg: 'EC2 call throttled, retrying', call: what, attempt, error: code });
      await pause(deps, base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2), what);
    }
  }
}

export async function describe(deps: SyncDeps, id: string): Promise<ManagedPrefixList> {
  const out = await call<DescribeManagedPrefixListsCommandOutput>(deps, `DescribeManagedPrefixLists(${id})`,
    new DescribeManagedPrefixListsCommand({ PrefixListIds: [id] }));
  const list = out.PrefixLists?.find((l) => l.PrefixListId === id);
  if (!list) throw new SyncError(`prefix list ${id} not found`, 'NotFound');
  return list;
}

/** The entries of a list, canonical. */
export async function readEntries(deps: SyncDeps, id: string): Promise<string[]> {
  const entries: string[] = [];
  let token: string | undefined;
  do {
    const out = await call<GetManagedPrefixListEntriesCommandOutput>(deps, `GetManagedPrefixListEntries(${id})`,
      new GetManagedPrefixListEntriesCommand({ PrefixListId: id, MaxResults: 100, NextToken: token }));
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
  const interval = deps.pollIntervalMs ?? 1000;
  const deadline = Date.now() + (deps.pollTimeoutMs ?? 120000);
  for (;;) {
    const list = await describe(deps, id);
    const state = list.State ?? 'modify-complete';
    if (SETTLED.has(state) || FAILED_STATES.has(state)) return list;
    if (state.startsWith('delete')) throw new SyncError(`prefix list ${id} is being deleted (${state})`, 'Deleted');
    if (Date.now() > deadline) {
      throw new SyncError(`prefix list ${id} still ${state} after waiting ${deps.pollTimeoutMs ?? 120000} ms for it to settle (DescribeManagedPrefixLists)`, 'Timeout');
    }
    await pause(deps, interval, `waiting for ${id} to leave ${state}`);
  }
}

/** Grows MaxEntries in its own call (the API refuses entry changes and resizing together). */
export async function grow(deps: SyncDeps, sel: Selector, id: string, from: number, to: number): Promise<void> {
  deps.log({ level: 'info', msg: 'growing prefix list MaxEntries', selector: sel.selector, prefixListId: id, from, to });
  try {
    await call(deps, `ModifyManagedPrefixList(${id}, MaxEntries ${from} -> ${to})`, new ModifyManagedPrefixListCommand({ PrefixListId: id, MaxEntries: to }));
  } catch (e) {
    const code = errorCode(e);
    // Only a refusal of the size itself can mean "no room"; throttling, a conflict or a stopped run is named as such.
    if (code === 'Stopped' || THROTTLING_CODES.has(code) || CONFLICT_CODES.has(code)) {
      throw new SyncError(`cannot grow MaxEntries of ${id} (${sel.selector}) from ${from} to ${to}: ${message(e)}`, code);
    }
    throw new SyncError(
      `cannot grow MaxEntries of ${id} (${sel.selector}) from ${from} to ${to}: ${message(e)}. ` +
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

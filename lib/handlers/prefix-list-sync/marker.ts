/**
 * The run marker: a tag `<run id> <expiry, Unix seconds>` a run puts on each list before writing it. A run that
 * finds another run's unexpired marker leaves the list alone (status `locked`) unless forced; a run releases its
 * marker by writing expiry 0 (CreateTags only, the one tag action the function's role has).
 */
import { CreateTagsCommand, ManagedPrefixList } from '@aws-sdk/client-ec2';
import { call, describe } from './apply';
import { RUN_MARKER_TAG, SyncConfig, SyncDeps, tagValue } from './types';

/** A marker read from a list. */
export interface RunMarker {
  readonly runId: string;
  readonly expires: number;
}

/** Parses a marker tag value; undefined when absent or malformed (a malformed marker does not lock). */
export function parseRunMarker(value: string | undefined): RunMarker | undefined {
  const m = /^(\S{1,128}) (\d{1,12})$/.exec(value ?? '');
  return m ? { runId: m[1], expires: Number(m[2]) } : undefined;
}

/**
 * Another run's unexpired marker on the list, if any. A marker whose run id starts with `takeOver` is not another
 * run's: it is this function's own earlier run, which reserved concurrency 1 says is dead (killed at its timeout
 * before it released the marker), so it never locks the retry.
 */
export function otherRunMarker(list: ManagedPrefixList, runId: string, nowMs: number, takeOver?: string): RunMarker | undefined {
  const marker = parseRunMarker(tagValue(list, RUN_MARKER_TAG));
  if (!marker || marker.runId === runId || marker.expires * 1000 <= nowMs) return undefined;
  return takeOver && marker.runId.startsWith(takeOver) ? undefined : marker;
}

async function writeMarker(deps: SyncDeps, id: string, value: string): Promise<void> {
  await call(deps, `CreateTags(${id}, ${RUN_MARKER_TAG})`, new CreateTagsCommand({ Resources: [id], Tags: [{ Key: RUN_MARKER_TAG, Value: value }] }));
}

/**
 * Takes the list for this run: writes the marker, reads it back, and returns the marker of the run that holds the
 * list instead when another run's marker is there (before or after the write: the last writer holds it).
 */
export async function takeList(
  deps: SyncDeps, id: string, list: ManagedPrefixList, marker: NonNullable<SyncConfig['runMarker']>, nowMs: number,
): Promise<RunMarker | undefined> {
  const held = otherRunMarker(list, marker.runId, nowMs, marker.takeOver);
  if (held && !marker.force) return held;
  const own = parseRunMarker(tagValue(list, RUN_MARKER_TAG));
  if (own && own.runId !== marker.runId && own.expires * 1000 > nowMs && !held) {
    deps.log({ level: 'warn', msg: `taking over the marker of this function's earlier run ${own.runId} (it ended without releasing it, e.g. killed at its timeout)`, prefixListId: id });
  }
  const expires = Math.min(Math.floor(nowMs / 1000) + marker.seconds, marker.until ?? Number.MAX_SAFE_INTEGER);
  await writeMarker(deps, id, `${marker.runId} ${expires}`);
  const after = await describe(deps, id);
  return marker.force ? undefined : otherRunMarker(after, marker.runId, nowMs, marker.takeOver);
}

/**
 * Releases this run's marker (expiry 0); never throws, the marker expires anyway. A stopped run still releases:
 * these two calls get their own short timeout instead of the run's (fired) signal.
 */
export async function releaseList(runDeps: SyncDeps, id: string, runId: string, timeoutMs = 5000): Promise<void> {
  const deps: SyncDeps = { ...runDeps, signal: AbortSignal.timeout(timeoutMs), apiAttempts: runDeps.signal?.aborted ? 1 : runDeps.apiAttempts };
  try {
    const list = await describe(deps, id);
    if (parseRunMarker(tagValue(list, RUN_MARKER_TAG))?.runId === runId) await writeMarker(deps, id, `${runId} 0`);
  } catch (e) {
    deps.log({ level: 'warn', msg: 'could not release the run marker; it expires by itself', prefixListId: id, error: String(e) });
  }
}

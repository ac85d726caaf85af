/**
 * The prefix list sync's vocabulary: the lists it can own, its configuration, dependencies, outcomes and errors,
 * and the configuration check. Shared by the Lambda handler, the operator CLI and the sync's own modules.
 */
import { EC2Client, ManagedPrefixList } from '@aws-sdk/client-ec2';
import { IP_RANGES_URL, REGION_PATTERN } from '../../ip-ranges/engine';

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

/**
 * Default share of address space one sync (or the first fill, measured against the synth-time snapshot) may add
 * before the widening guard stops it: +50%.
 */
export const DEFAULT_WIDENING_GUARD_PERCENT = 50;

/**
 * How far in the future a syncToken (Unix seconds of publication) may be: one day covers clock skew. A file or a
 * notification beyond it is invalid, and a stored token beyond it is repaired by the next valid file.
 */
export const MAX_FUTURE_SYNC_TOKEN_SECONDS = 24 * 60 * 60;

/**
 * Tag a run puts on each list it writes: `<run id> <expiry, Unix seconds>`. Another run (the CLI or the Lambda)
 * refuses to write while an unexpired marker of a different run is there (the CLI unless `--force`); a run
 * releases its marker by writing expiry 0. Reserved concurrency 1 serialises the Lambda's own runs.
 */
export const RUN_MARKER_TAG = 'cdk-connect-dx:sync-run';

/** How long a run marker holds by default: longer than the Lambda's 5-minute timeout. */
export const DEFAULT_RUN_MARKER_SECONDS = 15 * 60;

/** The EC2 hard limit on entries per managed prefix list. */
export const MAX_ENTRIES_LIMIT = 1000;

/** ModifyManagedPrefixList takes at most 100 additions and 100 removals per call. */
export const BATCH_SIZE = 100;

/**
 * Metric namespace for the EMF metrics the sync publishes: EntriesAdded, EntriesRemoved, one metric per skip reason
 * (SKIP_METRICS), FutureSyncTokenRepaired and FollowLagSeconds.
 */
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
  /** The Amazon Connect Regions whose ranges are selected (the union; one, or a Global Resiliency pair). */
  readonly connectRegions: string[];
  /** selector -> prefix list id. */
  readonly prefixLists: Record<string, string>;
  /** Share (0-100) of a list's entries one sync may remove. */
  readonly shrinkGuardPercent: number;
  /** Where ip-ranges.json is downloaded from: https, or http to a loopback address only. */
  readonly ipRangesUrl: string;
  /** A local copy of ip-ranges.json to use instead of downloading (the CLI's `--ip-ranges FILE`). */
  readonly ipRangesFile?: { readonly name: string; readonly bytes: Buffer };
  /** Share (0 or more) of address space one sync may add to a list. @default DEFAULT_WIDENING_GUARD_PERCENT */
  readonly wideningGuardPercent?: number;
  /**
   * The run marker this run writes; without it no marker is read or written. It expires `seconds` after it is
   * written, or at `until` (Unix seconds: the end of the Lambda invocation) when that is sooner. `takeOver`: a run id
   * prefix whose markers this run replaces (the Lambda's own earlier runs: reserved concurrency 1 means such a run is
   * dead).
   */
  readonly runMarker?: {
    readonly runId: string; readonly seconds: number; readonly force: boolean; readonly until?: number; readonly takeOver?: string;
  };
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
  /** The clock (ms since the epoch). @default Date.now */
  readonly now?: () => number;
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
  /**
   * Stops the run: every EC2 call and the download get it, a pause ends with it, and nothing more is sent once it
   * fired (the handler fires it at its deadline). Only the release of this run's markers still goes out.
   */
  readonly signal?: AbortSignal;
}

/** Why a list was (not) changed. */
export type ListStatus =
  | 'unchanged'
  | 'changed'
  | 'planned'
  | 'stale-file'
  | 'superseded'
  | 'shrink-guard-tripped'
  | 'widening-guard-tripped'
  | 'locked'
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
  readonly connectRegions: string[];
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

/** Statuses that leave a list behind the file, and fail a run (the Lambda invocation, the first fill, CLI exit 3). */
export const BEHIND_STATUSES: ReadonlySet<ListStatus> = new Set<ListStatus>(['shrink-guard-tripped', 'widening-guard-tripped', 'locked', 'failed']);

/**
 * Why a finished (not dry) run did not leave every list on its file, one sentence each naming the list: a list a
 * guard, another run's marker or a failure left behind, and lists that ended on different file versions (another
 * run wrote some of them). Empty when the run's outcome is the truth the caller may report as success. A stale file
 * (the lists hold a newer one) and a superseded notification are not listed: the lists are ahead of that file.
 */
export function runProblems(result: SyncResult): string[] {
  if (result.dryRun) return [];
  const out = result.lists.filter((l) => BEHIND_STATUSES.has(l.status))
    .map((l) => `${l.selector} (${l.prefixListId}) ${l.status}${l.message ? `: ${l.message}` : ''}`);
  const versions = new Map<string, string[]>();
  for (const l of result.lists) {
    const v = l.appliedSyncToken ?? 'none';
    versions.set(v, [...(versions.get(v) ?? []), `${l.selector} (${l.prefixListId})`]);
  }
  if (versions.size > 1) {
    out.push(`the lists ended on different file versions (${[...versions].map(([v, ls]) => `${ls.join(', ')} at syncToken ${v}`).join('; ')}); ` +
      'another run wrote some of them, the next sync brings them together');
  }
  return out;
}

/** Thrown after every list was tried when one or more lists failed; the outcome of each is attached. */
export class SyncFailedError extends Error {
  constructor(message: string, readonly result: SyncResult) {
    super(message);
    this.name = 'SyncFailedError';
  }
}

/** Validates a sync configuration; throws SyncError naming the first bad value. */
export function validateConfig(config: SyncConfig): Selector[] {
  if (!Array.isArray(config.connectRegions) || config.connectRegions.length === 0) {
    throw new SyncError(`connectRegions must name at least one AWS Region code such as us-east-1, got ${JSON.stringify(config.connectRegions)}`, 'Config');
  }
  for (const r of config.connectRegions) {
    if (!REGION_PATTERN.test(r)) throw new SyncError(`connectRegions must be AWS Region codes such as us-east-1, got '${r}'`, 'Config');
  }
  const dup = config.connectRegions.find((r, i) => config.connectRegions.indexOf(r) !== i);
  if (dup !== undefined) throw new SyncError(`connectRegions must name each Region once, got '${dup}' twice`, 'Config');
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
  const widening = config.wideningGuardPercent ?? DEFAULT_WIDENING_GUARD_PERCENT;
  if (!(Number.isFinite(widening) && widening >= 0)) {
    throw new SyncError(`wideningGuardPercent must be a number of 0 or more (share of address space one sync may add), got ${widening}`, 'Config');
  }
  if (config.ipRangesFile === undefined) checkSourceUrl(config.ipRangesUrl);
  return selectors;
}

/** The error code of an SDK or sync error. */
export function errorCode(e: unknown): string {
  const err = e as { name?: string; Code?: string; code?: string };
  return err?.Code ?? err?.code ?? err?.name ?? 'Error';
}

/** The message of any thrown value. */
export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The value of a tag on a list. */
export function tagValue(list: ManagedPrefixList, key: string): string | undefined {
  return list.Tags?.find((t) => t.Key === key)?.Value;
}

/** The address family a list was created for. */
export function familyOf(list: ManagedPrefixList): 4 | 6 | undefined {
  const f = (list.AddressFamily ?? '').toLowerCase();
  return f === 'ipv4' ? 4 : f === 'ipv6' ? 6 : undefined;
}

/** Statuses that leave a list as it was, each with the metric it publishes (an alarm can watch any of them). */
export const SKIP_METRICS: Partial<Record<ListStatus, string>> = {
  'stale-file': 'StaleFile',
  'superseded': 'Superseded',
  'shrink-guard-tripped': 'ShrinkGuardTripped',
  'widening-guard-tripped': 'WideningGuardTripped',
  'locked': 'RunMarkerPresent',
  'failed': 'ListFailed',
};

/**
 * Metric every finished (not dry) run publishes: how many problems runProblems() found (each list left behind, and
 * one for lists on different file versions); 0 when the lists hold the run's outcome. The construct alarms at 1.
 */
export const SYNC_PROBLEMS_METRIC = 'SyncProblems';

/** True for a loopback host: 127.0.0.0/8, ::1, localhost. */
function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** ip-ranges.json comes over https; plain http only from a loopback address (a local mirror in tests). */
export function checkSourceUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SyncError(`ipRangesUrl must be an https:// URL, got '${url}'`, 'Config');
  }
  if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u.hostname))) return;
  throw new SyncError(`ipRangesUrl must be an https:// URL (http:// only for a loopback address), got '${url}'`, 'Config');
}

/** A downloaded file. */
export interface Download {
  readonly bytes: Buffer;
  readonly md5: string;
}

export interface ListState {
  readonly list: ManagedPrefixList;
  readonly entries: string[];
}

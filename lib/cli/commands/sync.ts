/**
 * `cdk-connect-dx sync`: runs the prefix list sync outside Lambda with the same code (lib/handlers/prefix-list-sync/sync.ts),
 * for a manual sync or a `--dry-run` that prints the planned additions and removals per list.
 * Credentials come from the standard AWS chain (environment, profile, SSO, instance role).
 *
 * Output (docs/cli-contract.md): stdout is exactly one JSON document, for a real run and for `--dry-run` (`--json` is
 * accepted as for the other commands): the source, the file version, every list (re-read after the run: real entry
 * counts, MaxEntries and stored syncToken) and the problems. Logs and problems go to stderr.
 * Exit codes: 0 the lists match the file (or, dry, would be brought to it), 1 an error (a list failed, a bad file, no credentials), 2 bad usage, 3 a list stays behind the file (a guard
 * tripped, a stale file, another run's marker, lists left on different file versions).
 *
 * ip-ranges.json comes over https (http only from a loopback address) or from `--ip-ranges FILE`, checked the same
 * way. `--md5 HEX` checks the file against the MD5 an AmazonIpSpaceChanged notification gave (the file is refused when
 * it differs, as the Lambda refuses it). The run marks each list it writes; another run's unexpired marker makes it leave that list alone unless
 * `--force`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { REGION_PATTERN } from '../../ip-ranges/engine';
import {
  DEFAULT_RUN_MARKER_SECONDS,
  DEFAULT_SHRINK_GUARD_PERCENT,
  DEFAULT_WIDENING_GUARD_PERCENT,
  IP_RANGES_URL,
  LogRecord,
  PREFIX_LIST_ID_PATTERN,
  SELECTORS,
  SyncDeps,
  SyncError,
  SyncFailedError,
  SyncResult,
  checkSourceUrl,
  parseSelector,
  runProblems,
  runSync,
  sourceOf,
} from '../../handlers/prefix-list-sync/sync';
import { FlagSpec, UsageError, helpText, parseFlags } from '../args';
import { CONNECT_REGION_FLAGS, connectRegionsFromFlags } from '../connect-region-flags';
import { requireCredentials } from '../aws-errors';
import { CliIo, writeJson } from '../io';
import { SUMMARIES } from '../summaries';

const SUMMARY = SUMMARIES.sync;

const FLAGS: FlagSpec[] = [
  { name: 'region', kind: 'string', value: 'REGION', help: 'the Region of the prefix lists (the EC2 API), and the Amazon Connect Region unless --connect-region names the set, e.g. us-east-1', required: true },
  ...CONNECT_REGION_FLAGS.filter((f) => f.name !== 'replica-alias').map((f) => (f.name === 'connect-region'
    ? { ...f, help: `${f.help}: the lists hold the union of their ranges (default --region)` } : f)),
  {
    name: 'prefix-list',
    kind: 'multi',
    value: 'SELECTOR=pl-ID',
    help: `a list to sync; SELECTOR is one of ${SELECTORS.join(', ')}`,
    required: true,
  },
  { name: 'ip-ranges-url', kind: 'string', value: 'URL', help: `where to download ip-ranges.json: https, or http to a loopback address (default ${IP_RANGES_URL})` },
  { name: 'ip-ranges', kind: 'string', value: 'FILE', help: 'use a saved ip-ranges.json instead of downloading (offline), checked the same way' },
  { name: 'md5', kind: 'string', value: 'HEX', help: 'the MD5 of the AmazonIpSpaceChanged notification (32 hex digits); a file whose MD5 differs is refused' },
  { name: 'widening-guard-percent', kind: 'string', value: 'PERCENT', help: `share of address space one sync may add to a list (default ${DEFAULT_WIDENING_GUARD_PERCENT})` },
  { name: 'force', kind: 'boolean', help: 'write lists even when another run\'s marker is on them (only when that run is known to be gone)' },
  { name: 'endpoint-url', kind: 'string', value: 'URL', help: 'EC2 endpoint override (default: the SDK default for the Region)' },
  { name: 'dry-run', kind: 'boolean', help: 'read the lists and print the planned additions and removals as JSON; change nothing' },
  { name: 'json', kind: 'boolean', help: 'print one JSON document (what sync always prints; accepted as for the other commands)' },
];

/** The exit code of a sync that left a list behind the file (0 matches, 1 error, 2 usage). */
export const EXIT_BEHIND = 3;

/** Statuses that, in a plan or a run, keep a list from matching the file. */
const BEHIND_IN_CLI = new Set<string>(['stale-file', 'superseded', 'shrink-guard-tripped', 'widening-guard-tripped', 'locked']);

/** Why the lists do not match the file, one sentence each naming the list (runProblems plus stale and superseded). */
export function syncProblems(result: SyncResult): string[] {
  const named = new Set(runProblems(result));
  for (const l of result.lists) {
    if (BEHIND_IN_CLI.has(l.status)) named.add(`${l.selector} (${l.prefixListId}) ${l.status}${l.message ? `: ${l.message}` : ''}`);
  }
  return [...named];
}

const MD5_PATTERN = /^[0-9a-fA-F]{32}$/;

function checkUrl(flag: string, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`--${flag} must be an http(s) URL, got '${value}'`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UsageError(`--${flag} must be an http(s) URL, got '${value}'`);
  return value;
}

function readIpRangesFile(file: string): { name: string; bytes: Buffer } {
  try {
    return { name: file, bytes: readFileSync(file) };
  } catch (e) {
    throw new UsageError(`--ip-ranges cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function percentFlag(flag: string, value: string): number {
  if (!/^\d{1,5}(\.\d+)?$/.test(value)) throw new UsageError(`--${flag} must be a number of 0 or more, got '${value}'`);
  return Number(value);
}

/** Parses the repeatable `--prefix-list SELECTOR=pl-ID` values. */
export function parsePrefixListFlags(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`--prefix-list must be SELECTOR=pl-ID with SELECTOR one of ${SELECTORS.join(', ')}, got '${v}'`);
    const selector = v.slice(0, eq);
    const id = v.slice(eq + 1);
    if (!parseSelector(selector)) {
      throw new UsageError(`--prefix-list selector '${selector}' is unknown; allowed: ${SELECTORS.join(', ')}`);
    }
    if (!PREFIX_LIST_ID_PATTERN.test(id)) {
      throw new UsageError(`--prefix-list id for ${selector} must match ${PREFIX_LIST_ID_PATTERN.source} (e.g. pl-0123456789abcdef0), got '${id}'`);
    }
    if (out[selector] !== undefined) throw new UsageError(`--prefix-list ${selector} was given twice ('${out[selector]}' and '${id}'); give each selector once`);
    out[selector] = id;
  }
  return out;
}

/** Collaborators; tests replace them. */
export interface SyncCommandDeps {
  readonly ec2?: (region: string, endpoint: string | undefined) => Promise<EC2Client>;
  /** Timings of the sync (tests shrink the backoff). */
  readonly syncDeps?: Partial<Pick<SyncDeps, 'sleep' | 'backoffBaseMs' | 'pollIntervalMs'>>;
}

/** The EC2 client: the Region of the standard AWS configuration, else the Connect Region. */
async function defaultEc2(region: string, endpoint: string | undefined): Promise<EC2Client> {
  const opts = endpoint ? { endpoint } : {};
  const configured = new EC2Client(opts);
  try {
    await configured.config.region();
    return configured;
  } catch {
    configured.destroy();
    return new EC2Client({ ...opts, region });
  }
}

/**
 * `cdk-connect-dx sync ...`: exit 0 when every list matches the file (or would, dry), 1 for an error (a list failed,
 * a bad file), 2 for bad usage, 3 when a list stays behind the file (EXIT_BEHIND).
 */
export async function syncCommand(argv: string[], io: CliIo, deps: SyncCommandDeps = {}): Promise<number> {
  const flags = parseFlags('sync', argv, FLAGS);
  if (flags.help) {
    io.out(helpText('sync', SUMMARY, FLAGS));
    return 0;
  }
  const region = flags.strings.region;
  if (!REGION_PATTERN.test(region)) throw new UsageError(`--region must be an AWS Region code such as us-east-1, got '${region}'`);
  // the Amazon Connect Regions whose ranges the lists hold (default --region), checked before any AWS call
  // (--region is the lists' Region: it stands for the Connect Region only when the set is not given)
  const connectRegions = connectRegionsFromFlags(flags.strings)?.regions ?? [region];
  const prefixLists = parsePrefixListFlags(flags.multi['prefix-list'] ?? []);
  if (flags.strings['ip-ranges-url'] !== undefined && flags.strings['ip-ranges'] !== undefined) {
    throw new UsageError('--ip-ranges-url and --ip-ranges FILE exclude each other: download, or read a saved file');
  }
  const ipRangesUrl = flags.strings['ip-ranges-url'] !== undefined ? checkUrl('ip-ranges-url', flags.strings['ip-ranges-url']) : IP_RANGES_URL;
  try {
    checkSourceUrl(ipRangesUrl);
  } catch (e) {
    throw new UsageError(`--ip-ranges-url ${(e as SyncError).message.replace(/^ipRangesUrl /, '')}`);
  }
  const ipRangesFile = flags.strings['ip-ranges'] === undefined ? undefined : readIpRangesFile(flags.strings['ip-ranges']);
  const wideningGuardPercent = flags.strings['widening-guard-percent'] === undefined ? DEFAULT_WIDENING_GUARD_PERCENT
    : percentFlag('widening-guard-percent', flags.strings['widening-guard-percent']);
  const md5 = flags.strings.md5;
  if (md5 !== undefined && !MD5_PATTERN.test(md5)) throw new UsageError(`--md5 must be 32 hex digits (the notification's md5), got '${md5}'`);
  const force = flags.booleans.force === true;
  const endpoint = flags.strings['endpoint-url'] !== undefined ? checkUrl('endpoint-url', flags.strings['endpoint-url']) : undefined;
  const dryRun = flags.booleans['dry-run'] === true;

  const ec2 = await (deps.ec2 ?? defaultEc2)(region, endpoint);
  try {
    // no credentials: one line naming the profile and Region, before anything is read or printed
    await requireCredentials(ec2, { region: await ec2.config.region(), endpoint });
  } catch (e) {
    ec2.destroy();
    throw e;
  }
  const log = (r: LogRecord) => io.err(`${JSON.stringify(r)}\n`);
  const config = {
    connectRegions, prefixLists, shrinkGuardPercent: DEFAULT_SHRINK_GUARD_PERCENT, wideningGuardPercent, ipRangesUrl,
    ipRangesFile, dryRun, runMarker: { runId: `cli-${randomUUID()}`, seconds: DEFAULT_RUN_MARKER_SECONDS, force },
  };
  let result: SyncResult;
  let code = 0;
  try {
    result = await runSync(config, { ec2, log, ...deps.syncDeps }, md5 === undefined ? undefined : { md5 });
  } catch (e) {
    if (!(e instanceof SyncFailedError)) throw e;
    result = e.result;
    code = 1;
  } finally {
    ec2.destroy();
  }
  const problems = syncProblems(result);
  writeJson(io, { source: sourceOf(config), ...result, problems });
  for (const p of problems) io.err(`cdk-connect-dx sync: ${p}\n`);
  const locked = result.lists.filter((l) => l.status === 'locked');
  if (locked.length > 0) {
    io.err(`cdk-connect-dx sync: another run is writing ${locked.map((l) => l.prefixListId).join(', ')}; left as is (run again later, or --force when that run is gone)\n`);
  }
  return code !== 0 ? code : problems.length > 0 ? EXIT_BEHIND : 0;
}

export const syncEntry = { summary: SUMMARY, run: (argv: string[], io: CliIo) => syncCommand(argv, io) };

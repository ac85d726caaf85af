/**
 * Lambda handler that keeps the managed prefix lists of ConnectPrefixLists current. Bundled at build time by
 * scripts/bundle.mjs into assets/prefix-list-sync/index.js (with @aws-sdk/client-ec2 inside).
 *
 * Triggers: the AmazonIpSpaceChanged SNS topic, a daily EventBridge schedule, and a CloudFormation custom resource
 * that fills the lists once at deploy. Configuration comes from environment variables set by the construct:
 * CONNECT_REGIONS (comma-separated), PREFIX_LISTS (JSON selector -> prefix list id), SHRINK_GUARD_PERCENT, WIDENING_GUARD_PERCENT,
 * IP_RANGES_URL. Each run marks the lists it writes (RUN_MARKER_TAG) so that the CLI does not write at the same
 * time; reserved concurrency 1 serialises the function's own runs, so a marker of this function's own run id prefix
 * is a dead run's and is taken over, and a marker lasts no longer than the invocation.
 *
 * The outcome is the truth (docs/prefix-list-sync.md): a run that leaves any list behind its file fails (the
 * invocation throws, the first fill answers FAILED) naming the list; a run is stopped before the Lambda deadline
 * (TIME_BUDGET) with every SDK call aborted, so nothing changes after a FAILED answer except the release of markers.
 */
import { randomUUID } from 'node:crypto';
import { EC2Client } from '@aws-sdk/client-ec2';
import { CfnEvent, isCfnEvent, respond } from '../shared/cfn-response';
import {
  DEFAULT_RUN_MARKER_SECONDS,
  DEFAULT_SHRINK_GUARD_PERCENT,
  DEFAULT_WIDENING_GUARD_PERCENT,
  IP_RANGES_URL,
  IpSpaceNotification,
  LogRecord,
  METRIC_NAMESPACE,
  SyncConfig,
  SyncDeps,
  SyncError,
  SyncFailedError,
  SyncResult,
  parseNotification,
  runProblems,
  runSync,
} from './sync';

/** Environment variable names the construct sets. */
export const ENV = {
  connectRegions: 'CONNECT_REGIONS',
  prefixLists: 'PREFIX_LISTS',
  shrinkGuardPercent: 'SHRINK_GUARD_PERCENT',
  wideningGuardPercent: 'WIDENING_GUARD_PERCENT',
  ipRangesUrl: 'IP_RANGES_URL',
  ec2Endpoint: 'EC2_ENDPOINT_URL',
} as const;

/** What the handler knows about its own invocation when it reads the configuration. */
export interface RunIdentity {
  /** The function's name: run ids start `lambda:<name>:`, and a marker with that prefix is taken over. */
  readonly functionName?: string;
  /** Time left in this invocation at its start; the run marker expires then (it never outlives the function). */
  readonly remainingMs?: number;
}

/** Reads the sync configuration from the environment; throws SyncError naming the bad variable. */
export function configFromEnv(env: NodeJS.ProcessEnv, run: RunIdentity = {}): SyncConfig {
  const regionsText = env[ENV.connectRegions];
  if (!regionsText) throw new SyncError(`${ENV.connectRegions} is not set (comma-separated Amazon Connect Regions)`, 'Config');
  const connectRegions = regionsText.split(',').map((r) => r.trim());
  let prefixLists: Record<string, string>;
  try {
    prefixLists = JSON.parse(env[ENV.prefixLists] ?? '') as Record<string, string>;
  } catch {
    throw new SyncError(`${ENV.prefixLists} must be a JSON object of selector -> prefix list id, got '${env[ENV.prefixLists] ?? ''}'`, 'Config');
  }
  const guardText = env[ENV.shrinkGuardPercent];
  const shrinkGuardPercent = guardText === undefined || guardText === '' ? DEFAULT_SHRINK_GUARD_PERCENT : Number(guardText);
  const wideningText = env[ENV.wideningGuardPercent];
  const wideningGuardPercent = wideningText === undefined || wideningText === '' ? DEFAULT_WIDENING_GUARD_PERCENT : Number(wideningText);
  // Reserved concurrency 1: a marker of this function's own run id prefix belongs to a run that is gone (killed at
  // its timeout before releasing it), so the next invocation takes it over instead of skipping the list.
  const own = `lambda:${(run.functionName ?? env.AWS_LAMBDA_FUNCTION_NAME ?? 'prefix-list-sync').slice(0, 64)}:`;
  const seconds = run.remainingMs !== undefined ? Math.max(1, Math.ceil(run.remainingMs / 1000)) : DEFAULT_RUN_MARKER_SECONDS;
  const until = run.remainingMs !== undefined ? { until: Math.ceil((Date.now() + run.remainingMs) / 1000) } : {};
  return {
    connectRegions, prefixLists, shrinkGuardPercent, wideningGuardPercent, ipRangesUrl: env[ENV.ipRangesUrl] || IP_RANGES_URL,
    runMarker: { runId: `${own}${randomUUID()}`, seconds, force: false, ...until, takeOver: own },
  };
}

/**
 * The handler's time budget, read against the invocation's remaining time. A run is stopped (its SDK calls
 * aborted) RELEASE + MARGIN before the Lambda deadline so that it releases its markers and ends by itself; a first
 * fill RESPONSE earlier still, so that the answer to CloudFormation is sent, with its own timeout, before the end.
 */
export const TIME_BUDGET = {
  /** Time for a stopped run to release its markers. */
  releaseMs: 5000,
  /** Longest the response PUT to CloudFormation may take (less when less time is left). */
  responseMs: 10000,
  /** Kept free before the Lambda deadline. */
  marginMs: 2000,
} as const;

/**
 * Writes one structured JSON log line straight to stdout: Lambda's console prefixes each line with time, request id
 * and level, which would make the line no longer a JSON document for log queries and EMF.
 */
export function jsonLog(record: LogRecord): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
}

/** Publishes a metric as a CloudWatch embedded metric format (EMF) log line: no PutMetricData permission needed. */
export function emfMetric(functionName: string): (name: string, value: number, dimensions?: Record<string, string>) => void {
  return (name, value, dimensions = {}) => {
    const dims = { FunctionName: functionName, ...dimensions };
    // Two dimension sets: per function (what the construct's alarm watches) and per function + selector.
    const sets = Object.keys(dims).length > 1 ? [['FunctionName'], Object.keys(dims)] : [['FunctionName']];
    const doc = {
      _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: METRIC_NAMESPACE, Dimensions: sets, Metrics: [{ Name: name, Unit: name.endsWith('Seconds') ? 'Seconds' : 'Count' }] }] },
      ...dims,
      [name]: value,
    };
    process.stdout.write(`${JSON.stringify(doc)}\n`);
  };
}

/** The parts of the Lambda context the handler uses. */
export interface HandlerContext {
  readonly functionName?: string;
  getRemainingTimeInMillis?(): number;
}

interface SnsEvent {
  readonly Records: { readonly Sns?: { readonly Message?: string } }[];
}


function isSnsEvent(e: unknown): e is SnsEvent {
  const x = e as Partial<SnsEvent>;
  return Array.isArray(x?.Records) && x.Records.some((r) => typeof r?.Sns?.Message === 'string');
}

/** Collaborators; tests replace them. */
export interface HandlerDeps {
  readonly ec2?: EC2Client;
  readonly sync?: Partial<SyncDeps>;
}

function makeDeps(context: HandlerContext, deps: HandlerDeps): SyncDeps {
  const endpoint = process.env[ENV.ec2Endpoint];
  return {
    ec2: deps.ec2 ?? new EC2Client({ maxAttempts: 4, ...(endpoint ? { endpoint } : {}) }),
    log: jsonLog,
    metric: emfMetric(context.functionName ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'prefix-list-sync'),
    ...deps.sync,
  };
}

/** The newest notification of the event (SNS delivers one record per invocation; this is defensive). */
function notificationOf(event: SnsEvent): IpSpaceNotification | undefined {
  let best: IpSpaceNotification | undefined;
  for (const r of event.Records) {
    if (typeof r.Sns?.Message !== 'string') continue;
    let n: IpSpaceNotification;
    try {
      n = parseNotification(r.Sns.Message);
    } catch (e) {
      // A malformed message still triggers a full sync: the file itself is validated, only the md5 check is lost.
      jsonLog({ level: 'warn', msg: 'notification ignored, running a full sync', error: (e as Error).message });
      continue;
    }
    if (!best || BigInt(n.syncToken ?? '0') > BigInt(best.syncToken ?? '0')) best = n;
  }
  return best;
}

/** Remaining time of the invocation; 15 minutes (Lambda's maximum) when the context does not say. */
function remainingMs(context: HandlerContext): number {
  return context.getRemainingTimeInMillis?.() ?? 900000;
}

/**
 * Runs one sync that is stopped `reserveMs` before the Lambda deadline: the signal aborts every EC2 call and the
 * download, and the run then only releases its markers. Resolves with the result or rejects with the run's error;
 * never outlives the deadline by more than the release budget.
 */
async function stoppableSync(
  context: HandlerContext, deps: SyncDeps, reserveMs: number, what: string, notification?: IpSpaceNotification,
): Promise<SyncResult> {
  const remaining = remainingMs(context);
  const config = configFromEnv(process.env, { functionName: context.functionName, remainingMs: remaining });
  const giveUpMs = Math.max(1000, remaining - reserveMs);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new SyncError(
    `${what} did not finish within ${Math.round(giveUpMs / 1000)} s (stopped ${Math.round(reserveMs / 1000)} s before the ` +
      'Lambda deadline; no more EC2 calls, its run markers released)', 'Deadline')), giveUpMs);
  const run = runSync(config, { ...deps, signal: controller.signal }, notification);
  try {
    const stoppedEarly = new Promise<'stopped'>((resolve) => controller.signal.addEventListener('abort', () => resolve('stopped')));
    const first = await Promise.race([run.then(() => 'settled' as const, () => 'settled' as const), stoppedEarly]);
    if (first === 'stopped') {
      // Give the run its release budget, then report the stop whatever it is doing.
      let wait: NodeJS.Timeout | undefined;
      const settled = await Promise.race([run.then(() => true, () => true), new Promise<false>((r) => { wait = setTimeout(() => r(false), TIME_BUDGET.releaseMs); })]);
      clearTimeout(wait);
      if (!settled) throw controller.signal.reason as Error;
    }
    const result = await run;
    const problems = runProblems(result);
    if (problems.length > 0) {
      throw new SyncFailedError(`prefix list sync did not bring every list to syncToken ${result.syncToken}: ${problems.join('; ')}`, result);
    }
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Entry point. SNS and scheduled events run a sync and throw when it failed or left a list behind the file (a
 * guard, another run's marker, a failure, lists on different file versions), so Lambda counts an error (the Errors
 * alarm), retries the asynchronous invocation and finally sends it to the dead-letter queue. Custom resource events
 * always answer CloudFormation, FAILED in the same cases.
 */
export async function handler(event: unknown, context: HandlerContext = {}, deps: HandlerDeps = {}): Promise<unknown> {
  if (isCfnEvent(event)) return onCustomResource(event, context, deps);
  const trigger = isSnsEvent(event) ? 'AmazonIpSpaceChanged' : 'schedule';
  const notification = isSnsEvent(event) ? notificationOf(event) : undefined;
  jsonLog({ level: 'info', msg: 'sync started', trigger, notification });
  const syncDeps = makeDeps(context, deps);
  try {
    return briefResult(await stoppableSync(context, syncDeps, TIME_BUDGET.releaseMs + TIME_BUDGET.marginMs, 'sync', notification));
  } finally {
    if (!deps.ec2) syncDeps.ec2.destroy();
  }
}

function briefResult(r: SyncResult): Record<string, unknown> {
  return {
    syncToken: r.syncToken,
    lists: r.lists.map((l) => ({ selector: l.selector, prefixListId: l.prefixListId, status: l.status, added: l.add.length, removed: l.remove.length })),
  };
}

async function onCustomResource(event: CfnEvent, context: HandlerContext, deps: HandlerDeps): Promise<unknown> {
  const physicalId = event.PhysicalResourceId ?? `${event.LogicalResourceId}-prefix-list-fill`;
  // The PUT gets the time left minus the margin (at most its budget), so it ends before the Lambda deadline.
  const responseTimeout = () => Math.min(TIME_BUDGET.responseMs, Math.max(1000, remainingMs(context) - TIME_BUDGET.marginMs));
  if (event.RequestType === 'Delete') {
    // Nothing to undo: the lists are deleted by CloudFormation with the stack.
    await respond(event, 'SUCCESS', physicalId, 'nothing to delete', {}, responseTimeout());
    return { status: 'SUCCESS' };
  }
  const syncDeps = makeDeps(context, deps);
  try {
    jsonLog({ level: 'info', msg: 'sync started', trigger: `CloudFormation ${event.RequestType}` });
    const result = await stoppableSync(context, syncDeps, TIME_BUDGET.releaseMs + TIME_BUDGET.responseMs + TIME_BUDGET.marginMs, 'first fill');
    const data: Record<string, string> = {};
    for (const l of result.lists) data[l.selector] = l.prefixListId;
    await respond(event, 'SUCCESS', physicalId, `lists at syncToken ${result.syncToken}`, data, responseTimeout());
    return { status: 'SUCCESS', ...briefResult(result) };
  } catch (e) {
    const reason = `prefix list first fill failed: ${(e as Error).message}`.slice(0, 3500);
    jsonLog({ level: 'error', msg: 'custom resource failed', error: reason });
    await respond(event, 'FAILED', physicalId, reason, {}, responseTimeout());
    return { status: 'FAILED', reason };
  } finally {
    if (!deps.ec2) syncDeps.ec2.destroy();
  }
}


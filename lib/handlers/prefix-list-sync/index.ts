/**
 * Lambda handler that keeps the managed prefix lists of ConnectPrefixLists current. Bundled at build time by
 * scripts/bundle.mjs into assets/prefix-list-sync/index.js (with @aws-sdk/client-ec2 inside).
 *
 * Triggers: the AmazonIpSpaceChanged SNS topic, a daily EventBridge schedule, and a CloudFormation custom resource
 * that fills the lists once at deploy. Configuration comes from environment variables set by the construct:
 * CONNECT_REGIONS (comma-separated), PREFIX_LISTS (JSON selector -> prefix list id), SHRINK_GUARD_PERCENT, WIDENING_GUARD_PERCENT,
 * IP_RANGES_URL. Each run marks the lists it writes (RUN_MARKER_TAG) so that the CLI does not write at the same
 * time; reserved concurrency 1 serialises the function's own runs.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import { EC2Client } from '@aws-sdk/client-ec2';
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
  SyncResult,
  parseNotification,
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

/** Reads the sync configuration from the environment; throws SyncError naming the bad variable. */
export function configFromEnv(env: NodeJS.ProcessEnv): SyncConfig {
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
  return {
    connectRegions, prefixLists, shrinkGuardPercent, wideningGuardPercent, ipRangesUrl: env[ENV.ipRangesUrl] || IP_RANGES_URL,
    runMarker: { runId: `lambda-${randomUUID()}`, seconds: DEFAULT_RUN_MARKER_SECONDS, force: false },
  };
}

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

interface CfnEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
}

interface SnsEvent {
  readonly Records: { readonly Sns?: { readonly Message?: string } }[];
}

function isCfnEvent(e: unknown): e is CfnEvent {
  const x = e as Partial<CfnEvent>;
  return typeof x?.RequestType === 'string' && typeof x.ResponseURL === 'string';
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

/**
 * Entry point. SNS and scheduled events run a sync and throw on failure, so Lambda retries the asynchronous
 * invocation and finally sends it to the dead-letter queue. Custom resource events always answer CloudFormation.
 */
export async function handler(event: unknown, context: HandlerContext = {}, deps: HandlerDeps = {}): Promise<unknown> {
  if (isCfnEvent(event)) return onCustomResource(event, context, deps);
  const trigger = isSnsEvent(event) ? 'AmazonIpSpaceChanged' : 'schedule';
  const notification = isSnsEvent(event) ? notificationOf(event) : undefined;
  jsonLog({ level: 'info', msg: 'sync started', trigger, notification });
  const syncDeps = makeDeps(context, deps);
  try {
    return briefResult(await runSync(configFromEnv(process.env), syncDeps, notification));
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
  if (event.RequestType === 'Delete') {
    // Nothing to undo: the lists are deleted by CloudFormation with the stack.
    await respond(event, 'SUCCESS', physicalId, 'nothing to delete', {});
    return { status: 'SUCCESS' };
  }
  // Answer before Lambda's own timeout, or CloudFormation would wait an hour for a response.
  const remaining = context.getRemainingTimeInMillis?.() ?? 900000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`first fill did not finish within ${Math.round((remaining - 15000) / 1000)} s`)), Math.max(1000, remaining - 15000));
  });
  const syncDeps = makeDeps(context, deps);
  try {
    jsonLog({ level: 'info', msg: 'sync started', trigger: `CloudFormation ${event.RequestType}` });
    const result = await Promise.race([runSync(configFromEnv(process.env), syncDeps), timeout]);
    const data: Record<string, string> = {};
    for (const l of result.lists) data[l.selector] = l.prefixListId;
    const guarded = result.lists.filter((l) => l.status === 'shrink-guard-tripped' || l.status === 'widening-guard-tripped').map((l) => l.selector);
    const reason = guarded.length > 0 ? `a guard kept ${guarded.join(', ')} as they were (alarm raised)` : `lists at syncToken ${result.syncToken}`;
    await respond(event, 'SUCCESS', physicalId, reason, data);
    return { status: 'SUCCESS', ...briefResult(result) };
  } catch (e) {
    const reason = `prefix list first fill failed: ${(e as Error).message}`.slice(0, 3500);
    jsonLog({ level: 'error', msg: 'custom resource failed', error: reason });
    await respond(event, 'FAILED', physicalId, reason, {});
    return { status: 'FAILED', reason };
  } finally {
    clearTimeout(timer);
    if (!deps.ec2) syncDeps.ec2.destroy();
  }
}

/** PUTs the custom resource response to the pre-signed URL CloudFormation gave. */
export function respond(event: CfnEvent, status: 'SUCCESS' | 'FAILED', physicalId: string, reason: string, data: Record<string, string>): Promise<void> {
  const body = JSON.stringify({
    Status: status,
    Reason: reason,
    PhysicalResourceId: physicalId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: data,
  });
  const url = new URL(event.ResponseURL);
  const lib = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) }, timeout: 30000 },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode && res.statusCode < 300 ? resolve() : reject(new Error(`response PUT returned HTTP ${res.statusCode}`))));
      },
    );
    req.on('timeout', () => req.destroy(new Error('response PUT timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

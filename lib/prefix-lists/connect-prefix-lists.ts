import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  AspectPriority,
  Aspects,
  CustomResource,
  Duration,
  IAspect,
  Lazy,
  Stack,
  Tokenization,
  Validations,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cwActions,
  aws_ec2 as ec2,
  aws_events as events,
  aws_events_targets as targets,
  aws_iam as iam,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_logs as logs,
  aws_sns as sns,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { AllowListMode } from '../connect-endpoints/endpoint-types';
import { IP_RANGES_URL, REGION_PATTERN } from '../ip-ranges/engine';
import { IpFamily, IpRangesService } from '../ip-ranges/ip-ranges';
import { checkInteger, fail, isToken, show, warn } from '../private/errors';
import { acknowledgeDeadLetterQueue, acknowledgeLambdaOutsideVpc } from '../private/acknowledge';
import { createManagedKey } from '../private/kms';
import { SIZING, SIZING_COLUMNS, SIZING_SOURCE } from './sizing';
import { MAX_ENTRIES_LIMIT, sizeFor } from './size';

/** The AWS-owned topic that announces every change of ip-ranges.json (it exists in us-east-1 only). */
const AMAZON_IP_SPACE_CHANGED_TOPIC_ARN = 'arn:aws:sns:us-east-1:806199016981:AmazonIpSpaceChanged';

/** Namespace of the metrics the sync function publishes (embedded metric format). */
const METRIC_NAMESPACE = 'CdkConnectDx/PrefixListSync';

/** A MaxEntries override for one of the lists. */
export interface PrefixListMaxEntries {
  /** The ip-ranges.json service of the list. */
  readonly service: IpRangesService;
  /** The address family of the list. */
  readonly family: IpFamily;
  /**
   * MaxEntries of the list at creation: 1 to 1000, and at least the number of prefixes published today for the
   * service, family and Region. The sync function grows it at run time when more are published.
   */
  readonly maxEntries: number;
}

/** One managed prefix list of {@link ConnectPrefixLists}. */
export interface PrefixListInfo {
  /** `<service>-<family>`, e.g. `AMAZON_CONNECT-ipv4`: the name the sync function and the CLI use. */
  readonly selector: string;
  /** The ip-ranges.json service whose prefixes the list holds. */
  readonly service: IpRangesService;
  /** The address family of the list. */
  readonly family: IpFamily;
  /**
   * The list. Its id resolves through the first-fill custom resource, so anything that references it is
   * deployed after the list has been filled.
   */
  readonly prefixList: ec2.IPrefixList;
  /** MaxEntries the list is created with (a number, or a token when `maxEntries` was given as one). */
  readonly maxEntries: number;
  /** Prefixes published for this list at the syncToken of the embedded sizing table (-1 when not known). */
  readonly currentEntries: number;
}

/** Properties of {@link ConnectPrefixLists}. */
export interface ConnectPrefixListsProps {
  /**
   * The Region of the Amazon Connect instance: the ranges of this Region (and GLOBAL, per AWS's rules) are
   * selected. The lists themselves are created in the stack's Region. Must be a concrete Region code.
   *
   * @default - the stack's Region (the stack must then have a concrete `env.region`)
   */
  readonly region?: string;

  /**
   * The allow-list mode: `DOMAINS` needs only the AMAZON_CONNECT lists (media, UDP 3478); `IP_RANGES` adds the
   * EC2 and CLOUDFRONT lists (TCP 443). Give `mode` or `services`, not both.
   *
   * @default - AMAZON_CONNECT only (as for AllowListMode.DOMAINS)
   */
  readonly mode?: AllowListMode;

  /**
   * The ip-ranges.json services to keep lists for, when you want another set than `mode` gives.
   *
   * @default - AMAZON_CONNECT only
   */
  readonly services?: IpRangesService[];

  /**
   * Create IPv6 lists as well as IPv4 lists.
   *
   * @default true
   */
  readonly ipv6?: boolean;

  /**
   * Headroom over today's count when sizing MaxEntries, in percent (0-500, a concrete number). MaxEntries is
   * `max(count + 5, count * (1 + headroom/100))` rounded up to a multiple of 5, at most 1000.
   * Each reference from a security group or route table counts MaxEntries against that resource's quota.
   *
   * @default 25
   */
  readonly headroomPercent?: number;

  /**
   * MaxEntries for particular lists, overriding the sizing from the embedded table.
   *
   * @default - sized from the embedded table with `headroomPercent`
   */
  readonly maxEntries?: PrefixListMaxEntries[];

  /**
   * A sync that would remove more than this share (0-100) of a list's entries stops, keeps the list as it is and
   * raises the shrink-guard alarm. Raise it for one deployment when a large removal is intended.
   *
   * @default 20
   */
  readonly shrinkGuardPercent?: number;

  /**
   * When the sync function runs as a fallback to the AmazonIpSpaceChanged notifications.
   *
   * @default Schedule.rate(Duration.days(1))
   */
  readonly schedule?: events.Schedule;

  /**
   * A topic that receives the alarms (errors, dead-letter queue depth, shrink guard tripped).
   *
   * @default - no action; the alarms exist regardless
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * Subscribe the sync function to the AmazonIpSpaceChanged topic (us-east-1). Turn off only where the
   * topic cannot be reached (other partitions); the schedule then keeps the lists current.
   *
   * @default true
   */
  readonly subscribeToIpSpaceChanged?: boolean;

  /**
   * How long the sync function's logs are kept.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The KMS key that encrypts the sync function's log group.
   *
   * @default - a new key with rotation enabled
   */
  readonly logEncryptionKey?: kms.IKey;
}

interface ListSpec {
  readonly service: IpRangesService;
  readonly family: IpFamily;
  readonly selector: string;
  readonly current: number;
  readonly maxEntries: number;
}

/**
 * Creates the EC2 managed prefix lists an Amazon Connect allow list needs (AMAZON_CONNECT, and for the IP-range
 * option EC2 and CLOUDFRONT; IPv4 and IPv6), and a Lambda function that keeps their entries equal to AWS's
 * ip-ranges.json: on every AmazonIpSpaceChanged notification, daily as a fallback, and once at deploy.
 *
 * CloudFormation creates the lists without entries; the entries belong to the sync function, so a stack update
 * does not undo a sync. CloudFormation never updates a list in place (its update handler would reconcile the
 * entries with the template's none): a change to a list's MaxEntries or tags, or to the stack's tags, gives the list
 * a new logical id, so it is replaced, filled by the first fill, and only then swapped in for the old one. Tags
 * given only at deploy time (`cdk deploy --tags`) cannot be seen at synth and still update the lists in place.
 *
 * ```ts
 * const lists = new ConnectPrefixLists(this, 'PrefixLists', {
 *   region: 'eu-west-2',
 *   mode: AllowListMode.IP_RANGES,
 * });
 * const media = lists.prefixList(IpRangesService.AMAZON_CONNECT, IpFamily.IPV4);
 * ```
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-ranges.html
 */
export class ConnectPrefixLists extends Construct {
  /**
   * The AWS-owned SNS topic that announces every change of ip-ranges.json (us-east-1 only).
   *
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/subscribe-notifications.html
   */
  public static readonly AMAZON_IP_SPACE_CHANGED_TOPIC_ARN = AMAZON_IP_SPACE_CHANGED_TOPIC_ARN;

  /** Every list with its selector, for stack outputs and for the CLI's `--prefix-list SELECTOR=ID`. */
  public readonly entries: PrefixListInfo[];

  /** The AMAZON_CONNECT lists (IPv4, then IPv6 when enabled). */
  public readonly amazonConnectPrefixLists: ec2.IPrefixList[];

  /** The EC2 lists (empty unless the mode is IP_RANGES or EC2 is in `services`). */
  public readonly ec2PrefixLists: ec2.IPrefixList[];

  /** The CLOUDFRONT lists (empty unless the mode is IP_RANGES or CLOUDFRONT is in `services`). */
  public readonly cloudFrontPrefixLists: ec2.IPrefixList[];

  /** The function that syncs the lists. */
  public readonly syncFunction: lambda.IFunction;

  /** Where failed asynchronous invocations of the sync function end up. */
  public readonly deadLetterQueue: sqs.IQueue;

  /** Alarm: the sync function reported errors. */
  public readonly errorsAlarm: cloudwatch.IAlarm;

  /** Alarm: a failed invocation reached the dead-letter queue. */
  public readonly deadLetterAlarm: cloudwatch.IAlarm;

  /** Alarm: a sync wanted to remove more than the shrink guard allows and kept a list as it was. */
  public readonly shrinkGuardAlarm: cloudwatch.IAlarm;

  /** The Amazon Connect instance Region the ranges are selected for. */
  public readonly connectRegion: string;

  constructor(scope: Construct, id: string, props: ConnectPrefixListsProps = {}) {
    super(scope, id);
    const region = props.region ?? Stack.of(this).region;
    checkRegion(region, props.region === undefined);
    this.connectRegion = region;
    const services = resolveServices(props.mode, props.services);
    const families = props.ipv6 === false ? [IpFamily.IPV4] : [IpFamily.IPV4, IpFamily.IPV6];
    const headroom = props.headroomPercent ?? 25;
    checkHeadroom(headroom);
    const shrinkGuard = props.shrinkGuardPercent ?? 20;
    checkShrinkGuard(shrinkGuard);

    const specs: ListSpec[] = [];
    for (const service of services) {
      for (const family of families) {
        const selector = `${service.name}-${family}`;
        const current = currentCount(this, region, selector);
        specs.push({ service, family, selector, current, maxEntries: sizeFor(current, headroom) });
      }
    }
    applyOverrides(specs, props.maxEntries ?? []);

    // The lists. No Entries in CloudFormation: the sync function owns them (see README, "What CloudFormation does").
    const lists = specs.map((s) => {
      const list = new ec2.PrefixList(this, s.selector, {
        addressFamily: s.family === IpFamily.IPV4 ? ec2.AddressFamily.IP_V4 : ec2.AddressFamily.IP_V6,
        maxEntries: s.maxEntries,
      });
      // The L2 writes `Entries: []`; leave the property out so the template claims no entries at all.
      (list.node.defaultChild as ec2.CfnPrefixList).addPropertyDeletionOverride('Entries');
      return list;
    });
    // Never update a list in place: a changed list gets a new logical id, so CloudFormation replaces it (see
    // ReplaceListsInsteadOfUpdating). Runs after the tag aspects, so it sees the tags as rendered.
    Aspects.of(this).add(new ReplaceListsInsteadOfUpdating(lists.map((l) => l.node.defaultChild as ec2.CfnPrefixList)),
      { priority: AspectPriority.READONLY });
    const listMap: Record<string, string> = {};
    specs.forEach((s, i) => (listMap[s.selector] = lists[i].prefixListId));

    // Logs: retention, KMS.
    const key = props.logEncryptionKey ?? createManagedKey(this, 'LogKey', {
      description: 'Encrypts the logs of the cdk-connect-dx prefix list sync function',
      cloudWatchLogs: true,
    });
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      encryptionKey: key,
    });

    const dlq = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // A dead-letter queue itself: Lambda sends to it directly; no SQS queue may redrive into it.
      redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.DENY_ALL },
    });
    this.deadLetterQueue = dlq;
    acknowledgeDeadLetterQueue(dlq, 'the prefix list sync function');

    // Least privilege: one customer managed policy (no inline policy, no AWS managed policy).
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'cdk-connect-dx prefix list sync: modifies only the prefix lists of this construct',
    });
    const listArns = lists.map((l) => l.prefixListArn);
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'DescribeAllowsOnlyStar',
          actions: ['ec2:DescribeManagedPrefixLists'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'OwnedListsOnly',
          actions: ['ec2:GetManagedPrefixListEntries', 'ec2:ModifyManagedPrefixList'],
          resources: listArns,
        }),
        new iam.PolicyStatement({
          sid: 'SyncTokenTagOnOwnedLists',
          actions: ['ec2:CreateTags'],
          resources: listArns,
          conditions: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['cdk-connect-dx:sync-token'] } },
        }),
        new iam.PolicyStatement({
          sid: 'OwnLogGroup',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [logGroup.logGroupArn],
        }),
        new iam.PolicyStatement({ sid: 'DeadLetterQueue', actions: ['sqs:SendMessage'], resources: [dlq.queueArn] }),
      ],
    });
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only ec2:DescribeManagedPrefixLists is on "*": EC2 Describe* actions support no resource-level permissions ' +
        '(Service Authorization Reference, Amazon EC2). Get/Modify/CreateTags are limited to the ARNs of the lists this ' +
        'construct creates, logs to its own log group ARN (CloudWatch appends ":*" to log group ARNs for its streams).',
    });

    const assetDir = path.join(__dirname, '..', '..', 'assets', 'prefix-list-sync');
    const fn = new lambda.Function(this, 'Function', {
      description: 'cdk-connect-dx: keeps the managed prefix lists equal to ip-ranges.json',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(assetDir),
      role: role.withoutPolicyUpdates(),
      memorySize: 512,
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: 1,
      deadLetterQueue: dlq,
      retryAttempts: 2,
      logGroup,
      loggingFormat: lambda.LoggingFormat.TEXT,
      environment: {
        CONNECT_REGION: region,
        PREFIX_LISTS: Stack.of(this).toJsonString(listMap),
        SHRINK_GUARD_PERCENT: Tokenization.stringifyNumber(shrinkGuard),
        IP_RANGES_URL,
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    this.syncFunction = fn;
    acknowledgeLambdaOutsideVpc(fn, 'the public EC2 API and ip-ranges.amazonaws.com');

    // Triggers: AmazonIpSpaceChanged (us-east-1), the daily fallback, the first fill at deploy.
    if (props.subscribeToIpSpaceChanged !== false) {
      fn.addPermission('AmazonIpSpaceChanged', {
        principal: new iam.ServicePrincipal('sns.amazonaws.com'),
        sourceArn: AMAZON_IP_SPACE_CHANGED_TOPIC_ARN,
      });
      new sns.Subscription(this, 'IpSpaceChanged', {
        topic: sns.Topic.fromTopicArn(this, 'AmazonIpSpaceChangedTopic', AMAZON_IP_SPACE_CHANGED_TOPIC_ARN),
        protocol: sns.SubscriptionProtocol.LAMBDA,
        endpoint: fn.functionArn,
        region: 'us-east-1',
      });
    }
    new events.Rule(this, 'Schedule', {
      description: 'Daily fallback sync of the cdk-connect-dx prefix lists',
      schedule: props.schedule ?? events.Schedule.rate(Duration.days(1)),
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 2 })],
    });
    const fill = new CustomResource(this, 'FirstFill', {
      serviceToken: fn.functionArn,
      resourceType: 'Custom::ConnectPrefixListFill',
      properties: {
        PrefixLists: listMap,
        ConnectRegion: region,
        // Every property of every list, tags included (resolved after aspects such as Tags.of() ran). A changed
        // list is replaced (new id in PrefixLists); should CloudFormation still update one in place (deploy-time
        // tags) and reset its entries to the template's (none), this resource changes too when the change is in
        // the template, and the same deployment fills the list again right after.
        ListProperties: lists.map((l) => {
          const cfn = l.node.defaultChild as ec2.CfnPrefixList;
          return {
            Name: cfn.prefixListName,
            AddressFamily: cfn.addressFamily,
            MaxEntries: cfn.maxEntries,
            Tags: Lazy.any({ produce: () => cfn.tags.renderTags() ?? [] }),
          };
        }),
        HandlerHash: handlerHash(assetDir),
      },
    });
    // The first fill runs only once the function may modify the lists.
    fill.node.addDependency(policy);

    this.entries = specs.map((s) => ({
      selector: s.selector,
      service: s.service,
      family: s.family,
      prefixList: ec2.PrefixList.fromPrefixListId(this, `${s.selector}Filled`, fill.getAttString(s.selector)),
      maxEntries: s.maxEntries,
      currentEntries: s.current,
    }));
    const of = (svc: IpRangesService) => this.entries.filter((e) => e.service === svc).map((e) => e.prefixList);
    this.amazonConnectPrefixLists = of(IpRangesService.AMAZON_CONNECT);
    this.ec2PrefixLists = of(IpRangesService.EC2);
    this.cloudFrontPrefixLists = of(IpRangesService.CLOUDFRONT);

    // Alarms: each fires when its metric reaches 1 in a 5-minute period; no data means nothing happened.
    const alarmAtOne = (id: string, alarmDescription: string, metric: cloudwatch.IMetric) => new cloudwatch.Alarm(this, id, {
      alarmDescription,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.errorsAlarm = alarmAtOne('ErrorsAlarm',
      'cdk-connect-dx prefix list sync failed; the lists keep their last good entries. See the function logs.',
      fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }));
    this.deadLetterAlarm = alarmAtOne('DeadLetterAlarm',
      'A prefix list sync failed after all retries and is in the dead-letter queue.',
      dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }));
    this.shrinkGuardAlarm = alarmAtOne('ShrinkGuardAlarm',
      'A prefix list sync would have removed more entries than the shrink guard allows; the list was kept as it was. ' +
        'Check ip-ranges.json and the function logs; raise shrinkGuardPercent for one deployment if intended.',
      new cloudwatch.Metric({
        namespace: METRIC_NAMESPACE,
        metricName: 'ShrinkGuardTripped',
        dimensionsMap: { FunctionName: fn.functionName },
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }));
    const alarms = [this.errorsAlarm, this.deadLetterAlarm, this.shrinkGuardAlarm] as cloudwatch.Alarm[];
    if (props.alarmTopic) {
      const action = new cwActions.SnsAction(props.alarmTopic);
      for (const a of alarms) a.addAlarmAction(action);
    } else {
      for (const a of alarms) {
        for (const rule of ['NIST.800.53.R5-CloudWatchAlarmAction', 'HIPAA.Security-CloudWatchAlarmAction', 'cdk-validator-cfnguard::cloudwatch_alarm_action_check']) {
          Validations.of(a).acknowledge({
            id: rule,
            reason: 'No alarmTopic was given: the alarm is created for dashboards and for actions the operator adds; pass alarmTopic to notify.',
          });
        }
      }
    }
  }

  /**
   * The list for a service and family, or undefined when this construct does not create it.
   *
   * @param service the ip-ranges.json service
   * @param family the address family
   */
  public prefixList(service: IpRangesService, family: IpFamily): ec2.IPrefixList | undefined {
    return this.entries.find((e) => e.service === service && e.family === family)?.prefixList;
  }

  /** The selectors of the lists this construct creates, e.g. `AMAZON_CONNECT-ipv4`. */
  public selectors(): string[] {
    return this.entries.map((e) => e.selector);
  }
}

/**
 * Gives each prefix list a logical id that ends in a hash of every property CloudFormation could update in place
 * (address family, MaxEntries, name, the list's tags as rendered and the stack's tags, which CloudFormation
 * propagates to the list). A change to any of them therefore replaces the list instead of updating it:
 *
 * - An in-place update runs the AWS::EC2::PrefixList update handler, which reconciles the live entries with the
 *   template's `Entries` (here none, since the sync function owns them) and sends a MaxEntries change together with
 *   entry changes, which the EC2 API refuses (`InvalidParameterCombination`). A referenced list could be left
 *   empty until the first fill ran again, or the update, and its rollback, could fail.
 * - A replacement creates the new list, the first fill (whose properties name the new id) fills it, the resources
 *   that reference the lists move to it (they read the ids from the first fill), and only in the cleanup phase is
 *   the old list, never modified and no longer referenced, deleted. A rollback returns to the untouched old list.
 */
class ReplaceListsInsteadOfUpdating implements IAspect {
  constructor(private readonly lists: ec2.CfnPrefixList[]) {}

  public visit(node: IConstruct): void {
    const cfn = this.lists.find((l) => l === node);
    if (!cfn) return;
    const stack = Stack.of(cfn);
    const identity = stack.resolve({
      addressFamily: cfn.addressFamily,
      maxEntries: cfn.maxEntries,
      name: cfn.prefixListName ?? null,
      tags: cfn.tags.renderTags() ?? [],
      stackTags: stack.tags.renderTags() ?? [],
    });
    const hash = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 8).toUpperCase();
    cfn.overrideLogicalId(`${stack.getLogicalId(cfn)}${hash}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Validation: one function per rule.

function checkRegion(region: string, fromStack: boolean): void {
  if (isToken(region)) {
    fail(
      'region',
      fromStack
        ? 'must be a concrete Region code to select and size the prefix lists; the stack is environment-agnostic, so set `region` or the stack\'s env.region'
        : `must be a concrete Region code such as 'us-east-1' (it selects the ranges and sizes the lists at synth), got a token`,
    );
  }
  if (!REGION_PATTERN.test(region)) fail('region', `must be an AWS Region code such as 'us-east-1', got ${show(region)}`);
}

function resolveServices(mode: AllowListMode | undefined, services: IpRangesService[] | undefined): IpRangesService[] {
  if (mode !== undefined && services !== undefined) {
    fail('services', `and mode are alternatives; give one of them, got mode ${mode.name} and services ${services.map((s) => s.name).join(', ')}`);
  }
  if (services !== undefined) {
    if (services.length === 0) fail('services', 'must name at least one of AMAZON_CONNECT, EC2, CLOUDFRONT, got []');
    const names = services.map((s) => s.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) fail('services', `must not repeat a service, got ${dup} twice`);
    return services;
  }
  if (mode !== undefined && mode.name === AllowListMode.IP_RANGES.name) {
    return [IpRangesService.AMAZON_CONNECT, IpRangesService.EC2, IpRangesService.CLOUDFRONT];
  }
  return [IpRangesService.AMAZON_CONNECT];
}

function checkHeadroom(value: number): void {
  if (isToken(value)) fail('headroomPercent', 'must be a concrete number: MaxEntries is computed from it at synth, got a token');
  checkInteger('headroomPercent', value, 0, 500);
}

function checkShrinkGuard(value: number): void {
  if (isToken(value)) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    fail('shrinkGuardPercent', `must be a number from 0 to 100 (share of a list's entries one sync may remove), got ${show(value)}`);
  }
}

function currentCount(scope: Construct, region: string, selector: string): number {
  const column = (SIZING_COLUMNS as readonly string[]).indexOf(selector);
  const row = SIZING[region];
  if (row) return row[column];
  const max = Math.max(...Object.values(SIZING).map((r) => r[column]));
  warn(
    scope,
    'prefixListSizingUnknownRegion',
    `region '${region}' is not in the sizing table (ip-ranges.json syncToken ${SIZING_SOURCE.syncToken}); ${selector} is sized ` +
      `for the largest Region (${max} entries). The sync function grows the list if it needs more.`,
  );
  return max;
}

function applyOverrides(specs: ListSpec[], overrides: PrefixListMaxEntries[]): void {
  const seen = new Set<string>();
  for (const o of overrides) {
    const selector = `${o.service.name}-${o.family}`;
    const i = specs.findIndex((s) => s.selector === selector);
    if (i < 0) fail('maxEntries', `names ${selector}, which this construct does not create; it creates ${specs.map((s) => s.selector).join(', ')}`);
    if (seen.has(selector)) fail('maxEntries', `names ${selector} twice; give one value per list`);
    seen.add(selector);
    checkMaxEntries(selector, o.maxEntries, specs[i].current);
    (specs as { maxEntries: number }[])[i] = { ...specs[i], maxEntries: o.maxEntries };
  }
}

function checkMaxEntries(selector: string, value: number, current: number): void {
  if (isToken(value)) return;
  checkInteger(`maxEntries for ${selector}`, value, 1, MAX_ENTRIES_LIMIT, ' (EC2 limit per managed prefix list)');
  if (value < current) {
    fail(
      `maxEntries for ${selector}`,
      `(${value}) is smaller than the ${current} prefixes currently published (ip-ranges.json syncToken ${SIZING_SOURCE.syncToken}); ` +
        `give at least ${current}`,
    );
  }
}

function handlerHash(assetDir: string): string {
  const file = path.join(assetDir, 'index.js');
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16) : 'unbundled';
}

/**
 * {@link ConnectPrefixLists}: the construct and its props. It puts together the parts, each in its own file:
 * which lists and how big (`list-specs.ts`), the lists (`lists.ts`), the sync function and its triggers
 * (`sync-function.ts`), the first fill (`first-fill.ts`) and the alarms (`alarms.ts`). Every construct is created
 * directly in this construct's scope with the ids it always had: construct ids are API (logical ids).
 */
import {
  Stack,
  aws_cloudwatch as cloudwatch,
  aws_ec2 as ec2,
  aws_events as events,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_logs as logs,
  aws_sns as sns,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AllowListMode } from '../connect-endpoints/endpoint-types';
import { IpFamily, IpRangesService } from '../ip-ranges/ip-ranges';
import { createSyncAlarms } from './alarms';
import { createFirstFill } from './first-fill';
import { PrefixListMaxEntries, planLists } from './list-specs';
import { createPrefixLists } from './lists';
import { AMAZON_IP_SPACE_CHANGED_TOPIC_ARN, createSyncFunction } from './sync-function';
import { checkProps } from '../private/prop-types';
import { enterConstruct, leaveConstruct } from '../private/errors';

export type { PrefixListMaxEntries } from './list-specs';

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
   * The Amazon Connect Regions the agents use (the instance's, and with Global Resiliency its pair's other Region):
   * each list holds the union of the ranges of these Regions (and GLOBAL, per AWS's rules), sized for the union. The
   * lists themselves are created in the stack's Region. Concrete Region codes, each once.
   *
   * @default - the stack's Region (the stack must then have a concrete `env.region`)
   */
  readonly regions?: string[];

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
   * A sync (or the first fill, measured against the synth-time snapshot of AMAZON_CONNECT) that would grow a list's
   * address space by more than this share stops, keeps the list as it is and raises the widening-guard alarm. A
   * prefix shorter than the service has ever published is refused whatever this is. The CLI's
   * `--widening-guard-percent` is the same limit for a manual sync.
   *
   * @default 50
   */
  readonly wideningGuardPercent?: number;

  /**
   * When the sync function runs as a fallback to the AmazonIpSpaceChanged notifications.
   *
   * @default Schedule.rate(Duration.days(1))
   */
  readonly schedule?: events.Schedule;

  /**
   * A topic that receives the alarms (errors, dead-letter queue depth, shrink and widening guard tripped, sync
   * problems, follow lag).
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
 *   regions: ['us-east-1', 'us-west-2'], // a Global Resiliency pair
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

  /** Alarm: a sync wanted to add more address space than the widening guard allows and kept a list as it was. */
  public readonly wideningGuardAlarm: cloudwatch.IAlarm;

  /**
   * Alarm: a list has not followed a newer ip-ranges.json for 3 days (AWS starts using new ranges 30 days after
   * publishing them), whatever the reason: a guard, another run's marker, a failure, a stale stored token.
   */
  public readonly followLagAlarm: cloudwatch.IAlarm;

  /**
   * Alarm: a sync run (a trigger or the first fill at deploy) left a list behind ip-ranges.json: a guard, another
   * run's marker, a failure, or lists on different file versions (metric `SyncProblems`).
   */
  public readonly syncProblemsAlarm: cloudwatch.IAlarm;

  /** The Amazon Connect Regions the ranges are selected for. */
  public readonly connectRegions: string[];

  constructor(scope: Construct, id: string, props: ConnectPrefixListsProps = {}) {
    super(scope, id);
    enterConstruct(this);
    checkProps('ConnectPrefixListsProps', props);
    const { regions, specs, shrinkGuard, wideningGuard } = planLists(this, Stack.of(this).region, props);
    this.connectRegions = regions;

    const lists = createPrefixLists(this, specs);
    const listMap: Record<string, string> = {};
    specs.forEach((s, i) => (listMap[s.selector] = lists[i].prefixListId));

    const sync = createSyncFunction(this, {
      lists, listMap, regions, shrinkGuard, wideningGuard,
      logRetention: props.logRetention,
      logEncryptionKey: props.logEncryptionKey,
      subscribeToIpSpaceChanged: props.subscribeToIpSpaceChanged,
      schedule: props.schedule,
    });
    this.syncFunction = sync.fn;
    this.deadLetterQueue = sync.dlq;
    const fill = createFirstFill(this, { fn: sync.fn, policy: sync.policy, lists, listMap, regions, assetDir: sync.assetDir });

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

    const alarms = createSyncAlarms(this, sync.fn, sync.dlq, props.alarmTopic);
    this.errorsAlarm = alarms.errorsAlarm;
    this.deadLetterAlarm = alarms.deadLetterAlarm;
    this.shrinkGuardAlarm = alarms.shrinkGuardAlarm;
    this.wideningGuardAlarm = alarms.wideningGuardAlarm;
    this.followLagAlarm = alarms.followLagAlarm;
    this.syncProblemsAlarm = alarms.syncProblemsAlarm;
    leaveConstruct(this);
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

/**
 * The sync function and what it needs and what starts it: its log group (KMS-encrypted), dead-letter queue, role
 * with one least-privilege managed policy, the function itself, and its triggers (AmazonIpSpaceChanged, daily
 * schedule). The first fill at deploy is in `first-fill.ts`.
 */
import * as path from 'node:path';
import {
  Duration,
  Stack,
  Tokenization,
  Validations,
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
import { Construct } from 'constructs';
import { IP_RANGES_URL } from '../ip-ranges/engine';
import { acknowledgeDeadLetterQueue, acknowledgeLambdaOutsideVpc } from '../private/acknowledge';
import { createManagedKey, encryptedLogGroup } from '../private/kms';
import { dropRedundantRoleDependency } from '../private/function-role';

/** The AWS-owned topic that announces every change of ip-ranges.json (it exists in us-east-1 only). */
export const AMAZON_IP_SPACE_CHANGED_TOPIC_ARN = 'arn:aws:sns:us-east-1:806199016981:AmazonIpSpaceChanged';

/** What the sync function is built from. */
export interface SyncFunctionInput {
  readonly lists: ec2.PrefixList[];
  /** selector -> list id, the function's PREFIX_LISTS. */
  readonly listMap: Record<string, string>;
  /** The Amazon Connect Regions, the function's CONNECT_REGIONS (comma-separated). */
  readonly regions: string[];
  readonly shrinkGuard: number;
  readonly wideningGuard: number;
  readonly logRetention?: logs.RetentionDays;
  readonly logEncryptionKey?: kms.IKey;
  readonly subscribeToIpSpaceChanged?: boolean;
  readonly schedule?: events.Schedule;
}

/** The function, its dead-letter queue, the policy it needs before it may run, and where its code is. */
export interface SyncFunction {
  readonly fn: lambda.Function;
  readonly dlq: sqs.Queue;
  readonly policy: iam.ManagedPolicy;
  readonly assetDir: string;
}

/** Creates the function and its triggers in `scope` (construct ids as before the split: they are API). */
export function createSyncFunction(scope: Construct, props: SyncFunctionInput): SyncFunction {
  // Logs: retention, KMS.
  const key = props.logEncryptionKey ?? createManagedKey(scope, 'LogKey', {
    description: 'Encrypts the logs of the cdk-connect-dx prefix list sync function',
    cloudWatchLogs: true,
  });
  const logGroup = encryptedLogGroup(scope, 'Logs', {
    retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
    encryptionKey: key,
  });

  const dlq = new sqs.Queue(scope, 'DeadLetterQueue', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    // A dead-letter queue itself: Lambda sends to it directly; no SQS queue may redrive into it.
    redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.DENY_ALL },
  });
  acknowledgeDeadLetterQueue(dlq, 'the prefix list sync function');

  // Least privilege: one customer managed policy (no inline policy, no AWS managed policy).
  // No aws:SourceAccount/aws:SourceArn on this trust: AWS documents the Lambda execution-role trust policy without
  // them (https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html), and the confused deputy
  // they guard against needs a role handed to the service from another account; an execution role can only be
  // attached by a principal of this account holding iam:PassRole on it (roles are never passed across accounts).
  // A condition Lambda does not send would leave a function that cannot start.
  const role = new iam.Role(scope, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'cdk-connect-dx prefix list sync: modifies only the prefix lists of this construct',
  });
  const listArns = props.lists.map((l) => l.prefixListArn);
  const policy = new iam.ManagedPolicy(scope, 'Policy', {
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
        sid: 'SyncTagsOnOwnedLists',
        actions: ['ec2:CreateTags'],
        resources: listArns,
        // The applied syncToken and the run marker (lib/handlers/prefix-list-sync/types.ts), nothing else.
        conditions: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['cdk-connect-dx:sync-token', 'cdk-connect-dx:sync-run'] } },
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
  const fn = new lambda.Function(scope, 'Function', {
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
      CONNECT_REGIONS: props.regions.join(','),
      PREFIX_LISTS: Stack.of(scope).toJsonString(props.listMap),
      SHRINK_GUARD_PERCENT: Tokenization.stringifyNumber(props.shrinkGuard),
      WIDENING_GUARD_PERCENT: Tokenization.stringifyNumber(props.wideningGuard),
      IP_RANGES_URL,
      NODE_OPTIONS: '--enable-source-maps',
    },
  });
  acknowledgeLambdaOutsideVpc(fn, 'the public EC2 API and ip-ranges.amazonaws.com');
  dropRedundantRoleDependency(fn);

  // Triggers: AmazonIpSpaceChanged (us-east-1), the daily fallback, the first fill at deploy.
  if (props.subscribeToIpSpaceChanged !== false) {
    // The source is AWS's own topic, so sourceArn (which names its account, 806199016981) is the whole condition;
    // aws:SourceAccount would be that AWS account, never ours.
    fn.addPermission('AmazonIpSpaceChanged', {
      principal: new iam.ServicePrincipal('sns.amazonaws.com'),
      sourceArn: AMAZON_IP_SPACE_CHANGED_TOPIC_ARN,
    });
    new sns.Subscription(scope, 'IpSpaceChanged', {
      topic: sns.Topic.fromTopicArn(scope, 'AmazonIpSpaceChangedTopic', AMAZON_IP_SPACE_CHANGED_TOPIC_ARN),
      protocol: sns.SubscriptionProtocol.LAMBDA,
      endpoint: fn.functionArn,
      region: 'us-east-1',
    });
  }
  new events.Rule(scope, 'Schedule', {
    description: 'Daily fallback sync of the cdk-connect-dx prefix lists',
    schedule: props.schedule ?? events.Schedule.rate(Duration.days(1)),
    targets: [new targets.LambdaFunction(fn, { retryAttempts: 2 })],
  });
  return { fn, dlq, policy, assetDir };
}

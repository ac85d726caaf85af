/**
 * The scheduled BGP status poller and the alarm topic of the monitoring construct (not exported from the package):
 * least-privilege role, encrypted logs and dead-letter queue, and the environment that tells the handler which
 * paths to poll (`lib/handlers/bgp-status-poller`).
 */
import * as path from 'path';
import { Aws, Duration, Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeDeadLetterQueue, acknowledgeInlinePolicy, acknowledgeLambdaOutsideVpc } from '../../private/acknowledge';
import { encryptedLogGroup } from '../../private/kms';
import { POLLER_NAMESPACE } from '../metrics';
import { WatchedPath } from './paths';

/** An SNS topic encrypted with `key` that CloudWatch alarms of this account may publish to. */
export function createAlarmTopic(scope: Construct, key: kms.Key): sns.ITopic {
  const topic = new sns.Topic(scope, 'AlarmTopic', { masterKey: key, enforceSSL: true });
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarms',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
    },
  }));
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToPublish',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
  }));
  return topic;
}

/** A list of ids as one comma-separated string; an encoded token list is joined by CloudFormation. */
function joinedIds(ids: string[]): string {
  return Token.isUnresolved(ids) ? Fn.join(',', ids) : ids.join(',');
}

/**
 * The poller's environment: path 1 as CONNECTION_ID / VIRTUAL_INTERFACE_IDS (as with a single path), further paths
 * as the JSON list ADDITIONAL_PATHS.
 */
function pollerEnvironment(scope: Construct, paths: WatchedPath[]): Record<string, string> {
  const [first, ...more] = paths;
  const env: Record<string, string> = {
    CONNECTION_ID: first.connectionId,
    VIRTUAL_INTERFACE_IDS: joinedIds(first.virtualInterfaceIds),
    METRICS_NAMESPACE: POLLER_NAMESPACE,
  };
  if (more.length > 0) {
    env.ADDITIONAL_PATHS = Stack.of(scope).toJsonString(more.map((p) => ({ connectionId: p.connectionId, virtualInterfaceIds: joinedIds(p.virtualInterfaceIds) })));
  }
  return env;
}

/** The poller Lambda with its role, logs, dead-letter queue and schedule. */
export function createPoller(scope: Construct, key: kms.Key, paths: WatchedPath[], pollMinutes: number): lambda.Function {
  const connections = paths.map((p) => p.connectionId).join(', ');
  const logGroup = encryptedLogGroup(scope, 'PollerLogs', {
    retention: logs.RetentionDays.ONE_YEAR,
    encryptionKey: key,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const dlq = new sqs.Queue(scope, 'PollerDeadLetterQueue', {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledgeDeadLetterQueue(dlq, 'the BGP status poller Lambda');
  // Execution role: no source conditions, for the reason given at the sync function's role (sync-function.ts).
  const role = new iam.Role(scope, 'PollerRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `BGP status poller for ${connections}: read virtual interfaces, publish metrics, write logs`,
  });
  role.addToPolicy(new iam.PolicyStatement({
    sid: 'WriteOwnLogs',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [logGroup.logGroupArn],
  }));
  role.addToPolicy(new iam.PolicyStatement({
    sid: 'ReadVirtualInterfaces',
    actions: ['directconnect:DescribeVirtualInterfaces'],
    resources: ['*'],
  }));
  role.addToPolicy(new iam.PolicyStatement({
    sid: 'PublishPollerMetrics',
    actions: ['cloudwatch:PutMetricData'],
    resources: ['*'],
    conditions: { StringEquals: { 'cloudwatch:namespace': POLLER_NAMESPACE } },
  }));
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'Two actions AWS only authorizes on Resource "*": directconnect:DescribeVirtualInterfaces has no resource type in the Service Authorization Reference, '
      + 'and cloudwatch:PutMetricData has none either; it is limited with the cloudwatch:namespace condition to CdkConnectDx/DirectConnect. '
      + 'The log statement names the poller\'s own log group; "log-stream:*" under it comes from that ARN.',
  });
  acknowledgeInlinePolicy(role, "the poller's own log group, queue and key");

  const fn = new lambda.Function(scope, 'Poller', {
    description: `Polls Direct Connect BGP status of ${connections} and publishes ${POLLER_NAMESPACE} metrics`,
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(path.join(__dirname, '..', '..', '..', 'assets', 'bgp-status-poller')),
    role,
    timeout: Duration.minutes(1),
    memorySize: 256,
    reservedConcurrentExecutions: 1,
    retryAttempts: 0,
    deadLetterQueue: dlq,
    logGroup,
    environment: pollerEnvironment(scope, paths),
  });
  // The function construct grants sqs:SendMessage on the queue; the queue's KMS key needs these two.
  role.addToPolicy(new iam.PolicyStatement({
    sid: 'UseKeyForDeadLetterQueue',
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    resources: [key.keyArn],
  }));
  acknowledgeLambdaOutsideVpc(fn, 'the regional Direct Connect and CloudWatch APIs');

  new events.Rule(scope, 'PollSchedule', {
    description: `Runs the BGP status poller for ${connections} every ${pollMinutes} minute(s)`,
    schedule: events.Schedule.rate(Duration.minutes(pollMinutes)),
    targets: [new targets.LambdaFunction(fn, { retryAttempts: 0 })],
  });
  return fn;
}

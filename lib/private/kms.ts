/** Customer managed KMS keys the constructs create for logs, topics and queues (not exported from the package). */
import { ArnFormat, Aws, Fn, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** What the key encrypts, and which services may use it. */
export interface ManagedKeyOptions {
  /** Key description shown in the KMS console. */
  readonly description: string;
  /**
   * Let CloudWatch Logs in this Region use the key, for the log groups created with {@link encryptedLogGroup}
   * only (their ARNs are added to the key policy as they are created).
   */
  readonly cloudWatchLogs?: boolean;
  /** What happens to the key when the stack is deleted. */
  readonly removalPolicy?: RemovalPolicy;
}

/** Keys created with `cloudWatchLogs`: their CloudWatch Logs statement and the log group ARNs it names. */
const LOGS_STATEMENTS = new WeakMap<object, { key: kms.Key; statement?: iam.PolicyStatement; arns: string[] }>();

/**
 * A KMS key with yearly rotation (cdk-nag KMS5, Security Hub KMS.4), and a key policy that only lets AWS services
 * create grants on it (Control Tower CT.KMS.PR.3, checked by the cfn-guard validator): a grant is how a service
 * such as SNS, SQS or CloudWatch Logs uses the key on your behalf, never a way to hand it to a principal.
 */
export function createManagedKey(scope: Construct, id: string, options: ManagedKeyOptions): kms.Key {
  const key = new kms.Key(scope, id, {
    enableKeyRotation: true,
    description: options.description,
    removalPolicy: options.removalPolicy,
  });
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'OnlyAwsServicesCreateGrants',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: {
      BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
    },
  }));
  if (options.cloudWatchLogs) LOGS_STATEMENTS.set(key, { key, arns: [] });
  return key;
}

/**
 * A log group with a name this library chooses, so that its ARN is known before the log group exists: a key
 * created with `cloudWatchLogs` then lets CloudWatch Logs use it for exactly this log group (encryption context
 * `aws:logs:arn`, https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html). Taking the
 * ARN from the log group itself would be a cycle (log group -> key -> key policy -> log group).
 *
 * The name is `/cdk-connect-dx/<stack name>/<construct id>-<first 8 hex digits of the stack's id>`. The stack id
 * part changes when the stack is created again, so a log group retained from a deleted stack never blocks the
 * new one (log groups are retained on delete by default).
 *
 * A key that was not created with `createManagedKey(..., { cloudWatchLogs: true })` (one the caller passed) is
 * left alone: its policy is the caller's.
 */
export function encryptedLogGroup(scope: Construct, id: string, props: logs.LogGroupProps): logs.LogGroup {
  const stack = Stack.of(scope);
  const stackIdPart = Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));
  const logGroupName = props.logGroupName
    ?? `/cdk-connect-dx/${stack.stackName}/${Names.uniqueId(scope)}${id}-${stackIdPart}`;
  const group = new logs.LogGroup(scope, id, { ...props, logGroupName });
  const entry = props.encryptionKey && LOGS_STATEMENTS.get(props.encryptionKey);
  if (entry) {
    entry.arns.push(stack.formatArn({
      service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }));
    if (!entry.statement) {
      entry.statement = new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogs',
        // The Regional principal: CloudWatch Logs of this Region only.
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
      });
      entry.key.addToResourcePolicy(entry.statement);
    }
    // Replaces the condition's value: the list grows with each log group of this key.
    entry.statement.addCondition('ArnEquals', { 'kms:EncryptionContext:aws:logs:arn': [...entry.arns] });
  }
  return group;
}

/** Customer managed KMS keys the constructs create for logs, topics and queues (not exported from the package). */
import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** What the key encrypts, and which services may use it. */
export interface ManagedKeyOptions {
  /** Key description shown in the KMS console. */
  readonly description: string;
  /** Let CloudWatch Logs in this Region encrypt log groups with the key. */
  readonly cloudWatchLogs?: boolean;
  /** What happens to the key when the stack is deleted. */
  readonly removalPolicy?: RemovalPolicy;
}

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
  if (options.cloudWatchLogs) {
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogs',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` },
      },
    }));
  }
  return key;
}

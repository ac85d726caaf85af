/**
 * Acknowledgements of scanner rules that several constructs share, each with the reason in one place.
 * The ids cover cdk-nag (AwsSolutions, NIST 800-53 rev 5, HIPAA Security, PCI DSS 3.2.1) and the cfn-guard
 * validator (Control Tower rules). Not exported from the package.
 */
import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

function acknowledgeAll(scope: IConstruct, ids: string[], reason: string): void {
  for (const id of ids) Validations.of(scope).acknowledge({ id, reason });
}

/** A Lambda function that only calls AWS APIs (and public AWS endpoints) runs outside a VPC. */
export function acknowledgeLambdaOutsideVpc(fn: IConstruct, calls: string): void {
  acknowledgeAll(fn, [
    'NIST.800.53.R5-LambdaInsideVPC', 'HIPAA.Security-LambdaInsideVPC', 'PCI.DSS.321-LambdaInsideVPC',
    'cdk-validator-cfnguard::lambda_inside_vpc_check',
  ], `The function only calls ${calls}; it reaches no private resource, and a VPC would add NAT gateways or interface endpoints (cost, more moving parts) without reducing exposure.`);
}

/** A queue that is itself a dead-letter queue needs no dead-letter queue. */
export function acknowledgeDeadLetterQueue(queue: IConstruct, ofWhat: string): void {
  acknowledgeAll(queue, ['AwsSolutions-SQS3', 'cdk-validator-cfnguard::sqs_dlq_check'],
    `This queue is the dead-letter queue of ${ofWhat}; a dead-letter queue needs no dead-letter queue of its own.`);
}

/** A role's inline policy that names only the construct's own resources. */
export function acknowledgeInlinePolicy(role: IConstruct, names: string): void {
  acknowledgeAll(role, ['NIST.800.53.R5-IAMNoInlinePolicy', 'HIPAA.Security-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy'],
    `The inline policy belongs to this one role and names only ${names}; a managed policy would invite reuse by other principals.`);
}

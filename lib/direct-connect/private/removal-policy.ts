/** The removal policy of a physical Direct Connect resource (connection, LAG): RETAIN unless asked otherwise. */
import { RemovalPolicy } from 'aws-cdk-lib';
import { fail } from '../../private/errors';

/**
 * `RETAIN` by default: destroying the stack or replacing the resource must not give up a port and its cross-connect.
 * `SNAPSHOT` is refused (Direct Connect resources have no snapshot; CloudFormation would refuse it at deploy).
 */
export function checkRemovalPolicy(policy: RemovalPolicy | undefined): RemovalPolicy {
  if (policy === RemovalPolicy.SNAPSHOT) {
    fail('removalPolicy', `must be RemovalPolicy.RETAIN, DESTROY or RETAIN_ON_UPDATE_OR_DELETE, got ${policy}: Direct Connect connections and LAGs have no snapshot`);
  }
  return policy ?? RemovalPolicy.RETAIN;
}

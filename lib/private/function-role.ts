/**
 * The DependsOn of a Lambda function without its own execution role. aws-cdk-lib's `lambda.Function` makes the
 * function depend on its role construct, which CloudFormation receives as a DependsOn on the role and on each of the
 * role's policies. The role entry is redundant: the function's `Role` property already references the role with
 * Fn::GetAtt, which orders the two (cfn-lint W3005). The policies' entries stay: they are what makes the function
 * wait until it may do its work.
 */
import { CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** Removes the function's own role from its rendered DependsOn, keeping every other dependency. */
export function dropRedundantRoleDependency(fn: lambda.Function): void {
  const cfn = fn.node.defaultChild as lambda.CfnFunction;
  const stack = Stack.of(fn);
  // Resolved when the template is written, after aws-cdk-lib has turned construct dependencies into DependsOn.
  cfn.addOverride('DependsOn', Lazy.list({
    produce: () => {
      const roleRef = JSON.stringify(stack.resolve(cfn.role));
      return cfn.obtainDependencies()
        .filter((d): d is CfnResource => d instanceof CfnResource && Stack.of(d) === stack)
        .filter((d) => JSON.stringify(stack.resolve({ 'Fn::GetAtt': [d.logicalId, 'Arn'] })) !== roleRef)
        .map((d) => stack.resolve(d.logicalId) as string)
        .sort();
    },
  }, { omitEmpty: true }));
}

/** A function's DependsOn names its role's policies, not the role it already references with Fn::GetAtt (cfn-lint W3005). */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { dropRedundantRoleDependency } from '../../lib/private/function-role';

function functionWith(fix: boolean, withPolicy: boolean) {
  const stack = new Stack(new App(), 'S');
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  if (withPolicy) role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [new sqs.Queue(stack, 'Q').queueArn] }));
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=()=>{}'), role,
  });
  if (fix) dropRedundantRoleDependency(fn);
  const resources = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  return Object.values(resources)[0] as { DependsOn?: string[]; Properties: { Role: unknown } };
}

describe('dropRedundantRoleDependency', () => {
  test("aws-cdk-lib's own DependsOn names the role and its policy; the fix keeps only the policy, and the GetAtt", () => {
    expect(functionWith(false, true).DependsOn).toEqual(['RoleDefaultPolicy5FFB7DAB', 'Role1ABCC5F0']);
    const fixed = functionWith(true, true);
    expect(fixed.DependsOn).toEqual(['RoleDefaultPolicy5FFB7DAB']);
    expect(fixed.Properties.Role).toEqual({ 'Fn::GetAtt': ['Role1ABCC5F0', 'Arn'] });
  });

  test('a role without policies leaves no DependsOn at all', () => {
    expect(functionWith(true, false).DependsOn).toBeUndefined();
  });
});

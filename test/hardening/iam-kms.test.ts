/**
 * Issue 11, IAM: service trust carries source conditions, and every CloudWatch Logs statement of a key this library
 * creates names the log groups it encrypts (kms:EncryptionContext:aws:logs:arn), never `log-group:*`.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ConnectDirectConnectStack, ConnectDirectConnectStackProps } from '../../lib';
import { ConnectFirewall } from '../../lib/firewall/firewall';
import { BASE_STACK_PROPS } from '../helpers/stack-props';

const BASE: ConnectDirectConnectStackProps = { ...BASE_STACK_PROPS, deployFirewall: true };

type Resources = Record<string, { Type: string; Properties?: any }>;

/** The ARN CloudWatch Logs puts in the encryption context for a log group named `name` (a CloudFormation value). */
function logGroupArn(name: unknown): unknown {
  const parts = (name as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  // the stack's env names the Region (us-east-1); the account is left to deploy time
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:', { Ref: 'AWS::AccountId' },
    `:log-group:${parts[0]}`, ...parts.slice(1)]] };
}

function logsStatement(key: { Properties?: any }): any {
  const found = key.Properties.KeyPolicy.Statement.filter((s: any) => s.Sid === 'AllowCloudWatchLogs');
  expect(found).toHaveLength(1);
  return found[0];
}

describe('KMS key policies name the construct\'s own log groups', () => {
  test('GIVEN the full stack with firewall and monitoring WHEN synthesized THEN each key allows exactly its log groups', () => {
    const stack = new ConnectDirectConnectStack(new App(), 'Dx', BASE);
    const resources = Template.fromStack(stack).toJSON().Resources as Resources;
    const groupsByKey = new Map<string, unknown[]>();
    for (const r of Object.values(resources)) {
      if (r.Type !== 'AWS::Logs::LogGroup') continue;
      const keyId = r.Properties.KmsKeyId['Fn::GetAtt'][0];
      // a name this library chose: under /cdk-connect-dx/<stack name>/, made unique by the stack id
      expect(r.Properties.LogGroupName['Fn::Join'][1][0]).toMatch(/^\/cdk-connect-dx\/Dx\/[A-Za-z0-9]+-$/);
      groupsByKey.set(keyId, [...(groupsByKey.get(keyId) ?? []), logGroupArn(r.Properties.LogGroupName)]);
    }
    // firewall (3 groups), prefix list sync (1); monitoring runs no function, so it has no log group
    expect([...groupsByKey.values()].map((g) => g.length).sort()).toEqual([1, 3]);
    for (const [keyId, arns] of groupsByKey) {
      const statement = logsStatement(resources[keyId]);
      expect(statement.Principal).toEqual({ Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } });
      expect(statement.Condition).toEqual({ ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': expect.arrayContaining(arns) } });
      expect(statement.Condition.ArnEquals['kms:EncryptionContext:aws:logs:arn']).toHaveLength(arns.length);
    }
    // AND no key statement anywhere allows every log group of the account
    expect(JSON.stringify(resources)).not.toContain('log-group:*');
  });

  test('GIVEN a key the caller passes WHEN the firewall uses it THEN its policy is left to the caller', () => {
    const stack = new Stack(new App(), 'S');
    const key = new kms.Key(stack, 'Mine');
    new ConnectFirewall(stack, 'Fw', { firewallPolicyArn: 'arn:aws:network-firewall:us-east-1:111122223333:firewall-policy/p', encryptionKey: key });
    const keys = Template.fromStack(stack).findResources('AWS::KMS::Key');
    expect(Object.keys(keys)).toHaveLength(1);
    expect(JSON.stringify(keys)).not.toContain('AllowCloudWatchLogs');
  });
});

describe('service principals carry source conditions', () => {
  test('GIVEN the full stack WHEN synthesized THEN the flow-log role trusts only flow logs of this account and Region', () => {
    const resources = Template.fromStack(new ConnectDirectConnectStack(new App(), 'Dx', BASE)).toJSON().Resources as Resources;
    const trusts = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Role')
      .flatMap((r) => r.Properties.AssumeRolePolicyDocument.Statement);
    const flowLogs = trusts.filter((s: any) => s.Principal.Service === 'vpc-flow-logs.amazonaws.com');
    expect(flowLogs).toHaveLength(1);
    expect(flowLogs[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:', { Ref: 'AWS::Region' }, ':',
        { Ref: 'AWS::AccountId' }, ':vpc-flow-log/*']] } },
    });
    // AND every other trust is a Lambda execution role (see lib/private/kms.ts and the roles' comments for why
    // those carry no source condition); a new service trust must be added here with its conditions
    const others = trusts.filter((s: any) => s.Principal.Service !== 'vpc-flow-logs.amazonaws.com');
    expect(new Set(others.map((s: any) => s.Principal.Service))).toEqual(new Set(['lambda.amazonaws.com']));
  });

  test('GIVEN the full stack WHEN synthesized THEN every Lambda permission for a service names its source', () => {
    const resources = Template.fromStack(new ConnectDirectConnectStack(new App(), 'Dx', BASE)).toJSON().Resources as Resources;
    const permissions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Permission');
    expect(permissions.length).toBeGreaterThan(0);
    for (const p of permissions) {
      expect(p.Properties.Principal).toMatch(/\.amazonaws\.com$/);
      expect(p.Properties.SourceArn).toBeDefined();
    }
  });

  test('GIVEN the full stack WHEN synthesized THEN resource policies for services name the source account', () => {
    const resources = Template.fromStack(new ConnectDirectConnectStack(new App(), 'Dx', BASE)).toJSON().Resources as Resources;
    const statements = Object.values(resources).flatMap((r) => [
      ...(r.Type === 'AWS::SNS::TopicPolicy' ? r.Properties.PolicyDocument.Statement : []),
      ...(r.Type === 'AWS::KMS::Key' ? r.Properties.KeyPolicy.Statement : []),
    ]).filter((s: any) => s.Effect === 'Allow' && s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) expect(s.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
  });
});

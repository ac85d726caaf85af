import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { IPolicyValidationContextBeta1 } from 'aws-cdk-lib';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ConnectDirectConnectStack } from '../../lib';
import { reportedTypes, resourceTypesOf, rulesFor, ScopedCfnGuardValidator } from '../../bin/scoped-cfn-guard';
import { BASE_STACK_PROPS } from '../helpers/stack-props';

/** A template with findings of several Control Tower rules: a bare bucket, a queue without DLQ, a Lambda outside a VPC. */
const TEMPLATE = {
  Resources: {
    Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
    Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { ZipFile: 'x' }, Handler: 'index.h', Role: 'arn:aws:iam::111111111111:role/r', Runtime: 'nodejs20.x' } },
    Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
  },
};

function context(template: object): IPolicyValidationContextBeta1 {
  const file = join(mkdtempSync(join(tmpdir(), 'scoped-guard-')), 'T.template.json');
  writeFileSync(file, JSON.stringify(template));
  return { templatePaths: [file] } as unknown as IPolicyValidationContextBeta1;
}

const findings = (r: { violations: Array<{ ruleName: string; violatingResources: Array<{ resourceLogicalId: string }> }> }) =>
  r.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((x) => x.resourceLogicalId).sort().join(',')}`).sort();

describe('ScopedCfnGuardValidator', () => {
  test('GIVEN a template with findings WHEN validated with the scoped and the full rule set THEN the findings are the same', () => {
    const ctx = context(TEMPLATE);
    const full = new CfnGuardValidator().validate(ctx);
    const scoped = new ScopedCfnGuardValidator().validate(ctx);
    expect(findings(full).length).toBeGreaterThan(2);
    expect(findings(scoped)).toEqual(findings(full));
    expect(scoped.success).toBe(full.success);
  });

  test('GIVEN the template\'s types WHEN the rule files are chosen THEN rules of absent types are left out and rules of present types kept', () => {
    const types = resourceTypesOf(context(TEMPLATE).templatePaths);
    const rules = rulesFor(types).map((f) => f.split(/[\\/]/).slice(-2).join('/'));
    expect(rules.some((r) => r.startsWith('s3/'))).toBe(true);
    expect(rules.some((r) => r.startsWith('lambda/'))).toBe(true);
    expect(rules.some((r) => r.startsWith('rds/'))).toBe(false);
    expect(rules.length).toBeLessThan(rulesFor(new Set(['AWS::RDS::DBInstance', ...types])).length);
  });

  test('GIVEN the stack\'s own template (with a firewall) WHEN validated with the scoped and the full rule set THEN the findings are the same', () => {
    const stack = new ConnectDirectConnectStack(new App(), 'Dx', { ...BASE_STACK_PROPS, deployFirewall: true, statelessFirewall: true, amazonConnectCidrs: ['15.193.0.0/19'] });
    const ctx = context(Template.fromStack(stack).toJSON());
    const full = new CfnGuardValidator().validate(ctx);
    const scoped = new ScopedCfnGuardValidator().validate(ctx);
    expect(findings(full).length).toBeGreaterThan(0); // the findings the stack acknowledges in code
    expect(findings(scoped)).toEqual(findings(full));
    expect(scoped.success).toBe(full.success);
    // a rule about OpenSearch that names log groups (which the stack has) is not run: it reports on domains only
    const kept = rulesFor(resourceTypesOf(ctx.templatePaths)).map((f) => f.split(/[\\/]/).pop());
    expect(kept).not.toContain('ct-opensearch-pr-13.guard');
    expect(kept).toContain('ct-network-firewall-pr-1.guard');
  });

  test('reportedTypes reads the header block; a file without one is judged by every type it names', () => {
    expect(reportedTypes('# Reports on:\n#   AWS::OpenSearchService::Domain\n#\n# Evaluates:\n let x = AWS::Logs::LogGroup')).toEqual(['AWS::OpenSearchService::Domain']);
    expect(reportedTypes('# Reports on:\n#   AWS::IAM::Role\n#   AWS::IAM::User\n# \n')).toEqual(['AWS::IAM::Role', 'AWS::IAM::User']);
    expect(reportedTypes('let x = Resources.*[ Type == "AWS::S3::Bucket" ]')).toBeUndefined();
  });

  test('GIVEN the plugin WHEN registered THEN it keeps the validator\'s name and rule ids (acknowledgements match)', () => {
    const full = new CfnGuardValidator();
    const scoped = new ScopedCfnGuardValidator();
    expect(scoped.name).toBe(full.name);
    expect(scoped.ruleIds).toEqual(full.ruleIds);
  });
});

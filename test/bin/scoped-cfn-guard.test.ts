import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { IPolicyValidationContextBeta1 } from 'aws-cdk-lib';
import { resourceTypesOf, rulesFor, ScopedCfnGuardValidator } from '../../bin/scoped-cfn-guard';

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

  test('GIVEN the plugin WHEN registered THEN it keeps the validator\'s name and rule ids (acknowledgements match)', () => {
    const full = new CfnGuardValidator();
    const scoped = new ScopedCfnGuardValidator();
    expect(scoped.name).toBe(full.name);
    expect(scoped.ruleIds).toEqual(full.ruleIds);
  });
});

import { App, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { cfnLint, nagFindings } from './helpers/checks';

describe('test helpers', () => {
  test('cdk-nag helper reports an unencrypted topic, and cfn-lint runs', () => {
    // GIVEN a stack with a topic that has no KMS key
    const stack = new Stack(new App(), 'Smoke');
    new sns.Topic(stack, 'Topic');
    // THEN the packs flag it
    const findings = nagFindings(stack);
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining([expect.stringMatching(/SNS/)]));
    expect(cfnLint(stack).code & 2).toBe(0);
  });
});

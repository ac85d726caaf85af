import { Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ConnectFirewallPolicy } from '../../lib/firewall/firewall-policy';
import { expectCfnLintClean } from '../helpers/checks';
import { newStack } from './fixtures';

const ARN_A = 'arn:aws:network-firewall:us-east-1:111122223333:stateful-rulegroup/a';
const ARN_B = 'arn:aws:network-firewall:us-east-1:111122223333:stateful-rulegroup/b';
const ARN_S = 'arn:aws:network-firewall:us-east-1:111122223333:stateless-rulegroup/s';

describe('ConnectFirewallPolicy', () => {
  test('strict order, drop_established, forward_to_sfe for full and fragmented packets, spaced priorities', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const policy = new ConnectFirewallPolicy(stack, 'Policy', {
      statefulRuleGroupArns: [ARN_A, ARN_B],
      statelessRuleGroupArns: [ARN_S],
    });
    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::NetworkFirewall::FirewallPolicy', {
      FirewallPolicy: {
        StatefulDefaultActions: ['aws:drop_established'],
        StatelessDefaultActions: ['aws:forward_to_sfe'],
        StatelessFragmentDefaultActions: ['aws:forward_to_sfe'],
        StatefulEngineOptions: { RuleOrder: 'STRICT_ORDER', StreamExceptionPolicy: 'DROP' },
        StatefulRuleGroupReferences: [
          { ResourceArn: ARN_A, Priority: 100 },
          { ResourceArn: ARN_B, Priority: 200 },
        ],
        StatelessRuleGroupReferences: [{ ResourceArn: ARN_S, Priority: 100 }],
      },
      Tags: Match.arrayWith([{ Key: 'cdk-connect-dx:component', Value: 'firewall-policy' }]),
    });
    expect(stack.resolve(policy.firewallPolicyArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Policy/), 'FirewallPolicyArn'] });
    expectCfnLintClean(stack);
  });

  test('without stateless groups the policy has no stateless references', () => {
    const stack = newStack();
    new ConnectFirewallPolicy(stack, 'Policy', { statefulRuleGroupArns: [ARN_A], firewallPolicyName: 'connect-policy' });
    Template.fromStack(stack).hasResourceProperties('AWS::NetworkFirewall::FirewallPolicy', {
      FirewallPolicyName: 'connect-policy',
      FirewallPolicy: { StatelessRuleGroupReferences: Match.absent() },
    });
  });

  test('refuses an empty stateful list', () => {
    expect(() => new ConnectFirewallPolicy(newStack(), 'Policy', { statefulRuleGroupArns: [] }))
      .toThrow(/statefulRuleGroupArns must list from 1 to 20 rule groups .*got 0/);
  });

  test('refuses more than 20 stateful or stateless groups', () => {
    const many = Array.from({ length: 21 }, (_, i) => `${ARN_A}${i}`);
    expect(() => new ConnectFirewallPolicy(newStack(), 'Policy', { statefulRuleGroupArns: many }))
      .toThrow(/statefulRuleGroupArns must list from 1 to 20 rule groups.*got 21/);
    expect(() => new ConnectFirewallPolicy(newStack(), 'Policy', { statefulRuleGroupArns: [ARN_A], statelessRuleGroupArns: many }))
      .toThrow(/statelessRuleGroupArns must list from 0 to 20 rule groups, got 21/);
  });

  test('refuses a repeated rule group', () => {
    expect(() => new ConnectFirewallPolicy(newStack(), 'Policy', { statefulRuleGroupArns: [ARN_A, ARN_A] }))
      .toThrow(/statefulRuleGroupArns\[1\] must not repeat a rule group, got 'arn:aws:network-firewall:.*\/a' twice/);
  });

  test('token entries pass through; a whole-list token is refused (each entry needs its own priority)', () => {
    const stack = newStack();
    new ConnectFirewallPolicy(stack, 'Policy', { statefulRuleGroupArns: [Token.asString({ Ref: 'A' }), Token.asString({ Ref: 'B' })] });
    Template.fromStack(stack).hasResourceProperties('AWS::NetworkFirewall::FirewallPolicy', {
      FirewallPolicy: { StatefulRuleGroupReferences: [{ ResourceArn: { Ref: 'A' }, Priority: 100 }, { ResourceArn: { Ref: 'B' }, Priority: 200 }] },
    });
    expect(() => new ConnectFirewallPolicy(newStack(), 'Policy', { statefulRuleGroupArns: Token.asList({ Ref: 'Arns' }) }))
      .toThrow(/statefulRuleGroupArns must be a list written at synth time .*got the list token/);
  });

  test('refuses a bad policy name, passes a token name', () => {
    expect(() => new ConnectFirewallPolicy(newStack(), 'Policy', { statefulRuleGroupArns: [ARN_A], firewallPolicyName: 'bad_name' }))
      .toThrow(/firewallPolicyName must be 1 to 128 letters, digits and '-', got 'bad_name'/);
    const stack = newStack();
    new ConnectFirewallPolicy(stack, 'Policy', { statefulRuleGroupArns: [ARN_A], firewallPolicyName: Token.asString({ Ref: 'Name' }) });
    Template.fromStack(stack).hasResourceProperties('AWS::NetworkFirewall::FirewallPolicy', { FirewallPolicyName: { Ref: 'Name' } });
  });
});

import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AllowListMode } from '../../lib/connect-endpoints/endpoint-types';
import { ConnectFirewall } from '../../lib/firewall/firewall';
import { ConnectFirewallRules } from '../../lib/firewall/firewall-rules';
import { expectCfnLintClean, nagFindings } from '../helpers/checks';
import { AGENTS, catalog, newStack, prefixLists } from './fixtures';

describe('ConnectFirewallRules', () => {
  test('DOMAINS: IP rules first, then the domain list, in a strict-order policy; UDP 3478 only in the IP group', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const rules = new ConnectFirewallRules(stack, 'Rules', {
      catalog: catalog(), agentCidrs: AGENTS, amazonConnectPrefixLists: prefixLists(stack, 'Connect'), namePrefix: 'connect',
    });
    // THEN
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::NetworkFirewall::RuleGroup', 2);
    t.hasResourceProperties('AWS::NetworkFirewall::FirewallPolicy', {
      FirewallPolicyName: 'connect-policy',
      FirewallPolicy: {
        StatefulRuleGroupReferences: [
          { ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('RulesIpRules'), 'RuleGroupArn'] }, Priority: 100 },
          { ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('RulesDomainAllowList'), 'RuleGroupArn'] }, Priority: 200 },
        ],
        StatelessRuleGroupReferences: Match.absent(),
      },
    });
    const groups = Object.values(t.findResources('AWS::NetworkFirewall::RuleGroup')).map((r) => r.Properties);
    const withUdp = groups.filter((g) => JSON.stringify(g).includes('3478'));
    expect(withUdp.map((g) => g.RuleGroupName)).toEqual(['connect-ip']);
    expect(rules.statelessReturnRules).toBeUndefined();
    expect(rules.statefulCapacity).toBe(rules.ipRuleGroup.capacity + rules.domainAllowList.capacity);
    expectCfnLintClean(stack);
  });

  test('IP_RANGES with a stateless firewall and a firewall: whole stack is cfn-lint and cdk-nag clean', () => {
    const stack = newStack();
    const rules = new ConnectFirewallRules(stack, 'Rules', {
      catalog: catalog(), mode: AllowListMode.IP_RANGES, agentCidrs: AGENTS,
      amazonConnectPrefixLists: prefixLists(stack, 'Connect'),
      ec2PrefixLists: prefixLists(stack, 'Ec2'),
      cloudFrontPrefixLists: prefixLists(stack, 'CloudFront'),
      statelessFirewall: true,
      amazonConnectCidrs: ['15.193.0.0/24', '2600:f0f0:1::/48'],
    });
    new ConnectFirewall(stack, 'Firewall', { firewallPolicyArn: rules.policy.firewallPolicyArn });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::NetworkFirewall::RuleGroup', 4); // 2 IP groups, domains, stateless
    const policy = Object.values(t.findResources('AWS::NetworkFirewall::FirewallPolicy'))[0].Properties.FirewallPolicy;
    expect(policy.StatefulRuleGroupReferences.map((r: { Priority: number }) => r.Priority)).toEqual([100, 200, 300]);
    expect(policy.StatelessRuleGroupReferences).toEqual([
      { ResourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^RulesStatelessReturnRules/), 'RuleGroupArn'] }, Priority: 100 },
    ]);
    expect(rules.statelessReturnRules).toBeDefined();
    expectCfnLintClean(stack);
    expect(nagFindings(stack)).toEqual([]);
  });

  test('refuses statelessFirewall without amazonConnectCidrs', () => {
    const stack = newStack();
    expect(() => new ConnectFirewallRules(stack, 'Rules', {
      catalog: catalog(), agentCidrs: AGENTS, amazonConnectPrefixLists: prefixLists(stack, 'Connect'), statelessFirewall: true,
    })).toThrow(/^amazonConnectCidrs is required when statelessFirewall is true: .*got nothing$/);
  });

  test('warns when amazonConnectCidrs is given without statelessFirewall', () => {
    const stack = newStack();
    const rules = new ConnectFirewallRules(stack, 'Rules', {
      catalog: catalog(), agentCidrs: AGENTS, amazonConnectPrefixLists: prefixLists(stack, 'Connect'), amazonConnectCidrs: ['15.193.0.0/24'],
    });
    Annotations.fromStack(stack).hasWarning(`/${rules.node.path}`, Match.stringLikeRegexp('only used with statelessFirewall'));
    Template.fromStack(stack).resourceCountIs('AWS::NetworkFirewall::RuleGroup', 2);
  });

  test('IP_RANGES without EC2 prefix lists is refused naming the prop', () => {
    const stack = newStack();
    expect(() => new ConnectFirewallRules(stack, 'Rules', {
      catalog: catalog(), mode: AllowListMode.IP_RANGES, agentCidrs: AGENTS, amazonConnectPrefixLists: prefixLists(stack, 'Connect'),
    })).toThrow(/^ec2PrefixLists is required in IP_RANGES mode/);
  });
});

import { Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ConnectDomainAllowList } from '../../lib/firewall/domain-allow-list';
import { expectCfnLintClean } from '../helpers/checks';
import { AGENTS, catalog, newStack } from './fixtures';

describe('ConnectDomainAllowList', () => {
  test('targets are exactly the catalog domains, TLS_SNI + HTTP_HOST, HOME_NET = agent CIDRs, strict order', () => {
    // GIVEN
    const stack = newStack();
    const cat = catalog();
    // WHEN
    const list = new ConnectDomainAllowList(stack, 'Domains', { catalog: cat, agentCidrs: AGENTS });
    // THEN
    const t = Template.fromStack(stack);
    const groups = Object.values(t.findResources('AWS::NetworkFirewall::RuleGroup'));
    expect(groups).toHaveLength(1);
    const props = groups[0].Properties;
    expect(props.Type).toBe('STATEFUL');
    const source = props.RuleGroup.RulesSource.RulesSourceList;
    expect(source.Targets).toEqual(cat.firewallDomains());
    expect(source.TargetTypes).toEqual(['TLS_SNI', 'HTTP_HOST']);
    expect(source.GeneratedRulesType).toBe('ALLOWLIST');
    expect(props.RuleGroup.RuleVariables.IPSets.HOME_NET.Definition).toEqual(AGENTS);
    expect(props.RuleGroup.StatefulRuleOptions.RuleOrder).toBe('STRICT_ORDER');
    for (const target of source.Targets as string[]) {
      expect(target).not.toMatch(/[*/]/);
    }
    expect(list.targets).toEqual(cat.firewallDomains());
    expectCfnLintClean(stack);
  });

  test('capacity: need = domains x 2 + 2, default = max(100, 2 x need rounded up to 100)', () => {
    const stack = newStack();
    const cat = catalog();
    const list = new ConnectDomainAllowList(stack, 'Domains', { catalog: cat, agentCidrs: AGENTS });
    const n = cat.firewallDomains().length;
    expect(list.requiredCapacity).toBe(n * 2 + 2);
    expect(list.capacity).toBe(Math.max(100, Math.ceil((2 * (n * 2 + 2)) / 100) * 100));
    Template.fromStack(stack).hasResourceProperties('AWS::NetworkFirewall::RuleGroup', { Capacity: list.capacity });
  });

  test('an explicit capacity within the limits is used', () => {
    const stack = newStack();
    new ConnectDomainAllowList(stack, 'Domains', { catalog: catalog(), agentCidrs: AGENTS, capacity: 30000, ruleGroupName: 'connect-domains' });
    Template.fromStack(stack).hasResourceProperties('AWS::NetworkFirewall::RuleGroup', { Capacity: 30000, RuleGroupName: 'connect-domains' });
  });

  test('refuses a capacity above the AWS limit, below 1, or below the need', () => {
    expect(() => new ConnectDomainAllowList(newStack(), 'D', { catalog: catalog(), agentCidrs: AGENTS, capacity: 30001 }))
      .toThrow(/capacity must be an integer from 1 to 30000 \(the AWS maximum.*got 30001/);
    expect(() => new ConnectDomainAllowList(newStack(), 'D', { catalog: catalog(), agentCidrs: AGENTS, capacity: 0 }))
      .toThrow(/capacity must be an integer from 1 to 30000.*got 0/);
    expect(() => new ConnectDomainAllowList(newStack(), 'D', { catalog: catalog(), agentCidrs: AGENTS, capacity: 5 }))
      .toThrow(/capacity is 5 but the rules need \d+; raise it/);
  });

  test('a token capacity passes through', () => {
    const stack = newStack();
    new ConnectDomainAllowList(stack, 'D', { catalog: catalog(), agentCidrs: AGENTS, capacity: Token.asNumber({ Ref: 'Cap' }) });
    Template.fromStack(stack).hasResourceProperties('AWS::NetworkFirewall::RuleGroup', { Capacity: { Ref: 'Cap' } });
  });

  test.each([
    [[], /agentCidrs must list at least one CIDR/],
    [['10.20.0.0'], /agentCidrs\[0\] must be an IPv4 or IPv6 CIDR such as 10.20.0.0\/16 .*got '10.20.0.0'/],
    [['10.20.300.0/24'], /agentCidrs\[0\] must be an IPv4 or IPv6 CIDR .*got '10.20.300.0\/24'/],
    [['10.20.0.1/16'], /agentCidrs\[0\] must be a canonical CIDR .*got '10.20.0.1\/16'; did you mean '10.20.0.0\/16'\?/],
    [['2001:DB8::/32'], /agentCidrs\[0\] must be a canonical CIDR .*did you mean '2001:db8::\/32'\?/],
    [['10.20.0.0/16', '10.20.0.0/16'], /agentCidrs\[1\] must not repeat a CIDR, got '10.20.0.0\/16' twice/],
  ])('refuses agentCidrs %j', (agentCidrs, message) => {
    expect(() => new ConnectDomainAllowList(newStack(), 'D', { catalog: catalog(), agentCidrs: agentCidrs as string[] }))
      .toThrow(message);
  });

  test('private agent ranges are allowed', () => {
    expect(() => new ConnectDomainAllowList(newStack(), 'D', { catalog: catalog(), agentCidrs: ['192.168.0.0/16', '172.16.0.0/12', 'fd00::/8'] }))
      .not.toThrow();
  });

  test('token agent CIDRs (a list token or token entries) pass through', () => {
    const stack = newStack();
    new ConnectDomainAllowList(stack, 'D', { catalog: catalog(), agentCidrs: Token.asList({ 'Fn::Split': [',', { Ref: 'Agents' }] }) });
    Template.fromStack(stack).hasResourceProperties('AWS::NetworkFirewall::RuleGroup', {
      RuleGroup: { RuleVariables: { IPSets: { HOME_NET: { Definition: { 'Fn::Split': [',', { Ref: 'Agents' }] } } } } },
    });
    const stack2 = newStack();
    new ConnectDomainAllowList(stack2, 'D', { catalog: catalog(), agentCidrs: [Token.asString({ Ref: 'Agent' }), '10.0.0.0/8'] });
    Template.fromStack(stack2).hasResourceProperties('AWS::NetworkFirewall::RuleGroup', {
      RuleGroup: { RuleVariables: { IPSets: { HOME_NET: { Definition: [{ Ref: 'Agent' }, '10.0.0.0/8'] } } } },
    });
  });

  test('refuses agent CIDRs too long for a Suricata rule', () => {
    const many = Array.from({ length: 600 }, (_, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`);
    expect(() => new ConnectDomainAllowList(newStack(), 'D', { catalog: catalog(), agentCidrs: many }))
      .toThrow(/agentCidrs expand to \d+ characters in every rule that uses HOME_NET, but a rule may hold at most 8192 .*got 600 CIDRs/);
  });

  test('refuses a bad rule group name', () => {
    expect(() => new ConnectDomainAllowList(newStack(), 'D', { catalog: catalog(), agentCidrs: AGENTS, ruleGroupName: 'a'.repeat(129) }))
      .toThrow(/ruleGroupName must be 1 to 128 letters, digits and '-'/);
  });
});

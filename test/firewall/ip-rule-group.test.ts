import { Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ConnectEndpointCatalog } from '../../lib/connect-endpoints/catalog';
import { AllowListMode } from '../../lib/connect-endpoints/endpoint-types';
import { ConnectFeature } from '../../lib/connect-endpoints/features';
import { ConnectIpRuleGroup } from '../../lib/firewall/ip-rule-group';
import { NetworkFirewallLimits } from '../../lib/facts/firewall-limits';
import { expectCfnLintClean } from '../helpers/checks';
import { AGENTS, catalog, newStack, prefixLists } from './fixtures';

function ruleGroups(t: Template): Array<Record<string, any>> {
  return Object.values(t.findResources('AWS::NetworkFirewall::RuleGroup')).map((r) => r.Properties);
}

describe('ConnectIpRuleGroup', () => {
  test('DOMAINS mode: UDP 3478 to AMAZON_CONNECT through IP set references, nothing else', () => {
    // GIVEN
    const stack = newStack();
    const ac = prefixLists(stack, 'Connect');
    // WHEN
    const group = new ConnectIpRuleGroup(stack, 'Ip', { catalog: catalog(), mode: AllowListMode.DOMAINS, agentCidrs: AGENTS, amazonConnectPrefixLists: ac });
    // THEN
    const t = Template.fromStack(stack);
    const groups = ruleGroups(t);
    expect(groups).toHaveLength(1);
    const g = groups[0];
    expect(g.Type).toBe('STATEFUL');
    expect(g.RuleGroup.StatefulRuleOptions).toEqual({ RuleOrder: 'STRICT_ORDER' });
    expect(g.RuleGroup.RuleVariables.IPSets.HOME_NET.Definition).toEqual(AGENTS);
    expect(g.RuleGroup.ReferenceSets.IPSetReferences).toEqual({
      AMAZON_CONNECT_V4: { ReferenceArn: { 'Fn::GetAtt': [expect.stringMatching(/^ConnectV4/), 'Arn'] } },
      AMAZON_CONNECT_V6: { ReferenceArn: { 'Fn::GetAtt': [expect.stringMatching(/^ConnectV6/), 'Arn'] } },
    });
    const rules = (g.RuleGroup.RulesSource.RulesString as string).split('\n');
    expect(rules).toEqual([
      expect.stringMatching(/^pass udp \$HOME_NET any <> @AMAZON_CONNECT_V4 3478 \(msg:"[^"]+"; sid:1000001; rev:1;\)$/),
      expect.stringMatching(/^pass udp \$HOME_NET any <> @AMAZON_CONNECT_V6 3478 \(msg:"[^"]+"; sid:1000002; rev:1;\)$/),
    ]);
    expect(g.RuleGroup.RulesSource.RulesString).not.toMatch(/tcp|443/);
    expect(group.requiredCapacity).toBe(2);
    expect(group.capacity).toBe(100);
    expect(g.Capacity).toBe(100);
    expect(group.ruleGroupArns).toHaveLength(1);
    expectCfnLintClean(stack);
  });

  test('IP_RANGES mode adds TCP 443 to EC2 and CLOUDFRONT; six references split into two groups of at most 5', () => {
    const stack = newStack();
    const group = new ConnectIpRuleGroup(stack, 'Ip', {
      catalog: catalog(), mode: AllowListMode.IP_RANGES, agentCidrs: AGENTS, ruleGroupName: 'connect-ip',
      amazonConnectPrefixLists: prefixLists(stack, 'Connect'),
      ec2PrefixLists: prefixLists(stack, 'Ec2'),
      cloudFrontPrefixLists: prefixLists(stack, 'CloudFront'),
    });
    const t = Template.fromStack(stack);
    const groups = ruleGroups(t);
    expect(groups).toHaveLength(2);
    expect(group.ruleGroupArns).toHaveLength(2);
    expect(groups.map((g) => g.RuleGroupName)).toEqual(['connect-ip', 'connect-ip-2']);
    expect(groups.map((g) => Object.keys(g.RuleGroup.ReferenceSets.IPSetReferences))).toEqual([
      ['AMAZON_CONNECT_V4', 'AMAZON_CONNECT_V6', 'EC2_V4', 'EC2_V6'],
      ['CLOUDFRONT_V4', 'CLOUDFRONT_V6'],
    ]);
    for (const g of groups) {
      const names = Object.keys(g.RuleGroup.ReferenceSets.IPSetReferences);
      expect(names.length).toBeLessThanOrEqual(NetworkFirewallLimits.MAX_IP_SET_REFERENCES_PER_GROUP);
      for (const n of names) {
        expect(n).toMatch(new RegExp(NetworkFirewallLimits.IP_SET_REFERENCE_NAME_PATTERN));
        expect(n.length).toBeLessThanOrEqual(NetworkFirewallLimits.MAX_IP_SET_REFERENCE_NAME_LENGTH);
      }
    }
    const all = groups.map((g) => g.RuleGroup.RulesSource.RulesString as string).join('\n');
    expect(all).toMatch(/^pass tcp \$HOME_NET any -> @EC2_V4 443 \(/m);
    expect(all).toMatch(/^pass tcp \$HOME_NET any -> @EC2_V6 443 \(/m);
    expect(all).toMatch(/^pass tcp \$HOME_NET any -> @CLOUDFRONT_V4 443 \(/m);
    expect(all).toMatch(/^pass tcp \$HOME_NET any -> @CLOUDFRONT_V6 443 \(/m);
    expect(all).toMatch(/^pass udp \$HOME_NET any <> @AMAZON_CONNECT_V4 3478 \(/m);
    // sids unique across the groups
    const sids = [...all.matchAll(/sid:(\d+);/g)].map((m) => m[1]);
    expect(new Set(sids).size).toBe(6);
    expectCfnLintClean(stack);
  });

  test('IP_RANGES mode with IPv4 lists only fits one group', () => {
    const stack = newStack();
    const v4 = (name: string) => [prefixLists(stack, name)[0]];
    const group = new ConnectIpRuleGroup(stack, 'Ip', {
      catalog: catalog(), mode: AllowListMode.IP_RANGES, agentCidrs: AGENTS,
      amazonConnectPrefixLists: v4('Connect'), ec2PrefixLists: v4('Ec2'), cloudFrontPrefixLists: v4('Cf'),
    });
    expect(group.ruleGroupArns).toHaveLength(1);
    expect(group.requiredCapacity).toBe(3);
  });

  test('IP_RANGES mode: the new sign-in\'s S3 ranges have no prefix lists; a warning says the domain list passes them', () => {
    const stack = newStack();
    const group = new ConnectIpRuleGroup(stack, 'Ip', {
      catalog: catalog(), mode: AllowListMode.IP_RANGES, agentCidrs: AGENTS,
      amazonConnectPrefixLists: prefixLists(stack, 'Connect'), ec2PrefixLists: prefixLists(stack, 'Ec2'),
      cloudFrontPrefixLists: prefixLists(stack, 'Cf'),
    });
    expect(group.rulesStrings.join('\n')).not.toMatch(/S3/);
    Annotations.fromStack(stack).hasWarning('/FirewallRulesStack/Ip', Match.stringLikeRegexp(
      '^IP_RANGES mode, TCP 443 to S3 \\(us-east-1, us-west-2\\): the new sign-in\'s S3 ranges have no prefix lists here; the domain allow list passes the \\*\\.s3\\.dualstack names'));
  });

  test('VIDEO_CALLING: the Chime subnet as a literal CIDR rule (UDP 3478; TCP 443 too in IP_RANGES), no reference', () => {
    const stack = newStack();
    const video = ConnectEndpointCatalog.forRegion('us-east-1', { instanceAlias: 'my-contact-centre', features: [ConnectFeature.VIDEO_CALLING] });
    const domains = new ConnectIpRuleGroup(stack, 'Ip', {
      catalog: video, mode: AllowListMode.DOMAINS, agentCidrs: AGENTS, amazonConnectPrefixLists: prefixLists(stack, 'Connect'),
    });
    expect(domains.rulesStrings[0].split('\n').map((r) => r.split(' (')[0])).toEqual([
      'pass udp $HOME_NET any <> @AMAZON_CONNECT_V4 3478', 'pass udp $HOME_NET any <> @AMAZON_CONNECT_V6 3478',
      'pass udp $HOME_NET any <> [99.77.128.0/18] 3478',
    ]);
    expect(domains.requiredCapacity).toBe(3);
    const ipRanges = new ConnectIpRuleGroup(stack, 'Ip2', {
      catalog: video, mode: AllowListMode.IP_RANGES, agentCidrs: AGENTS, amazonConnectPrefixLists: prefixLists(stack, 'C2'),
      ec2PrefixLists: prefixLists(stack, 'E2'), cloudFrontPrefixLists: prefixLists(stack, 'F2'),
    });
    // references: 6 (two groups: 4 + 2); the two literal Chime rules ride in the second group
    expect(ipRanges.rulesStrings.map((g) => g.split('\n').map((r) => r.split(' (')[0]))).toEqual([
      ['pass udp $HOME_NET any <> @AMAZON_CONNECT_V4 3478', 'pass udp $HOME_NET any <> @AMAZON_CONNECT_V6 3478',
        'pass tcp $HOME_NET any -> @EC2_V4 443', 'pass tcp $HOME_NET any -> @EC2_V6 443'],
      ['pass tcp $HOME_NET any -> @CLOUDFRONT_V4 443', 'pass tcp $HOME_NET any -> @CLOUDFRONT_V6 443',
        'pass udp $HOME_NET any <> [99.77.128.0/18] 3478', 'pass tcp $HOME_NET any -> [99.77.128.0/18] 443'],
    ]);
    expect(ipRanges.requiredCapacity).toBe(4);
    expectCfnLintClean(stack);
  });

  test('imported prefix lists (family unknown) are named by position', () => {
    const stack = newStack();
    new ConnectIpRuleGroup(stack, 'Ip', {
      catalog: catalog(), mode: AllowListMode.DOMAINS, agentCidrs: AGENTS,
      amazonConnectPrefixLists: [ec2.PrefixList.fromPrefixListId(stack, 'A', 'pl-0123456789abcdef0'), ec2.PrefixList.fromPrefixListId(stack, 'B', 'pl-0123456789abcdef1')],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::NetworkFirewall::RuleGroup', {
      RuleGroup: { ReferenceSets: { IPSetReferences: { AMAZON_CONNECT_1: Match.anyValue(), AMAZON_CONNECT_2: Match.anyValue() } } },
    });
  });

  test.each([
    ['ec2PrefixLists', { cloudFrontPrefixLists: true }],
    ['cloudFrontPrefixLists', { ec2PrefixLists: true }],
  ])('IP_RANGES mode refuses a missing %s, naming the prop', (missing, given) => {
    const stack = newStack();
    expect(() => new ConnectIpRuleGroup(stack, 'Ip', {
      catalog: catalog(), mode: AllowListMode.IP_RANGES, agentCidrs: AGENTS,
      amazonConnectPrefixLists: prefixLists(stack, 'Connect'),
      ec2PrefixLists: 'ec2PrefixLists' in given ? prefixLists(stack, 'Ec2') : undefined,
      cloudFrontPrefixLists: 'cloudFrontPrefixLists' in given ? prefixLists(stack, 'Cf') : undefined,
    })).toThrow(new RegExp(`^${missing} is required in IP_RANGES mode for TCP 443 to .*got nothing$`));
  });

  test('refuses an empty AMAZON_CONNECT list in either mode', () => {
    expect(() => new ConnectIpRuleGroup(newStack(), 'Ip', { catalog: catalog(), mode: AllowListMode.DOMAINS, agentCidrs: AGENTS, amazonConnectPrefixLists: [] }))
      .toThrow(/amazonConnectPrefixLists is required in DOMAINS mode for UDP 3478 to AMAZON_CONNECT .*got \[\]/);
  });

  test('refuses more than 5 prefix lists for one service', () => {
    const stack = newStack();
    const lists = Array.from({ length: 6 }, (_, i) => ec2.PrefixList.fromPrefixListId(stack, `P${i}`, `pl-0000000${i}`));
    expect(() => new ConnectIpRuleGroup(stack, 'Ip', { catalog: catalog(), mode: AllowListMode.DOMAINS, agentCidrs: AGENTS, amazonConnectPrefixLists: lists }))
      .toThrow(/amazonConnectPrefixLists can hold at most 5 prefix lists \(IP set references per rule group\), got 6/);
  });

  test('warns when EC2/CloudFront lists are given in DOMAINS mode', () => {
    const stack = newStack();
    const group = new ConnectIpRuleGroup(stack, 'Ip', {
      catalog: catalog(), mode: AllowListMode.DOMAINS, agentCidrs: AGENTS,
      amazonConnectPrefixLists: prefixLists(stack, 'Connect'), ec2PrefixLists: prefixLists(stack, 'Ec2'),
    });
    Annotations.fromStack(stack).hasWarning(`/${group.node.path}`, Match.stringLikeRegexp('ec2PrefixLists are not used in DOMAINS mode'));
  });

  test('refuses bad agent CIDRs and capacity; tokens pass', () => {
    const stack = newStack();
    const ac = prefixLists(stack, 'Connect');
    expect(() => new ConnectIpRuleGroup(stack, 'A', { catalog: catalog(), mode: AllowListMode.DOMAINS, agentCidrs: [], amazonConnectPrefixLists: ac }))
      .toThrow(/agentCidrs must list at least one CIDR/);
    expect(() => new ConnectIpRuleGroup(stack, 'B', { catalog: catalog(), mode: AllowListMode.DOMAINS, agentCidrs: ['10.0.0.0/33'], amazonConnectPrefixLists: ac }))
      .toThrow(/agentCidrs\[0\] must be an IPv4 or IPv6 CIDR/);
    expect(() => new ConnectIpRuleGroup(stack, 'C', { catalog: catalog(), mode: AllowListMode.DOMAINS, agentCidrs: AGENTS, amazonConnectPrefixLists: ac, capacity: 1 }))
      .toThrow(/capacity is 1 but the rules need 2/);
    expect(() => new ConnectIpRuleGroup(stack, 'D', { catalog: catalog(), mode: AllowListMode.DOMAINS, agentCidrs: AGENTS, amazonConnectPrefixLists: ac, capacity: 50000 }))
      .toThrow(/capacity must be an integer from 1 to 30000/);
    new ConnectIpRuleGroup(stack, 'E', {
      catalog: catalog(), mode: AllowListMode.DOMAINS, agentCidrs: Token.asList({ Ref: 'Agents' }), amazonConnectPrefixLists: ac,
      capacity: Token.asNumber({ Ref: 'Cap' }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::NetworkFirewall::RuleGroup', {
      Capacity: { Ref: 'Cap' }, RuleGroup: { RuleVariables: { IPSets: { HOME_NET: { Definition: { Ref: 'Agents' } } } } },
    });
  });
});

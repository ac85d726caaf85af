import { Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IpFamily, IpRanges, IpRangesService } from '../../lib/ip-ranges/ip-ranges';
import { ConnectStatelessReturnRules } from '../../lib/firewall/stateless-return-rules';
import { expectCfnLintClean } from '../helpers/checks';
import { catalog, newStack, REGION } from './fixtures';
import { IP_RANGES_FILE } from '../fixtures';

const AC_V4 = ['15.193.0.0/24', '15.193.1.0/24', '15.193.2.0/24'];
const AC_V6 = ['2600:f0f0:1::/48'];

function statelessRules(t: Template): Array<Record<string, any>> {
  const g = Object.values(t.findResources('AWS::NetworkFirewall::RuleGroup'))[0].Properties;
  return g.RuleGroup.RulesSource.StatelessRulesAndCustomActions.StatelessRules;
}

describe('ConnectStatelessReturnRules', () => {
  test('passes UDP from AMAZON_CONNECT to the agents on 49152-65535 and 32768-61000, one rule per family', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const rules = new ConnectStatelessReturnRules(stack, 'Return', {
      catalog: catalog(), agentCidrs: ['10.20.0.0/16', '10.30.0.0/16', '2001:db8:20::/48'], amazonConnectCidrs: [...AC_V4, ...AC_V6],
    });
    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::NetworkFirewall::RuleGroup', { Type: 'STATELESS' });
    const list = statelessRules(t);
    expect(list).toHaveLength(2);
    const ports = [{ FromPort: 49152, ToPort: 65535 }, { FromPort: 32768, ToPort: 61000 }];
    expect(list[0]).toEqual({
      Priority: 100,
      RuleDefinition: {
        Actions: ['aws:pass'],
        MatchAttributes: {
          Protocols: [17],
          Sources: AC_V4.map((a) => ({ AddressDefinition: a })),
          Destinations: [{ AddressDefinition: '10.20.0.0/16' }, { AddressDefinition: '10.30.0.0/16' }],
          DestinationPorts: ports,
        },
      },
    });
    expect(list[1].Priority).toBe(200);
    expect(list[1].RuleDefinition.MatchAttributes.Sources).toEqual([{ AddressDefinition: AC_V6[0] }]);
    expect(list[1].RuleDefinition.MatchAttributes.Destinations).toEqual([{ AddressDefinition: '2001:db8:20::/48' }]);
    // capacity: product of match-set sizes, summed: 3 x 2 x 2 ports + 1 x 1 x 2 ports = 14
    expect(rules.requiredCapacity).toBe(14);
    expect(rules.capacity).toBe(100);
    expectCfnLintClean(stack);
  });

  test('capacity with real ip-ranges.json AMAZON_CONNECT prefixes', () => {
    const ranges = IpRanges.fromFile(IP_RANGES_FILE);
    const cidrs = ranges.prefixesFor(IpRangesService.AMAZON_CONNECT, REGION, IpFamily.IPV4);
    const stack = newStack();
    const rules = new ConnectStatelessReturnRules(stack, 'Return', { catalog: catalog(), agentCidrs: ['10.20.0.0/16'], amazonConnectCidrs: cidrs });
    expect(cidrs.length).toBeGreaterThan(0);
    expect(rules.requiredCapacity).toBe(cidrs.length * 1 * 2);
    Template.fromStack(stack).hasResourceProperties('AWS::NetworkFirewall::RuleGroup', { Capacity: rules.capacity });
  });

  test('refuses families that never meet', () => {
    expect(() => new ConnectStatelessReturnRules(newStack(), 'R', { catalog: catalog(), agentCidrs: ['10.20.0.0/16'], amazonConnectCidrs: AC_V6 }))
      .toThrow(/amazonConnectCidrs share no address family with agentCidrs \(agents: IPv4, AMAZON_CONNECT: IPv6\)/);
  });

  test('refuses bad CIDRs, an empty list, whole-list tokens and a capacity below the need or above 30000', () => {
    expect(() => new ConnectStatelessReturnRules(newStack(), 'R', { catalog: catalog(), agentCidrs: ['10.20.0.0/16'], amazonConnectCidrs: [] }))
      .toThrow(/amazonConnectCidrs must list at least one CIDR/);
    expect(() => new ConnectStatelessReturnRules(newStack(), 'R', { catalog: catalog(), agentCidrs: ['10.20.0.0/16'], amazonConnectCidrs: ['15.193.0.1/24'] }))
      .toThrow(/amazonConnectCidrs\[0\] must be a canonical CIDR/);
    expect(() => new ConnectStatelessReturnRules(newStack(), 'R', { catalog: catalog(), agentCidrs: Token.asList({ Ref: 'A' }), amazonConnectCidrs: AC_V4 }))
      .toThrow(/agentCidrs must be a list written at synth time .*list token/);
    expect(() => new ConnectStatelessReturnRules(newStack(), 'R', { catalog: catalog(), agentCidrs: ['10.20.0.0/16'], amazonConnectCidrs: AC_V4, capacity: 5 }))
      .toThrow(/capacity is 5 but the rules need 6/);
    expect(() => new ConnectStatelessReturnRules(newStack(), 'R', { catalog: catalog(), agentCidrs: ['10.20.0.0/16'], amazonConnectCidrs: AC_V4, capacity: 30001 }))
      .toThrow(/capacity must be an integer from 1 to 30000/);
  });

  test('refuses a need above the stateless maximum', () => {
    const agents = Array.from({ length: 200 }, (_, i) => `10.${i}.0.0/16`);
    const sources = Array.from({ length: 100 }, (_, i) => `15.${i}.0.0/16`);
    expect(() => new ConnectStatelessReturnRules(newStack(), 'R', { catalog: catalog(), agentCidrs: agents, amazonConnectCidrs: sources }))
      .toThrow(/amazonConnectCidrs yields a capacity need of 40000 \(sources x agent CIDRs x port ranges\) but a rule group holds at most 30000/);
  });

  test('token entries pass through into one rule', () => {
    const stack = newStack();
    new ConnectStatelessReturnRules(stack, 'R', {
      catalog: catalog(), agentCidrs: [Token.asString({ Ref: 'Agent' })], amazonConnectCidrs: AC_V4, capacity: Token.asNumber({ Ref: 'Cap' }),
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::NetworkFirewall::RuleGroup', { Capacity: { Ref: 'Cap' } });
    expect(statelessRules(t)[0].RuleDefinition.MatchAttributes.Destinations).toEqual([{ AddressDefinition: { Ref: 'Agent' } }]);
  });
});

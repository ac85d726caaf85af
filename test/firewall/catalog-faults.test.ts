/**
 * Fault cases: a catalog that yields nothing usable (or a service the IP rule group cannot reference) is refused,
 * not rendered into an empty or wrong rule group.
 */
import { ConnectEndpointCatalog } from '../../lib/connect-endpoints/catalog';
import { AllowListMode, IpRangeRequirement } from '../../lib/connect-endpoints/endpoint-types';
import { ConnectDomainAllowList } from '../../lib/firewall/domain-allow-list';
import { ConnectIpRuleGroup } from '../../lib/firewall/ip-rule-group';
import { ConnectStatelessReturnRules } from '../../lib/firewall/stateless-return-rules';
import { AGENTS, catalog, newStack, prefixLists } from './fixtures';

/** A catalog whose methods are overridden, the rest delegating to the real one. */
function stubCatalog(overrides: Partial<Record<'firewallDomains' | 'ipRuleRequirements' | 'statelessReturnPortRanges', () => unknown>>): ConnectEndpointCatalog {
  const real = catalog();
  return Object.assign(Object.create(Object.getPrototypeOf(real)), real, overrides) as ConnectEndpointCatalog;
}

describe('catalog faults', () => {
  test('a catalog without domains is refused by the domain allow list', () => {
    expect(() => new ConnectDomainAllowList(newStack(), 'D', { catalog: stubCatalog({ firewallDomains: () => [] }), agentCidrs: AGENTS }))
      .toThrow(/^catalog has no TCP 443 domains for us-east-1; a domain allow list needs at least one$/);
  });

  test('a catalog whose domain list would exceed the stateful maximum is refused', () => {
    const domains = Array.from({ length: 15000 }, (_, i) => `h${i}.example.com`);
    expect(() => new ConnectDomainAllowList(newStack(), 'D', { catalog: stubCatalog({ firewallDomains: () => domains }), agentCidrs: AGENTS }))
      .toThrow(/^catalog yields a capacity need of 30002 \(15000 domains x 2 target types \+ 2\) but a rule group holds at most 30000/);
  });

  test('a catalog without inbound UDP return ranges is refused by the stateless rules', () => {
    expect(() => new ConnectStatelessReturnRules(newStack(), 'R', {
      catalog: stubCatalog({ statelessReturnPortRanges: () => [] }), agentCidrs: AGENTS, amazonConnectCidrs: ['15.193.0.0/24'],
    })).toThrow(/^catalog lists no inbound UDP return port ranges for us-east-1; nothing to allow$/);
  });

  test('a requirement for a service the IP rule group cannot reference is refused', () => {
    const real = catalog().ipRuleRequirements(AllowListMode.DOMAINS)[0];
    const odd: IpRangeRequirement = { ...real, service: 'ROUTE53_HEALTHCHECKS' };
    const stack = newStack();
    expect(() => new ConnectIpRuleGroup(stack, 'Ip', {
      catalog: stubCatalog({ ipRuleRequirements: () => [odd] }), mode: AllowListMode.DOMAINS, agentCidrs: AGENTS,
      amazonConnectPrefixLists: prefixLists(stack, 'Connect'),
    })).toThrow(/^catalog requires IP rules for ip-ranges service 'ROUTE53_HEALTHCHECKS', which this rule group cannot reference$/);
  });
});

import { NetworkFirewallLimits, RuleGroupCapacity } from '../../lib/facts/firewall-limits';

describe('RuleGroupCapacity', () => {
  test('domain list need = domains x types + types (the 99-domain measurement fits 100 with HTTP_HOST only)', () => {
    expect(RuleGroupCapacity.domainListNeed(99, 1)).toBe(100);
    expect(RuleGroupCapacity.domainListNeed(100, 1)).toBe(101);
    expect(RuleGroupCapacity.domainListNeed(15, 2)).toBe(32);
  });

  test('stateless rule need is the product of match-set sizes, empty sets counting 1', () => {
    expect(RuleGroupCapacity.statelessRuleNeed(3, 0, 0, 0, 2)).toBe(6); // AWS example: [UDP,TCP] x 3 sources
    expect(RuleGroupCapacity.statelessRuleNeed(3, 5, 0, 0, 30)).toBe(450); // AWS example
    expect(RuleGroupCapacity.statelessRuleNeed(0, 0, 0, 0, 0)).toBe(1);
  });

  test.each([
    [1, 100], [32, 100], [50, 100], [51, 200], [150, 300], [14000, 28000], [15001, 30000], [30000, 30000],
  ])('headroom for need %d is %d', (need, capacity) => {
    expect(RuleGroupCapacity.withHeadroom(need, NetworkFirewallLimits.MAX_STATEFUL_CAPACITY)).toBe(capacity);
  });

  test('headroom never goes below the need', () => {
    expect(RuleGroupCapacity.withHeadroom(40000, NetworkFirewallLimits.MAX_STATEFUL_CAPACITY)).toBe(40000);
  });

  test('patterns in the facts table match the API shapes', () => {
    expect(new RegExp(NetworkFirewallLimits.IP_SET_REFERENCE_NAME_PATTERN).test('AMAZON_CONNECT_V4')).toBe(true);
    expect(new RegExp(NetworkFirewallLimits.IP_SET_REFERENCE_NAME_PATTERN).test('1BAD')).toBe(false);
    expect(new RegExp(NetworkFirewallLimits.RESOURCE_NAME_PATTERN).test('connect-ip-2')).toBe(true);
    expect(new RegExp(NetworkFirewallLimits.RESOURCE_NAME_PATTERN).test('connect_ip')).toBe(false);
  });
});

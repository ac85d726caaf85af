/** CapacityPlan: figures from the fact tables, the same sizing the constructs use, and bad input naming the prop. */
import { AGENT_BANDWIDTH } from '../../lib/capacity/agent-bandwidth';
import { CapacityPlan } from '../../lib/capacity/capacity-plan';
import { DEDICATED_PORT_HOUR, FIREWALL_ENDPOINT_HOUR, HOSTED_PORT_HOUR, HOURS_PER_MONTH } from '../../lib/capacity/prices';
import { RuleGroupCapacity } from '../../lib/facts/firewall-limits';
import { ResiliencyModel } from '../../lib/resiliency/resiliency-model';
import { DEFAULT_HEADROOM_PERCENT, sizeFor } from '../../lib/facts/prefix-list-limits';
import { SIZING } from '../../lib/facts/prefix-list-sizing.generated';

const base = { region: 'eu-west-2', location: 'THNO2' };

describe('CapacityPlan.forAgents', () => {
  test('GIVEN 500 agents WHEN planned THEN audio at AWS\'s 100 kbps, 30% headroom, the cheaper hosted 100 Mbps on each of two paths', () => {
    const p = CapacityPlan.forAgents({ ...base, agents: 500 });
    expect(AGENT_BANDWIDTH.audio.kbps).toBe(100);
    expect(p.peakMbps).toBe(50);
    expect(p.bandwidthMbps).toBe(65);
    expect(p.paths).toBe(2);
    expect(p.connectionType).toBe('hosted');
    expect(p.portSpeed).toBe('100Mbps');
    expect(p.dedicatedSpeed).toBe('1Gbps');
    expect(p.rateLimit).toBeUndefined(); // hosted: limited to its purchased capacity
    expect(p.utilizationAlarmPercent).toBe(80);
    expect(p.utilizationAlarmMbps).toBe(80);
  });

  test('GIVEN 5,000 agents WHEN planned THEN a dedicated 1 Gbps port is the cheaper fit and the port cost is two ports a month', () => {
    const p = CapacityPlan.forAgents({ ...base, agents: 5000 });
    expect(p.bandwidthMbps).toBe(650);
    expect(p.connectionType).toBe('dedicated');
    expect(p.portSpeed).toBe('1Gbps');
    expect(p.rateLimit).toBe('1Gbps');
    expect(p.utilizationAlarmMbps).toBe(800);
    expect(DEDICATED_PORT_HOUR['1Gbps'].usd).toBeLessThan(HOSTED_PORT_HOUR['1Gbps'].usd);
    const port = p.costLines.find((c) => /port/.test(c.item))!;
    expect(port.monthlyUsd).toBeCloseTo(2 * HOURS_PER_MONTH * DEDICATED_PORT_HOUR['1Gbps'].usd, 2);
    expect(p.monthlyCostUsd).toBeCloseTo(p.costLines.reduce((s, c) => s + c.monthlyUsd, 0), 2);
  });

  test('GIVEN shares WHEN planned THEN each line is agents on a call x share x AWS\'s figure', () => {
    const p = CapacityPlan.forAgents({ ...base, agents: 1000, concurrency: 0.5, dualCallShare: 0.1, videoShare: 0.2, screenRecordingShare: 0.5, headroomShare: 0 });
    const mbps = Object.fromEntries(p.bandwidthLines.map((l) => [l.id, l.mbps]));
    expect(mbps).toEqual({ audio: 50, dualCall: 5, video: 150, screenRecording: 150 });
    expect(p.peakMbps).toBe(355);
    expect(p.bandwidthMbps).toBe(355);
    expect(p.portSpeed).toBe('400Mbps');
  });

  test('GIVEN several sizes WHEN the cheaper fit is chosen THEN hosted and dedicated by port-hour price, and only a dedicated port gets a rate limit', () => {
    // 3,000 agents: 390 Mbps; hosted 400Mbps ($0.16/h) is cheaper than dedicated 1Gbps ($0.30/h)
    expect(CapacityPlan.forAgents({ ...base, agents: 3000 }).connectionType).toBe('hosted');
    // 60,000 agents: 7.8 Gbps; dedicated 10Gbps ($2.25/h) is cheaper than hosted 10Gbps ($2.48/h); rate limit 10Gbps
    const big = CapacityPlan.forAgents({ ...base, agents: 60000 });
    expect([big.connectionType, big.portSpeed, big.rateLimit]).toEqual(['dedicated', '10Gbps', '10Gbps']);
    // 40,000 agents with 30% concurrency: 1.56 Gbps -> hosted 2Gbps ($0.66/h) vs dedicated 10Gbps ($2.25/h): hosted
    expect(CapacityPlan.forAgents({ ...base, agents: 40000, concurrency: 0.3 }).portSpeed).toBe('2Gbps');
    // 5,000 agents, 60% on a call, no headroom: 300 Mbps, but hosted 300Mbps beats dedicated
    const rl = CapacityPlan.forAgents({ ...base, agents: 5000, concurrency: 0.6, headroomShare: 0, deployFirewall: false });
    expect(rl.portSpeed).toBe('300Mbps');
  });

  test('GIVEN MAXIMUM resiliency WHEN planned THEN four paths are priced', () => {
    const p = CapacityPlan.forAgents({ ...base, agents: 50, resiliency: ResiliencyModel.MAXIMUM });
    expect(p.paths).toBe(4);
    expect(p.costLines[0].quantity).toBe(4 * HOURS_PER_MONTH);
  });

  test('GIVEN the Region WHEN the reserved capacity is planned THEN it is what the sizing table and RuleGroupCapacity give', () => {
    const p = CapacityPlan.forAgents({ ...base, agents: 50, ipv6: true });
    expect(p.prefixLists).toEqual([
      { selector: 'AMAZON_CONNECT-ipv4', currentEntries: SIZING['eu-west-2'][0], maxEntries: sizeFor(SIZING['eu-west-2'][0], DEFAULT_HEADROOM_PERCENT) },
      { selector: 'AMAZON_CONNECT-ipv6', currentEntries: SIZING['eu-west-2'][1], maxEntries: sizeFor(SIZING['eu-west-2'][1], DEFAULT_HEADROOM_PERCENT) },
    ]);
    expect(p.firewall.domainListNeed).toBe(RuleGroupCapacity.domainListNeed(p.firewall.domains, 2));
    expect(p.firewall.domainListCapacity).toBe(RuleGroupCapacity.withHeadroom(p.firewall.domainListNeed, 30000));
    expect(p.firewall.ipRuleGroupNeed).toBe(2);
    expect(p.firewall.endpoints).toBe(2);
    const endpoints = p.costLines.find((c) => /Firewall endpoints/.test(c.item))!;
    expect(endpoints.monthlyUsd).toBeCloseTo(2 * HOURS_PER_MONTH * FIREWALL_ENDPOINT_HOUR.usd, 2);
  });

  test('GIVEN deployFirewall false WHEN planned THEN no endpoint or processing cost', () => {
    const p = CapacityPlan.forAgents({ ...base, agents: 50, deployFirewall: false });
    expect(p.costLines.some((c) => /Firewall/.test(c.item))).toBe(false);
    expect(p.firewall.endpoints).toBe(0);
  });

  test('GIVEN a plan WHEN read as JSON THEN bandwidthMbps and monthlyCostUsd are numbers and every source has a url and a date', () => {
    const j = CapacityPlan.forAgents({ ...base, agents: 500 }).toJson();
    expect(typeof j.bandwidthMbps).toBe('number');
    expect(typeof j.monthlyCostUsd).toBe('number');
    expect(j.sources.length).toBeGreaterThan(3);
    for (const s of j.sources) {
      expect(s.url).toMatch(/^https:\/\//);
      expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const c of j.costs) expect(j.sources.map((s: { url: string }) => s.url)).toContain(c.sourceUrl);
  });

  test.each([
    [{ agents: 0 }, /^agents must be a whole number from 1 to 1000000, got 0$/],
    [{ agents: 2.5 }, /^agents must be a whole number.*got 2.5$/],
    [{ agents: 10, concurrency: 1.5 }, /^concurrency must be a share from 0 to 1.*got 1.5$/],
    [{ agents: 10, videoShare: -0.1 }, /^videoShare must be a share from 0 to 1.*got -0.1$/],
    [{ agents: 10, dualCallShare: NaN }, /^dualCallShare must be a share.*got NaN$/],
    [{ agents: 10, screenRecordingShare: 2 }, /^screenRecordingShare must be a share/],
    [{ agents: 10, headroomShare: 6 }, /^headroomShare must be a share from 0 to 5/],
    [{ agents: 10, busyHoursPerMonth: 800 }, /^busyHoursPerMonth must be a number of hours from 0 to 730/],
    [{ agents: 10, region: 'eu-west-9' }, /^region /],
    [{ agents: 10, location: 'NOPE1' }, /^location 'NOPE1' is not in the Direct Connect location snapshot/],
    [{ agents: 1_000_000, videoShare: 1 }, /^agents 1000000 needs .* Mbps on each path, more than the largest dedicated port/],
  ])('GIVEN %j WHEN planned THEN it throws naming the prop', (over, message) => {
    expect(() => CapacityPlan.forAgents({ ...base, ...over } as never)).toThrow(message);
  });
});

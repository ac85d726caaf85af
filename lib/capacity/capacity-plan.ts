/**
 * `CapacityPlan`: from a number of agents to a bandwidth, a port or hosted-connection speed per path, a rate limit,
 * the utilization alarm's threshold, the prefix-list and Network Firewall capacity the stack reserves, and a monthly
 * cost estimate. Pure: it reads the fact tables (agent bandwidth, prices, Direct Connect speeds, resiliency models,
 * prefix-list sizing, firewall capacity rules) and the same sizing functions the constructs call; no aws-cdk-lib.
 *
 * Longer than 400 lines on purpose: one public class and the structs of its result, each documented for jsii
 * users; the facts are in agent-bandwidth.ts and prices.ts, and the sizing rules stay with the constructs that use them.
 */
import { AGENT_BANDWIDTH, AgentBandwidthFact, FactSource } from './agent-bandwidth';
import {
  ALARM_MONTH, DASHBOARD_MONTH, DEDICATED_PORT_HOUR, FIREWALL_ENDPOINT_HOUR, FIREWALL_GB_PROCESSED, HOSTED_PORT_HOUR,
  HOURS_PER_MONTH, PriceRow, SECRET_MONTH, TRANSFER_OUT_FALLBACK, TRANSFER_OUT_PER_GB,
} from './prices';
import { ConnectEndpointCatalog } from '../connect-endpoints/catalog';
import { checkProps } from '../private/prop-types';
import { AllowListMode } from '../connect-endpoints/endpoint-types';
import { DX_FACTS } from '../facts/direct-connect-limits';
import { NetworkFirewallLimits, RuleGroupCapacity } from '../facts/firewall-limits';
import { ContinentGroup } from '../locations/continent-groups';
import { DirectConnectLocation } from '../locations/direct-connect-location';
import { DEFAULT_UTILIZATION_ALARM_PERCENT } from '../facts/direct-connect-metrics';
import { DEFAULT_HEADROOM_PERCENT, sizeFor } from '../facts/prefix-list-limits';
import { SIZING, SIZING_COLUMNS, SIZING_SOURCE } from '../facts/prefix-list-sizing.generated';
import { fail, show } from '../private/fail';
import { ResiliencyModel } from '../resiliency/resiliency-model';

/** What to size for. */
export interface CapacityPlanProps {
  /** Number of agents (logged-in workstations): a whole number from 1 to 1,000,000. */
  readonly agents: number;
  /** The Amazon Connect instance Region, e.g. `eu-west-2`. */
  readonly region: string;
  /** The Direct Connect location code of the first path, e.g. `THNO2` (the snapshot's table). */
  readonly location: string;
  /**
   * The resiliency model; every path must carry the whole load when the others are down.
   * @default ResiliencyModel.HIGH
   */
  readonly resiliency?: ResiliencyModel;
  /**
   * Share of the agents on a call at the same time, 0 to 1.
   * @default 1 - every agent at once (AWS's figure is per connected workstation)
   */
  readonly concurrency?: number;
  /**
   * Share of the agents on a call who carry a second call at the same time, 0 to 1.
   * @default 0
   */
  readonly dualCallShare?: number;
  /**
   * Share of the agents on a call who are on a video call, 0 to 1.
   * @default 0
   */
  readonly videoShare?: number;
  /**
   * Share of the agents on a call whose screen is recorded (Contact Lens screen recording), 0 to 1.
   * @default 0
   */
  readonly screenRecordingShare?: number;
  /**
   * Spare bandwidth on top of the peak, as a share of the peak, 0 to 5.
   * @default 0.3
   */
  readonly headroomShare?: number;
  /**
   * Hours a month the agents are on calls at the peak rate (for data transfer and firewall processing).
   * @default 176 - 8 hours a day, 22 days
   */
  readonly busyHoursPerMonth?: number;
  /**
   * Whether the stack creates IPv6 prefix lists too (the stack's `ipv6`).
   * @default false
   */
  readonly ipv6?: boolean;
  /**
   * Whether the stack deploys the Network Firewall (`deployFirewall`); the rule groups and policy are reserved either way.
   * @default true
   */
  readonly deployFirewall?: boolean;
}

/** One line of the bandwidth estimate. */
export interface BandwidthLine {
  /** `audio`, `dualCall`, `video` or `screenRecording`. */
  readonly id: string;
  /** What it is for. */
  readonly what: string;
  /** AWS's figure, kilobits per second per agent using it. */
  readonly kbpsPerAgent: number;
  /** Agents counted for it. */
  readonly agents: number;
  /** Megabits per second it adds to the peak. */
  readonly mbps: number;
  /** The page the figure comes from. */
  readonly sourceUrl: string;
}

/** One managed prefix list the stack creates, and its size. */
export interface PrefixListSize {
  /** `<service>-<family>`, e.g. `AMAZON_CONNECT-ipv4`. */
  readonly selector: string;
  /** Prefixes published today for the Region (the embedded sizing table). */
  readonly currentEntries: number;
  /** MaxEntries the stack sets. */
  readonly maxEntries: number;
}

/** The Network Firewall capacity the stack's rule groups reserve. */
export interface FirewallCapacityPlan {
  /** Domains on the allow list. */
  readonly domains: number;
  /** Capacity the domain list needs. */
  readonly domainListNeed: number;
  /** Capacity reserved for the domain list (fixed at creation). */
  readonly domainListCapacity: number;
  /** Rules of the IP rule group (one per prefix list reference or literal CIDR list). */
  readonly ipRuleGroupNeed: number;
  /** Capacity reserved for the IP rule group. */
  readonly ipRuleGroupCapacity: number;
  /** Stateful capacity the policy references in total. */
  readonly totalStatefulCapacity: number;
  /** The default quota it must stay under. */
  readonly policyStatefulLimit: number;
  /** Firewall endpoints (one per Availability Zone), 0 without the firewall. */
  readonly endpoints: number;
}

/** One line of the monthly cost estimate. */
export interface CostLine {
  /** What is billed. */
  readonly item: string;
  /** How many units a month. */
  readonly quantity: number;
  /** The unit (`port-hour`, `GB`, ...). */
  readonly unit: string;
  /** USD per unit. */
  readonly unitUsd: number;
  /** USD a month. */
  readonly monthlyUsd: number;
  /** The price's page. */
  readonly sourceUrl: string;
  /** When the price was read (YYYY-MM-DD). */
  readonly sourceDate: string;
}

/** A source the plan's figures come from. */
export interface PlanSource {
  /** Where. */
  readonly url: string;
  /** When it was read (YYYY-MM-DD). */
  readonly date: string;
  /** Which figures it gives. */
  readonly what: string;
}

const DEFAULTS = { concurrency: 1, share: 0, headroom: 0.3, busyHours: 176 };
/**
 * Where rate limiters apply: "only supported on Dedicated connections. Hosted connections are always rate-limited to
 * the purchased capacity." (What's New, 2026-06). The Direct Connect facts table gains a rateLimit row with the
 * allowed values when the rate limit prop lands; this plan then reads it.
 */
const RATE_LIMITERS: FactSource = {
  url: 'https://aws.amazon.com/about-aws/whats-new/2026/06/aws-direct-connect-now-supports-vif-rate-limiters/', date: '2026-12-07', note: '',
};
/** Alarms the monitoring adds for each path (connection state, BGP state and prefixes, light levels, utilization). */
const ALARMS_PER_PATH = 6;
/** An alias placeholder: the domain allow list holds the alias's hosts, so only their number matters here. */
const ALIAS_FOR_COUNTING = 'your-alias';

/**
 * A capacity and cost plan for an Amazon Connect contact centre over Direct Connect, from an agent count.
 *
 * ```ts
 * const plan = CapacityPlan.forAgents({ agents: 500, region: 'eu-west-2', location: 'THNO2' });
 * plan.bandwidthMbps;   // 65 (500 agents x 100 kbps, + 30 %)
 * plan.portSpeed;       // '100Mbps' (hosted) - each of the model's paths
 * plan.monthlyCostUsd;  // the estimate, from the dated price table
 * ```
 */
export class CapacityPlan {
  /** Plans for the given agents, Region, location and resiliency model. Throws naming the prop for bad input. */
  public static forAgents(props: CapacityPlanProps): CapacityPlan {
    checkProps('CapacityPlanProps', props);
    return new CapacityPlan(props);
  }

  /** Agents planned for. */
  public readonly agents: number;
  /** The Amazon Connect Region. */
  public readonly region: string;
  /** The Direct Connect location (as given). */
  public readonly location: string;
  /** The resiliency model's name. */
  public readonly resiliency: string;
  /** The peak bandwidth the agents need, without headroom, in Mbps. */
  public readonly peakMbps: number;
  /** The bandwidth to provision on each path: the peak plus headroom, in Mbps. */
  public readonly bandwidthMbps: number;
  /** The lines of the bandwidth estimate. */
  public readonly bandwidthLines: BandwidthLine[];
  /** Paths (connections, each with a public virtual interface) of the resiliency model. */
  public readonly paths: number;
  /** `dedicated` or `hosted`: the cheaper connection type that fits. */
  public readonly connectionType: string;
  /** The speed of each path, e.g. `1Gbps`. */
  public readonly portSpeed: string;
  /** The smallest dedicated speed that fits. */
  public readonly dedicatedSpeed: string;
  /**
   * The smallest hosted speed that fits.
   * @default - none: the bandwidth is above the largest hosted speed
   */
  public readonly hostedSpeed?: string;
  /**
   * The virtual interface rate limit (bandwidth allocation) to set on each path, e.g. `1Gbps`.
   * @default - none on a hosted connection: it is always limited to its purchased capacity
   */
  public readonly rateLimit?: string;
  /** The utilization alarm's threshold, percent of the rate limit (or of the port without one). */
  public readonly utilizationAlarmPercent: number;
  /** The utilization alarm's threshold in Mbps. */
  public readonly utilizationAlarmMbps: number;
  /** The managed prefix lists the stack creates (DOMAINS mode) and their MaxEntries. */
  public readonly prefixLists: PrefixListSize[];
  /** The Network Firewall capacity the stack reserves. */
  public readonly firewall: FirewallCapacityPlan;
  /** Data leaving AWS over Direct Connect each month, GB. */
  public readonly transferOutGb: number;
  /** The monthly cost estimate, line by line. */
  public readonly costLines: CostLine[];
  /** The monthly cost estimate, USD. */
  public readonly monthlyCostUsd: number;
  /** What the plan assumes, in words. */
  public readonly assumptions: string[];
  /** Every source of a figure used, with the date read. */
  public readonly sources: PlanSource[];

  private constructor(props: CapacityPlanProps) {
    checkAgents(props.agents);
    const concurrency = share('concurrency', props.concurrency, DEFAULTS.concurrency, 1);
    const dual = share('dualCallShare', props.dualCallShare, DEFAULTS.share, 1);
    const video = share('videoShare', props.videoShare, DEFAULTS.share, 1);
    const recording = share('screenRecordingShare', props.screenRecordingShare, DEFAULTS.share, 1);
    const headroom = share('headroomShare', props.headroomShare, DEFAULTS.headroom, 5);
    const busyHours = props.busyHoursPerMonth ?? DEFAULTS.busyHours;
    if (typeof busyHours !== 'number' || !Number.isFinite(busyHours) || busyHours < 0 || busyHours > HOURS_PER_MONTH) {
      fail('busyHoursPerMonth', `must be a number of hours from 0 to ${HOURS_PER_MONTH}, got ${show(busyHours)}`);
    }
    let catalog: ConnectEndpointCatalog;
    try {
      catalog = ConnectEndpointCatalog.forRegion(props.region, { instanceAlias: ALIAS_FOR_COUNTING });
    } catch (e) {
      fail('region', (e as Error).message.replace(/^region /, ''));
    }
    const location = DirectConnectLocation.of(props.location);
    const model = props.resiliency ?? ResiliencyModel.HIGH;
    const sources = new Sources();

    this.agents = props.agents;
    this.region = catalog.region;
    this.location = props.location;
    this.resiliency = model.name;

    // 1. Bandwidth: AWS's per-agent figures times the agents using each.
    const onCall = props.agents * concurrency;
    const line = (f: AgentBandwidthFact, agents: number): BandwidthLine => {
      sources.add(f.source, `${f.what}: ${f.kbps} kbps`);
      return { id: f.id, what: f.what, kbpsPerAgent: f.kbps, agents: round(agents, 2), mbps: round((agents * f.kbps) / 1000, 3), sourceUrl: f.source.url };
    };
    this.bandwidthLines = [
      line(AGENT_BANDWIDTH.audio, onCall),
      ...(dual > 0 ? [line(AGENT_BANDWIDTH.dualCall, onCall * dual)] : []),
      ...(video > 0 ? [line(AGENT_BANDWIDTH.video, onCall * video)] : []),
      ...(recording > 0 ? [line(AGENT_BANDWIDTH.screenRecording, onCall * recording)] : []),
    ];
    this.peakMbps = round(this.bandwidthLines.reduce((s, l) => s + l.mbps, 0), 3);
    this.bandwidthMbps = round(this.peakMbps * (1 + headroom), 3);

    // 2. Ports: every path carries the whole load alone (that is what the model's failover promises).
    this.paths = model.connectionCount(model.minLocations);
    const dedicated = smallestFitting(DX_FACTS.dedicatedBandwidths.values, this.bandwidthMbps);
    if (dedicated === undefined) {
      fail('agents', `${props.agents} needs ${this.bandwidthMbps} Mbps on each path, more than the largest dedicated port ` +
        `(${DX_FACTS.dedicatedBandwidths.values[DX_FACTS.dedicatedBandwidths.values.length - 1]}); plan a LAG or split the agents`);
    }
    const hosted = smallestFitting(DX_FACTS.hostedBandwidths.values, this.bandwidthMbps);
    this.dedicatedSpeed = dedicated;
    this.hostedSpeed = hosted;
    const hostedCheaper = hosted !== undefined && HOSTED_PORT_HOUR[hosted].usd < DEDICATED_PORT_HOUR[dedicated].usd;
    this.connectionType = hostedCheaper ? 'hosted' : 'dedicated';
    this.portSpeed = hostedCheaper ? hosted! : dedicated;
    const portPrice = hostedCheaper ? HOSTED_PORT_HOUR[hosted!] : DEDICATED_PORT_HOUR[dedicated];

    // 3. Rate limit (dedicated only: a hosted connection is always limited to its purchased capacity): the smallest
    //    supported bandwidth value that holds the planned bandwidth, never above the port.
    const rateValues = [...new Set([...DX_FACTS.hostedBandwidths.values, ...DX_FACTS.dedicatedBandwidths.values])]
      .filter((v) => mbpsOf(v) <= mbpsOf(this.portSpeed));
    this.rateLimit = hostedCheaper ? undefined : smallestFitting(rateValues, this.bandwidthMbps) ?? this.portSpeed;
    sources.add(RATE_LIMITERS, 'virtual interface rate limiters: dedicated connections only');
    this.utilizationAlarmPercent = DEFAULT_UTILIZATION_ALARM_PERCENT;
    this.utilizationAlarmMbps = round((mbpsOf(this.rateLimit ?? this.portSpeed) * DEFAULT_UTILIZATION_ALARM_PERCENT) / 100, 3);
    sources.add({ url: DX_FACTS.dedicatedBandwidths.source.split('; ').pop()!, date: DX_FACTS.dedicatedBandwidths.read, note: '' },
      `dedicated speeds ${DX_FACTS.dedicatedBandwidths.values.join(', ')}`);
    sources.add({ url: DX_FACTS.hostedBandwidths.source, date: DX_FACTS.hostedBandwidths.read, note: '' },
      `hosted speeds ${DX_FACTS.hostedBandwidths.values.join(', ')}`);

    // 4. Prefix lists and firewall capacity, from the same tables and rules the constructs use.
    this.prefixLists = prefixListsFor(this.region, props.ipv6 === true);
    sources.add({ url: SIZING_SOURCE.url, date: SIZING_SOURCE.createDate.slice(0, 10), note: '' },
      `prefix-list sizes (ip-ranges.json syncToken ${SIZING_SOURCE.syncToken})`);
    const endpoints = props.deployFirewall === false ? 0 : NetworkFirewallLimits.MIN_AVAILABILITY_ZONES;
    this.firewall = firewallFor(catalog, props.ipv6 === true ? 2 : 1, endpoints);
    sources.add({ url: 'https://docs.aws.amazon.com/network-firewall/latest/developerguide/nwfw-rule-group-capacity.html', date: '2026-11-22', note: '' },
      'rule group capacity rules and limits');

    // 5. Cost.
    this.transferOutGb = round((this.peakMbps * busyHours * 3600) / 8 / 1000, 1);
    const dto = transferOutRate(this.region, location.region);
    const lines: CostLine[] = [];
    const cost = (item: string, quantity: number, price: PriceRow) => {
      sources.add(price.source, `${price.unit} prices`);
      lines.push({
        item, quantity: round(quantity, 1), unit: price.unit, unitUsd: price.usd, monthlyUsd: round(quantity * price.usd, 2),
        sourceUrl: price.source.url, sourceDate: price.source.date,
      });
    };
    cost(`${this.paths} x ${this.connectionType} ${this.portSpeed} port`, this.paths * HOURS_PER_MONTH, portPrice);
    cost(`data transfer out ${this.region} -> ${location.code} (${location.region})`, this.transferOutGb, dto);
    if (endpoints > 0) {
      cost(`${endpoints} Network Firewall endpoints`, endpoints * HOURS_PER_MONTH, FIREWALL_ENDPOINT_HOUR);
      cost('Network Firewall traffic processed (both directions)', 2 * this.transferOutGb, FIREWALL_GB_PROCESSED);
    }
    cost(`BGP MD5 key secrets (one per virtual interface)`, this.paths, SECRET_MONTH);
    cost(`CloudWatch alarms (about ${ALARMS_PER_PATH} per path)`, ALARMS_PER_PATH * this.paths, ALARM_MONTH);
    cost('CloudWatch dashboard', 1, DASHBOARD_MONTH);
    this.costLines = lines;
    this.monthlyCostUsd = round(lines.reduce((s, l) => s + l.monthlyUsd, 0), 2);

    this.assumptions = [
      `${round(concurrency * 100, 1)}% of the ${props.agents} agents on a call at once (${round(onCall, 2)} agents)` +
        `${dual > 0 ? `, ${round(dual * 100, 1)}% of them on two calls` : ''}${video > 0 ? `, ${round(video * 100, 1)}% on video` : ''}` +
        `${recording > 0 ? `, ${round(recording * 100, 1)}% screen-recorded` : ''}`,
      'per-agent figures are per direction; Direct Connect ports are full duplex, so a port must carry the busier direction',
      `${round(headroom * 100, 1)}% headroom on top of the peak`,
      `${model.name} resiliency: ${this.paths} paths, each sized to carry the whole load alone when the others are down`,
      `${this.connectionType} ports because they are the cheaper fit (dedicated ${dedicated} at $${DEDICATED_PORT_HOUR[dedicated].usd}/h` +
        `${hosted ? `, hosted ${hosted} at $${HOSTED_PORT_HOUR[hosted].usd}/h plus the Partner's fee` : ''}); the stack's resiliency ` +
        'models order dedicated ports (a hosted connection is attached with existingConnectionId)',
      `every location of the model is priced like ${location.code}; port prices outside Japan`,
      this.rateLimit === undefined
        ? 'no rate limit: VIF rate limiters are for dedicated connections; a hosted connection is limited to its purchased capacity'
        : `rate limit: the smallest Direct Connect bandwidth value at or above ${this.bandwidthMbps} Mbps (allowed values assumed to be the connection speeds)`,
      `utilization alarm at the monitoring default of ${DEFAULT_UTILIZATION_ALARM_PERCENT}% of the ${this.rateLimit === undefined ? 'port' : 'rate limit'}`,
      `${busyHours} busy hours a month at the peak rate for data transfer and firewall processing; data transfer in is free`,
      dto === TRANSFER_OUT_FALLBACK ? `no data transfer row for ${this.region} -> ${location.region}: the highest published rate is used`
        : `data transfer out at $${dto.usd}/GB (${ContinentGroup.ofRegion(this.region).name} to ${ContinentGroup.ofRegion(location.region).name})`,
      endpoints > 0 ? `Network Firewall in ${endpoints} Availability Zones, traffic processed once each way (us-east-1 list prices)`
        : 'no Network Firewall deployed (deployFirewall false): the rule groups and policy cost nothing by themselves',
      `prefix lists and firewall rules in DOMAINS mode${props.ipv6 === true ? ' with IPv6' : ' (IPv4 only, the stack default)'}; ` +
        `MaxEntries with the default ${DEFAULT_HEADROOM_PERCENT}% headroom`,
      'not included: cross-connects, colocation, the Partner\'s fees, tax, Amazon Connect usage, VPC and Transit Gateway charges',
    ];
    this.sources = sources.list();
  }

  /** The plan as plain JSON (what `cdk-connect-dx plan --json` prints). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- plain JSON, `any` in the jsii API (Python dict, Java Object)
  public toJson(): any {
    return {
      agents: this.agents, region: this.region, location: this.location, resiliency: this.resiliency,
      peakMbps: this.peakMbps, bandwidthMbps: this.bandwidthMbps, bandwidth: this.bandwidthLines,
      paths: this.paths, connectionType: this.connectionType, portSpeed: this.portSpeed,
      dedicatedSpeed: this.dedicatedSpeed, hostedSpeed: this.hostedSpeed ?? null,
      rateLimit: this.rateLimit ?? null, utilizationAlarm: { percent: this.utilizationAlarmPercent, mbps: this.utilizationAlarmMbps },
      prefixLists: this.prefixLists, firewall: this.firewall, transferOutGb: this.transferOutGb,
      costs: this.costLines, monthlyCostUsd: this.monthlyCostUsd, assumptions: this.assumptions, sources: this.sources,
    };
  }
}

function checkAgents(agents: number): void {
  if (typeof agents !== 'number' || !Number.isInteger(agents) || agents < 1 || agents > 1_000_000) {
    fail('agents', `must be a whole number from 1 to 1000000, got ${show(agents)}`);
  }
}

function share(prop: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    fail(prop, `must be a share from 0 to ${max} (e.g. 0.25 for 25%), got ${show(value)}`);
  }
  return value;
}

/** `50Mbps` -> 50, `10Gbps` -> 10000. */
export function mbpsOf(speed: string): number {
  const m = /^(\d+)(M|G)bps$/.exec(speed);
  if (!m) fail('speed', `must look like 50Mbps or 10Gbps, got ${show(speed)}`);
  return Number(m[1]) * (m[2] === 'G' ? 1000 : 1);
}

function smallestFitting(speeds: readonly string[], mbps: number): string | undefined {
  return [...speeds].sort((a, b) => mbpsOf(a) - mbpsOf(b)).find((s) => mbpsOf(s) >= mbps);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function prefixListsFor(region: string, ipv6: boolean): PrefixListSize[] {
  const selectors = ipv6 ? ['AMAZON_CONNECT-ipv4', 'AMAZON_CONNECT-ipv6'] : ['AMAZON_CONNECT-ipv4'];
  return selectors.map((selector) => {
    const column = (SIZING_COLUMNS as readonly string[]).indexOf(selector);
    const row = SIZING[region];
    const current = row ? row[column] : Math.max(...Object.values(SIZING).map((r) => r[column]));
    return { selector, currentEntries: current, maxEntries: sizeFor(current, DEFAULT_HEADROOM_PERCENT) };
  });
}

/**
 * The capacity `ConnectDomainAllowList` and `ConnectIpRuleGroup` reserve for this catalog by default: the need from
 * `RuleGroupCapacity` (domains x target types + target types; one rule per prefix list reference or literal CIDR
 * list), with `RuleGroupCapacity.withHeadroom`. DOMAINS mode needs one IP rule group (at most 5 references).
 */
function firewallFor(catalog: ConnectEndpointCatalog, families: number, endpoints: number): FirewallCapacityPlan {
  const domains = catalog.firewallDomains().length;
  const types = RuleGroupCapacity.DOMAIN_TARGET_TYPES.length;
  const domainListNeed = RuleGroupCapacity.domainListNeed(domains, types);
  const domainListCapacity = RuleGroupCapacity.withHeadroom(domainListNeed, NetworkFirewallLimits.MAX_STATEFUL_CAPACITY);
  const ipRuleGroupNeed = catalog.ipRuleRequirements(AllowListMode.DOMAINS)
    .reduce((n, req) => n + (req.cidrs !== undefined ? 1 : families), 0);
  const ipRuleGroupCapacity = RuleGroupCapacity.withHeadroom(ipRuleGroupNeed, NetworkFirewallLimits.MAX_STATEFUL_CAPACITY);
  return {
    domains, domainListNeed, domainListCapacity, ipRuleGroupNeed, ipRuleGroupCapacity,
    totalStatefulCapacity: domainListCapacity + ipRuleGroupCapacity,
    policyStatefulLimit: NetworkFirewallLimits.MAX_POLICY_STATEFUL_CAPACITY,
    endpoints,
  };
}

function transferOutRate(region: string, locationRegion: string): PriceRow {
  const from = ContinentGroup.ofRegion(region).name;
  const to = ContinentGroup.ofRegion(locationRegion).name;
  return TRANSFER_OUT_PER_GB.find((r) => r.fromGroup === from && r.toGroup === to) ?? TRANSFER_OUT_FALLBACK;
}

/** The sources used, one entry per (url, date), with what each gave. */
class Sources {
  private readonly byKey = new Map<string, { url: string; date: string; what: string[] }>();

  public add(source: FactSource, what: string): void {
    const key = `${source.url} ${source.date}`;
    const entry = this.byKey.get(key) ?? { url: source.url, date: source.date, what: [] };
    if (!entry.what.includes(what)) entry.what.push(what);
    this.byKey.set(key, entry);
  }

  public list(): PlanSource[] {
    return [...this.byKey.values()].map((e) => ({ url: e.url, date: e.date, what: e.what.join('; ') }));
  }
}

/**
 * `cdk-connect-dx plan`: the capacity and cost plan for a number of agents (`CapacityPlan`), as text or JSON.
 * Sends nothing anywhere: every figure comes from the library's dated fact tables.
 */
import { FlagSpec, helpText, oneOf, parseFlags, UsageError } from '../args';
import { SUMMARIES } from '../summaries';
import { CliIo, CommandEntry, writeJson } from '../io';
import { CapacityPlan, CapacityPlanProps } from '../../capacity/capacity-plan';
import { ConnectEndpointCatalog } from '../../connect-endpoints/catalog';
import { ResiliencyModel } from '../../resiliency/resiliency-model';

const COMMAND = 'plan';
const SUMMARY = SUMMARIES.plan;

/** Flag -> the library prop it sets (messages from the library name the prop; the CLI names the flag). */
const SHARE_FLAGS: ReadonlyArray<readonly [string, keyof CapacityPlanProps, string]> = [
  ['concurrency', 'concurrency', 'share of the agents on a call at once, 0-1 (default 1)'],
  ['dual-call', 'dualCallShare', 'share of the agents on a call who carry a second call, 0-1 (default 0)'],
  ['video', 'videoShare', 'share of the agents on a call who are on video, 0-1 (default 0)'],
  ['screen-recording', 'screenRecordingShare', 'share of the agents on a call whose screen is recorded, 0-1 (default 0)'],
];

const SPECS: FlagSpec[] = [
  { name: 'agents', kind: 'string', value: 'N', required: true, help: 'number of agents (logged-in workstations), a whole number from 1' },
  { name: 'region', kind: 'string', value: 'REGION', required: true, help: `the Amazon Connect Region: ${ConnectEndpointCatalog.knownRegions().join(', ')}` },
  { name: 'location', kind: 'string', value: 'CODE', required: true, help: 'the Direct Connect location of the first path, e.g. THNO2 (see `locations`)' },
  { name: 'resiliency', kind: 'string', value: 'MODEL', help: 'MAXIMUM, HIGH or DEVELOPMENT (default HIGH)' },
  ...SHARE_FLAGS.map(([name, , help]): FlagSpec => ({ name, kind: 'string', value: 'SHARE', help })),
  { name: 'headroom', kind: 'string', value: 'SHARE', help: 'spare bandwidth on top of the peak, 0-5 (default 0.3)' },
  { name: 'busy-hours', kind: 'string', value: 'H', help: 'hours a month at the peak rate, for data transfer and firewall processing, 0-730 (default 176)' },
  { name: 'ipv6', kind: 'boolean', help: 'the stack creates IPv6 prefix lists too' },
  { name: 'no-firewall', kind: 'boolean', help: 'the stack does not deploy the Network Firewall (deployFirewall false)' },
  { name: 'json', kind: 'boolean', help: 'print one JSON document instead of text' },
];

const SHARE = /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/;

function agentsFlag(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000) {
    throw new UsageError(`--agents must be a whole number from 1 to 1000000, got '${value}'`);
  }
  return Number(value);
}

function shareFlag(flag: string, value: string, max = 1): number {
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || !Number.isFinite(n) || n < 0 || n > max || (max === 1 && !SHARE.test(value))) {
    throw new UsageError(`--${flag} must be a share from 0 to ${max}, e.g. 0.25 for 25%, got '${value}'`);
  }
  return n;
}

/** The checked props, or undefined for --help. */
export function planProps(argv: string[]): { props: CapacityPlanProps; json: boolean } | undefined {
  const flags = parseFlags(COMMAND, argv, SPECS);
  if (flags.help) return undefined;
  const s = flags.strings;
  const shares: Record<string, number> = {};
  for (const [flag, prop] of SHARE_FLAGS) if (s[flag] !== undefined) shares[prop] = shareFlag(flag, s[flag]);
  const busy = s['busy-hours'];
  if (busy !== undefined && (!/^\d+(\.\d+)?$/.test(busy) || Number(busy) > 730)) {
    throw new UsageError(`--busy-hours must be a number of hours from 0 to 730, got '${busy}'`);
  }
  const props: CapacityPlanProps = {
    agents: agentsFlag(s.agents),
    region: oneOf('region', s.region, ConnectEndpointCatalog.knownRegions()),
    location: s.location,
    resiliency: ResiliencyModel.fromName(oneOf('resiliency', (s.resiliency ?? 'HIGH').toUpperCase(), ResiliencyModel.all().map((m) => m.name))),
    ...shares,
    headroomShare: s.headroom === undefined ? undefined : shareFlag('headroom', s.headroom, 5),
    busyHoursPerMonth: busy === undefined ? undefined : Number(busy),
    ipv6: flags.booleans.ipv6 === true,
    deployFirewall: flags.booleans['no-firewall'] !== true,
  };
  return { props, json: flags.booleans.json === true };
}

const usd = (n: number, max = 2) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: max })}`;

/** The plan as text. */
export function renderPlanText(p: CapacityPlan): string {
  const out: string[] = [];
  out.push(`Capacity plan: ${p.agents} agents, Amazon Connect in ${p.region}, Direct Connect at ${p.location}, ${p.resiliency} resiliency`, '');
  out.push('Bandwidth (AWS per-agent figures)');
  for (const l of p.bandwidthLines) {
    out.push(`  ${l.id.padEnd(16)}${String(l.agents).padStart(9)} agents x ${String(l.kbpsPerAgent).padStart(4)} kbps = ${String(l.mbps).padStart(9)} Mbps   ${l.sourceUrl}`);
  }
  out.push(`  peak ${p.peakMbps} Mbps; with headroom ${p.bandwidthMbps} Mbps on each path`, '');
  out.push('Ports');
  out.push(`  ${p.paths} paths x ${p.connectionType} ${p.portSpeed} (smallest dedicated that fits: ${p.dedicatedSpeed}; hosted: ${p.hostedSpeed ?? 'none fits'})`);
  out.push(p.rateLimit === undefined
    ? '  rate limit: none (a hosted connection is limited to its purchased capacity; VIF rate limiters are for dedicated ports)'
    : `  rate limit on each public virtual interface: ${p.rateLimit}`);
  out.push(`  utilization alarm: above ${p.utilizationAlarmPercent}% of ${p.rateLimit ?? `the ${p.portSpeed} port`} = ${p.utilizationAlarmMbps} Mbps`, '');
  out.push('Capacity the stack reserves');
  for (const l of p.prefixLists) out.push(`  prefix list ${l.selector}: MaxEntries ${l.maxEntries} (${l.currentEntries} published today)`);
  const f = p.firewall;
  out.push(`  Network Firewall domain allow list: capacity ${f.domainListCapacity} (need ${f.domainListNeed}: ${f.domains} domains)`);
  out.push(`  Network Firewall IP rule group: capacity ${f.ipRuleGroupCapacity} (need ${f.ipRuleGroupNeed})`);
  out.push(`  stateful capacity in the policy: ${f.totalStatefulCapacity} of ${f.policyStatefulLimit}`, '');
  out.push(`Monthly cost estimate (USD, ${p.transferOutGb} GB out a month)`);
  const width = Math.max(...p.costLines.map((c) => c.item.length));
  for (const c of p.costLines) {
    out.push(`  ${c.item.padEnd(width)}  ${String(c.quantity).padStart(9)} ${c.unit.padEnd(15)} x ${usd(c.unitUsd, 4).padStart(7)} = ${usd(c.monthlyUsd).padStart(10)}`);
  }
  out.push(`  ${'total'.padEnd(width)}  ${''.padStart(35)}${usd(p.monthlyCostUsd).padStart(10)}`, '');
  out.push('Assumptions');
  for (const a of p.assumptions) out.push(`  - ${a}`);
  out.push('', 'Sources');
  for (const s of p.sources) out.push(`  ${s.url} (read ${s.date}): ${s.what}`);
  return out.join('\n') + '\n';
}

/** Runs `plan`. */
export async function plan(argv: string[], io: CliIo): Promise<number> {
  const checked = planProps(argv);
  if (checked === undefined) {
    io.out(helpText(COMMAND, `${SUMMARY}.\n\nEvery figure comes from the library's dated tables (AWS's per-agent bandwidth, ` +
      'Direct Connect and Network Firewall prices, the prefix-list and firewall sizing the stack uses); the sources are printed. ' +
      'Nothing is sent anywhere. Exit 0, or 2 on bad usage.', SPECS));
    return 0;
  }
  let p: CapacityPlan;
  try {
    p = CapacityPlan.forAgents(checked.props);
  } catch (e) {
    // the library names the prop; the CLI user gave a flag
    const message = (e as Error).message;
    const prop = /^(\w+) /.exec(message)?.[1];
    const flag = SHARE_FLAGS.find(([, name]) => name === prop)?.[0]
      ?? ({ headroomShare: 'headroom', busyHoursPerMonth: 'busy-hours' } as Record<string, string>)[prop ?? ''] ?? prop;
    throw new UsageError(`--${flag}${message.slice((prop ?? '').length)}`);
  }
  if (checked.json) writeJson(io, p.toJson());
  else io.out(renderPlanText(p));
  return 0;
}

/** The subcommand entry for `commands.ts`. */
export const planEntry: CommandEntry = { summary: SUMMARY, run: plan };

/**
 * THE rule table of the house: which folder of `lib/` sits on which floor and which folders it may import.
 * `test/architecture/layering.test.ts` checks the TypeScript import graph of `lib/` against it, and checks that the
 * table in `docs/ARCHITECTURE.md` is the one rendered from here (so the page cannot drift from the rules).
 *
 * Floors, bottom to top:
 *   0 facts      one table per fact, with its source URL and read date; imports nothing but other facts and
 *                `private/fail` (for the error helper)
 *   1 pure       functions of facts and user intent; no aws-cdk-lib at run time (the CLI and handlers bundle them)
 *   2 renderers / constructs   text renderers (pure) and CDK constructs
 *   3 stack      composes the constructs
 *   4 entry      `index.ts` (re-exports only), the CLI, the Lambda handlers
 * A folder imports only folders listed for it (and its own files); a fact file may be imported from any floor.
 */

/** One folder of `lib/` (or `index` for `lib/index.ts`). */
export interface ModuleRule {
  /** 0 facts, 1 pure, 2 renderers/constructs, 3 stack, 4 entry. */
  readonly floor: 0 | 1 | 2 | 3 | 4;
  /** Pure: no file reachable from it through run-time imports may import aws-cdk-lib or constructs. */
  readonly pure: boolean;
  /** The other folders it may import (fact files excepted: those may be imported from anywhere). */
  readonly mayImport: readonly string[];
  /** What lives there, one line, for docs/ARCHITECTURE.md. */
  readonly what: string;
}

export const MODULES: Readonly<Record<string, ModuleRule>> = {
  'facts': {
    floor: 0, pure: true, mayImport: [],
    what: 'the fact tables several folders read (limits, communities, metrics, partitions, prefix-list sizing), each with its source URL and read date',
  },
  'private': {
    floor: 1, pure: false, mayImport: [],
    what: 'helpers not exported: errors (fail/show/warn), CIDR math, token checks, text rules, nag acknowledgements',
  },
  'ip-ranges': {
    floor: 1, pure: true, mayImport: ['private'],
    what: 'parse and validate ip-ranges.json, select by service and Region, exact CIDR aggregation (IPv4, IPv6)',
  },
  'connect-endpoints': {
    floor: 1, pure: true, mayImport: ['ip-ranges', 'private'],
    what: 'the Amazon Connect endpoint catalog (facts in catalog-data.ts) and its text exports (Suricata, PAC, CSV)',
  },
  'locations': {
    floor: 1, pure: true, mayImport: ['ip-ranges', 'private'],
    what: 'Direct Connect locations (facts in location-data.generated.ts), continent groups, scope from (location, Region) pairs',
  },
  'resiliency': {
    floor: 2, pure: false, mayImport: ['direct-connect', 'locations', 'monitoring', 'private'],
    what: 'AWS resiliency models (facts in facts.ts), fan-out and failover intent (pure), ResilientDirectConnect (construct, watches every path)',
  },
  'direct-connect': {
    floor: 2, pure: false, mayImport: ['locations', 'private'],
    what: 'constructs: connection, LAG, public virtual interface, BGP MD5 key; never imports router-config',
  },
  'router-config': {
    floor: 2, pure: true, mayImport: ['direct-connect', 'locations', 'resiliency', 'ip-ranges', 'private'],
    what: 'renderers of the customer router configuration: validated model (plan.ts), shared text, one file per vendor',
  },
  'firewall': {
    floor: 2, pure: false, mayImport: ['connect-endpoints', 'ip-ranges', 'prefix-lists', 'private'],
    what: 'constructs: Network Firewall rule groups, policy, firewall (limits in facts/firewall-limits.ts)',
  },
  'prefix-lists': {
    floor: 2, pure: false, mayImport: ['connect-endpoints', 'ip-ranges', 'private'],
    what: 'construct: managed prefix lists, sync function + triggers, first fill, alarms (handler code is an asset)',
  },
  'monitoring': {
    floor: 2, pure: false, mayImport: ['direct-connect', 'private'],
    what: 'construct: Direct Connect alarms and dashboard on AWS/DX metrics (the metric facts in facts/direct-connect-metrics.ts)',
  },
  'example-app': {
    floor: 2, pure: true, mayImport: ['connect-endpoints', 'direct-connect', 'ip-ranges', 'locations', 'private'],
    what: 'the example app\'s context keys, defaults and parser, checked with the constructs\' own rules (bin/ is the thin entry)',
  },
  'capacity': {
    floor: 2, pure: true, mayImport: ['connect-endpoints', 'locations', 'prefix-lists', 'resiliency', 'private'],
    what: 'CapacityPlan: bandwidth, ports, rate limit, reserved capacity and monthly cost from an agent count (facts in agent-bandwidth.ts, prices.ts)',
  },
  'doctor': {
    floor: 2, pure: true, mayImport: ['connect-endpoints', 'ip-ranges', 'locations', 'private'],
    what: 'the doctor: agent-network checks and probes for the CLI (DNS, TLS, STUN codec, route and NAT); the command is cli/commands/doctor.ts',
  },
  'stack': {
    floor: 3, pure: false,
    mayImport: ['connect-endpoints', 'direct-connect', 'firewall', 'ip-ranges', 'locations', 'monitoring', 'prefix-lists',
      'resiliency', 'router-config', 'private'],
    what: 'ConnectDirectConnectStack: everything composed, with outputs',
  },
  'index': {
    floor: 4, pure: false,
    mayImport: ['capacity', 'connect-endpoints', 'direct-connect', 'firewall', 'ip-ranges', 'locations', 'monitoring', 'prefix-lists',
      'resiliency', 'router-config', 'stack'],
    what: 'lib/index.ts: the public API, re-exports only',
  },
  'handlers': {
    floor: 4, pure: true, mayImport: ['ip-ranges', 'monitoring', 'private'],
    what: 'Lambda handler source, bundled into assets/ (SDK v3 clients); never exported',
  },
  'cli': {
    floor: 4, pure: true,
    mayImport: ['capacity', 'connect-endpoints', 'direct-connect', 'doctor', 'example-app', 'handlers', 'ip-ranges', 'locations',
      'monitoring', 'resiliency', 'router-config', 'private'],
    what: 'the cdk-connect-dx CLI: one file per subcommand in commands/ (registered in commands.ts), plumbing beside it, bundled into assets/cli',
  },
};

/**
 * Fact tables (floor 0): importable from any folder. Each imports nothing but other facts and `private/fail.ts`.
 * Paths relative to `lib/`.
 */
export const FACT_FILES: readonly string[] = [
  'facts/amazon-connect-snapshot.generated.ts',
  'facts/bgp-community.ts',
  'facts/direct-connect-limits.ts',
  'facts/direct-connect-metrics.ts',
  'facts/firewall-limits.ts',
  'facts/partitions.ts',
  'facts/prefix-list-limits.ts',
  'facts/prefix-list-sizing.generated.ts',
  'facts/shortest-prefixes.ts',
  'capacity/agent-bandwidth.ts',
  'capacity/prices.ts',
];

/**
 * Imports the rules would refuse, each allowed with its reason until it is moved. Keep this list short: an entry
 * is a debt, not a rule. Paths relative to `lib/`.
 */
export const EXCEPTIONS: ReadonlyArray<{ readonly from: string; readonly to: string; readonly reason: string }> = [];

/** What a fact file may import besides other fact files. */
export const FACT_FILE_MAY_IMPORT: readonly string[] = ['private/fail.ts'];

/** Packages that make a file CDK-side (a pure folder must not reach them at run time). */
export const CDK_PACKAGES: readonly string[] = ['aws-cdk-lib', 'constructs'];

/** Renders the table for docs/ARCHITECTURE.md (between the `layers:begin` / `layers:end` markers). */
export function renderLayerTable(): string {
  const floorName = ['0 facts', '1 pure', '2 renderers/constructs', '3 stack', '4 entry'];
  const rows = Object.entries(MODULES)
    .sort(([a, x], [b, y]) => x.floor - y.floor || a.localeCompare(b))
    .map(([name, r]) => `| \`${name}\` | ${floorName[r.floor]}${r.pure ? ', no aws-cdk-lib' : ''} | `
      + `${r.mayImport.length ? r.mayImport.map((m) => `\`${m}\``).join(', ') : '(facts only)'} | ${r.what} |`);
  return [
    '| folder | floor | may import | what lives there |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `Fact files, importable from every floor: ${FACT_FILES.map((f) => `\`lib/${f}\``).join(', ')}.`,
  ].join('\n');
}

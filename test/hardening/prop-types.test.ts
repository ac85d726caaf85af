/**
 * Issue 11: a plain-JavaScript caller who passes a string where an array is expected (or a number for a string, a
 * name for an enum-like object) gets an error naming the property, never `TypeError: x.forEach is not a function`.
 * Table-driven over every property of every struct a public entry point takes, read from API.md, so a new prop or
 * a new entry point without the check fails here.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import {
  BgpAuthKey, CapacityPlan, ConnectDirectConnectStack, ConnectDirectConnectStage, DirectConnectMonitoring, ConnectDomainAllowList, ConnectEndpointCatalog, ConnectFeature, ConnectFirewall,
  ConnectFirewallPolicy, ConnectFirewallRules, ConnectIpRuleGroup, ConnectPrefixLists, ConnectStatelessReturnRules,
  DedicatedConnection, DirectConnectConnection, MacsecKey, MacsecKeyAssociation, DirectConnectLocation, LinkAggregationGroup, PublicVirtualInterface,
  RegionPairScope, ResilientDirectConnect, RouterConfiguration, RouterVendor,
} from '../../lib';
import { PROP_SHAPES } from '../../lib/private/prop-shapes.generated';
import { JSII_ASSEMBLY, toolAvailable } from '../helpers/tools';

const ROOT = join(__dirname, '..', '..');
type Invoke = (props: any) => unknown;
const stack = () => new Stack(new App(), 'S', { env: { region: 'us-east-1' } });
const catalog = () => ConnectEndpointCatalog.forRegion('us-east-1');

/** Each struct a public entry point takes, and how to call that entry point with it. */
const ENTRIES: Record<string, Invoke> = {
  ConnectDirectConnectStackProps: (p) => new ConnectDirectConnectStack(new App(), 'Dx', p),
  ConnectDomainAllowListProps: (p) => new ConnectDomainAllowList(stack(), 'X', p),
  ConnectFirewallProps: (p) => new ConnectFirewall(stack(), 'X', p),
  ConnectFirewallPolicyProps: (p) => new ConnectFirewallPolicy(stack(), 'X', p),
  ConnectFirewallRulesProps: (p) => new ConnectFirewallRules(stack(), 'X', p),
  ConnectIpRuleGroupProps: (p) => new ConnectIpRuleGroup(stack(), 'X', p),
  ConnectPrefixListsProps: (p) => new ConnectPrefixLists(stack(), 'X', p),
  ConnectStatelessReturnRulesProps: (p) => new ConnectStatelessReturnRules(stack(), 'X', p),
  DedicatedConnectionProps: (p) => new DedicatedConnection(stack(), 'X', p),
  LinkAggregationGroupProps: (p) => new LinkAggregationGroup(stack(), 'X', p),
  PublicVirtualInterfaceProps: (p) => new PublicVirtualInterface(stack(), 'X', p),
  ResilientDirectConnectProps: (p) => new ResilientDirectConnect(stack(), 'X', p),
  ConnectionImportOptions: (p) => DirectConnectConnection.fromConnectionId(stack(), 'X', 'dxcon-fgq3d2ab', p),
  LagImportOptions: (p) => DirectConnectConnection.fromLagId(stack(), 'X', 'dxlag-ffq3d2ab', p),
  BgpAuthKeyGenerateOptions: (p) => BgpAuthKey.generate(p),
  ConnectEndpointCatalogOptions: (p) => ConnectEndpointCatalog.forRegion('us-east-1', p),
  SuricataExportOptions: (p) => catalog().toSuricataRules(p),
  PacExportOptions: (p) => catalog().toPac(p),
  CatalogJsonOptions: (p) => catalog().toJson(p),
  GlobalResiliencyOptions: (p) => ConnectFeature.globalResiliency(p),
  RouterConfigurationProps: (p) => RouterConfiguration.render(RouterVendor.FRR, p),
  FailoverConfigurationProps: (p) => RouterConfiguration.renderFailover(RouterVendor.FRR, p),
  RouterConfigurationOptions: (p) => RouterConfiguration.fromVirtualInterface({} as PublicVirtualInterface, p),
  // the check comes before the instance is used
  ConnectDirectConnectStageProps: (p) => new ConnectDirectConnectStage(new App(), 'Stage', p),
  PublicVirtualInterfaceAttributes: (p) => PublicVirtualInterface.fromVirtualInterfaceAttributes(stack(), 'X', p),
  CapacityPlanProps: (p) => CapacityPlan.forAgents(p),
  DirectConnectMonitoringProps: (p) => new DirectConnectMonitoring(stack(), 'X', p),
  MacsecKeyAssociationProps: (p) => new MacsecKeyAssociation(stack(), 'X', p),
  MacsecSecretOptions: (p) => MacsecKey.fromSecretArn('arn:aws:secretsmanager:us-east-1:123456789012:secret:dx-AbCdEf', p),
  ResilientMonitoringOptions: (p) => ResilientDirectConnect.prototype.addMonitoring.call({} as ResilientDirectConnect, 'M', p),
};

/** Entry points not wired yet, with the reason (none today). */
const NOT_WIRED: Record<string, string> = {};

/** Struct types of every parameter of every public constructor and method in API.md. */
function parameterStructs(): Set<string> {
  const api = readFileSync(join(ROOT, 'API.md'), 'utf8');
  const found = new Set<string>();
  for (const m of api.matchAll(/id="cdk-connect-dx\.\w+\.\w+\.parameter\.\w+"><\/a>\n\n- \*Type:\* <a href="#cdk-connect-dx\.(\w+)">/g)) {
    if (PROP_SHAPES[m[1]]) found.add(m[1]);
  }
  return found;
}

/** Every (struct, invoker, path prefix) reachable from ENTRIES, nested structs included. */
function cases(): Array<{ struct: string; invoke: Invoke; prefix: string }> {
  const out: Array<{ struct: string; invoke: Invoke; prefix: string }> = [];
  const visit = (struct: string, invoke: Invoke, prefix: string, depth: number) => {
    out.push({ struct, invoke, prefix });
    if (depth > 2) return;
    for (const [prop, kind] of Object.entries(PROP_SHAPES[struct])) {
      const nested = kind.match(/^!?(array:)?struct:(\w+)$/);
      if (!nested) continue;
      const inArray = nested[1] !== undefined;
      visit(nested[2], (p) => invoke({ [prop]: inArray ? [p] : p }), `${prefix}${prop}${inArray ? '[0]' : ''}.`, depth + 1);
    }
  };
  for (const [struct, invoke] of Object.entries(ENTRIES)) visit(struct, invoke, '', 0);
  return out;
}

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
}

const ALL = cases();
const rows = (pick: (kind: string) => boolean) => ALL.flatMap(({ struct, invoke, prefix }) =>
  Object.entries(PROP_SHAPES[struct]).map(([prop, spec]) => ({ path: `${prefix}${prop}`, struct, prop, kind: spec.replace(/^!/, ''), required: spec.startsWith('!'), invoke }))
    .filter((r) => pick(r.kind)));
const ARRAY_ROWS = rows((k) => k.startsWith('array'));

describe('prop types from plain JavaScript', () => {
  test('GIVEN the jsii assembly WHEN prop-shapes.generated.ts is regenerated THEN it is unchanged', () => {
    // a fresh clone has no .jsii until `npm run build`: a named skip, or a failure under CI=true (CI builds first)
    if (!toolAvailable(JSII_ASSEMBLY)) return;
    expect(() => execFileSync('node', [join(ROOT, 'scripts', 'generate-prop-shapes.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  test('GIVEN every struct a public entry point takes WHEN listed THEN each has a checked entry (or a stated reason)', () => {
    const missing = [...parameterStructs()].filter((s) => !ENTRIES[s] && !NOT_WIRED[s]
      && !ALL.some((c) => c.struct === s));
    expect(missing).toEqual([]);
    // and the table covers the array props the issue names
    expect(ARRAY_ROWS.map((r) => r.path)).toEqual(expect.arrayContaining(['routeFilterPrefixes', 'agentCidrs', 'homeNet',
      'resiliency.locations', 'inboundPrefixes', 'connectRegions', 'resiliency.peerAddresses']));
    expect(ARRAY_ROWS.length).toBeGreaterThanOrEqual(40);
    console.log(`type-check table: ${ALL.length} structs reached, ${ARRAY_ROWS.length} array props`);
  });

  test.each(ARRAY_ROWS.map((r) => [`${r.struct}: ${r.path}`, r] as const))(
    'GIVEN %s as a string WHEN the entry point runs THEN the error names it and asks for an array', (_name, row) => {
      const message = messageOf(() => row.invoke({ [row.prop]: '203.0.113.0/24' }));
      expect(message).toBe(`${row.path} must be an array (a list), got '203.0.113.0/24' (a string); for one value write ['203.0.113.0/24']`);
    });

  test.each(rows((k) => k === 'array:string').map((r) => [r.path, r] as const))(
    'GIVEN %s with a number element WHEN the entry point runs THEN the element is named', (_name, row) => {
      expect(messageOf(() => row.invoke({ [row.prop]: [42] }))).toBe(`${row.path}[0] must be a string, got 42 (a number)`);
    });

  test.each(rows((k) => k === 'string' || k === 'number' || k === 'boolean' || k.startsWith('object:')).map((r) => [r.path, r] as const))(
    'GIVEN %s of the wrong JavaScript type WHEN the entry point runs THEN the error names it', (_name, row) => {
      const wrong = row.kind === 'string' ? 42 : row.kind === 'number' ? '101' : row.kind === 'boolean' ? 'false' : 'DOMAINS';
      const expected = row.kind.startsWith('object:') ? `${row.path} must be a ${row.kind.slice(7)} object, got 'DOMAINS' (a string)`
        : `${row.path} must be a ${row.kind}, got ${typeof wrong === 'string' ? `'${wrong}'` : wrong} (a ${typeof wrong})`;
      expect(messageOf(() => row.invoke({ [row.prop]: wrong }))).toBe(expected);
    });

  test('GIVEN a string for connectRegions WHEN deriving a scope THEN the parameter is named', () => {
    expect(messageOf(() => RegionPairScope.derive('us-east-1', 'us-east-1' as any)))
      .toBe("connectRegions must be an array (a list), got 'us-east-1' (a string); for one value write ['us-east-1']");
    expect(messageOf(() => DirectConnectLocation.of('EqDC2').scopeFor('us-east-1' as any))).toMatch(/^connectRegions must be an array/);
  });

  test('GIVEN props that are not an object WHEN a construct is created THEN props is named', () => {
    expect(messageOf(() => new ConnectFirewallPolicy(stack(), 'X', 'arn:x' as any)))
      .toBe("props must be an object (ConnectFirewallPolicyProps), got 'arn:x' (a string)");
  });

  test('GIVEN well-typed props and tokens WHEN checked THEN nothing is refused by the type check', () => {
    const s = stack();
    const lists = new ConnectPrefixLists(s, 'Lists', {});
    expect(() => new ConnectFirewallRules(s, 'Rules', {
      catalog: catalog(), agentCidrs: ['10.20.0.0/16'], amazonConnectPrefixLists: lists.amazonConnectPrefixLists,
    })).not.toThrow();
  });

  test.each(Object.keys(ENTRIES).filter((st) => Object.values(PROP_SHAPES[st]).some((k) => k.startsWith('!'))))(
    'GIVEN %s without its required properties WHEN the entry point runs THEN the first one is named as required', (struct) => {
      const first = Object.entries(PROP_SHAPES[struct]).find(([, k]) => k.startsWith('!'))![0];
      expect(messageOf(() => ENTRIES[struct]({}))).toMatch(new RegExp(`^${first} is required \\(.+\\), got undefined$`));
    });
});

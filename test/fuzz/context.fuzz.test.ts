/**
 * Property-based test (fast-check, seed 11, bounded runs) over the example app's context parser
 * `readExampleConfig(lookup)`. For any context (a random subset of the keys the parser knows, each with a valid value,
 * a near-valid one, nasty text or an odd cdk.json value): either a config whose values come from the input (or the
 * embedded defaults), or a ContextError naming a context key (`context key '<key>'`) and showing its value; never a
 * TypeError or any other crash. A few accepted configs are built into the real stack and synthesized in-process.
 * The issue's repros (issue 11) are checked one by one in test/bin/context-refusals.test.ts; here they are fed to the
 * property as fixed examples.
 */
import { App } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { nasty, SEED } from './nasty';
import { buildExampleStack, refusalLine } from '../../bin/example-stack';
import { CONTEXT_KEYS, ContextError, ContextKey, DEFAULTS, ExampleConfig, readExampleConfig } from '../../lib/example-app/context';
import { showValue } from '../../lib/example-app/values';
import { show } from '../../lib/private/fail';

const RUNS = 1000;
/** How many accepted configs are built into the stack and synthesized (slow: about a second each). */
const BUILDS = 3;

type Context = Record<string, unknown>;

const LAG_ARN = (region: string) => `arn:aws:directconnect:${region}:123456789012:dxlag/dxlag-ffabc123`;

/** Values each key takes (each alone, over the defaults; some only with other keys, which the generator also gives). */
const VALID: Record<ContextKey, readonly string[]> = {
  region: ['us-east-1', 'us-west-2', 'eu-west-2', 'eu-central-1', 'ap-southeast-2', 'us-gov-west-1', 'eu-west-1'],
  connectRegions: ['eu-west-2', 'us-east-1', 'us-west-2', 'us-east-1,us-west-2'],
  account: ['123456789012', '210987654321'],
  instanceAlias: ['example-contact-centre', 'acme-cc', 'cc1'],
  replicaAlias: ['example-contact-centre-west', 'acme-cc-replica'],
  connectionId: ['dxcon-fgq3d2ab', 'dxlag-ffabc123', LAG_ARN('us-east-1'), LAG_ARN('eu-west-2'), 'arn:aws:directconnect:us-east-1:123456789012:dxcon/dxcon-fgq3d2ab'],
  location: ['EqDC2', 'CSVA1', 'EqLD5', 'NEWSITE1'],
  locationRegion: ['us-east-1', 'eu-west-1'],
  bandwidth: ['1Gbps', '10Gbps', '100Gbps', '400Gbps'],
  macsec: ['true', 'false'],
  vlan: ['1', '101', '4094'],
  asn: ['65000', '64512', '64600', '4200000000'],
  customerAddress: ['198.51.100.1/31', '192.0.2.1/30'],
  amazonAddress: ['198.51.100.0/31', '192.0.2.2/30'],
  routeFilterPrefixes: ['203.0.113.0/24', '192.0.2.0/24, 198.51.100.0/24', '203.0.113.0/24,2001:db8::/48'],
  ipv6: ['true', 'false'],
  communityScope: ['REGION', 'CONTINENT', 'GLOBAL'],
  allowListMode: ['DOMAINS', 'IP_RANGES'],
  agentCidrs: ['10.0.0.0/16', '10.1.0.0/16,10.2.0.0/16', '172.16.0.0/12', '2001:db8::/48'],
  statelessFirewall: ['true', 'false'],
  deployFirewall: ['true', 'false'],
  signInMode: ['NEW', 'SAML', 'LEGACY_AWSAPPS'],
  endpointSets: ['CURRENT', 'LEGACY', 'LEGACY,CURRENT'],
  features: ['', 'VIDEO_CALLING', 'VIDEO_CALLING, SCREEN_RECORDING', 'SCHEDULING_UPLOADS'],
  attachmentsBucket: ['chat-files', 'my-bucket-1'],
  globalResiliencySource: ['us-east-1', 'us-west-2'],
  globalResiliencyInstanceId: ['12345678-aaaa-bbbb-cccc-123456789012'],
  resiliency: ['MAXIMUM', 'HIGH', 'DEVELOPMENT'],
  locations: ['EqDC2,CSVA1', 'EqDC2, CSVA1', 'EqDC2,CSVA1,EqLD5'],
  peerAddressPool: ['198.51.100.0/29', '198.51.100.0/28'],
  acknowledgeCrossContinent: ['true', 'false'],
  acknowledgeLocationOutsideStackRegion: ['true', 'false'],
  hosted: ['true', 'false'],
  firewallVpcCidr: ['172.31.255.0/24', '10.255.0.0/24'],
  acknowledgeWarnings: ['', 'broadWildcards', 'cdk-connect-dx:broadWildcards,placeholder-asn'],
  nagPacks: ['AwsSolutions', 'AwsSolutions,NIST.800.53.R5', 'HIPAA.Security,PCI.DSS.321'],
  macsecKey: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:dx-macsec-AbCdEf'],
  macsecEncryptionMode: ['should_encrypt', 'must_encrypt', 'no_encrypt'],
  rateLimit: ['500Mbps', '1Gbps', '50Mbps'],
};

/**
 * The keys each mode starts from (a new connection: none; an existing connection; a resiliency model; a Global
 * Resiliency pair), so that the keys of a mode meet each other and the other keys; their values are generated too.
 */
const MODES: readonly (readonly ContextKey[])[] = [
  [],
  ['connectionId'],
  ['connectionId', 'bandwidth', 'account'],
  ['resiliency', 'locations', 'peerAddressPool'],
  ['globalResiliencySource', 'globalResiliencyInstanceId'],
  ['globalResiliencySource', 'globalResiliencyInstanceId', 'replicaAlias'],
];

/** A valid value with one thing wrong: a character changed, commas, spaces, case, a huge length, token markers, a line break. */
function nearValid(key: ContextKey): fc.Arbitrary<unknown> {
  const valid = fc.constantFrom(...VALID[key]);
  const char = fc.constantFrom('a', 'Z', '0', '9', '-', ',', ' ', '.', '/', ':', '_', '\u00a0', 'é', '"', "'", '\\', '\n', '\t');
  return fc.oneof(
    fc.tuple(valid, fc.nat(), char).map(([v, i, c]) => v === '' ? c : v.slice(0, i % v.length) + c + v.slice(i % v.length + 1)),
    fc.tuple(valid, fc.nat(), char).map(([v, i, c]) => v.slice(0, i % (v.length + 1)) + c + v.slice(i % (v.length + 1))),
    valid.chain((v) => fc.constantFrom(`${v},`, `,${v}`, `${v},,`, `${v}, ,`, `${v},${v}`, ` ${v} `, ` ${v}`, `${v} x`, v.toUpperCase(), v.toLowerCase(), '')),
    fc.tuple(valid, fc.integer({ min: 2, max: 1200 }), fc.constantFrom('', ',')).map(([v, n, sep]) => Array(n).fill(v).join(sep)),
    fc.constant('A'.repeat(5000)),
    valid.chain((v) => fc.constantFrom(`${v}\${Token[`, `#{Token[${v}`, `\${Token[TOKEN.1]}`, '---', `${v}\n`, `${v}\r\nforged line`, `-${v}`)),
  );
}

/** What cdk.json may hold besides text (numbers, booleans, lists, objects), and a few values JSON cannot. */
const odd: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(), fc.double(), fc.boolean(), fc.constantFrom(0, -0, 1e21, 101, 65000, NaN, Infinity, -1.8881545897087626e+289, null, undefined),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
  fc.constantFrom<unknown>(10n, Symbol('x'), { resolve: () => 'x' }),
);

function valueOf(key: ContextKey): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...VALID[key]), weight: 10 },
    { arbitrary: nearValid(key), weight: 3 },
    { arbitrary: nasty, weight: 1 },
    { arbitrary: odd, weight: 1 },
  );
}

/** A context: the keys of one of the modes and a random subset of the others, each with a generated value. */
const context: fc.Arbitrary<Context> = fc.tuple(fc.constantFrom(...MODES), fc.subarray([...CONTEXT_KEYS], { maxLength: 5 }))
  .chain(([mode, keys]) => fc.tuple(...[...new Set([...mode, ...keys])].map((k) => valueOf(k).map((v) => [k, v] as const))))
  .map((entries) => Object.fromEntries(entries));

/** The issue's repros for the context (issue 11), each asserted on its own in test/bin/context-refusals.test.ts. */
const REPROS: Context[] = [
  { location: 'A'.repeat(5000) },
  { location: '---' },
  { connectionId: LAG_ARN('eu-west-1') },
  { routeFilterPrefixes: '203.0.113.0/24,,' },
  { agentCidrs: '2001:db8::/48', statelessFirewall: 'true' }, // the parser takes it; the stack refuses it naming agentCidrs
  { instanceAlias: 'x${Token[' },
];

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const trim = (s: string) => s.replace(/^ +| +$/g, '');
const given = (ctx: Context, key: string) => ctx[key] !== undefined && ctx[key] !== null;
/** A given value as the parser reads it: text, trimmed (numbers and booleans as their text). */
const textOf = (raw: unknown) => trim(typeof raw === 'string' ? raw : String(raw));

/** The ways a refusal of `key` may show its value: the value (given or default), trimmed, its items; as the parser or a construct shows them. */
function shownForms(ctx: Context, key: ContextKey): string[] {
  const raw = given(ctx, key) ? ctx[key] : DEFAULTS[key].value;
  if (raw === undefined) return ['got nothing'];
  const forms = [showValue(raw)];
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return forms;
  const text = textOf(raw);
  const items = text.split(',').map(trim);
  for (const v of [text, ...items]) {
    forms.push(showValue(v), show(v));
    if (v.length >= 3) forms.push(v); // e.g. "signInMode LEGACY_AWSAPPS is not available in ..."
    if (/^\d+$/.test(v)) forms.push(`got ${Number(v)}`); // checkVlan / checkAsn show the number
  }
  forms.push(`got ${items.length}`); // checkPrefixes: too many prefixes, shown as the count
  return forms;
}

function checkRefusal(ctx: Context, e: unknown): void {
  expect(e).toBeInstanceOf(ContextError);
  const error = e as ContextError;
  const named = /^context key '([A-Za-z0-9]+)'[ :]/.exec(error.message);
  expect(named).not.toBeNull();
  const key = named![1] as ContextKey;
  expect(CONTEXT_KEYS).toContain(key);
  expect(error.key).toBe(key);
  expect(error.message).not.toMatch(CONTROL);
  const forms = shownForms(ctx, key);
  if (!forms.some((f) => error.message.includes(f))) {
    throw new Error(`refusal naming ${key} does not show its value: ${error.message.slice(0, 300)}`);
  }
}

const LIST_KEYS = ['routeFilterPrefixes', 'agentCidrs', 'endpointSets', 'features', 'locations', 'connectRegions', 'acknowledgeWarnings', 'nagPacks'] as const;
const NUMBER_KEYS = ['vlan', 'asn'] as const;
const BOOLEAN_KEYS = ['macsec', 'ipv6', 'statelessFirewall', 'deployFirewall', 'acknowledgeCrossContinent', 'acknowledgeLocationOutsideStackRegion', 'hosted'] as const;

/** Every string in the config (the placeholders' descriptions aside). */
function stringsOf(config: ExampleConfig): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(config)) {
    if (k === 'placeholders') continue;
    if (typeof v === 'string') out.push(v);
    if (Array.isArray(v)) out.push(...v);
  }
  out.push(...config.placeholders.map((p) => p.value));
  return out;
}

function checkAccepted(ctx: Context, config: ExampleConfig): void {
  // every given key's value is the one returned, as the parser reads it
  for (const key of CONTEXT_KEYS) {
    if (!given(ctx, key)) continue;
    const text = textOf(ctx[key]);
    const got = (config as unknown as Record<string, unknown>)[key];
    if ((LIST_KEYS as readonly string[]).includes(key)) {
      expect(got).toEqual((key === 'features' || key === 'acknowledgeWarnings') && text === '' ? [] : text.split(',').map(trim));
    } else if ((NUMBER_KEYS as readonly string[]).includes(key)) {
      expect(got).toBe(Number(text));
    } else if ((BOOLEAN_KEYS as readonly string[]).includes(key)) {
      expect(got).toBe(text === 'true');
    } else {
      expect(got).toBe(text);
    }
  }
  // lists have no empty item and no item with spaces around it or a comma in it
  for (const key of LIST_KEYS) {
    for (const item of config[key] ?? []) expect(item).toMatch(/^[^ ,](.*[^ ,])?$/);
  }
  // every string returned comes from the input or the embedded defaults; none is a line break or a token marker
  const sources = [...CONTEXT_KEYS.filter((k) => given(ctx, k)).map((k) => textOf(ctx[k])),
    ...CONTEXT_KEYS.map((k) => DEFAULTS[k].value ?? '')];
  for (const s of stringsOf(config)) {
    expect(sources.some((src) => src.includes(s))).toBe(true);
    expect(s).not.toMatch(CONTROL);
    expect(s).not.toMatch(/[$#]\{Token\[/);
  }
  // placeholders are defaults only, of keys not given
  for (const p of config.placeholders) {
    expect(given(ctx, p.key)).toBe(false);
    expect(p.value).toBe(DEFAULTS[p.key].value);
  }
  // the modes exclude each other
  if (config.connectionId !== undefined) expect([config.location, config.resiliency, config.macsec]).toEqual([undefined, undefined, false]);
  if (config.resiliency !== undefined) expect([config.location, config.locations?.length !== undefined]).toEqual([undefined, true]);
  else expect(config.locations).toBeUndefined();
}

describe('example app context parser, fuzzed (seed 11)', () => {
  const accepted: { ctx: Context; config: ExampleConfig }[] = [];
  let refused = 0;

  test('any context: a config from the input, or a ContextError naming the key and showing its value; never a crash', () => {
    fc.assert(fc.property(context, (ctx) => {
      let config: ExampleConfig;
      try {
        config = readExampleConfig((key) => ctx[key]);
      } catch (e) {
        checkRefusal(ctx, e);
        refused++;
        return;
      }
      checkAccepted(ctx, config);
      accepted.push({ ctx, config });
    }), { seed: SEED, numRuns: RUNS, examples: REPROS.map((r) => [r]) });
    // the generator does not degenerate into all-accepted or all-refused
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  test(`${BUILDS} accepted configs build the real stack and synthesize, or are refused in one line naming a context key`, () => {
    // generated configs (the repros aside), spread over the run: deterministic with the seed
    const pool = accepted.filter((a) => !REPROS.includes(a.ctx));
    expect(pool.length).toBeGreaterThanOrEqual(BUILDS);
    const picked = Array.from({ length: BUILDS }, (_, i) => pool[Math.floor(((i + 0.5) * pool.length) / BUILDS)]);
    let synthesized = 0;
    for (const { config } of picked) {
      const app = new App();
      try {
        buildExampleStack(app, config);
        app.synth();
        synthesized++;
      } catch (e) {
        // a cross-key rule of the constructs (e.g. an IPv6-only agent network with the stateless rules): the app's one line
        const line = refusalLine(e, config);
        if (line === undefined) throw e;
        expect(line).toMatch(/^cdk-connect-dx example app: context key '[A-Za-z0-9]+'/);
      }
    }
    expect(synthesized).toBeGreaterThan(0);
  });
});

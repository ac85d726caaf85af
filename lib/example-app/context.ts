/**
 * The example app's context keys (`cdk synth -c key=value`): parsing and errors (the keys and their defaults are in
 * `./defaults.ts`). Pure: `bin/app.ts` reads the context and builds the stack from what this returns.
 *
 * Every key has an embedded default so that a plain `npx cdk synth` works on a fresh clone. Defaults that
 * are placeholders (documentation addresses, an example location and alias) are reported so the app can
 * raise a warning with an id for each; a bad or conflicting value is an error that names the key.
 */
import { CONTEXT_KEYS, ContextKey, DEFAULTS } from './defaults';
import { REGION_PATTERN } from '../ip-ranges/engine';

export { CONTEXT_KEYS, DEFAULTS } from './defaults';
export type { ContextDefault, ContextKey } from './defaults';

/** The parsed configuration of the example app. */
export interface ExampleConfig {
  readonly region: string;
  readonly account?: string;
  readonly instanceAlias: string;
  readonly connectionId?: string;
  readonly location?: string;
  /** The Region the connection's location is associated with, when given. */
  readonly locationRegion?: string;
  /** The new port's speed, or with `connectionId` the existing port's speed when given (else undefined). */
  readonly bandwidth?: string;
  readonly macsec: boolean;
  readonly vlan: number;
  readonly asn: number;
  readonly customerAddress: string;
  readonly amazonAddress: string;
  readonly routeFilterPrefixes: string[];
  readonly ipv6: boolean;
  /** REGION, CONTINENT or GLOBAL when given; undefined: derived by the stack. */
  readonly communityScope?: string;
  readonly allowListMode: string;
  readonly agentCidrs: string[];
  readonly statelessFirewall: boolean;
  readonly deployFirewall: boolean;
  readonly signInMode: string;
  readonly endpointSets: string[];
  /** VIDEO_CALLING, SCREEN_RECORDING, SCHEDULING_UPLOADS (the features that take no value). */
  readonly features: string[];
  readonly attachmentsBucket?: string;
  readonly globalResiliencySource?: string;
  readonly globalResiliencyInstanceId?: string;
  /** MAXIMUM, HIGH or DEVELOPMENT: build a resiliency model (locations, peerAddressPool) instead of one connection. */
  readonly resiliency?: string;
  readonly locations?: string[];
  readonly peerAddressPool?: string;
  /** Placeholder defaults in use: key and what it is. */
  readonly placeholders: { key: ContextKey; value: string; what: string }[];
}

/** Raised for a bad or conflicting context value; the message names the key and says how to set it. */
export class ContextError extends Error {
  constructor(key: string, value: unknown, allowed: string) {
    super(`context key '${key}' ${allowed}, got ${JSON.stringify(value)} (set it with -c ${key}=...)`);
    this.name = 'ContextError';
  }
}

type Lookup = (key: string) => unknown;

/** Dedicated port speeds the `bandwidth` key takes (DedicatedBandwidth.fromString accepts exactly these). */
const BANDWIDTHS = ['1Gbps', '10Gbps', '100Gbps', '400Gbps'];

function text(lookup: Lookup, key: ContextKey): { value: string | undefined; given: boolean } {
  const raw = lookup(key);
  if (raw === undefined || raw === null) return { value: DEFAULTS[key].value, given: false };
  if (typeof raw === 'number' || typeof raw === 'boolean') return { value: String(raw), given: true };
  if (typeof raw !== 'string') throw new ContextError(key, raw, 'must be a string');
  return { value: raw.trim(), given: true };
}

function bool(key: ContextKey, value: string | undefined): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ContextError(key, value, "must be 'true' or 'false'");
}

/** Parses a whole number; its range is checked by the construct that owns the fact (e.g. VLAN 1-4094). */
function int(key: ContextKey, value: string | undefined): number {
  if (value === undefined || !/^\d{1,10}$/.test(value)) throw new ContextError(key, value, 'must be a whole number (up to 10 digits)');
  return Number(value);
}

function list(key: ContextKey, value: string | undefined): string[] {
  const items = (value ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) throw new ContextError(key, value, 'must be a comma-separated list with at least one item');
  return items;
}

function choice(key: ContextKey, value: string | undefined, allowed: string[]): string {
  if (value === undefined || !allowed.includes(value)) throw new ContextError(key, value, `must be one of ${allowed.join(', ')}`);
  return value;
}

/** Reads and validates every context key. `lookup` is `app.node.tryGetContext`. */
export function readExampleConfig(lookup: Lookup): ExampleConfig {
  const placeholders: ExampleConfig['placeholders'] = [];
  const get = (key: ContextKey) => {
    const r = text(lookup, key);
    const d = DEFAULTS[key];
    if (!r.given && d.placeholder && r.value !== undefined) placeholders.push({ key, value: r.value, what: d.placeholder });
    return r;
  };

  const region = get('region').value!;
  if (!REGION_PATTERN.test(region)) throw new ContextError('region', region, 'must be an AWS Region code such as us-east-1');
  const account = get('account').value;
  if (account !== undefined && !/^\d{12}$/.test(account)) throw new ContextError('account', account, 'must be a 12-digit AWS account id');

  const connectionId = text(lookup, 'connectionId');
  const locationGiven = text(lookup, 'location');
  const bandwidthGiven = text(lookup, 'bandwidth');
  const macsecGiven = text(lookup, 'macsec');
  if (connectionId.given) {
    for (const [key, r] of [['location', locationGiven], ['macsec', macsecGiven]] as const) {
      if (r.given) {
        throw new ContextError(key, r.value, `conflicts with connectionId='${connectionId.value}': give either connectionId (an existing connection or LAG, with bandwidth = its port speed) or location + bandwidth + macsec (a new one), not both`);
      }
    }
    if (!/^((arn:aws[a-z-]*:directconnect:[a-z0-9-]+:[0-9]{12}:(dxcon\/dxcon|dxlag\/dxlag))|dx(con|lag))-[a-z0-9A-Z]{8,21}$/.test(connectionId.value ?? '')) {
      throw new ContextError('connectionId', connectionId.value, 'must be an existing connection or LAG id (dxcon-xxxxxxxx, dxlag-xxxxxxxx) or its ARN');
    }
  }
  const resiliency = text(lookup, 'resiliency');
  const locations = text(lookup, 'locations');
  const pool = text(lookup, 'peerAddressPool');
  if (resiliency.given) {
    choice('resiliency', resiliency.value, ['MAXIMUM', 'HIGH', 'DEVELOPMENT']);
    for (const [key, r] of [['connectionId', connectionId], ['location', locationGiven], ['customerAddress', text(lookup, 'customerAddress')], ['amazonAddress', text(lookup, 'amazonAddress')]] as const) {
      if (r.given) throw new ContextError(key, r.value, `is not used with resiliency=${resiliency.value}: the model orders its connections at 'locations' and carves the peer addresses from 'peerAddressPool'`);
    }
  } else {
    for (const [key, r] of [['locations', locations], ['peerAddressPool', pool]] as const) {
      if (r.given) throw new ContextError(key, r.value, 'is only used with resiliency (MAXIMUM, HIGH or DEVELOPMENT); set -c resiliency=... too');
    }
  }
  const location = connectionId.given || resiliency.given ? undefined : get('location').value;
  if (location !== undefined && !/^[a-zA-Z0-9-]+$/.test(location)) throw new ContextError('location', location, 'must be a Direct Connect location code (letters, digits, hyphens), e.g. EqDC2');
  // With connectionId, bandwidth is optional and is the existing port's speed (for a LAG, each member's): it feeds
  // existingConnectionBandwidth, so monitoring gets the utilization alarm. Without it, the new port's speed.
  const bandwidth = connectionId.given
    ? (bandwidthGiven.given ? choice('bandwidth', bandwidthGiven.value, BANDWIDTHS) : undefined)
    : choice('bandwidth', get('bandwidth').value, BANDWIDTHS);
  const macsec = connectionId.given ? false : bool('macsec', get('macsec').value);
  const locationRegion = get('locationRegion').value;
  if (locationRegion !== undefined && !REGION_PATTERN.test(locationRegion)) {
    throw new ContextError('locationRegion', locationRegion, 'must be an AWS Region code such as eu-west-1 (the Region the Direct Connect location is associated with; `cdk-connect-dx locations` prints it)');
  }
  const communityScope = get('communityScope').value;

  return {
    region,
    account,
    instanceAlias: get('instanceAlias').value!,
    connectionId: connectionId.given ? connectionId.value : undefined,
    location,
    locationRegion,
    bandwidth,
    macsec,
    vlan: int('vlan', get('vlan').value),
    asn: int('asn', get('asn').value),
    customerAddress: resiliency.given ? '' : get('customerAddress').value!,
    amazonAddress: resiliency.given ? '' : get('amazonAddress').value!,
    resiliency: resiliency.given ? resiliency.value : undefined,
    locations: resiliency.given ? (locations.value ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '') : undefined,
    peerAddressPool: resiliency.given ? pool.value : undefined,
    routeFilterPrefixes: list('routeFilterPrefixes', get('routeFilterPrefixes').value),
    ipv6: bool('ipv6', get('ipv6').value),
    communityScope: communityScope === undefined ? undefined : choice('communityScope', communityScope, ['REGION', 'CONTINENT', 'GLOBAL']),
    allowListMode: choice('allowListMode', get('allowListMode').value, ['DOMAINS', 'IP_RANGES']),
    agentCidrs: list('agentCidrs', get('agentCidrs').value),
    statelessFirewall: bool('statelessFirewall', get('statelessFirewall').value),
    deployFirewall: bool('deployFirewall', get('deployFirewall').value),
    signInMode: choice('signInMode', get('signInMode').value, ['NEW', 'LEGACY_AWSAPPS', 'SAML']),
    endpointSets: list('endpointSets', get('endpointSets').value).map((v) => choice('endpointSets', v, ['LEGACY', 'CURRENT'])),
    features: (get('features').value ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '')
      .map((f) => choice('features', f, ['VIDEO_CALLING', 'SCREEN_RECORDING', 'SCHEDULING_UPLOADS'])),
    attachmentsBucket: get('attachmentsBucket').value,
    ...globalResiliency(lookup),
    placeholders,
  };
}

/** The Global Resiliency pair keys: both or neither (the construct checks the pair itself). */
function globalResiliency(lookup: Lookup): { globalResiliencySource?: string; globalResiliencyInstanceId?: string } {
  const source = text(lookup, 'globalResiliencySource');
  const id = text(lookup, 'globalResiliencyInstanceId');
  if (source.given !== id.given) {
    const [key, r, other] = source.given ? ['globalResiliencySource', source, 'globalResiliencyInstanceId'] as const
      : ['globalResiliencyInstanceId', id, 'globalResiliencySource'] as const;
    throw new ContextError(key, r.value, `needs ${other} too (the source Region and the instance id name the Global Resiliency sign-in host)`);
  }
  return { globalResiliencySource: source.given ? source.value : undefined, globalResiliencyInstanceId: id.given ? id.value : undefined };
}

/**
 * Construct properties whose name differs from the context key that feeds them. The constructs validate the
 * values the context parser passes through (VLAN range, MACsec speed, ...) and name their own property.
 */
const PROPERTY_TO_KEY: Record<string, ContextKey> = {
  'env.region': 'region',
  'existingConnectionId': 'connectionId',
  'requestMacSec': 'macsec',
  'connectionsBandwidth': 'bandwidth',
  'attachments.bucket': 'attachmentsBucket',
  'globalResiliency.sourceRegion': 'globalResiliencySource',
  'globalResiliency.instanceId': 'globalResiliencyInstanceId',
};

/**
 * The context key behind a construct's validation message (`vlan must be ...`, `agentCidrs[0] must be ...`,
 * `requestMacSec can be true only ...`), or undefined when the property is not fed by a context key.
 */
export function contextKeyOf(message: string): ContextKey | undefined {
  const property = message.split(' ', 1)[0].replace(/\[\d+\]$/, '');
  if (property in PROPERTY_TO_KEY) return PROPERTY_TO_KEY[property];
  return (CONTEXT_KEYS as readonly string[]).includes(property) ? property as ContextKey : undefined;
}

/**
 * Context keys that belong to the CDK and its tools, never to this app: feature flags (`@aws-cdk/...`), the CLI's
 * own settings (`aws:cdk:...`, `aws-cdk:...`), cached lookups (`availability-zones:account=...:region=...`, every
 * provider key has a colon), `cdk-...` keys and acknowledged notices. They pass silently.
 */
export function isCdkContextKey(key: string): boolean {
  return key.startsWith('@') || key.includes(':') || key.startsWith('cdk-') || key.startsWith('cdk:')
    || key === 'acknowledged-issue-numbers';
}

/** Levenshtein distance of two strings, compared without case. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length];
}

/** The largest edit distance at which an unknown key is taken as a misspelt known key (an error, not a warning). */
export const MAX_MISSPELLING_DISTANCE = 3;

/** A given context key that is not one of CONTEXT_KEYS nor the CDK's. */
export interface UnknownContextKey {
  readonly key: string;
  /** The known key it is closest to, when it differs only by case or by at most MAX_MISSPELLING_DISTANCE edits. */
  readonly didYouMean?: ContextKey;
}

/** Sorts the given keys that this app does not know (CDK's own keys are left out), with the nearest known key. */
export function unknownContextKeys(given: Iterable<string>): UnknownContextKey[] {
  const known = CONTEXT_KEYS as readonly string[];
  const out: UnknownContextKey[] = [];
  for (const key of given) {
    if (known.includes(key) || isCdkContextKey(key)) continue;
    let best: { key: ContextKey; distance: number } | undefined;
    for (const k of CONTEXT_KEYS) {
      const d = editDistance(key, k); // case-insensitive: a key that differs only by case has distance 0
      if (d <= MAX_MISSPELLING_DISTANCE && (best === undefined || d < best.distance)) best = { key: k, distance: d };
    }
    out.push({ key, didYouMean: best?.key });
  }
  return out;
}

/** Raised when a given context key looks like a misspelling of a known key. */
export class MisspeltContextKeyError extends ContextError {
  constructor(misspelt: UnknownContextKey[]) {
    super(misspelt[0].key, undefined, '');
    this.message = misspelt.map((u) => `context key '${u.key}' is not a key of this app; did you mean '${u.didYouMean}'? (-c ${u.didYouMean}=...)`).join('; ')
      + `. Known keys: ${CONTEXT_KEYS.join(', ')}`;
    this.name = 'MisspeltContextKeyError';
  }
}

/**
 * Checks the keys of every context value given to the app (`app.node.getAllContext()`): a key that differs from a
 * known key only by case or by up to MAX_MISSPELLING_DISTANCE edits is an error naming the key meant; other unknown
 * keys are returned, for a warning each. CDK's own keys pass silently.
 */
export function checkContextKeys(given: Iterable<string>): string[] {
  const unknown = unknownContextKeys(given);
  const misspelt = unknown.filter((u) => u.didYouMean !== undefined);
  if (misspelt.length > 0) throw new MisspeltContextKeyError(misspelt);
  return unknown.map((u) => u.key);
}

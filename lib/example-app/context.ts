/**
 * The example app's context parser (`cdk synth -c key=value`): every key read and checked, every refusal naming its
 * key. The keys and their defaults are in `./defaults.ts`, the text rules every value shares in `./values.ts`.
 * Pure: `bin/app.ts` reads the context, calls `readExampleConfig` and builds the stack from what it returns.
 *
 * Longer than 400 lines on purpose: one reader per context key, in one place so every key and its refusal are read
 * together; the defaults and the shared text rules are already split out.
 *
 * Every key has an embedded default so that a plain `npx cdk synth` works on a fresh clone. Defaults that are
 * placeholders (documentation addresses, an example location and alias) are reported so the app can raise a warning
 * with an id for each; a bad or conflicting value is an error that names the key. The values the constructs check
 * (VLAN, ASN, peer addresses, prefixes, agent CIDRs, alias, features) are checked here with the constructs' own
 * rules, so a value that passes here is one the stack takes.
 */
import { ContextKey, DEFAULTS, NAG_PACKS } from './defaults';
import { contextKeyOf } from './keys';
import { bool, choice, contextText, ContextError, listItems, underKey, wholeNumber } from './values';
import { KNOWN_REGIONS } from '../connect-endpoints/catalog-data';
import { checkInstanceAlias, resolveOptions } from '../connect-endpoints/catalog-select';
import { resolveConnectRegions } from '../connect-endpoints/connect-regions';
import { EndpointSet } from '../connect-endpoints/endpoint-types';
import { ConnectFeature, SignInMode } from '../connect-endpoints/features';
import {
  checkAsn, checkPeerAddress, checkPeerPair, checkPrefixes, checkPrefixFamilies, checkVlan,
} from '../direct-connect/private/validate';
import { DX_FACTS } from '../facts/direct-connect-limits';
import { RateLimit } from '../direct-connect/rate-limit';
import { REGION_PATTERN } from '../ip-ranges/engine';
import { DirectConnectLocation } from '../locations/direct-connect-location';
import { partitionOfRegion } from '../facts/partitions';
import { ConnectDxValidationError } from '../private/fail';
import { checkCanonicalCidr, checkCidrList } from '../private/text-rules';

export { CONTEXT_KEYS, DEFAULTS, NAG_PACKS } from './defaults';
export type { ContextDefault, ContextKey } from './defaults';
export { ContextError } from './values';
export * from './keys';

/** The parsed configuration of the example app. */
export interface ExampleConfig {
  readonly region: string;
  /**
   * The Amazon Connect Regions as given (`connectRegions`), checked with the stack's rule; undefined: the stack's
   * Region, or with Global Resiliency the pair (the stack adds the pair's other Region either way).
   */
  readonly connectRegions?: string[];
  /** With Global Resiliency: the replica instance's alias. */
  readonly replicaAlias?: string;
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
  /** With resiliency: accept locations whose associated Regions are on different continents. */
  readonly acknowledgeCrossContinent: boolean;
  /** Accept a location associated with another Region than `region` (the constructs refuse it otherwise). */
  readonly acknowledgeLocationOutsideStackRegion: boolean;
  /** With connectionId: the existing connection is a hosted connection (then bandwidth is a hosted speed). */
  readonly hosted: boolean;
  /** With deployFirewall: the IPv4 CIDR of the new firewall VPC. */
  readonly firewallVpcCidr?: string;
  /** Warning ids to acknowledge, as given (with or without the `cdk-connect-dx:` prefix). */
  readonly acknowledgeWarnings: string[];
  /** The cdk-nag packs to run (NAG_PACKS), AwsSolutions by default. */
  readonly nagPacks: string[];
  /** ARN of the secret holding the MACsec CKN/CAK (in `region`), when given. */
  readonly macsecKey?: string;
  /** should_encrypt, must_encrypt or no_encrypt, when given (only with `macsecKey`). */
  readonly macsecEncryptionMode?: string;
  /** The virtual interface's rate limit as CloudFormation writes it (e.g. `500Mbps`), when given. */
  readonly rateLimit?: string;
  /** Placeholder defaults in use: key and what it is. */
  readonly placeholders: { key: ContextKey; value: string; what: string }[];
}

type Lookup = (key: string) => unknown;

/** Dedicated port speeds the `bandwidth` key takes (DedicatedBandwidth.fromString accepts exactly these). */
const BANDWIDTHS = [...DX_FACTS.dedicatedBandwidths.values];
/** Hosted connection speeds the `bandwidth` key takes with hosted=true (HostedBandwidth.fromString accepts exactly these). */
const HOSTED_BANDWIDTHS = [...DX_FACTS.hostedBandwidths.values];
/** A warning id of this library, with or without its `cdk-connect-dx:` prefix. */
const WARNING_ID = /^(?:cdk-connect-dx:)?([A-Za-z][A-Za-z0-9-]{0,99})$/;
const FEATURES = ['VIDEO_CALLING', 'SCREEN_RECORDING', 'SCHEDULING_UPLOADS'];
/** What the example app takes as the code of a location the snapshot lacks (with locationRegion): AWS's codes are 4-8 characters. */
const NEW_LOCATION_CODE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;

interface Given {
  readonly value: string | undefined;
  readonly given: boolean;
}

/** A key's text: the given value (checked by the shared text rules) or its embedded default. */
function text(lookup: Lookup, key: ContextKey): Given {
  const raw = lookup(key);
  if (raw === undefined || raw === null) return { value: DEFAULTS[key].value, given: false };
  return { value: contextText(key, raw), given: true };
}

/** Runs one of the constructs' rules on a value; a refusal is the error of the key the message traces to (else `key`). */
function byRule<T>(key: ContextKey, rule: () => T): T {
  try {
    return rule();
  } catch (e) {
    if (e instanceof ConnectDxValidationError) throw ContextError.fromRule(contextKeyOf(e.message) ?? key, e);
    throw e;
  }
}

/**
 * A location code: one of the snapshot's (`cdk-connect-dx locations` lists them), or, with `locationRegion`, the code
 * of a site the snapshot lacks (letters, digits and inner hyphens, up to 32 characters).
 */
function checkLocationCode(key: 'location' | 'locations', code: string, where: string, locationRegion: string | undefined): void {
  const allowed = `must be a Direct Connect location code from the location snapshot of ${DirectConnectLocation.SNAPSHOT_DATE}, `
    + 'e.g. EqDC2 (`cdk-connect-dx locations` lists them with their Regions)';
  if (NEW_LOCATION_CODE.test(code) && DirectConnectLocation.tryOf(code) !== undefined) return;
  if (locationRegion !== undefined && NEW_LOCATION_CODE.test(code)) return; // a site newer than the snapshot: its Region is given
  throw new ContextError(key, code, `${where}${allowed}; for a site the snapshot lacks, give its Region with -c locationRegion=... `
    + 'and a code of letters, digits and inner hyphens (up to 32 characters)');
}

/**
 * An existing connection or LAG: its id, or its ARN in the stack's partition, Region and (when `account` is given)
 * account: a virtual interface attaches only to a connection or LAG of its own Region and account.
 */
function checkConnectionId(value: string, region: string, account: string | undefined): void {
  const idPattern = /^dx(con|lag)-[a-zA-Z0-9]{8,21}$/;
  if (idPattern.test(value)) return;
  const arn = /^arn:([a-z-]+):directconnect:([a-z0-9-]*):([0-9]*):(dxcon|dxlag)\/(.*)$/.exec(value);
  if (!arn || !idPattern.test(arn[5]) || !arn[5].startsWith(`${arn[4]}-`) || !REGION_PATTERN.test(arn[2]) || !/^\d{12}$/.test(arn[3])) {
    throw new ContextError('connectionId', value, 'must be an existing connection or LAG id (dxcon-xxxxxxxx, dxlag-xxxxxxxx) or its ARN '
      + '(arn:aws:directconnect:<region>:<12-digit account>:dxcon/dxcon-xxxxxxxx or .../dxlag/dxlag-xxxxxxxx)');
  }
  const [, partition, arnRegion, arnAccount] = arn;
  if (arnRegion !== region || partition !== partitionOfRegion(region)) {
    throw new ContextError('connectionId', value, `must be in the stack's Region: its ARN names ${partition}/${arnRegion}, but `
      + `region is ${region} (${partitionOfRegion(region)}); a virtual interface attaches only to a connection or LAG of its own `
      + 'Region (set -c region=... to the connection\'s Region, or give a connection of this Region)');
  }
  if (account !== undefined && arnAccount !== account) {
    throw new ContextError('connectionId', value, `must be in the stack's account: its ARN names account ${arnAccount}, but `
      + `account is ${account}; a virtual interface is created in the connection owner's account`);
  }
}

/** Reads and validates every context key. `lookup` is `app.node.tryGetContext`. */
export function readExampleConfig(lookup: Lookup): ExampleConfig {
  const placeholders: ExampleConfig['placeholders'] = [];
  const get = (key: ContextKey): Given => {
    const r = text(lookup, key);
    const d = DEFAULTS[key];
    if (!r.given && d.placeholder && r.value !== undefined) placeholders.push({ key, value: r.value, what: d.placeholder });
    return r;
  };
  const required = (key: ContextKey): string => get(key).value ?? '';

  const region = required('region');
  if (!REGION_PATTERN.test(region)) throw new ContextError('region', region, 'must be an AWS Region code such as us-east-1');
  const connectGiven = text(lookup, 'connectRegions');
  const connectList = connectGiven.given ? listItems('connectRegions', connectGiven.value ?? '', 'Amazon Connect Regions') : undefined;
  const knownText = [...KNOWN_REGIONS].sort().join(', ');
  const pairGiven = lookup('globalResiliencySource') !== undefined && lookup('globalResiliencySource') !== null;
  if (connectList === undefined && !pairGiven && !KNOWN_REGIONS.includes(region)) {
    throw new ContextError('region', region, `must be a Region where Amazon Connect runs (${knownText}), or give connectRegions: `
      + 'the Amazon Connect Region(s), when region is the Region your Direct Connect location is associated with');
  }
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
    checkConnectionId(connectionId.value ?? '', region, account);
  }
  const resiliency = text(lookup, 'resiliency');
  const locationsGiven = text(lookup, 'locations');
  const pool = text(lookup, 'peerAddressPool');
  const crossContinent = text(lookup, 'acknowledgeCrossContinent');
  if (resiliency.given) {
    choice('resiliency', resiliency.value ?? '', ['MAXIMUM', 'HIGH', 'DEVELOPMENT']);
    for (const [key, r] of [['connectionId', connectionId], ['location', locationGiven], ['customerAddress', text(lookup, 'customerAddress')], ['amazonAddress', text(lookup, 'amazonAddress')]] as const) {
      if (r.given) throw new ContextError(key, r.value, `is not used with resiliency=${resiliency.value}: the model orders its connections at 'locations' and carves the peer addresses from 'peerAddressPool'`);
    }
  } else {
    for (const [key, r] of [['locations', locationsGiven], ['peerAddressPool', pool], ['acknowledgeCrossContinent', crossContinent]] as const) {
      if (r.given) throw new ContextError(key, r.value, 'is only used with resiliency (MAXIMUM, HIGH or DEVELOPMENT); set -c resiliency=... too');
    }
  }

  const locationRegion = get('locationRegion').value;
  if (locationRegion !== undefined && !REGION_PATTERN.test(locationRegion)) {
    throw new ContextError('locationRegion', locationRegion, 'must be an AWS Region code such as eu-west-1 (the Region the Direct Connect location is associated with; `cdk-connect-dx locations` prints it)');
  }
  const location = connectionId.given || resiliency.given ? undefined : required('location');
  if (location !== undefined) checkLocationCode('location', location, '', locationRegion);
  if (resiliency.given && !locationsGiven.given) {
    throw new ContextError('locations', undefined, `is required with resiliency=${resiliency.value}: the Direct Connect location codes `
      + 'to order the connections at, comma-separated (e.g. -c locations=EqDC2,CSVA1)');
  }
  const locations = resiliency.given
    ? listItems('locations', locationsGiven.value ?? '', 'Direct Connect location codes')
    : undefined;
  locations?.forEach((code, i) => checkLocationCode('locations', code, `item ${i + 1} (${JSON.stringify(code)}) `, locationRegion));

  // With connectionId, bandwidth is optional and is the existing port's speed (for a LAG, each member's): it feeds
  // existingConnectionBandwidth, so monitoring gets the utilization alarm. Without it, the new port's speed.
  const hosted = bool('hosted', required('hosted'));
  if (hosted && !connectionId.given) {
    throw new ContextError('hosted', 'true', 'is only used with connectionId: a hosted connection is provisioned by a Direct Connect '
      + 'Partner, so give its id (-c connectionId=dxcon-...) and its speed (-c bandwidth=500Mbps)');
  }
  if (hosted && /dxlag/.test(connectionId.value ?? '')) {
    throw new ContextError('hosted', 'true', `must be false with the LAG ${connectionId.value} (a hosted connection is a dxcon- connection)`);
  }
  const bandwidth = connectionId.given
    ? (bandwidthGiven.given ? choice('bandwidth', bandwidthGiven.value ?? '', hosted ? HOSTED_BANDWIDTHS : BANDWIDTHS) : undefined)
    : choice('bandwidth', required('bandwidth'), BANDWIDTHS);
  const macsec = connectionId.given ? false : bool('macsec', required('macsec'));
  const communityScope = get('communityScope').value;
  const macsecKey = readMacsecKey(lookup, region, macsec, connectionId.given);
  const encryptionModeGiven = text(lookup, 'macsecEncryptionMode');
  if (encryptionModeGiven.given && macsecKey === undefined) {
    throw new ContextError('macsecEncryptionMode', encryptionModeGiven.value, 'is only used with macsecKey (the mode takes effect with a key); set -c macsecKey=<secret ARN> too');
  }
  const macsecEncryptionMode = encryptionModeGiven.given
    ? choice('macsecEncryptionMode', encryptionModeGiven.value ?? '', DX_FACTS.encryptionModes.values) : undefined;
  const rateLimitGiven = text(lookup, 'rateLimit');
  const rateLimit = rateLimitGiven.given ? byRule('rateLimit', () => RateLimit.fromString(rateLimitGiven.value ?? '').value) : undefined;

  const vlan = wholeNumber('vlan', required('vlan'));
  underKey('vlan', () => checkVlan(vlan));
  const asn = wholeNumber('asn', required('asn'));
  underKey('asn', () => checkAsn(asn));
  const customerAddress = resiliency.given ? '' : required('customerAddress');
  const amazonAddress = resiliency.given ? '' : required('amazonAddress');
  if (!resiliency.given) {
    const customer = underKey('customerAddress', () => checkPeerAddress('customerAddress', customerAddress));
    const amazon = underKey('amazonAddress', () => checkPeerAddress('amazonAddress', amazonAddress));
    if (customer && amazon) underKey('amazonAddress', () => checkPeerPair(customer, amazon));
  }
  const ipv6 = bool('ipv6', required('ipv6'));
  const routeFilterPrefixes = listItems('routeFilterPrefixes', required('routeFilterPrefixes'), 'public prefixes (CIDRs)');
  byRule('routeFilterPrefixes', () => {
    checkPrefixes(routeFilterPrefixes);
    checkPrefixFamilies(routeFilterPrefixes, ipv6); // names ipv6 or routeFilterPrefixes
  });
  const agentCidrs = listItems('agentCidrs', required('agentCidrs'), 'agent network CIDRs');
  underKey('agentCidrs', () => checkCidrList('agentCidrs', agentCidrs));

  const deployFirewall = bool('deployFirewall', required('deployFirewall'));
  const firewallVpcCidr = get('firewallVpcCidr').value;
  if (firewallVpcCidr !== undefined) {
    if (!deployFirewall) throw new ContextError('firewallVpcCidr', firewallVpcCidr, 'is only used with deployFirewall=true (the CIDR of the new firewall VPC)');
    underKey('firewallVpcCidr', () => checkCanonicalCidr('firewallVpcCidr', firewallVpcCidr));
    if (firewallVpcCidr.includes(':')) throw new ContextError('firewallVpcCidr', firewallVpcCidr, 'must be an IPv4 CIDR (a VPC\'s primary CIDR), e.g. 10.255.0.0/24');
  }
  const ackText = required('acknowledgeWarnings');
  const acknowledgeWarnings = ackText === '' ? [] : listItems('acknowledgeWarnings', ackText, 'warning ids').map((id) => {
    const m = WARNING_ID.exec(id);
    if (!m) throw new ContextError('acknowledgeWarnings', id, 'must list warning ids of this app, comma-separated, e.g. cdk-connect-dx:broadWildcards or broadWildcards (docs/warnings.md lists them)');
    return id;
  });

  const signInMode = choice('signInMode', required('signInMode'), SignInMode.all().map((m) => m.name));
  const endpointSets = listItems('endpointSets', required('endpointSets'), 'endpoint sets')
    .map((v) => choice('endpointSets', v, Object.values(EndpointSet)));
  const featuresText = required('features');
  const features = featuresText === '' ? [] : listItems('features', featuresText, 'features')
    .map((f) => choice('features', f, FEATURES));
  const attachmentsBucket = get('attachmentsBucket').value;
  const pair = globalResiliency(lookup);
  const instanceAlias = required('instanceAlias');
  const replicaAlias = get('replicaAlias').value;
  if (replicaAlias !== undefined && pair.globalResiliencySource === undefined) {
    throw new ContextError('replicaAlias', replicaAlias, 'is only used with Global Resiliency: give globalResiliencySource and '
      + 'globalResiliencyInstanceId too (the replica instance lives in the pair\'s other Region)');
  }
  // the features with the constructs' own rules; a refusal names the key behind the option (attachmentsBucket, ...)
  const catalogFeatures = byRule('features', () => [
    ...features.map((f) => ConnectFeature.fromName(f)),
    ...(attachmentsBucket !== undefined ? [ConnectFeature.attachments(attachmentsBucket)] : []),
    ...(pair.globalResiliencySource !== undefined ? [ConnectFeature.globalResiliency({
      sourceRegion: pair.globalResiliencySource, instanceId: pair.globalResiliencyInstanceId!,
    })] : []),
  ]);
  // The set of Connect Regions: the stack's own rule (Regions where Amazon Connect runs, no duplicates, the pair's partner)
  const connectSet = byRule('connectRegions', () => resolveConnectRegions(connectList, region, catalogFeatures,
    { set: 'connectRegions', fallback: 'region', source: 'globalResiliencySource' }));
  // The catalog's own rules, in every Connect Region: the alias, the sign-in mode there, the features.
  for (const r of connectSet) {
    byRule('instanceAlias', () => resolveOptions(r, {
      instanceAlias,
      signInMode: SignInMode.fromName(signInMode),
      endpointSets: endpointSets as EndpointSet[],
      features: catalogFeatures,
    }));
  }
  if (replicaAlias !== undefined) byRule('replicaAlias', () => checkInstanceAlias(replicaAlias, 'replicaAlias'));

  return {
    region,
    connectRegions: connectList,
    account,
    instanceAlias,
    replicaAlias,
    connectionId: connectionId.given ? connectionId.value : undefined,
    location,
    locationRegion,
    bandwidth,
    macsec,
    vlan,
    asn,
    customerAddress,
    amazonAddress,
    resiliency: resiliency.given ? resiliency.value : undefined,
    locations,
    peerAddressPool: resiliency.given ? get('peerAddressPool').value : undefined,
    acknowledgeCrossContinent: resiliency.given ? bool('acknowledgeCrossContinent', required('acknowledgeCrossContinent')) : false,
    routeFilterPrefixes,
    ipv6,
    communityScope: communityScope === undefined ? undefined : choice('communityScope', communityScope, ['REGION', 'CONTINENT', 'GLOBAL']),
    allowListMode: choice('allowListMode', required('allowListMode'), ['DOMAINS', 'IP_RANGES']),
    agentCidrs,
    statelessFirewall: bool('statelessFirewall', required('statelessFirewall')),
    deployFirewall,
    firewallVpcCidr,
    acknowledgeWarnings,
    hosted,
    acknowledgeLocationOutsideStackRegion: bool('acknowledgeLocationOutsideStackRegion', required('acknowledgeLocationOutsideStackRegion')),
    signInMode,
    endpointSets,
    features,
    attachmentsBucket,
    nagPacks: listItems('nagPacks', required('nagPacks'), 'cdk-nag packs').map((p) => choice('nagPacks', p, NAG_PACKS)),
    ...pair,
    macsecKey,
    macsecEncryptionMode,
    rateLimit,
    placeholders,
  };
}

/**
 * The MACsec key: the ARN of a Secrets Manager secret in the stack's Region, on a MACsec port (macsec=true for a
 * new connection or resiliency model; an existing connection is declared MACsec-capable by the key).
 */
function readMacsecKey(lookup: Lookup, region: string, macsec: boolean, existing: boolean): string | undefined {
  const given = text(lookup, 'macsecKey');
  if (!given.given) return undefined;
  const value = given.value ?? '';
  const arn = /^arn:([a-z-]+):secretsmanager:([a-z0-9-]+):(\d{12}):secret:[A-Za-z0-9/_+=.@-]+$/.exec(value);
  if (!arn) {
    throw new ContextError('macsecKey', value, 'must be the ARN of the Secrets Manager secret holding the MACsec CKN/CAK as JSON '
      + '(arn:aws:secretsmanager:<region>:<12-digit account>:secret:<name>-<suffix>); the pair itself never goes in the context');
  }
  if (arn[2] !== region) {
    throw new ContextError('macsecKey', value, `must be a secret in the stack's Region ${region} (where the connection lives and the key is associated), got one in ${arn[2]}`);
  }
  if (!existing && !macsec) {
    throw new ContextError('macsecKey', value, 'needs a MACsec-capable port: set -c macsec=true (a 10, 100 or 400 Gbps port at a location that offers MACsec)');
  }
  return value;
}

/** The Global Resiliency pair keys: both or neither (the catalog's rules check the pair itself). */
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

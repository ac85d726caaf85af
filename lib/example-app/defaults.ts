/**
 * The example app's context keys (`cdk synth -c key=value`) and their embedded defaults, shared by the example app
 * (`bin/`) and the CLI's `handoff` (whose flags default to the same values, so the handoff matches what a plain
 * `npx cdk synth` builds). Plain data, free of aws-cdk-lib; not part of the jsii API.
 *
 * The defaults are choices, not facts; the facts they lean on live in their own tables: the location code in
 * `locations/location-data.generated.ts`, the documentation ranges (RFC 5737) and private ASNs (RFC 6996) in
 * `private/cidr.ts` and `facts/direct-connect-limits.ts`.
 */

/** The keys the example app reads, in the order the README documents them. */
export const CONTEXT_KEYS = [
  'region', 'connectRegions', 'account', 'instanceAlias', 'replicaAlias', 'connectionId', 'location', 'locationRegion', 'bandwidth', 'macsec', 'vlan', 'asn',
  'customerAddress', 'amazonAddress', 'routeFilterPrefixes', 'ipv6', 'communityScope', 'allowListMode',
  'agentCidrs', 'statelessFirewall', 'deployFirewall', 'signInMode', 'endpointSets', 'features', 'attachmentsBucket',
  'globalResiliencySource', 'globalResiliencyInstanceId', 'resiliency', 'locations', 'peerAddressPool',
  'acknowledgeCrossContinent',
  'acknowledgeLocationOutsideStackRegion', 'hosted', 'firewallVpcCidr', 'acknowledgeWarnings', 'nagPacks', 'macsecKey', 'macsecEncryptionMode', 'rateLimit',
] as const;

/** One of the example app's context keys. */
export type ContextKey = (typeof CONTEXT_KEYS)[number];

/** A key's embedded default; `placeholder` says what the value stands for when it is only an example (a warning). */
export interface ContextDefault {
  readonly value: string | undefined;
  readonly placeholder?: string;
}

/** Embedded defaults. Values marked as placeholders raise a warning when used. */
export const DEFAULTS: Readonly<Record<ContextKey, ContextDefault>> = {
  region: { value: 'us-east-1' },
  connectRegions: { value: undefined }, // the Amazon Connect Region(s), comma-separated, when they differ from region (the location's Region)
  account: { value: undefined }, // account-agnostic: no lookups, no credentials needed to synthesize
  instanceAlias: { value: 'example-contact-centre', placeholder: 'an example Amazon Connect instance alias' },
  replicaAlias: { value: undefined }, // with Global Resiliency: the replica instance's alias (ReplicaAlias)
  connectionId: { value: undefined },
  location: { value: 'EqDC2', placeholder: 'an example Direct Connect location code (Equinix DC2, Ashburn, associated with us-east-1, the default region)' },
  locationRegion: { value: undefined }, // from the location; give it with connectionId to derive the community scope
  bandwidth: { value: '10Gbps' },
  macsec: { value: 'false' },
  vlan: { value: '101' },
  asn: { value: '65000', placeholder: 'an example private ASN' },
  customerAddress: { value: '198.51.100.1/31', placeholder: 'a documentation address (RFC 5737)' },
  amazonAddress: { value: '198.51.100.0/31', placeholder: 'a documentation address (RFC 5737)' },
  routeFilterPrefixes: { value: '203.0.113.0/24', placeholder: 'a documentation prefix (RFC 5737)' },
  ipv6: { value: 'false' },
  communityScope: { value: undefined }, // derived from the location's Region and the region key
  allowListMode: { value: 'DOMAINS' },
  agentCidrs: { value: '10.0.0.0/16', placeholder: 'an example agent network' },
  statelessFirewall: { value: 'false' },
  deployFirewall: { value: 'false' },
  signInMode: { value: 'NEW' },
  endpointSets: { value: 'CURRENT' },
  features: { value: '' }, // none
  attachmentsBucket: { value: undefined },
  globalResiliencySource: { value: undefined },
  globalResiliencyInstanceId: { value: undefined },
  resiliency: { value: undefined }, // one connection unless a model is asked for
  locations: { value: undefined },
  // with resiliency only: the pool every interface's /31 is carved from (8 /31s: MAXIMUM at up to 4 locations)
  peerAddressPool: { value: '198.51.100.0/28', placeholder: 'a documentation address block (RFC 5737)' },
  acknowledgeCrossContinent: { value: 'false' },
  acknowledgeLocationOutsideStackRegion: { value: 'false' }, // a location of another Region than region is refused
  hosted: { value: 'false' }, // with connectionId: the existing connection is a hosted one (bandwidth 50Mbps-25Gbps)
  firewallVpcCidr: { value: undefined }, // with deployFirewall: the new firewall VPC's CIDR (ConnectFirewall's default)
  acknowledgeWarnings: { value: '' }, // warning ids to acknowledge, comma-separated (cdk-connect-dx:broadWildcards or broadWildcards)
  nagPacks: { value: 'AwsSolutions' }, // the others one key away: -c nagPacks=AwsSolutions,NIST.800.53.R5,...
  macsecKey: { value: undefined }, // no MACsec key: MACsec is not turned on
  macsecEncryptionMode: { value: undefined }, // left as AWS sets it
  rateLimit: { value: undefined }, // no rate limit on the virtual interface
};

/**
 * The cdk-nag packs the example app can run on every synth (named as their rule ids begin). AwsSolutions runs by
 * default; NIST 800-53 rev 5, HIPAA Security and PCI DSS 3.2.1 are for those who answer to them (each pack adds
 * about as much synth time as the app's own constructs; the constructs acknowledge all four packs' findings).
 */
export const NAG_PACKS = ['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'] as const;

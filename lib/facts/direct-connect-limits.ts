/**
 * The AWS Direct Connect facts this module enforces, in one table. Every validator and every message reads its
 * numbers and patterns from here. Internal to the package (not re-exported from `lib/index.ts`).
 *
 * Each entry names its source and the date it was read. Where two AWS sources disagree, the entry says which one
 * is enforced and why.
 */

/** Where a fact comes from. */
interface Sourced {
  /** AWS page or API model the fact was read from. */
  readonly source: string;
  /** Date read (YYYY-MM-DD). */
  readonly read: string;
}

const CFN_CONNECTION = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-directconnect-connection.html';
const CFN_LAG = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-directconnect-lag.html';
const CFN_PUBLIC_VIF = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-directconnect-publicvirtualinterface.html';
const CFN_BGP_PEER = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-directconnect-publicvirtualinterface-bgppeer.html';
const DX_VIF_INFO = 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/WorkingWithVirtualInterfaces.html';
const DX_BGP = 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/bgp-specific-settings.html';
const DX_LAGS = 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/lags.html';
const DX_MACSEC = 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-mac-sec-getting-started.html';
const DX_HOSTED = 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/hosted_connection.html';
const DX_ROUTING = 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/routing-and-bgp.html';
const DX_FAILOVER = 'https://docs.aws.amazon.com/directconnect/latest/APIReference/API_StartBgpFailoverTest.html';
const API_MODEL = 'botocore data/directconnect/2012-10-25/service-2.json at 0e6e2404b85d (the AWS API model)';
const READ = '2026-11-22';
const READ_MACSEC = '2026-12-07';
const DX_API_MACSEC_ASSOCIATE = 'https://docs.aws.amazon.com/directconnect/latest/APIReference/API_AssociateMacSecKey.html';

/** The facts. */
export const DX_FACTS = {
  /** VLAN tag of a virtual interface. CFN schema allows 0-4095; the user guide says 1-4094 (802.1Q). Enforced: 1-4094. */
  vlan: { min: 1, max: 4094, source: `${DX_VIF_INFO} (CONFLICT with ${CFN_PUBLIC_VIF}: 0-4095)`, read: READ },
  /** A VLAN tag must not already be in use on the connection (or LAG) the virtual interface attaches to. */
  vlanUniquePerConnection: { source: DX_VIF_INFO, read: READ },
  /** Virtual interfaces per hosted connection: 1 (fixed quota). */
  vifsPerHostedConnection: { value: 1, source: 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/limits.html', read: READ },
  /** Customer BGP ASN, 2-byte or 4-byte. CFN takes it as a string with pattern ^[1-9][0-9]*$. */
  asn: { min: 1, max: 4294967294, source: `${DX_BGP}; ${CFN_BGP_PEER}`, read: READ },
  /** Private ASN ranges (16-bit and 32-bit). Any other ASN is public and must be yours and approved by AWS. */
  privateAsnRanges: {
    ranges: [[64512, 65534], [4200000000, 4294967294]] as ReadonlyArray<readonly [number, number]>,
    source: DX_BGP, read: READ,
  },
  /**
   * ASNs IANA reserves that no BGP speaker may use: AS_TRANS 23456 (RFC 6793), 65535 (RFC 7300) and 65552-131071.
   * (0 and 4294967295 are outside the ASN range already.)
   */
  ianaReservedAsns: {
    ranges: [[23456, 23456], [65535, 65535], [65552, 131071]] as ReadonlyArray<readonly [number, number]>,
    source: 'https://www.iana.org/assignments/iana-as-numbers-special-registry/', read: READ,
  },
  /** The Amazon side ASN; a customer cannot use it. */
  reservedAsns: { values: [7224] as readonly number[], source: DX_ROUTING, read: READ },
  /** Route filter prefixes on a public VIF: at least 1, at most 1000; IPv4 /1-/32, IPv6 /1-/64. */
  routeFilterPrefixes: {
    min: 1, max: 1000, ipv4Lengths: [1, 32] as const, ipv6Lengths: [1, 64] as const,
    source: `${DX_VIF_INFO}; ${API_MODEL} RouteFilterPrefix.cidr; ${CFN_PUBLIC_VIF} (uniqueItems)`, read: READ,
  },
  /** Time the Direct Connect team may take to verify a public VIF's ASN, peer addresses and prefixes. */
  publicReviewHours: { value: 72, source: `${DX_VIF_INFO}; https://repost.aws/knowledge-center/setup-direct-connect-vif`, read: READ },
  /** Port speeds of a dedicated connection or LAG member. */
  dedicatedBandwidths: {
    values: ['1Gbps', '10Gbps', '100Gbps', '400Gbps'] as readonly string[],
    source: `${API_MODEL} CreateLagRequest.connectionsBandwidth; https://docs.aws.amazon.com/directconnect/latest/UserGuide/dedicated_connection.html`,
    read: READ,
  },
  /**
   * Hosted connection speeds: provisioned by a Partner (AllocateHostedConnection), never through CreateConnection.
   * 1, 2, 5, 10 and 25 Gbps only from Partners that met AWS's requirements. Hosted connections have no MACsec and no
   * light-level metrics of their own.
   */
  hostedBandwidths: {
    values: ['50Mbps', '100Mbps', '200Mbps', '300Mbps', '400Mbps', '500Mbps', '1Gbps', '2Gbps', '5Gbps', '10Gbps', '25Gbps'] as readonly string[],
    source: `${DX_HOSTED}; https://docs.aws.amazon.com/directconnect/latest/APIReference/API_AllocateHostedConnection.html (bandwidth); `
      + 'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/directconnect/aws.sdk.kotlin.services.directconnect.model/-allocate-hosted-connection-request/bandwidth.html '
      + '("50Mbps, 100Mbps, 200Mbps, 300Mbps, 400Mbps, 500Mbps, 1Gbps, 2Gbps, 5Gbps, 10Gbps, and 25Gbps")',
    read: '2026-12-07',
  },
  /** Port speeds (Gbps) that can request MACsec; dedicated connections only, never hosted. */
  macsecGbps: { values: [10, 100, 400] as readonly number[], source: `${DX_MACSEC}; ${API_MODEL} Location.availableMacSecPortSpeeds`, read: READ },
  /** Every member of a LAG that requests MACsec must be MACsec capable (a port ordered with MACsec requested). */
  macsecLagMembers: { source: `${DX_LAGS}; ${API_MODEL} CreateLagRequest.requestMACSec`, read: READ },
  /** Members of a LAG: at most 4 below 100 Gbps, at most 2 at 100 or 400 Gbps. */
  lagMembers: { below100G: 4, atOrAbove100G: 2, source: DX_LAGS, read: READ },
  /** Connection / LAG id or ARN accepted as a VIF's ConnectionId. */
  connectionIdPattern: {
    value: /^((arn:aws[a-z-]*:directconnect:[a-z0-9-]+:[0-9]{12}:(dxcon\/dxcon|dxlag\/dxlag))|dx(con|lag))-[a-z0-9A-Z]{8,21}$/,
    source: CFN_PUBLIC_VIF, read: READ,
  },
  /** Connection and LAG names (CloudFormation pattern). */
  connectionNamePattern: { value: /^[\w \-_,/]{1,200}$/, text: '1 to 200 characters from letters, digits, space, _ - , /', source: `${CFN_CONNECTION}; ${CFN_LAG}`, read: READ },
  /**
   * Virtual interface name. CFN allows `^[\w \-_,\/]{1,100}$`; the API model says a-z, 0-9 and hyphen, max 100.
   * Enforced: the stricter API rule.
   */
  virtualInterfaceNamePattern: {
    value: /^[a-z0-9-]{1,100}$/, text: '1 to 100 characters from a-z, 0-9 and -',
    source: `${API_MODEL} NewPublicVirtualInterface.virtualInterfaceName (CONFLICT with ${CFN_PUBLIC_VIF})`, read: READ,
  },
  /** Direct Connect location code (CloudFormation pattern). */
  /**
   * A connection or LAG is created in the Region its location is associated with: DescribeLocations in a Region
   * lists "the locations that can be selected when calling CreateConnection" there, and each location is listed by
   * one Region. Its virtual interfaces live in that Region too; the public ones still reach every Region's public
   * ranges (the community scope decides how far).
   */
  connectionInLocationRegion: {
    source: 'https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DescribeLocations.html; '
      + 'https://docs.aws.amazon.com/directconnect/latest/APIReference/API_CreateConnection.html ("To find the locations for your Region, use DescribeLocations")',
    read: '2026-12-01',
  },
  locationPattern: { value: /^[a-zA-Z0-9-]+$/, text: 'letters, digits and -, e.g. EqDC2', source: CFN_CONNECTION, read: READ },
  /** BGP MD5 key: 6-80 printable ASCII characters without spaces (CFN AuthKey pattern; API BGPAuthKey). */
  authKey: {
    minLength: 6, maxLength: 80, defaultLength: 32,
    /** Printable ASCII punctuation in the CFN AuthKey pattern. */
    punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
    /** Punctuation router CLIs treat specially (comment, help, quoting, escape): never generated. */
    routerUnsafe: '!"#$%&\'()*;<>?[\\]^`{|}~ ',
    source: `${CFN_BGP_PEER}; ${API_MODEL} BGPAuthKey`, read: READ,
  },
  /**
   * The parts of the Secrets Manager dynamic reference of the BGP key: secret name (CreateSecret Name: 1-512 of
   * letters, digits and /_+=.@-), version id (32-64 characters; a UUID when Secrets Manager makes it; letters,
   * digits and - accepted here) and JSON key (any text but the reference's separators: no ':', '{', '}', no white
   * space or control characters, 1-256 characters here).
   */
  secretReference: {
    name: { value: /^[A-Za-z0-9/_+=.@-]{1,512}$/, text: '1 to 512 letters, digits and /_+=.@-' },
    versionId: { value: /^[A-Za-z0-9-]{32,64}$/, text: '32 to 64 letters, digits and - (a Secrets Manager version id, e.g. a UUID)' },
    jsonField: { value: /^[\x21-\x7e]{1,256}$/, forbidden: /[:{}]/, text: "1 to 256 printable ASCII characters without spaces, ':', '{' or '}'" },
    source: 'https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html; ' +
      'https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html; ' +
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html',
    read: '2026-12-01',
  },
  /**
   * BGP timers AWS accepts: hold time at least 3 s (0 is not supported), keepalive at least 1 s; AWS's defaults are
   * 90 s and 30 s. A keepalive longer than a third of the hold time is refused here (RFC 4271 suggests a third).
   */
  bgpTimers: { minHoldSeconds: 3, maxHoldSeconds: 65535, minKeepaliveSeconds: 1, defaultHoldSeconds: 90, defaultKeepaliveSeconds: 30, source: DX_BGP, read: READ },
  /** BFD on a Direct Connect session: minimum interval 300 ms, minimum multiplier 3 (AWS's side runs at these). */
  bfd: { minIntervalMs: 300, minMultiplier: 3, source: DX_BGP, read: READ },
  /**
   * Failover test (StartBgpFailoverTest) duration in minutes: at most 4,320 (72 hours); AWS's default is 180 (3 hours).
   * The API takes an integer; 1 minute is the shortest test it can express. Older copies of the same page (and the
   * AWS CLI 2.0 reference) said "Maximum value: 180 minutes"; the current API reference and the boto3 reference say
   * 4,320, which is enforced.
   */
  failoverTestMinutes: {
    min: 1, max: 4320, awsDefault: 180,
    source: `${DX_FAILOVER} (CONFLICT with older copies and the AWS CLI 2.0 reference: maximum 180); https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/directconnect/client/start_bgp_failover_test.html`,
    read: '2026-12-07',
  },
  /**
   * A failover test id (`testId` of StartBgpFailoverTest, ListVirtualInterfaceTestHistory): the API model types it as a
   * plain string with no pattern or length. Accepted here: the two shapes Direct Connect ids take, a UUID
   * (8-4-4-4-12 hex digits) or a prefixed id (`dxtest-` then 8 to 21 letters or digits, as dxcon-/dxvif- ids); the
   * command also checks that the id is one of the interface's tests (ListVirtualInterfaceTestHistory) before it stops
   * anything.
   */
  failoverTestId: {
    value: /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|dxtest-[A-Za-z0-9]{8,21})$/,
    text: 'a UUID (8-4-4-4-12 hex digits) or dxtest- followed by 8 to 21 letters or digits, as --history lists it',
    source: `${API_MODEL} TestId; https://docs.aws.amazon.com/directconnect/latest/APIReference/API_ListVirtualInterfaceTestHistory.html`,
    read: '2026-12-07',
  },
  /**
   * MACsec pre-shared key: AssociateMacSecKey takes `connectionId` (dxcon- or dxlag-) and either `secretARN` (a key
   * Direct Connect already stores, e.g. one associated with another connection: "You can use DescribeConnections or
   * DescribeLags to retrieve" it) or `ckn` + `cak`, each "64 hexadecimal characters (0-9, A-E)". The reference's
   * "(0-9, A-E)" is read as "hexadecimal" (a random 256-bit key holds F too); enforced: 64 characters of 0-9, a-f,
   * A-F. Only 256-bit keys are supported. `secretARN` takes only a key Direct Connect created: a secret you made
   * yourself is read by the handler and sent as ckn/cak (Terraform and Pulumi document the same limit of
   * aws_dx_macsec_key_association).
   */
  macsecKey: {
    ckn: /^[0-9a-fA-F]{64}$/, cak: /^[0-9a-fA-F]{64}$/, text: '64 hexadecimal characters (0-9, a-f; a 256-bit key)',
    source: `${DX_API_MACSEC_ASSOCIATE}; ${DX_MACSEC} ("Only 256-bit MACsec keys are supported"); `
      + 'https://www.pulumi.com/registry/packages/aws/api-docs/directconnect/macseckeyassociation/ ("secretArn can only be used to reference a previously created MACSec key")',
    read: READ_MACSEC,
  },
  /**
   * MACsec encryption mode of a connection or LAG (UpdateConnection / UpdateLag `encryptionMode`): `no_encrypt`,
   * `should_encrypt` (encrypt when the key agreement succeeds, else send in the clear), `must_encrypt` (the port
   * stays down without MACsec).
   */
  encryptionModes: {
    values: ['no_encrypt', 'should_encrypt', 'must_encrypt'] as readonly string[],
    source: 'https://docs.aws.amazon.com/directconnect/latest/APIReference/API_UpdateConnection.html; '
      + 'https://docs.aws.amazon.com/directconnect/latest/APIReference/API_UpdateLag.html; @aws-sdk/client-direct-connect 3.1048.0 UpdateConnectionRequest.encryptionMode',
    read: READ_MACSEC,
  },
  /**
   * Direct Connect keeps an associated CKN/CAK pair in a Secrets Manager secret of your account that it manages
   * (AWS managed key), read through the service-linked role AWSServiceRoleForDirectConnect.
   */
  macsecServiceSecret: {
    serviceLinkedRole: 'AWSServiceRoleForDirectConnect', servicePrincipal: 'directconnect.amazonaws.com',
    source: `${DX_MACSEC} (MACsec pre-shared CKN/CAK key considerations); https://docs.aws.amazon.com/directconnect/latest/UserGuide/using-service-linked-roles.html`,
    read: READ_MACSEC,
  },
  /**
   * Virtual interface rate limiters (launched 2026-06-01): "a maximum bandwidth allocation for up to 10 VIFs on a
   * dedicated connection", "from 50 Mbps to 1.6 Tbps when using a link aggregation group"; "only supported on
   * Dedicated connections. Hosted connections are always rate-limited to the purchased capacity." The CloudFormation
   * RateLimit "must be one of the supported bandwidth values (e.g., 50Mbps, 1Gbps, 10Gbps) and cannot exceed the
   * bandwidth of the parent connection or LAG" (pattern ^[0-9]+\.?[0-9]*(Mbps|Gbps|Tbps)$).
   * The user guide's full list of increments was not in the pages read; enforced: the speeds Direct Connect sells
   * (hosted 50 Mbps to 25 Gbps, dedicated 100 and 400 Gbps) and the LAG totals 200 Gbps, 800 Gbps and 1.6 Tbps
   * (2 x 100, 2 x 400, the announced maximum). A value AWS adds later is refused here until this row is updated.
   */
  rateLimit: {
    mbps: [50, 100, 200, 300, 400, 500, 1000, 2000, 5000, 10000, 25000, 100000, 200000, 400000, 800000, 1600000] as readonly number[],
    maxPerConnection: 10,
    source: 'https://aws.amazon.com/about-aws/whats-new/2026/06/aws-direct-connect-now-supports-vif-rate-limiters/; '
      + 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/vif-rate-limiters.html; '
      + `${CFN_PUBLIC_VIF} (RateLimit; aws-cdk-lib 2.276.0 CfnPublicVirtualInterfaceProps.rateLimit)`,
    read: READ_MACSEC,
  },
  /** Allocation role for a hosted public VIF (CloudFormation pattern). */
  allocationRolePattern: { value: /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/.+$/, source: CFN_PUBLIC_VIF, read: READ },
} as const satisfies Record<string, Sourced & Record<string, unknown>>;

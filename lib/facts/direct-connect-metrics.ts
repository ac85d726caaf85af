/**
 * The facts the monitoring module, the constructs' `metricXxx()` methods and the `status` command rely on, in ONE
 * place: AWS/DX CloudWatch metrics (with their dimensions), optical light-level ranges, and Direct Connect states with
 * plain explanations. Everything else reads these tables.
 *
 * Pure data, no aws-cdk-lib import: the CLI bundles this file too.
 * Not exported from the package index (internal).
 */

/** Where a fact comes from and when it was checked. */
export interface FactSource {
  readonly url: string;
  readonly checked: string;
  readonly note?: string;
}

/** Direct Connect User Guide, "Monitoring with Amazon CloudWatch" (metric names, units, dimensions). */
export const DX_CLOUDWATCH_SOURCE: FactSource = {
  url: 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/monitoring-cloudwatch.html',
  checked: '2026-11-23',
  note: 'Direct Connect sends these metrics to CloudWatch at 5-minute intervals; alarms here use 5-minute periods.',
};

/**
 * The three BGP metrics of a virtual interface: names, meaning and launch (AWS Networking & Content Delivery blog,
 * "Introducing CloudWatch Metrics for AWS Direct Connect Virtual Interface BGP Health and Prefix Count", 2026-03-30).
 */
export const DX_BGP_METRICS_SOURCE: FactSource = {
  url: 'https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-cloudwatch-metrics-for-aws-direct-connect-virtual-interface-bgp-health-and-prefix-count/',
  checked: '2026-12-07',
  note: 'Published for private, public and transit virtual interfaces; VirtualInterfaceBgpStatus 1 = up, 0 = down. '
    + 'The Direct Connect User Guide page (DX_CLOUDWATCH_SOURCE) is named as the full list; its stored copy (awsdocs mirror) predates these metrics, so their dimensions are from DX_BGP_DIMENSIONS_SOURCE.',
};

/**
 * The dimension sets each AWS/DX metric is published with: the BGP metrics with `ConnectionId`, `IpAddressFamily`,
 * `VirtualInterfaceId`; the interface traffic metrics with `ConnectionId`, `VirtualInterfaceId`; the connection
 * metrics with `ConnectionId` (light levels also per `OpticalLaneNumber`).
 */
export const DX_BGP_DIMENSIONS_SOURCE: FactSource = {
  url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-OTelEnrichment-SupportedMetrics.html',
  checked: '2026-12-07',
  note: 'CloudWatch User Guide, "Supported AWS resources and metrics for OpenTelemetry enrichment", section AWS/DX: "the '
    + 'Data point attributes column lists the dimension sets each metric is published with". The IpAddressFamily values '
    + '(ipv4, ipv6, lower case) are not on that page: verify with `aws cloudwatch list-metrics --namespace AWS/DX '
    + '--metric-name VirtualInterfaceBgpStatus`. Which id ConnectionId holds for an interface on a LAG (the LAG, as '
    + 'DescribeVirtualInterfaces reports it, is assumed here) is not documented either: verify the same way.',
};

/** Direct Connect API Reference, `VirtualInterface`, `BGPPeer`, `Connection` data types (state enums). */
export const DX_API_STATES_SOURCE: FactSource = {
  url: 'https://docs.aws.amazon.com/directconnect/latest/APIReference/API_VirtualInterface.html',
  checked: '2026-11-23',
  note: 'Also API_BGPPeer.html (bgpPeerState, bgpStatus) and API_Connection.html (connectionState).',
};

/** The AWS namespace of Direct Connect metrics. */
export const AWS_DX_NAMESPACE = 'AWS/DX';

/** One AWS/DX metric. */
export interface DxMetricFact {
  readonly name: string;
  readonly unit: string;
  /** Dimensions the series is published with. */
  readonly dimensions: readonly string[];
  /** The statistic this library alarms or graphs on. */
  readonly statistic: string;
  readonly meaning: string;
}

const CONNECTION = ['ConnectionId'];
const VIF = ['ConnectionId', 'VirtualInterfaceId'];
const VIF_BGP = ['ConnectionId', 'IpAddressFamily', 'VirtualInterfaceId'];

/** Values of the `IpAddressFamily` dimension of the BGP metrics (source {@link DX_BGP_DIMENSIONS_SOURCE}: verify). */
export const DX_ADDRESS_FAMILIES = { ipv4: 'ipv4', ipv6: 'ipv6' } as const;

/**
 * AWS/DX metrics (source: {@link DX_CLOUDWATCH_SOURCE}; the BGP ones {@link DX_BGP_METRICS_SOURCE}; dimension sets
 * {@link DX_BGP_DIMENSIONS_SOURCE}).
 */
export const DX_METRICS = {
  connectionState: {
    name: 'ConnectionState', unit: 'Boolean', dimensions: CONNECTION, statistic: 'Minimum',
    meaning: 'State of the connection: 1 = up, 0 = down.',
  },
  connectionEncryptionState: {
    name: 'ConnectionEncryptionState', unit: 'Boolean', dimensions: CONNECTION, statistic: 'Minimum',
    meaning: 'MACsec encryption: 1 = up, 0 = down. On a LAG, 1 means encryption is up on every member, 0 that at least one member is down.',
  },
  connectionLightLevelTx: {
    name: 'ConnectionLightLevelTx', unit: 'dBm', dimensions: CONNECTION, statistic: 'Average',
    meaning: 'Optical power AWS transmits towards you (egress) on the fiber. Dedicated connections only. Multi-lane optics (100G LR4) also report one series per lane with the extra dimension OpticalLaneNumber.',
  },
  connectionLightLevelRx: {
    name: 'ConnectionLightLevelRx', unit: 'dBm', dimensions: CONNECTION, statistic: 'Average',
    meaning: 'Optical power AWS receives from you (ingress) on the fiber. Dedicated connections only; per lane (OpticalLaneNumber) on multi-lane optics.',
  },
  connectionBpsEgress: {
    name: 'ConnectionBpsEgress', unit: 'Bits/Second', dimensions: CONNECTION, statistic: 'Average',
    meaning: 'Bit rate of data leaving AWS on the connection.',
  },
  connectionBpsIngress: {
    name: 'ConnectionBpsIngress', unit: 'Bits/Second', dimensions: CONNECTION, statistic: 'Average',
    meaning: 'Bit rate of data arriving at AWS on the connection.',
  },
  connectionPpsEgress: {
    name: 'ConnectionPpsEgress', unit: 'Count/Second', dimensions: CONNECTION, statistic: 'Average',
    meaning: 'Packet rate leaving AWS on the connection.',
  },
  connectionPpsIngress: {
    name: 'ConnectionPpsIngress', unit: 'Count/Second', dimensions: CONNECTION, statistic: 'Average',
    meaning: 'Packet rate arriving at AWS on the connection.',
  },
  connectionErrorCount: {
    name: 'ConnectionErrorCount', unit: 'Count', dimensions: CONNECTION, statistic: 'Sum',
    meaning: 'MAC-level errors on the AWS device (including CRC errors).',
  },
  virtualInterfaceBpsEgress: {
    name: 'VirtualInterfaceBpsEgress', unit: 'Bits/Second', dimensions: VIF, statistic: 'Average',
    meaning: 'Bit rate leaving AWS on the virtual interface.',
  },
  virtualInterfaceBpsIngress: {
    name: 'VirtualInterfaceBpsIngress', unit: 'Bits/Second', dimensions: VIF, statistic: 'Average',
    meaning: 'Bit rate arriving at AWS on the virtual interface.',
  },
  virtualInterfacePpsEgress: {
    name: 'VirtualInterfacePpsEgress', unit: 'Count/Second', dimensions: VIF, statistic: 'Average',
    meaning: 'Packet rate leaving AWS on the virtual interface.',
  },
  virtualInterfacePpsIngress: {
    name: 'VirtualInterfacePpsIngress', unit: 'Count/Second', dimensions: VIF, statistic: 'Average',
    meaning: 'Packet rate arriving at AWS on the virtual interface.',
  },
  virtualInterfaceBgpStatus: {
    name: 'VirtualInterfaceBgpStatus', unit: 'None', dimensions: VIF_BGP, statistic: 'Minimum',
    meaning: 'BGP session of one address family of the interface: 1 = up, 0 = down. Minimum, so a drop inside the period is not averaged away.',
  },
  virtualInterfaceBgpPrefixesAccepted: {
    name: 'VirtualInterfaceBgpPrefixesAccepted', unit: 'Count', dimensions: VIF_BGP, statistic: 'Minimum',
    meaning: 'Prefixes AWS accepted from your router on the session (for a public interface: those of its route filter prefixes you advertise).',
  },
  virtualInterfaceBgpPrefixesAdvertised: {
    name: 'VirtualInterfaceBgpPrefixesAdvertised', unit: 'Count', dimensions: VIF_BGP, statistic: 'Minimum',
    meaning: 'Prefixes AWS advertises to your router on the session (for a public interface: the AWS public ranges of the community scope).',
  },
} as const satisfies Record<string, DxMetricFact>;

/** Period Direct Connect publishes its metrics at, in seconds (source: {@link DX_CLOUDWATCH_SOURCE}). */
export const DX_METRIC_PERIOD_SECONDS = 300;

/**
 * Egress utilization, in percent of the port speed (or of the virtual interface's rate limit), above which the
 * utilization alarm fires by default (`utilizationThresholdPercent`). A choice of this library, not an AWS figure:
 * it leaves a fifth of the port for bursts before anyone is paged.
 */
export const DEFAULT_UTILIZATION_ALARM_PERCENT = 80;

/** One optic type with its IEEE 802.3 average power range (dBm). */
export interface OpticRange {
  readonly optic: string;
  /** Direct Connect port speed that uses this optic, in Gbps. */
  readonly portSpeedGbps: number;
  readonly txLowDbm: number;
  readonly txHighDbm: number;
  /** Receiver sensitivity (minimum average receive power). */
  readonly rxLowDbm: number;
  /** Maximum average receive power (overload). */
  readonly rxHighDbm: number;
  readonly perLane: boolean;
  readonly source: FactSource;
}

/**
 * Safe light-level ranges by optic. Direct Connect requires single-mode 1000BASE-LX (1 Gbps), 10GBASE-LR
 * (10 Gbps) and 100GBASE-LR4 (100 Gbps) optics (Direct Connect User Guide, "Prerequisites",
 * https://docs.aws.amazon.com/directconnect/latest/UserGuide/Welcome.html#overview-requirements). The power
 * ranges are the IEEE 802.3 transmitter/receiver characteristics for those PMDs. Real optics can be better
 * than the standard; set the monitoring props to your vendor's data sheet if it is tighter.
 */
export const OPTIC_RANGES: readonly OpticRange[] = [
  {
    optic: '1000BASE-LX (1310 nm, single-mode)', portSpeedGbps: 1,
    txLowDbm: -11.0, txHighDbm: -3.0, rxLowDbm: -19.0, rxHighDbm: -3.0, perLane: false,
    source: { url: 'https://standards.ieee.org/ieee/802.3/10422/', checked: '2026-11-23', note: 'IEEE Std 802.3, Clause 38, Tables 38-7 (transmit) and 38-8 (receive), single-mode fiber.' },
  },
  {
    optic: '10GBASE-LR (1310 nm, single-mode)', portSpeedGbps: 10,
    txLowDbm: -8.2, txHighDbm: 0.5, rxLowDbm: -14.4, rxHighDbm: 0.5, perLane: false,
    source: { url: 'https://standards.ieee.org/ieee/802.3/10422/', checked: '2026-11-23', note: 'IEEE Std 802.3, Clause 52, Tables 52-12 (10GBASE-L transmit) and 52-14 (10GBASE-L receive).' },
  },
  {
    optic: '100GBASE-LR4 (4 lanes around 1310 nm, single-mode)', portSpeedGbps: 100,
    txLowDbm: -4.3, txHighDbm: 4.5, rxLowDbm: -10.6, rxHighDbm: 4.5, perLane: true,
    source: { url: 'https://standards.ieee.org/ieee/802.3/10422/', checked: '2026-11-23', note: 'IEEE Std 802.3, Clause 88, Tables 88-7 and 88-8, average power per lane.' },
  },
];

/** The optic whose range is the default when the port speed is unknown. */
export const DEFAULT_OPTIC_SPEED_GBPS = 10;

/** Finds the optic range for a port speed. */
export function opticForSpeed(gbps: number): OpticRange | undefined {
  return OPTIC_RANGES.find((o) => o.portSpeedGbps === gbps);
}

/** A state with a plain explanation; `action` is set when someone has to do something. */
export interface StateFact {
  readonly state: string;
  readonly meaning: string;
  readonly action?: string;
  /** A waiting state (someone or something has yet to act); no CloudWatch metric reports it, `status` shows it. */
  readonly waiting?: boolean;
  /** A stable numeric code of the state (the `status` command's JSON carries the state name; the code orders states). */
  readonly code: number;
}

/** Virtual interface states (`virtualInterfaceState`), source {@link DX_API_STATES_SOURCE}. */
export const VIRTUAL_INTERFACE_STATES: readonly StateFact[] = [
  { state: 'confirming', code: 1, waiting: true, meaning: 'A hosted virtual interface was created for this account and is waiting for the owner to accept it.', action: 'Accept it (ConfirmPublicVirtualInterface / ConfirmPrivateVirtualInterface / ConfirmTransitVirtualInterface) or delete it.' },
  { state: 'verifying', code: 2, waiting: true, meaning: 'AWS is reviewing the public prefixes you advertise on this public virtual interface (you must own them); this can take up to 72 hours.', action: 'Wait up to 72 hours; if it stays longer, open an AWS Support case and have proof of prefix ownership (LOA from the address owner) ready.' },
  { state: 'pending', code: 3, waiting: true, meaning: 'The virtual interface is being created or changed and is not yet usable.', action: 'Usually minutes; if it stays pending for hours, open an AWS Support case.' },
  { state: 'available', code: 4, meaning: 'Ready to use; traffic flows once BGP is established.' },
  { state: 'down', code: 5, meaning: 'The BGP session is down (or the connection is down).', action: 'Check the physical connection, the VLAN tag, the peer IP addresses, the ASN and the BGP MD5 key on your router.' },
  { state: 'testing', code: 6, meaning: 'A BGP failover test is running (StartBgpFailoverTest); the session is held down on purpose.', action: 'Wait for the test to finish or stop it with StopBgpFailoverTest.' },
  { state: 'deleting', code: 7, meaning: 'The virtual interface is being deleted.' },
  { state: 'deleted', code: 8, meaning: 'The virtual interface was deleted (shown for about 15 minutes after deletion).' },
  { state: 'rejected', code: 9, meaning: 'The owner declined the hosted virtual interface, or AWS rejected the request (for example, prefixes that could not be verified).', action: 'Delete it and create it again with corrected details.' },
  { state: 'unknown', code: 0, meaning: 'Direct Connect cannot report the state right now.', action: 'Try again later; if it persists, open an AWS Support case.' },
];

/** Connection and LAG states (`connectionState`, `lagState`), source {@link DX_API_STATES_SOURCE}. */
export const CONNECTION_STATES: readonly StateFact[] = [
  { state: 'ordering', code: 1, waiting: true, meaning: 'A hosted connection was provisioned by a partner and is waiting for you to accept it.', action: 'Accept it (ConfirmConnection) or decline it.' },
  { state: 'requested', code: 2, waiting: true, meaning: 'The connection request was received; the Letter of Authorization (LOA-CFA) is being prepared (up to 72 hours).', action: 'When it is ready, download the LOA-CFA and order the cross connect at the location.' },
  { state: 'pending', code: 3, waiting: true, meaning: 'Approved and being initialized; usually waiting for the cross connect to be completed.', action: 'Make sure the cross connect is ordered and your router port is up with the right optic.' },
  { state: 'available', code: 4, meaning: 'The network link is up and ready for virtual interfaces.' },
  { state: 'down', code: 5, meaning: 'The network link is down.', action: 'Check the cross connect, optics, light levels and your router port; then contact the colocation provider or AWS Support.' },
  { state: 'deleting', code: 6, meaning: 'The connection is being deleted.' },
  { state: 'deleted', code: 7, meaning: 'The connection was deleted.' },
  { state: 'rejected', code: 8, meaning: 'A hosted connection in the ordering state was declined.' },
  { state: 'unknown', code: 0, meaning: 'Direct Connect cannot report the state right now.', action: 'Try again later; if it persists, open an AWS Support case.' },
];

/** BGP peer states (`bgpPeerState`), source {@link DX_API_STATES_SOURCE}. */
export const BGP_PEER_STATES: readonly StateFact[] = [
  { state: 'verifying', code: 1, waiting: true, meaning: 'The peer\'s public prefixes are being verified (public virtual interfaces).' },
  { state: 'pending', code: 2, waiting: true, meaning: 'The peer is being created and cannot yet be used.' },
  { state: 'available', code: 3, meaning: 'The peer is ready to establish a BGP session.' },
  { state: 'deleting', code: 4, meaning: 'The peer is being deleted.' },
  { state: 'deleted', code: 5, meaning: 'The peer was deleted and cannot establish a session.' },
];

/** BGP session status (`bgpStatus`), source {@link DX_API_STATES_SOURCE}. */
export const BGP_STATUSES: readonly StateFact[] = [
  { state: 'up', code: 1, meaning: 'The BGP session is established.' },
  { state: 'down', code: 0, meaning: 'The BGP session is not established.', action: 'Check the peer addresses, your ASN, the MD5 key and that your router is configured for this VLAN.' },
  { state: 'unknown', code: -1, meaning: 'The session status is not available (for example while the interface is still being provisioned).' },
];

/** Looks up a state in one of the tables; unknown strings get a generic entry instead of a crash. */
export function explainState(table: readonly StateFact[], state: string | undefined): StateFact {
  const found = table.find((s) => s.state === state);
  return found ?? { state: state ?? 'unknown', code: 0, meaning: 'A state this tool does not know yet; see the Direct Connect API Reference.' };
}

/**
 * Most metrics one CloudWatch alarm on a metric math expression may use; the redundancy alarm uses one per virtual
 * interface.
 */
export const ALARM_MATH_LIMITS = {
  maxMetrics: 10,
  source: {
    url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html',
    checked: '2026-12-01',
    note: 'CloudWatch service quotas: "Metric math expressions in alarms: up to 10 metrics".',
  } satisfies FactSource,
};

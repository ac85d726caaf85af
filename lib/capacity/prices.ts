/**
 * The list prices the capacity plan's monthly estimate uses: the one table of these facts. Pure data.
 *
 * Source, date read: each row names the AWS pricing page it comes from and the date it was read. Direct Connect
 * port-hour and data-transfer rows were read 2026-12-07 from a transcription of the AWS pay-as-you-go page (dated
 * 2026-09-20, every price quoted verbatim from the page); the Network Firewall, Secrets Manager and CloudWatch rows
 * are the us-east-1 list prices this project's docs quote (docs/example-app.md), not re-read for other Regions.
 * Prices are USD, without tax, Savings Plans, private pricing, partner fees, cross-connects or colocation.
 */
import { FactSource } from './agent-bandwidth';

const READ = '2026-12-07';
const DX_PRICING = 'https://aws.amazon.com/directconnect/pricing/';
const DX_NOTE = 'pay-as-you-go port hours outside Japan, read through a verbatim transcription of the page dated 2026-09-20';

/** Hours in a month, as AWS's pricing examples count them (24 x 365 / 12). */
export const HOURS_PER_MONTH = 730;

/** One priced item. */
export interface PriceRow {
  /** USD per unit. */
  readonly usd: number;
  /** The unit (`port-hour`, `GB`, `endpoint-hour`, ...). */
  readonly unit: string;
  readonly source: FactSource;
}

const dx = (usd: number): PriceRow => ({ usd, unit: 'port-hour', source: { url: DX_PRICING, date: READ, note: DX_NOTE } });

/** Dedicated connection port hours by speed (outside Japan). */
export const DEDICATED_PORT_HOUR: Readonly<Record<string, PriceRow>> = {
  '1Gbps': dx(0.30), '10Gbps': dx(2.25), '100Gbps': dx(22.50), '400Gbps': dx(85.00),
};

/** Hosted connection port hours by speed (outside Japan), as AWS bills them; the Partner's own fee is extra. */
export const HOSTED_PORT_HOUR: Readonly<Record<string, PriceRow>> = {
  '50Mbps': dx(0.03), '100Mbps': dx(0.06), '200Mbps': dx(0.08), '300Mbps': dx(0.12), '400Mbps': dx(0.16),
  '500Mbps': dx(0.20), '1Gbps': dx(0.33), '2Gbps': dx(0.66), '5Gbps': dx(1.65), '10Gbps': dx(2.48), '25Gbps': dx(6.20),
};

/** One data transfer out rate: from an AWS Region to a Direct Connect location, by continent group of each. */
export interface TransferOutRow extends PriceRow {
  /** Continent group (`ContinentGroup.name`) of the Region the data leaves. */
  readonly fromGroup: string;
  /** Continent group of the Direct Connect location. */
  readonly toGroup: string;
}

const DTO_NOTE = 'data transfer out over Direct Connect, USD per GB, by source Region and location; the page\'s matrix spans 0.0200-0.1923';

/** Data transfer out over Direct Connect (data transfer in is free). */
export const TRANSFER_OUT_PER_GB: readonly TransferOutRow[] = [
  { fromGroup: 'NORTH_AMERICA', toGroup: 'NORTH_AMERICA', usd: 0.02, unit: 'GB', source: { url: DX_PRICING, date: READ, note: `${DTO_NOTE}; North America to North America` } },
  { fromGroup: 'EUROPE_MIDDLE_EAST_AFRICA', toGroup: 'EUROPE_MIDDLE_EAST_AFRICA', usd: 0.02, unit: 'GB',
    source: { url: DX_PRICING, date: READ, note: `${DTO_NOTE}; Europe to Europe (verify: the transcription quotes the range and the Ohio row)` } },
];

/** The rate used when no row matches: the top of the page's range, so the estimate errs high. */
export const TRANSFER_OUT_FALLBACK: PriceRow = {
  usd: 0.1923, unit: 'GB', source: { url: DX_PRICING, date: READ, note: `${DTO_NOTE}; highest rate of the matrix, used where this table has no row` },
};

const NFW_PRICING = 'https://aws.amazon.com/network-firewall/pricing/';
const US_EAST_1 = 'us-east-1 list price as quoted in docs/example-app.md; other Regions may differ (verify)';

/** Network Firewall: each endpoint hour (one endpoint per Availability Zone). */
export const FIREWALL_ENDPOINT_HOUR: PriceRow = { usd: 0.395, unit: 'endpoint-hour', source: { url: NFW_PRICING, date: READ, note: US_EAST_1 } };
/** Network Firewall: each GB processed (both directions). */
export const FIREWALL_GB_PROCESSED: PriceRow = { usd: 0.065, unit: 'GB', source: { url: NFW_PRICING, date: READ, note: US_EAST_1 } };
/** Secrets Manager: one secret (the BGP MD5 key of each virtual interface) per month. */
export const SECRET_MONTH: PriceRow = {
  usd: 0.40, unit: 'secret-month', source: { url: 'https://aws.amazon.com/secrets-manager/pricing/', date: READ, note: US_EAST_1 },
};
/** CloudWatch: one standard-resolution alarm per month. */
export const ALARM_MONTH: PriceRow = {
  usd: 0.10, unit: 'alarm-month', source: { url: 'https://aws.amazon.com/cloudwatch/pricing/', date: READ, note: US_EAST_1 },
};
/** CloudWatch: one custom dashboard per month. */
export const DASHBOARD_MONTH: PriceRow = {
  usd: 3.00, unit: 'dashboard-month', source: { url: 'https://aws.amazon.com/cloudwatch/pricing/', date: READ, note: US_EAST_1 },
};

/**
 * Options of the Suricata export (`ConnectEndpointCatalog.toSuricataRules`). Apart from the catalog so that the
 * renderer (`suricata.ts`) and the catalog both read it without importing each other.
 */
import type { AllowListMode } from './endpoint-types';

/** Options for `ConnectEndpointCatalog.toSuricataRules`. */
export interface SuricataExportOptions {
  /**
   * The agents' networks (CIDRs), the value to give the `HOME_NET` rule variable. AWS Network Firewall inspects
   * only traffic from `HOME_NET`, which defaults to the firewall's VPC, so on-premises agents arriving over
   * Direct Connect must be listed here.
   */
  readonly homeNet: string[];

  /**
   * Domain rules (Option 1) or IP rules only (Option 2).
   *
   * @default AllowListMode.DOMAINS
   */
  readonly mode?: AllowListMode;

  /**
   * The `AMAZON_CONNECT` prefixes (GLOBAL and the instance Region) for the UDP 3478 media rule.
   *
   * @default - the rule references the IP set `@AMAZON_CONNECT` (define it in the rule group's ReferenceSets,
   * e.g. with a prefix list kept in sync with ip-ranges.json)
   */
  readonly amazonConnectCidrs?: string[];

  /**
   * The `EC2` prefixes for the TCP 443 rule in IP_RANGES mode.
   *
   * @default - the rule references the IP set `@EC2`
   */
  readonly ec2Cidrs?: string[];

  /**
   * The `CLOUDFRONT` prefixes for the TCP 443 rule in IP_RANGES mode.
   *
   * @default - the rule references the IP set `@CLOUDFRONT`
   */
  readonly cloudFrontCidrs?: string[];

  /**
   * Whether to add `http.host` rules beside the `tls.sni` rules. Amazon Connect lists only TCP 443, so plain HTTP
   * is not needed; turn it on only if a proxy in front of the firewall forwards HTTP.
   *
   * @default false
   */
  readonly includeHttpHost?: boolean;

  /**
   * The first rule id; rules are numbered from it.
   *
   * @default 1000001
   */
  readonly sidStart?: number;
}

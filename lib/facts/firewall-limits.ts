/**
 * AWS Network Firewall limits and the capacity rules this library sizes rule groups with: the one table of
 * these facts. Every construct in `lib/firewall/` reads its limits from here.
 *
 * Sources (read 2026-11-22):
 * - Quotas: https://docs.aws.amazon.com/network-firewall/latest/developerguide/quotas.html
 * - Capacity: https://docs.aws.amazon.com/network-firewall/latest/developerguide/nwfw-rule-group-capacity.html
 * - IP set references: https://docs.aws.amazon.com/network-firewall/latest/developerguide/rule-groups-ip-set-references.html
 * - API model (`botocore` network-firewall/2020-11-12 `service-2.json`, commit 0e6e2404b85d, 2026-08-07):
 *   shapes `ResourceName`, `IPSetReferenceName`, `Priority`, `RulesString`, `PortRange`.
 * - Domain list capacity: third-party measurement https://cloudnetworks.io/2021-09-22-suricata-notes
 *   ((#domains x #target types) + #target types); AWS documents no formula. Used only to size with headroom.
 */

/**
 * AWS Network Firewall limits this library validates against, with their sources.
 *
 * ```ts
 * NetworkFirewallLimits.MAX_STATEFUL_CAPACITY; // 30000
 * ```
 *
 * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/quotas.html
 */
export class NetworkFirewallLimits {
  /**
   * Largest capacity this library accepts for a stateful rule group: 30,000.
   *
   * The quota page says 30,000; the capacity page says 50,000 for a stateful rule group (CONFLICT between AWS
   * pages, noted 2026-11-22). 30,000 is also the default total of stateful capacity a firewall policy may
   * reference, so it is safe for every policy type.
   * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/nwfw-rule-group-capacity.html
   */
  public static readonly MAX_STATEFUL_CAPACITY = 30000;

  /**
   * Largest capacity of a stateless rule group: 30,000.
   * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/nwfw-rule-group-capacity.html
   */
  public static readonly MAX_STATELESS_CAPACITY = 30000;

  /**
   * Default (adjustable) total stateful capacity across the rule groups one firewall policy references: 30,000.
   * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/quotas.html
   */
  public static readonly MAX_POLICY_STATEFUL_CAPACITY = 30000;

  /**
   * Stateful rule groups one firewall policy can reference: 20 (fixed). AWS's public quota page excerpt is cut
   * off before this row; the figure comes from material quoting it.
   * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/quotas.html
   */
  public static readonly MAX_STATEFUL_GROUPS_PER_POLICY = 20;

  /**
   * Stateless rule groups one firewall policy can reference: 20 (fixed, same caveat as the stateful figure).
   * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/quotas.html
   */
  public static readonly MAX_STATELESS_GROUPS_PER_POLICY = 20;

  /**
   * IP set references one stateful rule group can hold: 5 (fixed; rule variables do not count).
   * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/rule-groups-ip-set-references.html
   */
  public static readonly MAX_IP_SET_REFERENCES_PER_GROUP = 5;

  /**
   * CIDRs across all IP set references of one firewall: 1,000,000. Above it Network Firewall silently uses
   * only the first 1,000,000, so keep referenced prefix lists small.
   * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/rule-groups-ip-set-references.html
   */
  public static readonly MAX_IP_SET_REFERENCE_CIDRS_PER_FIREWALL = 1000000;

  /** Longest IP set reference or rule variable name: 32 characters (API shape `IPSetReferenceName`). */
  public static readonly MAX_IP_SET_REFERENCE_NAME_LENGTH = 32;

  /** Longest rule group or firewall policy name: 128 characters (API shape `ResourceName`). */
  public static readonly MAX_RESOURCE_NAME_LENGTH = 128;

  /** Lowest rule group / rule priority (API shape `Priority`). */
  public static readonly MIN_PRIORITY = 1;

  /** Highest rule group / rule priority (API shape `Priority`). */
  public static readonly MAX_PRIORITY = 65535;

  /** Longest Suricata rule: 8,192 characters, variable values included. */
  public static readonly MAX_SURICATA_RULE_LENGTH = 8192;

  /** Largest Suricata rules string of one rule group: 2,000,000 bytes (API shape `RulesString`). */
  public static readonly MAX_RULES_STRING_BYTES = 2000000;

  /**
   * Fewest Availability Zones a firewall this library creates spans (one endpoint in each, each billed by the hour):
   * 2, as Security Hub control NetworkFirewall.1 asks.
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/networkfirewall-controls.html
   */
  public static readonly MIN_AVAILABILITY_ZONES = 2;

  /** Pattern of rule group and firewall policy names (API shape `ResourceName`). */
  public static readonly RESOURCE_NAME_PATTERN = '^[a-zA-Z0-9-]+$';

  /** Pattern of IP set reference and rule variable names (API shapes `IPSetReferenceName`, `RuleVariableName`). */
  public static readonly IP_SET_REFERENCE_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_]*$';

  private constructor() {}
}

/**
 * How this library sizes rule group capacity, which is fixed when a rule group is created (changing it
 * replaces the group, and a replaced group that a policy still references fails to delete).
 *
 * - need, domain list: `(#domains x #target types) + #target types` (third-party measurement, see the table).
 * - need, stateful rules (5-tuple or Suricata): the number of rules.
 * - need, stateless rules: the sum over rules of the product of the sizes of their match sets
 *   (sources x destinations x source ports x destination ports x protocols, an empty set counting 1).
 * - capacity: `max(100, 2 x need rounded up to a multiple of 100)`, capped at the rule group maximum but never
 *   below the need, so the allow list can double before the group needs replacing.
 *
 * ```ts
 * RuleGroupCapacity.domainListNeed(15, 2); // 32
 * RuleGroupCapacity.withHeadroom(32, 30000); // 100
 * ```
 */
export class RuleGroupCapacity {
  /** Factor applied to the need before rounding. */
  public static readonly HEADROOM_FACTOR = 2;

  /** The target types a domain allow list matches: HTTPS by server name, HTTP by Host header. */
  public static readonly DOMAIN_TARGET_TYPES: string[] = ['TLS_SNI', 'HTTP_HOST'];

  /** Smallest capacity this library sets by default. */
  public static readonly MINIMUM = 100;

  /** Capacity is rounded up to a multiple of this. */
  public static readonly STEP = 100;

  /**
   * Capacity a domain list needs: `(#domains x #target types) + #target types`.
   * @param domainCount number of domain targets
   * @param targetTypeCount number of target types (TLS_SNI, HTTP_HOST)
   */
  public static domainListNeed(domainCount: number, targetTypeCount: number): number {
    return domainCount * targetTypeCount + targetTypeCount;
  }

  /**
   * Capacity one stateless rule needs: the product of the sizes of its match sets (0 counts as 1, "any").
   * @param sources number of source CIDRs
   * @param destinations number of destination CIDRs
   * @param sourcePortRanges number of source port ranges
   * @param destinationPortRanges number of destination port ranges
   * @param protocols number of protocols
   */
  public static statelessRuleNeed(sources: number, destinations: number, sourcePortRanges: number,
    destinationPortRanges: number, protocols: number): number {
    return [sources, destinations, sourcePortRanges, destinationPortRanges, protocols]
      .reduce((acc, n) => acc * Math.max(1, n), 1);
  }

  /**
   * Default capacity for a need: `max(MINIMUM, ceil(need x HEADROOM_FACTOR / STEP) x STEP)`, capped at `maximum`
   * but never below `need`.
   * @param need the capacity the rules need now
   * @param maximum the largest capacity the rule group type allows
   */
  public static withHeadroom(need: number, maximum: number): number {
    const padded = Math.ceil((need * RuleGroupCapacity.HEADROOM_FACTOR) / RuleGroupCapacity.STEP) * RuleGroupCapacity.STEP;
    return Math.max(need, Math.min(maximum, Math.max(RuleGroupCapacity.MINIMUM, padded)));
  }

  private constructor() {}
}

import { Tags } from 'aws-cdk-lib';
import * as networkfirewall from 'aws-cdk-lib/aws-networkfirewall';
import { Construct } from 'constructs';
import { NetworkFirewallLimits, RuleGroupCapacity } from '../facts/firewall-limits';
import { checkCapacity, checkCidrList, checkHomeNetLength, checkNeedFits, checkResourceName, defaultName } from './validation';
import type { ConnectEndpointCatalog } from '../connect-endpoints/catalog';
import { enterConstruct, fail, leaveConstruct } from '../private/errors';
import { checkProps } from '../private/prop-types';

/** The target types the allow list matches: HTTPS by server name, HTTP by Host header. */
const TARGET_TYPES = RuleGroupCapacity.DOMAIN_TARGET_TYPES;
/** Characters budgeted for the text of one generated domain rule, besides the HOME_NET value. */
const GENERATED_RULE_BUDGET = 512;

/** Properties of {@link ConnectDomainAllowList}. */
export interface ConnectDomainAllowListProps {
  /** The endpoint catalog; the targets are exactly `catalog.firewallDomains()`. */
  readonly catalog: ConnectEndpointCatalog;
  /**
   * The agents' networks, as canonical CIDRs (IPv4 and/or IPv6; private ranges are fine). They become the
   * rule group's `HOME_NET`: domain rules only inspect traffic from `HOME_NET`, which otherwise is the firewall
   * VPC's CIDR, and on-premises agents arriving over Direct Connect and a transit gateway are not in that VPC.
   */
  readonly agentCidrs: string[];
  /**
   * The rule group name (letters, digits and '-', at most 128; fixed at creation).
   *
   * @default - derived from the construct path
   */
  readonly ruleGroupName?: string;
  /**
   * The rule group capacity, fixed at creation.
   *
   * @default - the need, `(#domains x 2 target types) + 2`, with headroom:
   * `max(100, 2 x need rounded up to a multiple of 100)`, see `RuleGroupCapacity`
   */
  readonly capacity?: number;
}

/**
 * Creates a stateful Network Firewall domain list rule group (ALLOWLIST, TLS_SNI and HTTP_HOST, strict rule
 * order) that lets the agents' networks reach the Amazon Connect hosts of the catalog by name.
 *
 * The targets are the catalog's `firewallDomains()`: leading-dot wildcards (`.cloudfront.net`), no `*`, no paths,
 * duplicates merged. Domain rules match only TLS server names and HTTP Host headers; UDP media needs
 * {@link ConnectIpRuleGroup}.
 *
 * ```ts
 * const catalog = ConnectEndpointCatalog.forRegion('eu-west-2', { instanceAlias: 'my-contact-centre' });
 * new ConnectDomainAllowList(this, 'Domains', { catalog, agentCidrs: ['10.20.0.0/16'] });
 * ```
 *
 * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-domain-names.html
 */
export class ConnectDomainAllowList extends Construct {
  /** The rule group ARN. */
  public readonly ruleGroupArn: string;
  /** The rule group name. */
  public readonly ruleGroupName: string;
  /** The capacity set on the rule group. */
  public readonly capacity: number;
  /** The capacity the domain list needs (before headroom). */
  public readonly requiredCapacity: number;
  /** The domain targets, as rendered. */
  public readonly targets: string[];

  constructor(scope: Construct, id: string, props: ConnectDomainAllowListProps) {
    super(scope, id);
    enterConstruct(this);
    checkProps('ConnectDomainAllowListProps', props);
    checkCidrList('agentCidrs', props.agentCidrs);
    checkHomeNetLength('agentCidrs', props.agentCidrs, GENERATED_RULE_BUDGET);
    this.targets = props.catalog.firewallDomains();
    if (this.targets.length === 0) {
      fail('catalog', `has no TCP 443 domains for ${props.catalog.regions.join(', ')}; a domain allow list needs at least one`);
    }
    this.requiredCapacity = RuleGroupCapacity.domainListNeed(this.targets.length, TARGET_TYPES.length);
    checkNeedFits('catalog', this.requiredCapacity, NetworkFirewallLimits.MAX_STATEFUL_CAPACITY,
      `${this.targets.length} domains x ${TARGET_TYPES.length} target types + ${TARGET_TYPES.length}`);
    this.capacity = props.capacity ?? RuleGroupCapacity.withHeadroom(this.requiredCapacity, NetworkFirewallLimits.MAX_STATEFUL_CAPACITY);
    checkCapacity('capacity', this.capacity, this.requiredCapacity, NetworkFirewallLimits.MAX_STATEFUL_CAPACITY);
    this.ruleGroupName = props.ruleGroupName ?? defaultName(this);
    checkResourceName('ruleGroupName', this.ruleGroupName);

    const resource = new networkfirewall.CfnRuleGroup(this, 'Resource', {
      ruleGroupName: this.ruleGroupName,
      type: 'STATEFUL',
      capacity: this.capacity,
      description: `Amazon Connect (${props.catalog.regions.join(', ')}): TLS SNI / HTTP Host allow list for the agents' networks`,
      ruleGroup: {
        ruleVariables: { ipSets: { HOME_NET: { definition: props.agentCidrs } } },
        rulesSource: {
          rulesSourceList: {
            generatedRulesType: 'ALLOWLIST',
            targetTypes: TARGET_TYPES,
            targets: this.targets,
          },
        },
        statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
      },
    });
    Tags.of(resource).add('cdk-connect-dx:component', 'domain-allow-list');
    this.ruleGroupArn = resource.attrRuleGroupArn;
    leaveConstruct(this);
  }
}

import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { ConnectDomainAllowList } from './domain-allow-list';
import { ConnectFirewallPolicy } from './firewall-policy';
import { ConnectIpRuleGroup } from './ip-rule-group';
import { ConnectStatelessReturnRules } from './stateless-return-rules';
import type { ConnectEndpointCatalog } from '../connect-endpoints/catalog';
import { AllowListMode } from '../connect-endpoints/endpoint-types';
import { enterConstruct, fail, leaveConstruct, warn } from '../private/errors';
import { checkProps } from '../private/prop-types';

/** Properties of {@link ConnectFirewallRules}. */
export interface ConnectFirewallRulesProps {
  /** The endpoint catalog the rules are rendered from. */
  readonly catalog: ConnectEndpointCatalog;
  /**
   * How TCP 443 is allowed: by domain name (DOMAINS, AWS's recommended option) or by EC2 and CloudFront ranges
   * (IP_RANGES). UDP 3478 media is allowed by `AMAZON_CONNECT` range in both.
   *
   * @default AllowListMode.DOMAINS
   */
  readonly mode?: AllowListMode;
  /** The agents' networks, as canonical CIDRs (IPv4 and/or IPv6; private ranges are fine): `HOME_NET`. */
  readonly agentCidrs: string[];
  /** Prefix lists holding the `AMAZON_CONNECT` ranges, one per address family. */
  readonly amazonConnectPrefixLists: ec2.IPrefixList[];
  /**
   * Prefix lists holding the `EC2` ranges, one per family. Required in IP_RANGES mode.
   *
   * @default - none
   */
  readonly ec2PrefixLists?: ec2.IPrefixList[];
  /**
   * Prefix lists holding the `CLOUDFRONT` ranges, one per family. Required in IP_RANGES mode.
   *
   * @default - none
   */
  readonly cloudFrontPrefixLists?: ec2.IPrefixList[];
  /**
   * Whether to add the stateless rule group that passes return media to the browsers' ephemeral ports. Only for
   * firewalls that run stateless rules; needs `amazonConnectCidrs`.
   *
   * @default false
   */
  readonly statelessFirewall?: boolean;
  /**
   * The `AMAZON_CONNECT` CIDRs for the stateless rule group (a synth-time snapshot, e.g. from the ip-ranges
   * engine). Required when `statelessFirewall` is true.
   *
   * @default - none
   */
  readonly amazonConnectCidrs?: string[];
  /**
   * Prefix for the rule group and policy names (`<prefix>-domains`, `<prefix>-ip`, `<prefix>-return`,
   * `<prefix>-policy`).
   *
   * @default - names derived from the construct paths
   */
  readonly namePrefix?: string;
}

/**
 * Creates every Network Firewall rule group for Amazon Connect agent traffic and a strict-order firewall policy
 * that references them: the IP rule group(s) first (priority 100...), then the domain allow list, plus the
 * stateless return rules when asked for.
 *
 * The IP rules come first so that in IP_RANGES mode TCP 443 to EC2 and CloudFront passes before the domain
 * list drops TLS to names it does not know.
 *
 * ```ts
 * import * as ec2 from 'aws-cdk-lib/aws-ec2';
 * declare const connectV4: ec2.IPrefixList;
 * declare const connectV6: ec2.IPrefixList;
 *
 * const rules = new ConnectFirewallRules(this, 'Rules', {
 *   catalog: ConnectEndpointCatalog.forRegion('eu-west-2', { instanceAlias: 'my-contact-centre' }),
 *   agentCidrs: ['10.20.0.0/16'],
 *   amazonConnectPrefixLists: [connectV4, connectV6],
 * });
 * new ConnectFirewall(this, 'Firewall', { firewallPolicyArn: rules.policy.firewallPolicyArn });
 * ```
 */
export class ConnectFirewallRules extends Construct {
  /** The firewall policy referencing every rule group. */
  public readonly policy: ConnectFirewallPolicy;
  /** The domain allow list. */
  public readonly domainAllowList: ConnectDomainAllowList;
  /** The IP rule group(s) for UDP 3478 (and TCP 443 in IP_RANGES mode). */
  public readonly ipRuleGroup: ConnectIpRuleGroup;
  /** The stateless return rules, when `statelessFirewall` is true. */
  public readonly statelessReturnRules?: ConnectStatelessReturnRules;
  /**
   * Total stateful capacity the policy references (at most `NetworkFirewallLimits.MAX_POLICY_STATEFUL_CAPACITY`
   * by default; the default capacities here stay far below it).
   */
  public readonly statefulCapacity: number;

  constructor(scope: Construct, id: string, props: ConnectFirewallRulesProps) {
    super(scope, id);
    enterConstruct(this);
    checkProps('ConnectFirewallRulesProps', props);
    const mode = props.mode ?? AllowListMode.DOMAINS;
    const name = (suffix: string) => (props.namePrefix === undefined ? undefined : `${props.namePrefix}-${suffix}`);

    this.ipRuleGroup = new ConnectIpRuleGroup(this, 'IpRules', {
      catalog: props.catalog,
      mode,
      agentCidrs: props.agentCidrs,
      amazonConnectPrefixLists: props.amazonConnectPrefixLists,
      ec2PrefixLists: props.ec2PrefixLists,
      cloudFrontPrefixLists: props.cloudFrontPrefixLists,
      ruleGroupName: name('ip'),
    });
    this.domainAllowList = new ConnectDomainAllowList(this, 'DomainAllowList', {
      catalog: props.catalog,
      agentCidrs: props.agentCidrs,
      ruleGroupName: name('domains'),
    });

    if (props.statelessFirewall) {
      if (props.amazonConnectCidrs === undefined) {
        fail('amazonConnectCidrs', 'is required when statelessFirewall is true: stateless rules cannot reference prefix '
          + 'lists, so give the AMAZON_CONNECT CIDRs (e.g. from IpRanges.select at synth time), got nothing');
      }
      this.statelessReturnRules = new ConnectStatelessReturnRules(this, 'StatelessReturnRules', {
        catalog: props.catalog,
        agentCidrs: props.agentCidrs,
        amazonConnectCidrs: props.amazonConnectCidrs,
        ruleGroupName: name('return'),
      });
    } else if (props.amazonConnectCidrs !== undefined) {
      warn(this, 'amazonConnectCidrsUnused', 'amazonConnectCidrs is only used with statelessFirewall: true; no stateless rule group was created');
    }

    this.statefulCapacity = this.ipRuleGroup.capacity * this.ipRuleGroup.ruleGroupArns.length + this.domainAllowList.capacity;

    this.policy = new ConnectFirewallPolicy(this, 'Policy', {
      statefulRuleGroupArns: [...this.ipRuleGroup.ruleGroupArns, this.domainAllowList.ruleGroupArn],
      statelessRuleGroupArns: this.statelessReturnRules ? [this.statelessReturnRules.ruleGroupArn] : undefined,
      firewallPolicyName: name('policy'),
    });
    leaveConstruct(this);
  }
}

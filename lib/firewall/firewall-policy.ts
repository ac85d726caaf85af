import { Tags } from 'aws-cdk-lib';
import * as networkfirewall from 'aws-cdk-lib/aws-networkfirewall';
import { Construct } from 'constructs';
import { NetworkFirewallLimits } from '../facts/firewall-limits';
import { checkResourceName, defaultName } from './validation';
import { enterConstruct, fail, isToken, leaveConstruct, show } from '../private/errors';
import { checkProps } from '../private/prop-types';

/** The stateful default action: drop packets of established flows that no rule passed. */
const STATEFUL_DEFAULT_ACTION = 'aws:drop_established';
/** The stateless default action for full and fragmented packets: hand them to the stateful engine. */
const STATELESS_DEFAULT_ACTION = 'aws:forward_to_sfe';
/** Spacing between rule group priorities, so groups can be inserted later without renumbering. */
const PRIORITY_STEP = 100;

/** Properties of {@link ConnectFirewallPolicy}. */
export interface ConnectFirewallPolicyProps {
  /**
   * ARNs of the stateful rule groups (created with STRICT_ORDER rule order), in evaluation order: the first
   * gets priority 100, the next 200, and so on. At least 1, at most 20.
   */
  readonly statefulRuleGroupArns: string[];
  /**
   * ARNs of stateless rule groups, in evaluation order (priorities 100, 200, ...). At most 20.
   *
   * @default - no stateless rule groups: every packet goes to the stateful engine
   */
  readonly statelessRuleGroupArns?: string[];
  /**
   * The firewall policy name (letters, digits and '-', at most 128; fixed at creation).
   *
   * @default - derived from the construct path
   */
  readonly firewallPolicyName?: string;
  /**
   * A description of the policy.
   *
   * @default 'Amazon Connect agent traffic allow list (cdk-connect-dx)'
   */
  readonly description?: string;
}

/**
 * Creates a Network Firewall firewall policy in strict rule order that drops established flows no rule
 * passes (`aws:drop_established`) and forwards every packet the stateless groups do not decide to the
 * stateful engine (`aws:forward_to_sfe`, full and fragmented packets).
 *
 * Stream exceptions fail closed (`DROP`). The policy is tagged (Security Hub NetworkFirewall.8).
 *
 * ```ts
 * declare const ipRules: ConnectIpRuleGroup;
 * declare const domainAllowList: ConnectDomainAllowList;
 * const policy = new ConnectFirewallPolicy(this, 'Policy', {
 *   statefulRuleGroupArns: [ipRules.ruleGroupArns[0], domainAllowList.ruleGroupArn],
 * });
 * policy.firewallPolicyArn;
 * ```
 *
 * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-policies.html
 * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 */
export class ConnectFirewallPolicy extends Construct {
  /** The firewall policy ARN. */
  public readonly firewallPolicyArn: string;
  /** The firewall policy name. */
  public readonly firewallPolicyName: string;

  constructor(scope: Construct, id: string, props: ConnectFirewallPolicyProps) {
    super(scope, id);
    enterConstruct(this);
    checkProps('ConnectFirewallPolicyProps', props);
    const stateful = props.statefulRuleGroupArns;
    const stateless = props.statelessRuleGroupArns ?? [];
    checkGroupList('statefulRuleGroupArns', stateful, 1, NetworkFirewallLimits.MAX_STATEFUL_GROUPS_PER_POLICY);
    checkGroupList('statelessRuleGroupArns', stateless, 0, NetworkFirewallLimits.MAX_STATELESS_GROUPS_PER_POLICY);
    this.firewallPolicyName = props.firewallPolicyName ?? defaultName(this);
    checkResourceName('firewallPolicyName', this.firewallPolicyName);

    const resource = new networkfirewall.CfnFirewallPolicy(this, 'Resource', {
      firewallPolicyName: this.firewallPolicyName,
      description: props.description ?? 'Amazon Connect agent traffic allow list (cdk-connect-dx)',
      firewallPolicy: {
        statelessDefaultActions: [STATELESS_DEFAULT_ACTION],
        statelessFragmentDefaultActions: [STATELESS_DEFAULT_ACTION],
        statefulDefaultActions: [STATEFUL_DEFAULT_ACTION],
        statefulEngineOptions: { ruleOrder: 'STRICT_ORDER', streamExceptionPolicy: 'DROP' },
        statefulRuleGroupReferences: stateful.map((resourceArn, i) => ({ resourceArn, priority: (i + 1) * PRIORITY_STEP })),
        statelessRuleGroupReferences: stateless.length > 0
          ? stateless.map((resourceArn, i) => ({ resourceArn, priority: (i + 1) * PRIORITY_STEP }))
          : undefined,
      },
    });
    Tags.of(resource).add('cdk-connect-dx:component', 'firewall-policy');
    this.firewallPolicyArn = resource.attrFirewallPolicyArn;
    leaveConstruct(this);
  }
}

/**
 * Checks the number of rule groups and that none is listed twice. Entries may be tokens; the list itself must
 * be known at synth time, because each entry becomes a reference with its own priority.
 */
function checkGroupList(property: string, arns: string[], min: number, max: number): void {
  if (isToken(arns)) {
    fail(property, `must be a list written at synth time (its entries may be tokens): each entry gets its own priority, got the list token ${show(arns[0])}`);
  }
  if (arns.length < min || arns.length > max) {
    const why = min > 0 ? ' (a policy without stateful rule groups drops every established flow; Security Hub NetworkFirewall.3)' : '';
    fail(property, `must list from ${min} to ${max} rule groups${why}, got ${arns.length}`);
  }
  const seen = new Set<string>();
  arns.forEach((arn, i) => {
    if (seen.has(arn)) fail(`${property}[${i}]`, `must not repeat a rule group, got ${show(arn)} twice`);
    seen.add(arn);
  });
}

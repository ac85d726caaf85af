import { Tags } from 'aws-cdk-lib';
import * as networkfirewall from 'aws-cdk-lib/aws-networkfirewall';
import { Construct } from 'constructs';
import { NetworkFirewallLimits, RuleGroupCapacity } from '../facts/firewall-limits';
import { checkCapacity, checkCidrList, checkNeedFits, checkResourceName, defaultName } from './validation';
import type { ConnectEndpointCatalog } from '../connect-endpoints/catalog';
import { TrafficDirection, TransportProtocol } from '../connect-endpoints/endpoint-types';
import { enterConstruct, fail, isToken, leaveConstruct, show } from '../private/errors';
import { checkProps } from '../private/prop-types';

/** IANA protocol number of UDP. */
const UDP_PROTOCOL_NUMBER = 17;

/** Properties of {@link ConnectStatelessReturnRules}. */
export interface ConnectStatelessReturnRulesProps {
  /** The endpoint catalog: the return port ranges (Windows and Linux browser ephemeral ports) come from it. */
  readonly catalog: ConnectEndpointCatalog;
  /**
   * The agents' networks (canonical CIDRs, IPv4 and/or IPv6): the destinations of the return media.
   * Private ranges are allowed.
   */
  readonly agentCidrs: string[];
  /**
   * The `AMAZON_CONNECT` prefixes (GLOBAL and the instance Region) the media comes from, e.g. from the
   * ip-ranges engine at synth time. Stateless rules cannot reference prefix lists, so these CIDRs are a
   * snapshot taken when you synthesize: redeploy when AWS publishes new `AMAZON_CONNECT` ranges.
   */
  readonly amazonConnectCidrs: string[];
  /**
   * The rule group name (letters, digits and '-', at most 128; fixed at creation).
   *
   * @default - derived from the construct path
   */
  readonly ruleGroupName?: string;
  /**
   * The rule group capacity, fixed at creation.
   *
   * @default - the need (sum over rules of sources x destinations x port ranges x protocols) with headroom:
   * `max(100, 2 x need rounded up to a multiple of 100)`, see `RuleGroupCapacity`
   */
  readonly capacity?: number;
}

/**
 * Creates a stateless Network Firewall rule group that passes return media (UDP) from the `AMAZON_CONNECT`
 * ranges to the agents' browsers on their ephemeral ports (Windows 49152-65535, Linux 32768-61000).
 *
 * Only for users whose firewall runs stateless rules that would otherwise drop this traffic; a stateful
 * firewall (the default policy forwards everything to the stateful engine) lets return traffic through by
 * itself. One rule per address family with both port ranges; action `aws:pass`.
 *
 * ```ts
 * declare const catalog: ConnectEndpointCatalog;
 * new ConnectStatelessReturnRules(this, 'Return', {
 *   catalog,
 *   agentCidrs: ['10.20.0.0/16'],
 *   amazonConnectCidrs: ['15.193.0.0/24'],
 * });
 * ```
 *
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html
 * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateless-rule-groups-5-tuple.html
 */
export class ConnectStatelessReturnRules extends Construct {
  /** The rule group ARN. */
  public readonly ruleGroupArn: string;
  /** The rule group name. */
  public readonly ruleGroupName: string;
  /** The capacity set on the rule group. */
  public readonly capacity: number;
  /** The capacity the rules need (before headroom). */
  public readonly requiredCapacity: number;

  constructor(scope: Construct, id: string, props: ConnectStatelessReturnRulesProps) {
    super(scope, id);
    enterConstruct(this);
    checkProps('ConnectStatelessReturnRulesProps', props);
    checkLiteralList('agentCidrs', props.agentCidrs);
    checkLiteralList('amazonConnectCidrs', props.amazonConnectCidrs);
    const agents = checkCidrList('agentCidrs', props.agentCidrs);
    const sources = checkCidrList('amazonConnectCidrs', props.amazonConnectCidrs);
    const ports = props.catalog.statelessReturnPortRanges()
      .filter((r) => r.protocol === TransportProtocol.UDP && r.direction === TrafficDirection.INBOUND)
      .map((r) => ({ fromPort: r.fromPort, toPort: r.toPort }));
    if (ports.length === 0) {
      fail('catalog', `lists no inbound UDP return port ranges for ${props.catalog.regions.join(', ')}; nothing to allow`);
    }

    // One rule per family: IPv4 sources to IPv4 agents, IPv6 to IPv6. With unresolved entries the families
    // are unknown, so one rule takes everything.
    const pairs: Array<{ sources: string[]; destinations: string[] }> = [];
    if (agents.hasTokens || sources.hasTokens) {
      pairs.push({ sources: sources.all, destinations: agents.all });
    } else {
      if (agents.v4.length > 0 && sources.v4.length > 0) pairs.push({ sources: sources.v4, destinations: agents.v4 });
      if (agents.v6.length > 0 && sources.v6.length > 0) pairs.push({ sources: sources.v6, destinations: agents.v6 });
      if (pairs.length === 0) {
        fail('amazonConnectCidrs', `share no address family with agentCidrs (agents: ${familiesOf(agents)}, `
          + `AMAZON_CONNECT: ${familiesOf(sources)}); the rule group would be empty`);
      }
    }

    this.requiredCapacity = pairs.reduce((sum, p) => sum + RuleGroupCapacity.statelessRuleNeed(
      p.sources.length, p.destinations.length, 0, ports.length, 1), 0);
    checkNeedFits('amazonConnectCidrs', this.requiredCapacity, NetworkFirewallLimits.MAX_STATELESS_CAPACITY,
      'sources x agent CIDRs x port ranges');
    this.capacity = props.capacity ?? RuleGroupCapacity.withHeadroom(this.requiredCapacity, NetworkFirewallLimits.MAX_STATELESS_CAPACITY);
    checkCapacity('capacity', this.capacity, this.requiredCapacity, NetworkFirewallLimits.MAX_STATELESS_CAPACITY);

    this.ruleGroupName = props.ruleGroupName ?? defaultName(this);
    checkResourceName('ruleGroupName', this.ruleGroupName);

    const resource = new networkfirewall.CfnRuleGroup(this, 'Resource', {
      ruleGroupName: this.ruleGroupName,
      type: 'STATELESS',
      capacity: this.capacity,
      description: 'Amazon Connect: return media (UDP) from AMAZON_CONNECT to agent browser ephemeral ports',
      ruleGroup: {
        rulesSource: {
          statelessRulesAndCustomActions: {
            statelessRules: pairs.map((p, i) => ({
              priority: (i + 1) * 100,
              ruleDefinition: {
                actions: ['aws:pass'],
                matchAttributes: {
                  protocols: [UDP_PROTOCOL_NUMBER],
                  sources: addresses(p.sources),
                  destinations: addresses(p.destinations),
                  destinationPorts: ports,
                },
              },
            })),
          },
        },
      },
    });
    Tags.of(resource).add('cdk-connect-dx:component', 'stateless-return-rules');
    this.ruleGroupArn = resource.attrRuleGroupArn;
    leaveConstruct(this);
  }
}

function addresses(cidrs: string[]): networkfirewall.CfnRuleGroup.AddressProperty[] {
  return cidrs.map((addressDefinition) => ({ addressDefinition }));
}

/** Stateless rules take one address object per CIDR, so the list itself must be known at synth time. */
function checkLiteralList(property: string, cidrs: string[]): void {
  if (isToken(cidrs) && Array.isArray(cidrs) && cidrs.length === 1) {
    fail(property, `must be a list written at synth time (its entries may be tokens): a stateless rule needs one address per CIDR, got the list token ${show(cidrs[0])}`);
  }
}

function familiesOf(c: { v4: string[]; v6: string[] }): string {
  const f = [c.v4.length > 0 ? 'IPv4' : '', c.v6.length > 0 ? 'IPv6' : ''].filter((x) => x);
  return f.join(' and ') || 'none';
}

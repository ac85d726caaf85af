import { Tags, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as networkfirewall from 'aws-cdk-lib/aws-networkfirewall';
import { Construct } from 'constructs';
import { NetworkFirewallLimits, RuleGroupCapacity } from '../facts/firewall-limits';
import {
  checkCapacity, checkCidrList, checkHomeNetLength, checkResourceName, defaultName,
} from './validation';
import type { ConnectEndpointCatalog } from '../connect-endpoints/catalog';
import { AllowListMode, IpRangeRequirement, TransportProtocol } from '../connect-endpoints/endpoint-types';
import { enterConstruct, fail, leaveConstruct, warn } from '../private/errors';
import { checkProps } from '../private/prop-types';

/** First Suricata signature id: the range conventionally left for local rules. */
const SID_START = 1000001;
/** Characters budgeted for one rule's text besides the HOME_NET value. */
const RULE_BUDGET = 512;

/** Properties of {@link ConnectIpRuleGroup}. */
export interface ConnectIpRuleGroupProps {
  /** The endpoint catalog; the rules are `catalog.ipRuleRequirements(mode)`. */
  readonly catalog: ConnectEndpointCatalog;
  /**
   * DOMAINS: only UDP 3478 media to `AMAZON_CONNECT`. IP_RANGES: also TCP 443 to `EC2` and `CLOUDFRONT`.
   */
  readonly mode: AllowListMode;
  /**
   * The agents' networks, as canonical CIDRs (IPv4 and/or IPv6; private ranges are fine). They become the rule
   * group's `HOME_NET`, the source of every rule.
   */
  readonly agentCidrs: string[];
  /**
   * EC2 managed prefix lists holding the `AMAZON_CONNECT` ranges (GLOBAL and the instance Region), one per
   * address family (a prefix list holds one family).
   */
  readonly amazonConnectPrefixLists: ec2.IPrefixList[];
  /**
   * Prefix lists holding the `EC2` ranges of the instance Region (GLOBAL only where the Region has none), one per
   * family. Required in IP_RANGES mode.
   *
   * @default - none; IP_RANGES mode refuses to synthesize without them
   */
  readonly ec2PrefixLists?: ec2.IPrefixList[];
  /**
   * Prefix lists holding all `CLOUDFRONT` ranges, one per family. Required in IP_RANGES mode.
   *
   * @default - none; IP_RANGES mode refuses to synthesize without them
   */
  readonly cloudFrontPrefixLists?: ec2.IPrefixList[];
  /**
   * The rule group name (letters, digits and '-', at most 128; fixed at creation). When the references need a
   * second group, it is named `<name>-2`.
   *
   * @default - derived from the construct path
   */
  readonly ruleGroupName?: string;
  /**
   * The capacity of each rule group, fixed at creation.
   *
   * @default - the need (one per rule: one rule per prefix list) with headroom:
   * `max(100, 2 x need rounded up to a multiple of 100)`, see `RuleGroupCapacity`
   */
  readonly capacity?: number;
}

/**
 * One rule: a requirement applied to one prefix list through an IP set reference, or to the CIDRs AWS documents
 * literally (video calling's Amazon Chime SDK subnet), which need no reference.
 */
interface IpRule {
  readonly requirement: IpRangeRequirement;
  readonly referenceName?: string;
  readonly prefixListArn?: string;
  readonly cidrs?: string[];
}

/**
 * ip-ranges.json services this construct has no prefix lists for, and why the policy still passes their traffic: the
 * domain allow list (always in the policy) matches their names.
 */
const BY_DOMAIN: Record<string, string> = {
  S3: 'the new sign-in\'s S3 ranges have no prefix lists here; the domain allow list passes the *.s3.dualstack names ' +
    'AWS lists for the same traffic by TLS server name instead',
};

/**
 * Creates stateful Network Firewall rule groups (Suricata rules, strict rule order) that pass what domain rules
 * cannot match: UDP 3478 media to `AMAZON_CONNECT`, and in IP_RANGES mode TCP 443 to `EC2` and `CLOUDFRONT`,
 * each through an IP set reference to an EC2 managed prefix list (`@AMAZON_CONNECT_V4`, `@EC2_V6`, ...).
 *
 * Network Firewall resolves the references itself, so when AWS adds ranges and the prefix lists are updated the
 * rules follow and the capacity does not change. A rule group holds at most 5 references: when the lists need
 * more (IP_RANGES mode with IPv4 and IPv6 lists needs 6), the services go into a second group, and
 * `ruleGroupArns` lists both.
 *
 * Rules are Suricata text rather than 5-tuple `StatefulRules` because `$HOME_NET` and `@REFERENCE` are both
 * documented for Suricata rules. The rules match only addresses and ports (no `flow` option), which makes them
 * IP-only rules whose pass applies to the whole flow, replies included; a `flow` option would make them packet rules
 * whose pass covers only the packets they match, and `aws:drop_established` would drop the replies. The UDP rule is
 * also bidirectional (`<>`), so the media coming back from port 3478 matches it even where a pass is per packet.
 *
 * ```ts
 * import * as ec2 from 'aws-cdk-lib/aws-ec2';
 * declare const catalog: ConnectEndpointCatalog;
 * declare const connectV4: ec2.IPrefixList;
 * declare const connectV6: ec2.IPrefixList;
 *
 * new ConnectIpRuleGroup(this, 'IpRules', {
 *   catalog,
 *   mode: AllowListMode.DOMAINS,
 *   agentCidrs: ['10.20.0.0/16'],
 *   amazonConnectPrefixLists: [connectV4, connectV6],
 * });
 * ```
 *
 * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/rule-groups-ip-set-references.html
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html
 */
export class ConnectIpRuleGroup extends Construct {
  /** The ARNs of the rule groups, in the order a policy should reference them. */
  public readonly ruleGroupArns: string[];
  /** The capacity set on each rule group. */
  public readonly capacity: number;
  /** The capacity the largest group needs (one per rule, before headroom). */
  public readonly requiredCapacity: number;
  /** The Suricata rules of each group, as rendered. */
  public readonly rulesStrings: string[];

  constructor(scope: Construct, id: string, props: ConnectIpRuleGroupProps) {
    super(scope, id);
    enterConstruct(this);
    checkProps('ConnectIpRuleGroupProps', props);
    checkCidrList('agentCidrs', props.agentCidrs);
    checkHomeNetLength('agentCidrs', props.agentCidrs, RULE_BUDGET);
    const ipRanges = props.mode.name === AllowListMode.IP_RANGES.name; // by name: jsii may proxy the instance
    const listsByService: Record<string, { property: string; lists?: ec2.IPrefixList[] }> = {
      AMAZON_CONNECT: { property: 'amazonConnectPrefixLists', lists: props.amazonConnectPrefixLists },
      EC2: { property: 'ec2PrefixLists', lists: props.ec2PrefixLists },
      CLOUDFRONT: { property: 'cloudFrontPrefixLists', lists: props.cloudFrontPrefixLists },
    };
    if (!ipRanges) warnUnused(this, props);

    // Per service: its rules (one per prefix list). Services are packed into groups of at most 5 references.
    const services: IpRule[][] = [];
    for (const req of props.catalog.ipRuleRequirements(props.mode)) {
      if (req.cidrs !== undefined) {
        services.push([{ requirement: req, cidrs: req.cidrs }]);
        continue;
      }
      if (BY_DOMAIN[req.service] !== undefined && listsByService[req.service] === undefined) {
        warn(this, 'ipRangesByDomain', `${props.mode.name} mode, ${req.protocol} ${req.port} to ${req.service} `
          + `(${req.regions.join(', ')}): ${BY_DOMAIN[req.service]}`);
        continue;
      }
      const entry = listsByService[req.service];
      if (!entry) fail('catalog', `requires IP rules for ip-ranges service '${req.service}', which this rule group cannot reference`);
      const lists = checkPrefixLists(entry.property, entry.lists, req, props.mode);
      services.push(referenceNames(req.service, lists).map((referenceName, i) => ({
        requirement: req, referenceName, prefixListArn: lists[i].prefixListRef.prefixListArn,
      })));
    }
    const groups = packGroups(services);

    this.requiredCapacity = Math.max(...groups.map((g) => g.length));
    this.capacity = props.capacity ?? RuleGroupCapacity.withHeadroom(this.requiredCapacity, NetworkFirewallLimits.MAX_STATEFUL_CAPACITY);
    checkCapacity('capacity', this.capacity, this.requiredCapacity, NetworkFirewallLimits.MAX_STATEFUL_CAPACITY);
    const baseName = props.ruleGroupName ?? defaultName(this, 4);
    checkResourceName('ruleGroupName', baseName);

    let sid = SID_START;
    this.rulesStrings = [];
    this.ruleGroupArns = groups.map((rules, g) => {
      const rulesString = rules.map((r) => renderRule(r, sid++)).join('\n');
      this.rulesStrings.push(rulesString);
      const name = g === 0 ? baseName : `${baseName}-${g + 1}`;
      if (g > 0) checkResourceName('ruleGroupName', name);
      const resource = new networkfirewall.CfnRuleGroup(this, g === 0 ? 'Resource' : `Resource${g + 1}`, {
        ruleGroupName: name,
        type: 'STATEFUL',
        capacity: this.capacity,
        description: `Amazon Connect (${props.catalog.regions.join(', ')}): IP rules for ${[...new Set(rules.map((r) => r.requirement.service))].join(', ')}`,
        ruleGroup: {
          ruleVariables: { ipSets: { HOME_NET: { definition: props.agentCidrs } } },
          referenceSets: {
            ipSetReferences: Object.fromEntries(rules.filter((r) => r.referenceName !== undefined)
              .map((r) => [r.referenceName, { referenceArn: r.prefixListArn }])),
          },
          rulesSource: { rulesString },
          statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
        },
      });
      Tags.of(resource).add('cdk-connect-dx:component', 'ip-rule-group');
      return resource.attrRuleGroupArn;
    });
    leaveConstruct(this);
  }
}

/** Checks the prefix lists a requirement needs: given, non-empty, at most 5. */
function checkPrefixLists(property: string, lists: ec2.IPrefixList[] | undefined, req: IpRangeRequirement,
  mode: AllowListMode): ec2.IPrefixList[] {
  const what = `${req.protocol} ${req.port} to ${req.service} (${req.purpose})`;
  if (lists === undefined || lists.length === 0) {
    fail(property, `is required in ${mode.name} mode for ${what}: give the EC2 managed prefix lists `
      + `(one per address family) that hold the ${req.service} ranges, got ${lists === undefined ? 'nothing' : '[]'}`);
  }
  if (lists.length > NetworkFirewallLimits.MAX_IP_SET_REFERENCES_PER_GROUP) {
    fail(property, `can hold at most ${NetworkFirewallLimits.MAX_IP_SET_REFERENCES_PER_GROUP} prefix lists (IP set references per rule group), got ${lists.length}`);
  }
  return lists;
}

/** Reference names: `<SERVICE>_V4` / `_V6` when the family is known, else `<SERVICE>_<n>`. */
function referenceNames(service: string, lists: ec2.IPrefixList[]): string[] {
  const families = lists.map(familyOf);
  const useFamily = families.every((f) => f !== undefined) && new Set(families).size === families.length;
  // ip-ranges.json service names plus `_V4` / `_<n>` stay within `^[A-Za-z][A-Za-z0-9_]*$` and 32 characters
  return lists.map((_, i) => `${service}_${useFamily ? families[i] : i + 1}`);
}

/** `V4`/`V6` for a prefix list whose address family is known at synth time. */
function familyOf(list: ec2.IPrefixList): string | undefined {
  const family = (list as { addressFamily?: unknown }).addressFamily;
  if (typeof family !== 'string' || Token.isUnresolved(family)) return undefined;
  if (family.toLowerCase() === 'ipv4') return 'V4';
  if (family.toLowerCase() === 'ipv6') return 'V6';
  return undefined;
}

/** Packs services (in catalog order, never split) into groups of at most 5 references. */
function packGroups(services: IpRule[][]): IpRule[][] {
  const groups: IpRule[][] = [];
  const refs = (rules: IpRule[]) => rules.filter((r) => r.referenceName !== undefined).length;
  for (const rules of services) {
    const last = groups[groups.length - 1];
    if (last && refs(last) + refs(rules) <= NetworkFirewallLimits.MAX_IP_SET_REFERENCES_PER_GROUP) last.push(...rules);
    else groups.push([...rules]);
  }
  return groups;
}

/**
 * One Suricata pass rule: addresses and ports only (an IP-only rule, whose pass covers the whole flow; do not add a
 * `flow` option). UDP is bidirectional so the replies from the service port match too.
 */
function renderRule(r: IpRule, sid: number): string {
  const req = r.requirement;
  const proto = req.protocol === TransportProtocol.UDP ? 'udp' : 'tcp';
  const arrow = req.protocol === TransportProtocol.UDP ? '<>' : '->';
  const msg = `Amazon Connect ${req.service} ${proto}/${req.port}: ${req.purpose}`.replace(/[";\\]/g, ' ');
  const destination = r.cidrs !== undefined ? `[${r.cidrs.join(',')}]` : `@${r.referenceName}`;
  return `pass ${proto} $HOME_NET any ${arrow} ${destination} ${req.port} (msg:"${msg}"; sid:${sid}; rev:1;)`;
}

/** Prefix lists for EC2 or CloudFront are not used in DOMAINS mode; say so rather than ignore them silently. */
function warnUnused(scope: Construct, props: ConnectIpRuleGroupProps): void {
  const unused = [
    props.ec2PrefixLists?.length ? 'ec2PrefixLists' : '',
    props.cloudFrontPrefixLists?.length ? 'cloudFrontPrefixLists' : '',
  ].filter((x) => x);
  if (unused.length > 0) {
    warn(scope, 'unusedPrefixLists', `${unused.join(' and ')} are not used in DOMAINS mode (TCP 443 is allowed by `
      + 'domain name); use AllowListMode.IP_RANGES to allow EC2 and CloudFront by IP range');
  }
}

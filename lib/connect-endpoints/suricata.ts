/**
 * Renders the plain data of a catalog as Suricata rules in the form AWS Network Firewall uses (internal; read it
 * through `ConnectEndpointCatalog.toSuricataRules`). It never imports the catalog: the catalog hands it the data.
 *
 * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-examples.html
 * @see https://docs.aws.amazon.com/network-firewall/latest/developerguide/rule-groups-ip-set-references.html
 */
import { fail, show } from '../private/fail';
import { checkCidrList as checkCanonicalCidrs, checkDomainTarget, checkHomeNetLength, suricataText } from '../private/text-rules';
import { refuseTokenText } from '../private/unresolved';
import { NetworkFirewallLimits } from '../facts/firewall-limits';
import { AllowListMode, EndpointSet, IpRangeRequirement, TransportProtocol } from './endpoint-types';
import type { SuricataExportOptions } from './suricata-options';

/** Network Firewall's limit on one Suricata rule (variable values included); we stay under it with a margin. */
export const MAX_RULE_CHARS = NetworkFirewallLimits.MAX_SURICATA_RULE_LENGTH;
const RULE_BUDGET = 8000;
/** The largest Suricata signature id. */
export const MAX_SID = 4294967295;
/** Default first sid: the range conventionally left for local rules. */
export const DEFAULT_SID_START = 1000001;

/**
 * The IP set reference used for a service when no CIDRs are given: the ip-ranges.json service name
 * (`@AMAZON_CONNECT`, `@EC2`, `@CLOUDFRONT`; all valid reference names, `^[A-Za-z][A-Za-z0-9_]*$`, at most 32).
 */
export function ipSetReferenceName(service: string): string {
  return service;
}

/**
 * Checks a CIDR list option with the constructs' rules (non-empty, canonical, no duplicates). A text export holds
 * no tokens: token-like values are refused, naming the option.
 */
export function checkCidrList(property: string, cidrs: string[] | undefined, required: boolean): void {
  if (cidrs === undefined) {
    if (required) fail(property, 'is required: the agents\' networks as CIDRs, e.g. [\'10.20.0.0/16\']');
    return;
  }
  refuseTokenText(property, cidrs, 'Suricata rules');
  checkCanonicalCidrs(property, cidrs);
}

interface IpTarget { readonly req: IpRangeRequirement; readonly cidrs?: string[] }

/** What the renderer needs from a catalog, as plain data. */
export interface SuricataCatalogData {
  /** The Connect Region(s), as the header names them. */
  readonly region: string;
  /** Every Connect Region of the catalog: with more than one, each IP rule's msg names the Regions it selects. */
  readonly regions?: string[];
  /** The date AWS's pages were read for the catalog's facts. */
  readonly readDate: string;
  readonly endpointSets: EndpointSet[];
  /** The allow-list mode (resolved: the catalog applies the default). */
  readonly mode: AllowListMode;
  /** The firewall domain targets, leading-dot form for wildcards. */
  readonly firewallDomains: string[];
  /**
   * The Connect Regions that need each domain target (same order as `firewallDomains`): with more than one Region,
   * each rule's msg names them.
   */
  readonly domainRegions?: string[][];
  /** The IP requirements of `mode`. */
  readonly ipRuleRequirements: IpRangeRequirement[];
}

export function renderSuricataRules(catalog: SuricataCatalogData, options: SuricataExportOptions): string {
  const mode = catalog.mode;
  checkCidrList('homeNet', options.homeNet, true);
  checkCidrList('amazonConnectCidrs', options.amazonConnectCidrs, false);
  checkCidrList('ec2Cidrs', options.ec2Cidrs, false);
  checkCidrList('cloudFrontCidrs', options.cloudFrontCidrs, false);
  refuseTokenText('sidStart', options.sidStart, 'Suricata rules');
  const sidStart = options.sidStart ?? DEFAULT_SID_START;
  if (!Number.isInteger(sidStart) || sidStart < 1 || sidStart > MAX_SID) {
    fail('sidStart', `must be an integer from 1 to ${MAX_SID}, got ${show(sidStart)}`);
  }

  const cidrsFor: Record<string, string[] | undefined> = {
    AMAZON_CONNECT: options.amazonConnectCidrs,
    EC2: options.ec2Cidrs,
    CLOUDFRONT: options.cloudFrontCidrs,
  };
  const ipTargets: IpTarget[] = catalog.ipRuleRequirements.map((req) => ({ req, cidrs: cidrsFor[req.service] ?? req.cidrs }));

  const bodies: Array<{ head: string; opts: string }> = [];
  if (mode.name === AllowListMode.DOMAINS.name) {
    const domains = catalog.firewallDomains;
    domains.forEach((d, i) => checkDomainTarget(`firewallDomains[${i}]`, d));
    const named = new Set(catalog.domainRegions?.flat() ?? []).size > 1;
    const of = (i: number) => (named ? ` (${catalog.domainRegions![i].join(' ')})` : '');
    domains.forEach((d, i) => {
      bodies.push({ head: 'pass tls $HOME_NET any -> $EXTERNAL_NET 443', opts: `tls.sni; ${match(d)} msg:"${suricataText('msg', `Amazon Connect TLS ${d}${of(i)}`)}"; flow:to_server, established;` });
    });
    if (options.includeHttpHost ?? false) {
      domains.forEach((d, i) => {
        bodies.push({ head: 'pass http $HOME_NET any -> $EXTERNAL_NET any', opts: `http.host; ${match(d)} msg:"${suricataText('msg', `Amazon Connect HTTP ${d}${of(i)}`)}"; flow:to_server, established;` });
      });
    }
  }
  for (const t of ipTargets) {
    const proto = t.req.protocol === TransportProtocol.UDP ? 'udp' : 'tcp';
    // No `flow` keyword: a rule that matches only addresses and ports is an IP-only rule, whose pass applies to the
    // whole flow (replies included); any `flow` option turns it into a packet rule whose pass covers only the
    // packets it matches, so under aws:drop_established the server's replies would be dropped. UDP is also written
    // bidirectional (`<>`), so the media coming back from port 3478 matches even where a pass covers one packet.
    // https://docs.suricata.io/en/latest/rules/rule-types.html (IP Only; flow keyword turns it into a Packet rule)
    const arrow = proto === 'udp' ? '<>' : '->';
    const sel = (catalog.regions?.length ?? 0) > 1 && t.req.cidrs === undefined
      ? ` (${t.req.allRegions ? 'every Region' : t.req.regions.join(' ')})` : '';
    const msg = `msg:"${suricataText('msg', `Amazon Connect ${t.req.service} ${proto.toUpperCase()} ${t.req.port}${sel}`)}";`;
    if (t.cidrs === undefined) {
      bodies.push({ head: `pass ${proto} $HOME_NET any ${arrow} @${ipSetReferenceName(t.req.service)} ${t.req.port}`, opts: msg });
    } else {
      // Network Firewall counts variable values in the rule length, so HOME_NET's value is part of the overhead.
      const overhead = `pass ${proto} [${options.homeNet.join(',')}] any ${arrow} [] ${t.req.port} (${msg} sid:${MAX_SID}; rev:1;)`.length;
      for (const chunk of chunkCidrs(t.cidrs, overhead)) {
        bodies.push({ head: `pass ${proto} $HOME_NET any ${arrow} [${chunk.join(',')}] ${t.req.port}`, opts: msg });
      }
    }
  }
  // Final drops: everything else of the kinds this allow list governs.
  if (mode.name === AllowListMode.DOMAINS.name) {
    bodies.push({ head: 'drop tls $HOME_NET any -> $EXTERNAL_NET any', opts: 'msg:"Amazon Connect allow list: TLS server name not allowed"; flow:to_server, established;' });
    if (options.includeHttpHost ?? false) {
      bodies.push({ head: 'drop http $HOME_NET any -> $EXTERNAL_NET any', opts: 'msg:"Amazon Connect allow list: HTTP host not allowed"; flow:to_server, established;' });
    }
  } else {
    bodies.push({ head: 'drop tcp $HOME_NET any -> $EXTERNAL_NET 443', opts: 'msg:"Amazon Connect allow list: TCP 443 destination not allowed"; flow:to_server;' });
  }
  bodies.push({ head: 'drop udp $HOME_NET any -> $EXTERNAL_NET 3478', opts: 'msg:"Amazon Connect allow list: UDP 3478 destination not allowed";' });

  if (sidStart + bodies.length - 1 > MAX_SID) {
    fail('sidStart', `leaves no room for ${bodies.length} rules (the largest sid is ${MAX_SID}), got ${sidStart}`);
  }
  const rules = bodies.map((b, i) => `${b.head} (${b.opts} sid:${sidStart + i}; rev:1;)`);
  // Network Firewall expands $HOME_NET inside every rule and counts it toward the rule length limit.
  checkHomeNetLength('homeNet', options.homeNet, Math.max(...rules.map((r) => r.length - (r.includes('$HOME_NET') ? '$HOME_NET'.length : 0))));
  return [...header(catalog, mode, options, ipTargets), ...rules].join('\n') + '\n';
}

/** `dotprefix; content:".x"; endswith;` for a wildcard, `content:"x"; startswith; endswith;` for a name. */
function match(target: string): string {
  const text = suricataText('content', target, true);
  return target.startsWith('.')
    ? `dotprefix; content:"${text}"; nocase; endswith;`
    : `content:"${text}"; nocase; startswith; endswith;`;
}

function chunkCidrs(cidrs: string[], overhead: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = overhead;
  for (const c of cidrs) {
    if (current.length > 0 && size + c.length + 1 > RULE_BUDGET) {
      chunks.push(current);
      current = [];
      size = overhead;
    }
    current.push(c);
    size += c.length + 1;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function header(catalog: SuricataCatalogData, mode: AllowListMode, options: SuricataExportOptions, ipTargets: IpTarget[]): string[] {
  const lines = [
    `# Amazon Connect allow list for ${catalog.region}, mode ${mode.name}, endpoint sets ${catalog.endpointSets.join('+')}.`,
    `# Facts: https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html and related pages (read ${catalog.readDate}).`,
    `# HOME_NET: set the rule variable HOME_NET to [${options.homeNet.join(',')}] (the agents' networks).`,
    '# Rule order: pass rules come first. With STRICT_ORDER use the default action aws:drop_established (a drop of',
    '# unestablished TCP would stop the handshake before the server name is seen). The UDP 3478 rule is',
    '# bidirectional (<>) so the media coming back from Amazon Connect passes too.',
  ];
  if (mode.name === AllowListMode.DOMAINS.name) {
    lines.push('# Domain rules match the TLS server name (SNI) only: URL paths cannot be enforced, and UDP media needs the IP rules below.');
  }
  for (const t of ipTargets) {
    if (t.cidrs === undefined) {
      const sel = t.req.allRegions ? 'every Region' : t.req.regions.join(' + ');
      lines.push(`# IP set reference @${ipSetReferenceName(t.req.service)}: define it (ReferenceSets) as the ip-ranges.json ${t.req.service} prefixes, ${sel}.`);
    }
  }
  return lines;
}

/** FRRouting renderer (not exported from the package). Output is an integrated `frr.conf` for `vtysh -f`. */
import { bangComments, ciscoStyleInbound, ciscoStylePrefixList } from './cisco-style';
import { headerLines, inboundLines, md5Lines, outboundLines, routerIdLines } from './comments';
import { BFD_INTERVAL_MS, BFD_MULTIPLIER, NAMES, PLACEHOLDERS, PeeringPlan, families } from './plan';

const c = bangComments;
const prefixList = ciscoStylePrefixList;


/** Renders the FRR configuration. */
export function renderFrr(plan: PeeringPlan): string {
  const sub = `${plan.interfaceName}.${plan.vlan}`;
  const v6peer = PLACEHOLDERS.amazonIpv6;
  const out: string[] = [];
  out.push(...c(headerLines(plan)));
  out.push('!', 'frr defaults traditional', '!');

  out.push(...c([
    `802.1Q sub-interface: VLAN ${plan.vlan} on ${plan.interfaceName} carries the virtual interface.`,
    'FRR sets addresses but does not create VLAN devices; create it in the operating system first, e.g.',
    `  ip link add link ${plan.interfaceName} name ${sub} type vlan id ${plan.vlan} && ip link set ${sub} up`,
    ...(plan.ipv6 ? [`IPv6: replace ${PLACEHOLDERS.customerIpv6} with your address from the /125 AWS allocated to the IPv6 peer.`] : []),
  ]));
  out.push(`interface ${sub}`, ` description ${plan.description} (VLAN ${plan.vlan})`, ` ip address ${plan.customerCidr}`);
  if (plan.ipv6) out.push(` ipv6 address ${PLACEHOLDERS.customerIpv6}/125`);
  out.push('exit', '!');

  if (plan.bfd) {
    out.push(...c([
      `BFD: ${BFD_INTERVAL_MS} ms x ${BFD_MULTIPLIER} (the AWS minimums) detects a dead link in about a second instead of the`,
      'BGP hold time. Needs bfdd running. Graceful restart is deliberately not configured:',
      'AWS advises against graceful restart together with BFD.',
    ]));
    out.push('bfd', ` profile ${NAMES.bfdProfile}`, `  detect-multiplier ${BFD_MULTIPLIER}`,
      `  receive-interval ${BFD_INTERVAL_MS}`, `  transmit-interval ${BFD_INTERVAL_MS}`, ' exit', 'exit', '!');
  }

  out.push(...c(outboundLines(plan)));
  for (const f of families(plan)) {
    const prefixes = f === 4 ? plan.outbound4 : plan.outbound6;
    out.push(...prefixList(NAMES.outbound(f), f, prefixes, false));
    out.push(`route-map ${NAMES.outbound(f)} permit 10`,
      ` match ${f === 4 ? 'ip' : 'ipv6'} address prefix-list ${NAMES.outbound(f)}`,
      ` set community ${plan.scope.community}`,
      'exit');
  }
  out.push(...c(['(a route-map denies whatever no entry permits)']), '!');

  out.push(...c(inboundLines(plan)));
  out.push(...ciscoStyleInbound(plan, 'bgp community-list', 'exit'));
  out.push('!');

  out.push(...c([
    'The prefixes are advertised only while they are in the routing table (network statements below).',
    'If they are not routed inside your network already, anchor them here (uncomment):',
    ...plan.outbound4.map((p) => `ip route ${p} blackhole`),
    ...plan.outbound6.map((p) => `ipv6 route ${p} blackhole`),
  ]), '!');

  out.push(...c(md5Lines(plan)));
  out.push(...c([
    'eBGP policy: FRR exchanges no routes with an eBGP peer that lacks a policy (bgp ebgp-requires-policy,',
    'on by default); the route-maps above are applied in both directions. No default ipv4-unicast:',
    'each session is activated only in its own address family.',
  ]));
  out.push(`router bgp ${plan.asn}`, ...c(routerIdLines(plan, 'bgp router-id {ID}'), ' '), ' no bgp default ipv4-unicast');
  const neighbor = (peer: string): string[] => [
    ` neighbor ${peer} remote-as ${plan.amazonAsn}`,
    ` neighbor ${peer} description ${plan.description}`,
    ` neighbor ${peer} password ${plan.md5}`,
    ...(plan.bfd ? [` neighbor ${peer} bfd profile ${NAMES.bfdProfile}`] : []),
  ];
  out.push(...neighbor(plan.amazonIp));
  if (plan.ipv6) {
    out.push(...c([`IPv6 peer: replace ${v6peer} with the Amazon address of the /125 AWS allocated.`], ' '));
    out.push(...neighbor(v6peer));
  }
  for (const f of families(plan)) {
    const peer = f === 4 ? plan.amazonIp : v6peer;
    const prefixes = f === 4 ? plan.outbound4 : plan.outbound6;
    out.push(' !', ` address-family ipv${f} unicast`);
    out.push(...prefixes.map((p) => `  network ${p}`));
    out.push(`  neighbor ${peer} activate`,
      `  neighbor ${peer} route-map ${NAMES.inbound(f)} in`,
      `  neighbor ${peer} route-map ${NAMES.outbound(f)} out`,
      ' exit-address-family');
  }
  out.push('exit', '!', 'end');
  return out.join('\n') + '\n';
}

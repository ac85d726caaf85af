/** FRRouting renderer (not exported from the package). Output is an integrated `frr.conf` for `vtysh -f`. */
import { bangComments, ciscoStyleInbound, ciscoStyleOutbound } from './cisco-style';
import { headerLines, inboundLines, md5Lines, outboundLines, routerIdLines } from './comments';
import { BFD_INTERVAL_MS, BFD_MULTIPLIER, NAMES, PeeringPlan, SessionPlan, families } from './plan';
import { failoverLines, originated, roleName } from './roles';

const c = bangComments;


/** Renders the FRR configuration. */
export function renderFrr(plan: PeeringPlan): string {
  const out: string[] = [];
  out.push(...c(headerLines(plan)));
  out.push(...c(failoverLines(plan)));
  out.push('!', 'frr defaults traditional', '!');

  for (const session of plan.sessions) {
    const sub = `${session.interfaceName}.${session.vlan}`;
    out.push(...c([
      `802.1Q sub-interface: VLAN ${session.vlan} on ${session.interfaceName} carries the virtual interface.`,
      'FRR sets addresses but does not create VLAN devices; create it in the operating system first, e.g.',
      `  ip link add link ${session.interfaceName} name ${sub} type vlan id ${session.vlan} && ip link set ${sub} up`,
      ...(plan.ipv6 ? [`IPv6: replace ${session.customerIpv6} with your address from the /125 AWS allocated to the IPv6 peer.`] : []),
    ]));
    out.push(`interface ${sub}`, ` description ${session.description} (VLAN ${session.vlan})`, ` ip address ${session.customerCidr}`);
    if (plan.ipv6) out.push(` ipv6 address ${session.customerIpv6}/125`);
    out.push('exit', '!');
  }

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
  out.push(...ciscoStyleOutbound(plan, 'exit'));
  out.push(...c(['(a route-map denies whatever no entry permits)']), '!');

  out.push(...c(inboundLines(plan)));
  out.push(...ciscoStyleInbound(plan, 'bgp community-list', 'exit'));
  out.push('!');

  out.push(...c([
    'The prefixes are advertised only while they are in the routing table (network statements below).',
    'If they are not routed inside your network already, anchor them here (uncomment):',
    ...originated(plan, 4).map((p) => `ip route ${p} blackhole`),
    ...originated(plan, 6).map((p) => `ipv6 route ${p} blackhole`),
  ]), '!');

  out.push(...c(md5Lines(plan)));
  out.push(...c([
    'eBGP policy: FRR exchanges no routes with an eBGP peer that lacks a policy (bgp ebgp-requires-policy,',
    'on by default); the route-maps above are applied in both directions. No default ipv4-unicast:',
    'each session is activated only in its own address family.',
  ]));
  out.push(`router bgp ${plan.asn}`, ...c(routerIdLines(plan, 'bgp router-id {ID}'), ' '), ' no bgp default ipv4-unicast');
  const neighbor = (session: SessionPlan, peer: string): string[] => [
    ` neighbor ${peer} remote-as ${plan.amazonAsn}`,
    ` neighbor ${peer} description ${session.description}`,
    ` neighbor ${peer} password ${session.md5}`,
    ...(plan.bfd ? [` neighbor ${peer} bfd profile ${NAMES.bfdProfile}`] : []),
    ...(plan.timers ? [` neighbor ${peer} timers ${plan.timers.keepaliveSeconds} ${plan.timers.holdSeconds}`] : []),
  ];
  for (const session of plan.sessions) {
    out.push(...neighbor(session, session.amazonIp));
    if (plan.ipv6) {
      out.push(...c([`IPv6 peer: replace ${session.amazonIpv6} with the Amazon address of the /125 AWS allocated.`], ' '));
      out.push(...neighbor(session, session.amazonIpv6));
    }
  }
  for (const f of families(plan)) {
    out.push(' !', ` address-family ipv${f} unicast`);
    out.push(...originated(plan, f).map((p) => `  network ${p}`));
    if (plan.failover && plan.failover.ecmpPaths > 1) out.push(`  maximum-paths ${plan.failover.ecmpPaths}`);
    for (const session of plan.sessions) {
      const peer = f === 4 ? session.amazonIp : session.amazonIpv6;
      out.push(`  neighbor ${peer} activate`,
        `  neighbor ${peer} route-map ${roleName(NAMES.inbound(f), session.role)} in`,
        `  neighbor ${peer} route-map ${roleName(NAMES.outbound(f), session.role)} out`);
    }
    out.push(' exit-address-family');
  }
  out.push('exit', '!', 'end');
  return out.join('\n') + '\n';
}

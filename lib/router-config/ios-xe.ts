/** Cisco IOS XE renderer (not exported from the package). Output is configuration-mode commands. */
import { formatAddress, hostMask, parseCidr } from '../private/cidr';
import { bangComments, ciscoStyleInbound, ciscoStyleOutbound } from './cisco-style';
import { headerLines, inboundLines, md5Lines, outboundLines, routerIdLines } from './comments';
import { BFD_INTERVAL_MS, BFD_MULTIPLIER, NAMES, PeeringPlan, SessionPlan, families } from './plan';
import { failoverLines, originated, roleName } from './roles';

const c = bangComments;

/** `203.0.113.0/24` -> `203.0.113.0 mask 255.255.255.0` */
function networkMask(cidr: string): string {
  const p = parseCidr(cidr)!;
  return `${formatAddress(4, p.address)} mask ${formatAddress(4, ~hostMask(4, p.length) & 0xffffffffn)}`;
}


/** Renders the Cisco IOS XE configuration. */
export function renderIosXe(plan: PeeringPlan): string {
  const out: string[] = [];
  out.push(...c(headerLines(plan)));
  out.push(...c(failoverLines(plan)), '!');

  plan.sessions.forEach((session, i) => {
    const sub = `${session.interfaceName}.${session.vlan}`;
    out.push(...c([
      `802.1Q sub-interface: VLAN ${session.vlan} on ${session.interfaceName} carries the virtual interface.`,
      ...(plan.ipv6 ? [`IPv6: replace ${session.customerIpv6} with your address from the /125 AWS allocated to the IPv6 peer.`] : []),
      ...(plan.bfd && i === 0 ? [`BFD: ${BFD_INTERVAL_MS} ms x ${BFD_MULTIPLIER} (the AWS minimums). Graceful restart is deliberately not configured:`,
        'AWS advises against graceful restart together with BFD.'] : []),
    ]));
    out.push(`interface ${sub}`, ` description ${session.description} (VLAN ${session.vlan})`, ` encapsulation dot1Q ${session.vlan}`,
      ` ip address ${session.customerIp} ${session.netmask}`);
    if (plan.ipv6) out.push(` ipv6 address ${session.customerIpv6}/125`);
    if (plan.bfd) out.push(` bfd interval ${BFD_INTERVAL_MS} min_rx ${BFD_INTERVAL_MS} multiplier ${BFD_MULTIPLIER}`);
    out.push(' no shutdown', '!');
  });
  if (plan.ipv6) out.push(...c(['IPv6 routing must be on for the IPv6 session.']), 'ipv6 unicast-routing', '!');
  out.push(...c(['Show and match communities as AS:value (7224:8100) rather than as 32-bit numbers.']),
    'ip bgp-community new-format', '!');

  out.push(...c(outboundLines(plan)));
  out.push(...ciscoStyleOutbound(plan, '!'));
  out.push(...c(['(a route-map denies whatever no entry permits; send-community below makes IOS send the tag)']), '!');

  out.push(...c(inboundLines(plan)));
  out.push(...ciscoStyleInbound(plan, 'ip community-list', '!'));

  out.push(...c([
    'The prefixes are advertised only while they are in the routing table (network statements below).',
    'If they are not routed inside your network already, anchor them here (uncomment):',
    ...originated(plan, 4).map((p) => `ip route ${networkMask(p).replace(' mask ', ' ')} Null0`),
    ...originated(plan, 6).map((p) => `ipv6 route ${p} Null0`),
  ]), '!');

  out.push(...c([
    ...md5Lines(plan),
    'Some Cisco IOS releases limit BGP neighbor passwords to 25 characters (the virtual interface key is 6-80):',
    'if the router refuses the key, check the limit of your release before changing the key on both sides.',
  ]));
  out.push(`router bgp ${plan.asn}`, ' bgp log-neighbor-changes', ...c(routerIdLines(plan, 'bgp router-id {ID}'), ' '),
    ' no bgp default ipv4-unicast');
  const neighbor = (session: SessionPlan, peer: string): string[] => [
    ` neighbor ${peer} remote-as ${plan.amazonAsn}`,
    ` neighbor ${peer} description ${session.description}`,
    ` neighbor ${peer} password ${session.md5}`,
    ...(plan.bfd ? [` neighbor ${peer} fall-over bfd`] : []),
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
    out.push(' !', ` address-family ipv${f}`);
    out.push(...(f === 4 ? originated(plan, 4).map((p) => `  network ${networkMask(p)}`) : originated(plan, 6).map((p) => `  network ${p}`)));
    if (plan.failover && plan.failover.ecmpPaths > 1) out.push(`  maximum-paths ${plan.failover.ecmpPaths}`);
    for (const session of plan.sessions) {
      const peer = f === 4 ? session.amazonIp : session.amazonIpv6;
      out.push(`  neighbor ${peer} activate`,
        `  neighbor ${peer} send-community`,
        `  neighbor ${peer} route-map ${roleName(NAMES.inbound(f), session.role)} in`,
        `  neighbor ${peer} route-map ${roleName(NAMES.outbound(f), session.role)} out`);
    }
    out.push(' exit-address-family');
  }
  out.push('!', 'end');
  return out.join('\n') + '\n';
}

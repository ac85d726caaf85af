/** Juniper Junos OS renderer (not exported from the package). Output is a hierarchy for `load merge terminal`. */
import { headerLines, inboundLines, md5Lines, outboundLines, routerIdLines } from './comments';
import { BFD_INTERVAL_MS, BFD_MULTIPLIER, NAMES, PeeringPlan, SessionRole, families } from './plan';
import { failoverLines, localPreferenceOf, moreSpecificsOf, originated, prependOf, roleName, rolesOf } from './roles';

/** Junos annotations: `/* ... *\/` lines, accepted by `load merge`. */
const c = (lines: string[], indent: string): string[] => lines.map((l) => `${indent}/* ${l.replace(/\*\//g, '* /')} */`);

/** Community names for the AWS origins a scope accepts. */
const ORIGIN_COMMUNITY_NAME: Record<string, string> = {
  '7224:8100': 'AWS-DX-SAME-REGION',
  '7224:8200': 'AWS-DX-SAME-CONTINENT',
};


/** Renders the Junos configuration. */
export function renderJunos(plan: PeeringPlan): string {
  const accepted = plan.accept.acceptedAwsCommunities;
  const byCommunity = !plan.accept.acceptsUntaggedRoutes;
  const out: string[] = [];
  out.push(...c(headerLines(plan), ''), ...c(failoverLines(plan), ''),
    ...c(['Load with: configure; load merge terminal (paste, then Ctrl-D); show | compare; commit check; commit'], ''));

  out.push('interfaces {');
  for (const parent of [...new Set(plan.sessions.map((x) => x.interfaceName))]) {
    out.push(`    ${parent} {`);
    plan.sessions.filter((x) => x.interfaceName === parent).forEach((session, i) => {
      out.push(...c([
        `802.1Q sub-interface: VLAN ${session.vlan} on ${parent} (unit ${session.vlan}) carries the virtual interface.`,
        ...(plan.ipv6 ? [`IPv6: replace ${session.customerIpv6} with your address from the /125 AWS allocated to the IPv6 peer.`] : []),
      ], '        '));
      if (i === 0) out.push('        vlan-tagging;');
      out.push(`        unit ${session.vlan} {`, `            description "${session.description} (VLAN ${session.vlan})";`,
        `            vlan-id ${session.vlan};`, '            family inet {', `                address ${session.customerCidr};`, '            }');
      if (plan.ipv6) out.push('            family inet6 {', `                address ${session.customerIpv6}/125;`, '            }');
      out.push('        }');
    });
    out.push('    }');
  }
  out.push('}');

  const ecmp = plan.failover !== undefined && plan.failover.ecmpPaths > 1;
  out.push('routing-options {', ...c([
    `autonomous-system is the router's own AS: if it already runs BGP under another AS, drop this line and add`,
    `local-as ${plan.asn}; to the group below instead (changing the router's AS resets every BGP session).`,
  ], '    '), `    autonomous-system ${plan.asn};`, ...c(routerIdLines(plan, 'router-id {ID};'), '    '));
  out.push(...c([
    'The prefixes are advertised only while they are active routes (the export policy matches them).',
    'If they are not routed inside your network already, anchor them with discard routes:',
    ...originated(plan, 4).map((p) => `set routing-options static route ${p} discard`),
    ...originated(plan, 6).map((p) => `set routing-options rib inet6.0 static route ${p} discard`),
  ], '    '));
  if (ecmp) {
    out.push(...c(['Install every equal-cost path in the forwarding table (BGP multipath alone only selects them).'], '    '),
      '    forwarding-table {', `        export ${NAMES.group}-ECMP;`, '    }');
  }
  out.push('}');

  const outName = NAMES.outbound(4).replace(/-V4$/, '');
  const inName = NAMES.inbound(4).replace(/-V4$/, '');
  out.push('policy-options {');
  out.push(...c(outboundLines(plan), '    '));
  for (const f of families(plan)) {
    const prefixes = f === 4 ? plan.outbound4 : plan.outbound6;
    out.push(`    prefix-list ${NAMES.outbound(f)} {`, ...prefixes.map((p) => `        ${p};`), '    }');
    const more = rolesOf(plan).flatMap((r) => moreSpecificsOf(plan, r, f));
    if (more.length > 0) out.push(`    prefix-list ${NAMES.moreSpecific(f)} {`, ...more.map((p) => `        ${p};`), '    }');
  }
  out.push(`    community ${NAMES.scopeCommunity} members ${plan.scope.community};`);
  out.push(...c(inboundLines(plan), '    '));
  if (byCommunity) {
    for (const community of accepted) out.push(`    community ${ORIGIN_COMMUNITY_NAME[community]} members ${community};`);
  }
  for (const f of families(plan)) {
    const narrow = f === 4 ? plan.inbound4 : plan.inbound6;
    if (narrow) out.push(`    prefix-list ${NAMES.narrow(f)} {`, ...narrow.map((p) => `        ${p};`), '    }');
  }

  const exportPolicy = (role: SessionRole): string[] => {
    const lines = [`    policy-statement ${roleName(outName, role)} {`];
    const prepend = prependOf(plan, role);
    const then = [`                community set ${NAMES.scopeCommunity};`,
      ...(prepend > 0 ? [`                as-path-prepend "${Array(prepend).fill(plan.asn).join(' ')}";`] : []), '                accept;'];
    for (const f of families(plan)) {
      lines.push(`        term ADVERTISE-V${f} {`, '            from {', `                prefix-list-filter ${NAMES.outbound(f)} exact;`, '            }',
        '            then {', ...then, '            }', '        }');
      if (moreSpecificsOf(plan, role, f).length > 0) {
        lines.push(`        term ADVERTISE-MORE-SPECIFIC-V${f} {`, '            from {', `                prefix-list-filter ${NAMES.moreSpecific(f)} exact;`, '            }',
          '            then {', ...then, '            }', '        }');
      }
    }
    lines.push('        term REJECT-REST {', '            then reject;', '        }', '    }');
    return lines;
  };
  const importPolicy = (role: SessionRole): string[] => {
    const lines = [`    policy-statement ${roleName(inName, role)} {`];
    const pref = localPreferenceOf(role);
    for (const f of families(plan)) {
      const narrow = f === 4 ? plan.inbound4 : plan.inbound6;
      const from: string[] = [];
      if (byCommunity) {
        const names = accepted.map((x) => ORIGIN_COMMUNITY_NAME[x]);
        from.push(`                community ${names.length === 1 ? names[0] : `[ ${names.join(' ')} ]`};`);
      }
      if (narrow) from.push(`                prefix-list-filter ${NAMES.narrow(f)} orlonger;`);
      else from.push(`                family ${f === 4 ? 'inet' : 'inet6'};`);
      const then = pref === undefined ? ['            then accept;']
        : ['            then {', `                local-preference ${pref};`, '                accept;', '            }'];
      lines.push(`        term ACCEPT-V${f} {`, '            from {', ...from, '            }', ...then, '        }');
    }
    lines.push('        term REJECT-REST {', '            then reject;', '        }', '    }');
    return lines;
  };
  for (const role of rolesOf(plan)) out.push(...exportPolicy(role));
  for (const role of rolesOf(plan)) out.push(...importPolicy(role));
  if (ecmp) {
    out.push(`    policy-statement ${NAMES.group}-ECMP {`, '        then {', '            load-balance per-packet;', '        }', '    }');
  }
  out.push('}');

  const perNeighbor = plan.sessions.length > 1;
  out.push('protocols {', '    bgp {', `        group ${NAMES.group} {`);
  out.push(...c([
    ...md5Lines(plan),
    'Graceful restart is deliberately not configured: AWS advises against it together with BFD.',
  ], '            '));
  out.push('            type external;', `            description "${plan.description}";`, `            peer-as ${plan.amazonAsn};`);
  if (!perNeighbor) {
    out.push(`            import ${roleName(inName, plan.sessions[0].role)};`, `            export ${roleName(outName, plan.sessions[0].role)};`,
      `            authentication-key "${plan.md5}";`);
  }
  if (ecmp) out.push('            multipath;');
  if (plan.timers) {
    out.push(...c([`Hold time ${plan.timers.holdSeconds} s; Junos sends keepalives at a third of it.`], '            '),
      `            hold-time ${plan.timers.holdSeconds};`);
  }
  if (plan.bfd) {
    out.push(...c([`BFD: ${BFD_INTERVAL_MS} ms x ${BFD_MULTIPLIER} (the AWS minimums).`], '            '));
    out.push('            bfd-liveness-detection {', `                minimum-interval ${BFD_INTERVAL_MS};`, `                multiplier ${BFD_MULTIPLIER};`, '            }');
  }
  for (const session of plan.sessions) {
    const own = perNeighbor ? [`                description "${session.description}";`, `                import ${roleName(inName, session.role)};`,
      `                export ${roleName(outName, session.role)};`, `                authentication-key "${session.md5}";`] : [];
    out.push(`            neighbor ${session.amazonIp} {`, ...own, `                local-address ${session.customerIp};`, '                family inet {', '                    unicast;', '                }', '            }');
    if (plan.ipv6) {
      out.push(...c([`IPv6 peer: replace ${session.amazonIpv6} with the Amazon address of the /125 AWS allocated.`], '            '));
      out.push(`            neighbor ${session.amazonIpv6} {`, ...own, `                local-address ${session.customerIpv6};`, '                family inet6 {', '                    unicast;', '                }', '            }');
    }
  }
  out.push('        }', '    }', '}');
  return out.join('\n') + '\n';
}

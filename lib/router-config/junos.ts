/** Juniper Junos OS renderer (not exported from the package). Output is a hierarchy for `load merge terminal`. */
import { headerLines, inboundLines, md5Lines, outboundLines, routerIdLines } from './comments';
import { BFD_INTERVAL_MS, BFD_MULTIPLIER, NAMES, PLACEHOLDERS, PeeringPlan, families } from './plan';

/** Junos annotations: `/* ... *\/` lines, accepted by `load merge`. */
const c = (lines: string[], indent: string): string[] => lines.map((l) => `${indent}/* ${l.replace(/\*\//g, '* /')} */`);

/** Community names for the AWS origins a scope accepts. */
const ORIGIN_COMMUNITY_NAME: Record<string, string> = {
  '7224:8100': 'AWS-DX-SAME-REGION',
  '7224:8200': 'AWS-DX-SAME-CONTINENT',
};


/** Renders the Junos configuration. */
export function renderJunos(plan: PeeringPlan): string {
  const v6peer = PLACEHOLDERS.amazonIpv6;
  const accepted = plan.scope.acceptedAwsCommunities;
  const byCommunity = !plan.scope.acceptsUntaggedRoutes;
  const out: string[] = [];
  out.push(...c(headerLines(plan), ''), ...c(['Load with: configure; load merge terminal (paste, then Ctrl-D); show | compare; commit check; commit'], ''));

  out.push('interfaces {', `    ${plan.interfaceName} {`);
  out.push(...c([
    `802.1Q sub-interface: VLAN ${plan.vlan} on ${plan.interfaceName} (unit ${plan.vlan}) carries the virtual interface.`,
    ...(plan.ipv6 ? [`IPv6: replace ${PLACEHOLDERS.customerIpv6} with your address from the /125 AWS allocated to the IPv6 peer.`] : []),
  ], '        '));
  out.push('        vlan-tagging;', `        unit ${plan.vlan} {`, `            description "${plan.description} (VLAN ${plan.vlan})";`,
    `            vlan-id ${plan.vlan};`, '            family inet {', `                address ${plan.customerCidr};`, '            }');
  if (plan.ipv6) out.push('            family inet6 {', `                address ${PLACEHOLDERS.customerIpv6}/125;`, '            }');
  out.push('        }', '    }', '}');

  out.push('routing-options {', ...c([
    `autonomous-system is the router's own AS: if it already runs BGP under another AS, drop this line and add`,
    `local-as ${plan.asn}; to the group below instead (changing the router's AS resets every BGP session).`,
  ], '    '), `    autonomous-system ${plan.asn};`, ...c(routerIdLines(plan, 'router-id {ID};'), '    '));
  out.push(...c([
    'The prefixes are advertised only while they are active routes (the export policy matches them).',
    'If they are not routed inside your network already, anchor them with discard routes:',
    ...plan.outbound4.map((p) => `set routing-options static route ${p} discard`),
    ...plan.outbound6.map((p) => `set routing-options rib inet6.0 static route ${p} discard`),
  ], '    '));
  out.push('}');

  out.push('policy-options {');
  out.push(...c(outboundLines(plan), '    '));
  for (const f of families(plan)) {
    const prefixes = f === 4 ? plan.outbound4 : plan.outbound6;
    out.push(`    prefix-list ${NAMES.outbound(f)} {`, ...prefixes.map((p) => `        ${p};`), '    }');
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

  out.push(`    policy-statement ${NAMES.outbound(4).replace(/-V4$/, '')} {`);
  for (const f of families(plan)) {
    out.push(`        term ADVERTISE-V${f} {`, '            from {', `                prefix-list-filter ${NAMES.outbound(f)} exact;`, '            }',
      '            then {', `                community set ${NAMES.scopeCommunity};`, '                accept;', '            }', '        }');
  }
  out.push('        term REJECT-REST {', '            then reject;', '        }', '    }');

  out.push(`    policy-statement ${NAMES.inbound(4).replace(/-V4$/, '')} {`);
  for (const f of families(plan)) {
    const narrow = f === 4 ? plan.inbound4 : plan.inbound6;
    const from: string[] = [];
    if (byCommunity) {
      const names = accepted.map((x) => ORIGIN_COMMUNITY_NAME[x]);
      from.push(`                community ${names.length === 1 ? names[0] : `[ ${names.join(' ')} ]`};`);
    }
    if (narrow) from.push(`                prefix-list-filter ${NAMES.narrow(f)} orlonger;`);
    else from.push(`                family ${f === 4 ? 'inet' : 'inet6'};`);
    out.push(`        term ACCEPT-V${f} {`, '            from {', ...from, '            }', '            then accept;', '        }');
  }
  out.push('        term REJECT-REST {', '            then reject;', '        }', '    }', '}');

  out.push('protocols {', '    bgp {', `        group ${NAMES.group} {`);
  out.push(...c([
    ...md5Lines(plan),
    'Graceful restart is deliberately not configured: AWS advises against it together with BFD.',
  ], '            '));
  out.push('            type external;', `            description "${plan.description}";`, `            peer-as ${plan.amazonAsn};`,
    `            import ${NAMES.inbound(4).replace(/-V4$/, '')};`, `            export ${NAMES.outbound(4).replace(/-V4$/, '')};`,
    `            authentication-key "${plan.md5}";`);
  if (plan.bfd) {
    out.push(...c([`BFD: ${BFD_INTERVAL_MS} ms x ${BFD_MULTIPLIER} (the AWS minimums).`], '            '));
    out.push('            bfd-liveness-detection {', `                minimum-interval ${BFD_INTERVAL_MS};`, `                multiplier ${BFD_MULTIPLIER};`, '            }');
  }
  out.push(`            neighbor ${plan.amazonIp} {`, `                local-address ${plan.customerIp};`, '                family inet {', '                    unicast;', '                }', '            }');
  if (plan.ipv6) {
    out.push(...c([`IPv6 peer: replace ${v6peer} with the Amazon address of the /125 AWS allocated.`], '            '));
    out.push(`            neighbor ${v6peer} {`, `                local-address ${PLACEHOLDERS.customerIpv6};`, '                family inet6 {', '                    unicast;', '                }', '            }');
  }
  out.push('        }', '    }', '}');
  return out.join('\n') + '\n';
}

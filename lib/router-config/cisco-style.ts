/** Text helpers in the syntax FRR and IOS XE share (prefix lists, community lists, route-maps, `!` comments). */
import { families, NAMES, PeeringPlan } from './plan';
import { localPreferenceOf, moreSpecificsOf, prependOf, roleName, rolesOf } from './roles';

/** The maximum prefix length of the family, used for `le` bounds. */
export function maxLength(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

/** Prefix length of a CIDR text known to be valid. */
export function lengthOf(cidr: string): number {
  return Number(cidr.slice(cidr.indexOf('/') + 1));
}

/** `!` comment lines, as FRR and IOS XE both write them. */
export const bangComments = (lines: string[], indent = ''): string[] => lines.map((l) => `${indent}! ${l}`.trimEnd());

/**
 * An `ip prefix-list` / `ipv6 prefix-list` in the syntax FRR and IOS XE share; with `orLonger`, more-specific
 * routes inside each prefix match too (`le 32` / `le 128`).
 */
export function ciscoStylePrefixList(name: string, family: 4 | 6, prefixes: string[], orLonger: boolean): string[] {
  const kw = family === 4 ? 'ip' : 'ipv6';
  return prefixes.map((p, i) => {
    const le = orLonger && lengthOf(p) < maxLength(family) ? ` le ${maxLength(family)}` : '';
    return `${kw} prefix-list ${name} seq ${(i + 1) * 5} permit ${p}${le}`;
  });
}

/**
 * The inbound filter in the syntax FRR and IOS XE share: a standard community list of the AWS communities the
 * Region pair (else the scope) accepts (none for GLOBAL, which accepts every route), and per family a route-map that matches it and,
 * when narrowing is asked for, the narrowing prefix list. `communityList` is the command (`bgp community-list` in
 * FRR, `ip community-list` in IOS XE); `terminator` closes a route-map (`exit` in FRR, `!` in IOS XE).
 */
export function ciscoStyleInbound(plan: PeeringPlan, communityList: string, terminator: string): string[] {
  const out: string[] = [];
  const byCommunity = !plan.accept.acceptsUntaggedRoutes;
  if (byCommunity) {
    for (const community of plan.accept.acceptedAwsCommunities) {
      out.push(`${communityList} standard ${NAMES.awsCommunities} permit ${community}`);
    }
  }
  for (const f of families(plan)) {
    const narrow = f === 4 ? plan.inbound4 : plan.inbound6;
    if (narrow) out.push(...ciscoStylePrefixList(NAMES.narrow(f), f, narrow, true));
    for (const role of rolesOf(plan)) {
      out.push(`route-map ${roleName(NAMES.inbound(f), role)} permit 10`);
      if (byCommunity) out.push(` match community ${NAMES.awsCommunities}`);
      if (narrow) out.push(` match ${f === 4 ? 'ip' : 'ipv6'} address prefix-list ${NAMES.narrow(f)}`);
      const pref = localPreferenceOf(role);
      if (pref !== undefined) out.push(` set local-preference ${pref}`);
      out.push(terminator);
    }
  }
  return out;
}

/**
 * The outbound route-maps in the syntax FRR and IOS XE share, one per role on the router: the route filter prefixes
 * tagged with the scope community (a backup of a prepend policy also prepends the ASN), and on a primary of a
 * more-specific policy a second entry for the more-specific prefixes. `terminator` closes a route-map.
 */
export function ciscoStyleOutbound(plan: PeeringPlan, terminator: string): string[] {
  const out: string[] = [];
  for (const f of families(plan)) {
    const prefixes = f === 4 ? plan.outbound4 : plan.outbound6;
    const kw = f === 4 ? 'ip' : 'ipv6';
    out.push(...ciscoStylePrefixList(NAMES.outbound(f), f, prefixes, false));
    const more = rolesOf(plan).flatMap((r) => moreSpecificsOf(plan, r, f));
    if (more.length > 0) out.push(...ciscoStylePrefixList(NAMES.moreSpecific(f), f, more, false));
    for (const role of rolesOf(plan)) {
      const name = roleName(NAMES.outbound(f), role);
      const prepend = prependOf(plan, role);
      out.push(`route-map ${name} permit 10`, ` match ${kw} address prefix-list ${NAMES.outbound(f)}`, ` set community ${plan.scope.community}`);
      if (prepend > 0) out.push(` set as-path prepend ${Array(prepend).fill(plan.asn).join(' ')}`);
      out.push(terminator);
      if (moreSpecificsOf(plan, role, f).length > 0) {
        out.push(`route-map ${name} permit 20`, ` match ${kw} address prefix-list ${NAMES.moreSpecific(f)}`, ` set community ${plan.scope.community}`, terminator);
      }
    }
  }
  return out;
}

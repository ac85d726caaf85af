/** Text helpers in the syntax FRR and IOS XE share (prefix lists, community lists, route-maps, `!` comments). */
import { families, NAMES, PeeringPlan } from './plan';

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
 * scope accepts (none for GLOBAL, which accepts every route), and per family a route-map that matches it and,
 * when narrowing is asked for, the narrowing prefix list. `communityList` is the command (`bgp community-list` in
 * FRR, `ip community-list` in IOS XE); `terminator` closes a route-map (`exit` in FRR, `!` in IOS XE).
 */
export function ciscoStyleInbound(plan: PeeringPlan, communityList: string, terminator: string): string[] {
  const out: string[] = [];
  const byCommunity = !plan.scope.acceptsUntaggedRoutes;
  if (byCommunity) {
    for (const community of plan.scope.acceptedAwsCommunities) {
      out.push(`${communityList} standard ${NAMES.awsCommunities} permit ${community}`);
    }
  }
  for (const f of families(plan)) {
    const narrow = f === 4 ? plan.inbound4 : plan.inbound6;
    if (narrow) out.push(...ciscoStylePrefixList(NAMES.narrow(f), f, narrow, true));
    out.push(`route-map ${NAMES.inbound(f)} permit 10`);
    if (byCommunity) out.push(` match community ${NAMES.awsCommunities}`);
    if (narrow) out.push(` match ${f === 4 ? 'ip' : 'ipv6'} address prefix-list ${NAMES.narrow(f)}`);
    out.push(terminator);
  }
  return out;
}

/**
 * What each session role of a failover set does in the rendered policy (not exported from the package): policy
 * object names, local preference, prepends and more-specific prefixes per role, and the comment lines that explain
 * it. Reads the plan's types only, so the plan's text helpers can use it without an import circle.
 */
import type { PeeringPlan, SessionRole } from './plan';

/** Local preference on routes learned from a primary and a backup: both above the usual default (100). */
export const LOCAL_PREFERENCE = { primary: 200, backup: 150 } as const;
/** Default and limits of the backup's AS_PATH prepends. */
export const PREPEND = { default: 3, min: 1, max: 10 } as const;

/** `AWS-DX-OUT-V4` as it is, or `AWS-DX-OUT-PRIMARY-V4` / `AWS-DX-OUT-BACKUP-V4` for the roles of an active/passive set. */
export function roleName(base: string, role: SessionRole): string {
  return role === 'primary' || role === 'backup' ? base.replace(/(-V[46])?$/, (v) => `-${role.toUpperCase()}${v}`) : base;
}

/** The roles present on a router, primary first. */
export function rolesOf(plan: PeeringPlan): SessionRole[] {
  const order: SessionRole[] = ['single', 'active', 'primary', 'backup'];
  return order.filter((r) => plan.sessions.some((s) => s.role === r));
}

/** Local preference a role sets on routes from AWS; undefined for none. */
export function localPreferenceOf(role: SessionRole): number | undefined {
  return role === 'primary' ? LOCAL_PREFERENCE.primary : role === 'backup' ? LOCAL_PREFERENCE.backup : undefined;
}

/** Prepends a role adds to the advertisements (only backups of a prepend policy). */
export function prependOf(plan: PeeringPlan, role: SessionRole): number {
  return role === 'backup' ? plan.failover?.prepend ?? 0 : 0;
}

/** More-specific prefixes a role advertises besides the route filter prefixes (only primaries of that policy). */
export function moreSpecificsOf(plan: PeeringPlan, role: SessionRole, family: 4 | 6): string[] {
  if (role !== 'primary' || !plan.failover) return [];
  return family === 4 ? plan.failover.moreSpecific4 : plan.failover.moreSpecific6;
}

/** Comment lines that explain the failover policy of this router (empty for a single interface). */
export function failoverLines(plan: PeeringPlan): string[] {
  const f = plan.failover;
  if (!f) return [];
  const paths = (role: SessionRole) => plan.sessions.filter((s) => s.role === role).map((s) => `path ${s.index} (VLAN ${s.vlan})`).join(', ');
  const lines = [`Failover: ${f.mode} across ${f.routerCount} router(s); this is ${f.routerName}, running ${plan.sessions.map((s) => `path ${s.index}`).join(', ')}.`];
  if (f.mode === 'ACTIVE_ACTIVE') {
    lines.push('Every session has equal attributes (no local preference, no prepends), so traffic uses every path.');
    if (f.ecmpPaths > 1) lines.push(`Equal-cost multipath over the ${f.ecmpPaths} sessions of this router.`);
  } else {
    if (paths('primary')) lines.push(`Primary: ${paths('primary')}: routes from AWS get local preference ${LOCAL_PREFERENCE.primary}.`);
    if (paths('backup')) lines.push(`Backup: ${paths('backup')}: routes from AWS get local preference ${LOCAL_PREFERENCE.backup} (both above the default 100).`);
    if (f.prepend > 0) lines.push(`AWS prefers the primary towards you: backups prepend AS ${plan.asn} ${f.prepend} time(s) (public ASN).`);
    if (f.moreSpecific4.length + f.moreSpecific6.length > 0) {
      lines.push('AWS prefers the primary towards you by longest prefix match: the primary also advertises',
        `${[...f.moreSpecific4, ...f.moreSpecific6].join(', ')} (halves of the route filter prefixes);`,
        'prepends would do nothing with a private ASN (AWS removes it and its prepends on a public VIF).');
    }
  }
  if (plan.timers) lines.push(`BGP timers: keepalive ${plan.timers.keepaliveSeconds} s, hold ${plan.timers.holdSeconds} s.`);
  return lines;
}

/** Every prefix this router originates in the family: the route filter prefixes and any more-specifics. */
export function originated(plan: PeeringPlan, family: 4 | 6): string[] {
  const base = family === 4 ? plan.outbound4 : plan.outbound6;
  return [...base, ...rolesOf(plan).flatMap((r) => moreSpecificsOf(plan, r, family))];
}
